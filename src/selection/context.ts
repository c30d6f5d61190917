import type { Assets } from '../assets/assets.js';
import type { Memo } from '../core/memo.js';
import type { EarlierOutput } from '../krm/earlier-output.js';
import { errorResult, infoResult, warningResult } from '../krm/results.js';
import type { ObjectRef, Result } from '../krm/types.js';
import type { Options } from '../options/options.js';
import type { PromQLCheck } from '../rules/promql/check.js';
import type { SelectionFacts } from './facts.js';
import type { InputIndex } from './inputs.js';
import type { NamespaceIndex } from './namespaces.js';

/** Collects the results of one render. Created per call; never shared between renders. */
export class Reporter {
  readonly #results: Result[] = [];
  error(message: string, ref?: ObjectRef, fieldPath?: string): void {
    this.#results.push(errorResult(message, ref, fieldPath));
  }
  warn(message: string, ref?: ObjectRef, fieldPath?: string): void {
    this.#results.push(warningResult(message, ref, fieldPath));
  }
  info(message: string, ref?: ObjectRef, fieldPath?: string): void {
    this.#results.push(infoResult(message, ref, fieldPath));
  }
  /** An invalid object: a warning it is left out, or an error under `onInvalid: fail`. */
  reject(onInvalid: Options['onInvalid'], message: string, ref?: ObjectRef, fieldPath?: string): void {
    if (onInvalid === 'fail') this.error(message, ref, fieldPath);
    else this.warn(message, ref, fieldPath);
  }
  add(result: Result): void {
    this.#results.push(result);
  }
  get results(): readonly Result[] {
    return this.#results;
  }
}

/**
 * Where a step without a RenderContext reports a problem with its input. It
 * reports and ends in one statement, `return fail('…', 'spec.x')`, so that it
 * returns undefined like every step that can fail; callers test
 * `=== undefined` and return undefined in turn.
 */
export type Fail = (message: string, field: string) => undefined;

/** What every renderer receives besides the resource it renders. */
export interface RenderContext {
  readonly options: Options;
  readonly assets: Assets;
  readonly namespaces: NamespaceIndex;
  /** The monitoring objects owners select from. */
  readonly inputs: InputIndex;
  /** What each owner selected, computed once before any owner is rendered. */
  readonly selection: SelectionFacts;
  readonly report: Reporter;
  /** What an earlier run generated, when the input holds it (kpt writes the output back into the package). */
  readonly earlier: EarlierOutput;
  /** Work shared between owners within this render (rule files, say). */
  readonly memo: Memo;
  /** Whether a rule expression parses; parsing on the spot unless the caller has the answers already. */
  readonly promql: PromQLCheck;
}
