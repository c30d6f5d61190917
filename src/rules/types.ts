/**
 * The rule content of a PrometheusRule as the rule renderer reads it: the
 * CRD's `spec.groups` with the CRD's own field names (which are also the
 * Prometheus rule-file keys). Values are read from user YAML, so every field
 * is checked before use.
 */
export interface RuleSpec {
  name?: unknown;
  labels?: unknown;
  interval?: unknown;
  query_offset?: unknown;
  rules?: unknown;
  partial_response_strategy?: unknown;
  limit?: unknown;
}

export interface RuleItem {
  record?: unknown;
  alert?: unknown;
  expr?: unknown;
  for?: unknown;
  keep_firing_for?: unknown;
  labels?: unknown;
  annotations?: unknown;
}

/** Which component reads the rule files: version gates and validation differ. */
export type RuleFlavor = 'prometheus' | 'thanos';

/** A problem that makes Prometheus (or the operator's webhook) refuse the PrometheusRule. */
export interface RuleProblem {
  /** Path in the PrometheusRule, e.g. `spec.groups[0].rules[2].expr`. */
  readonly field: string;
  /** What is wrong, naming the group and rule, e.g. `group "g", rule 3 ("HighLatency"): expr: 1:17: parse error: …`. */
  readonly message: string;
}
