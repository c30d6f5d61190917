/**
 * The regex engine of the precompiled CRD schema validators. The validators
 * of @kubernetes-models/prometheus-operator check each `pattern` of the
 * operator's CRDs with `RegExp(pattern, "u")` (and the few `(?i)` patterns
 * with re2-wasm). scripts/build.mjs bundles them into
 * src/api/schema-validators.gen.js with both routed here, so that the
 * patterns run on RE2 as the API server runs them with Go's regexp: linear
 * in the text (the ByteSize pattern, unanchored at the start, backtracks
 * quadratically in JavaScript) and with Go's `(?i)`.
 */
import { re2, type Pattern } from './re2.js';

/** Stands in for the validators' `RegExp(source, "u")`; only `test` is used. RE2 is always Unicode-aware. */
export function crdPattern(source: string): Pattern {
  return re2(source);
}

/** Stands in for re2-wasm's `RE2` class, which the validators construct for the `(?i)` patterns. */
export class RE2 {
  readonly #pattern: Pattern;
  constructor(source: string) {
    this.#pattern = re2(source);
  }
  test(text: string): boolean {
    return this.#pattern.test(text);
  }
}
