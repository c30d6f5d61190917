/**
 * How a render learns whether a rule expression parses. The default parses
 * on the spot. The CLI may instead answer from parsing done on another
 * thread (src/cli/promql-pool.ts): the answer must be the one parsePromQL
 * gives, so the output never depends on which checker ran.
 */
import type { ParseOptions, PromQLCheck } from '../../context/promql-check.js';
import { Memo } from '../../core/memo.js';
import { parsePromQL } from './parse.js';

export const parseCheck: PromQLCheck = (expr, options) => parsePromQL(expr, options).error;

/** parseCheck for many expressions: each distinct matcher regex is compiled once across all of them. */
export function parseChecker(memo: Memo = new Memo()): PromQLCheck {
  return (expr, options) => parsePromQL(expr, options, memo).error;
}

/** A key for an expression under parser switches: the verdict depends on both. */
export function checkKey(expr: string, options: ParseOptions): string {
  const flag = (b: boolean | undefined) => (b ? '1' : '0');
  return `${flag(options.experimentalFunctions)}${flag(options.durationExpressions)}${flag(options.extendedRangeSelectors)}${flag(options.binopFillModifiers)}\0${expr}`;
}
