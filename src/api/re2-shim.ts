/**
 * Stands in for re2-wasm inside the bundle (the real one loads a .wasm file
 * from beside its own module, which a single-file bundle does not have).
 * The precompiled schema validators use RE2 only for five patterns, all of
 * the form "(?i)…" (Go's case-insensitive flag on part of the pattern:
 * RuleGroup.partial_response_strategy, and month and weekday ranges of time
 * intervals). JavaScript has no inline flag in Node 20, so the flag applies
 * to the whole pattern: slightly more lenient, never stricter.
 */
export class RE2 {
  readonly #re: RegExp;
  constructor(pattern: string, flags = '') {
    const insensitive = pattern.includes('(?i)');
    const source = pattern.replace(/\(\?i\)/g, '');
    this.#re = new RegExp(source, insensitive && !flags.includes('i') ? `${flags}i` : flags);
  }
  test(s: string): boolean {
    this.#re.lastIndex = 0;
    return this.#re.test(s);
  }
}
