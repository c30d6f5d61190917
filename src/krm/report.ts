import type { Fail } from '../core/fail.js';
import { errorResult, infoResult, warningResult } from './results.js';
import type { ObjectRef, Result } from './types.js';

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
  reject(onInvalid: 'warn' | 'fail', message: string, ref?: ObjectRef, fieldPath?: string): void {
    if (onInvalid === 'fail') this.error(message, ref, fieldPath);
    else this.warn(message, ref, fieldPath);
  }
  /** A Fail that reports each problem as an error about `ref`. */
  failFor(ref: ObjectRef): Fail {
    return (message, field) => {
      this.error(message, ref, field);
      return undefined;
    };
  }
  add(result: Result): void {
    this.#results.push(result);
  }
  get results(): readonly Result[] {
    return this.#results;
  }
}
