/**
 * The PromQL functions Prometheus 3.x knows, with the argument types its
 * parser checks. `optional` is how many trailing arguments may be left out
 * (-1: the last type repeats without limit). `experimental` functions parse
 * only with the `promql-experimental-functions` feature.
 */
export type ValueType = 'scalar' | 'vector' | 'matrix' | 'string';

export interface FunctionDef {
  readonly args: readonly ValueType[];
  readonly optional: number;
  readonly returns: ValueType;
  readonly experimental: boolean;
}

const s: ValueType = 'scalar';
const v: ValueType = 'vector';
const m: ValueType = 'matrix';
const str: ValueType = 'string';

function fn(args: ValueType[], returns: ValueType, optional = 0, experimental = false): FunctionDef {
  return { args, returns, optional, experimental };
}

const vectorMath = ['abs', 'acos', 'acosh', 'asin', 'asinh', 'atan', 'atanh', 'ceil', 'cos', 'cosh', 'deg', 'exp', 'floor', 'ln', 'log10', 'log2', 'rad', 'sgn', 'sin', 'sinh', 'sort', 'sort_desc', 'sqrt', 'tan', 'tanh', 'timestamp', 'absent', 'histogram_avg', 'histogram_count', 'histogram_sum', 'histogram_stddev', 'histogram_stdvar'];
const overTime = ['absent_over_time', 'avg_over_time', 'changes', 'count_over_time', 'delta', 'deriv', 'idelta', 'increase', 'irate', 'last_over_time', 'max_over_time', 'min_over_time', 'present_over_time', 'rate', 'resets', 'stddev_over_time', 'stdvar_over_time', 'sum_over_time'];
const experimentalOverTime = ['mad_over_time', 'first_over_time', 'ts_of_first_over_time', 'ts_of_max_over_time', 'ts_of_min_over_time', 'ts_of_last_over_time'];
const timeOfDay = ['day_of_month', 'day_of_week', 'day_of_year', 'days_in_month', 'hour', 'minute', 'month', 'year'];

export const FUNCTIONS: ReadonlyMap<string, FunctionDef> = new Map<string, FunctionDef>([
  ...vectorMath.map((n) => [n, fn([v], v)] as const),
  ...overTime.map((n) => [n, fn([m], v)] as const),
  ...experimentalOverTime.map((n) => [n, fn([m], v, 0, true)] as const),
  ...timeOfDay.map((n) => [n, fn([v], v, 1)] as const),
  ['clamp', fn([v, s, s], v)],
  ['clamp_max', fn([v, s], v)],
  ['clamp_min', fn([v, s], v)],
  ['double_exponential_smoothing', fn([m, s, s], v, 0, true)],
  ['histogram_fraction', fn([s, s, v], v)],
  ['histogram_quantile', fn([s, v], v)],
  ['info', fn([v, v], v, 1, true)],
  ['label_join', fn([v, str, str, str], v, -1)],
  ['label_replace', fn([v, str, str, str, str], v)],
  ['pi', fn([], s)],
  ['predict_linear', fn([m, s], v)],
  ['quantile_over_time', fn([s, m], v)],
  ['round', fn([v, s], v, 1)],
  ['scalar', fn([v], s)],
  ['sort_by_label', fn([v, str], v, -1, true)],
  ['sort_by_label_desc', fn([v, str], v, -1, true)],
  ['time', fn([], s)],
  ['vector', fn([s], v)],
]);

/** Aggregations; those with a parameter name its type. `limitk`/`limit_ratio` are experimental. */
export const AGGREGATIONS: ReadonlyMap<string, { param?: ValueType; experimental?: boolean }> = new Map([
  ['sum', {}],
  ['avg', {}],
  ['count', {}],
  ['min', {}],
  ['max', {}],
  ['group', {}],
  ['stddev', {}],
  ['stdvar', {}],
  ['topk', { param: s }],
  ['bottomk', { param: s }],
  ['quantile', { param: s }],
  ['count_values', { param: str }],
  ['limitk', { param: s, experimental: true }],
  ['limit_ratio', { param: s, experimental: true }],
]);
