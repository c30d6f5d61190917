/**
 * The hook through which a render learns whether a rule expression parses
 * (src/rules/promql/check.ts has the parser behind it; the CLI may answer
 * from a worker thread instead). Its types live here, below the rules and
 * the kinds, so that the render context can carry the hook.
 */

/** Parser switches, from the Prometheus `enableFeatures` the operator maps to parser options. */
export interface ParseOptions {
  readonly experimentalFunctions?: boolean;
  readonly durationExpressions?: boolean;
  readonly extendedRangeSelectors?: boolean;
  readonly binopFillModifiers?: boolean;
}

export interface PromQLError {
  readonly message: string;
  readonly line: number;
  readonly column: number;
}

export type PromQLCheck = (expr: string, options: ParseOptions) => PromQLError | undefined;
