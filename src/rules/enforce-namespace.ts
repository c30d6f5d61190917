/**
 * `enforcedNamespaceLabel` for rules, as the operator's namespace labeler
 * does it: unless the PrometheusRule is listed in `excludedFromEnforcement`
 * (or the deprecated `prometheusRulesExcludedFromEnforce`), every rule gets
 * the label `<label>: <namespace>` and every selector in its expression the
 * matcher `<label>="<namespace>"`; the expression is then written back in
 * Prometheus's canonical form.
 */
import { MONITORING_GROUP } from '../api/types.js';
import { isPlainObject, mapOf } from '../core/objects.js';
import type { KubeObject } from '../krm/types.js';
import { enforceMatcher } from './promql/enforce.js';
import { parsePromQL } from './promql/parse.js';
import { printExpr } from './promql/print.js';
import type { RuleItem, RuleProblem, RuleSpec } from './types.js';

export interface ExcludedObjectRef {
  readonly group?: string;
  readonly resource?: string;
  readonly namespace?: string;
  readonly name?: string;
}

export interface EnforcementSpec {
  readonly enforcedNamespaceLabel?: string;
  readonly excludedFromEnforcement?: readonly ExcludedObjectRef[];
  readonly prometheusRulesExcludedFromEnforce?: ReadonlyArray<{ ruleNamespace?: string; ruleName?: string }>;
}

/**
 * Whether a PrometheusRule is exempt: a reference matches when it names the
 * rule's namespace, group `monitoring.coreos.com` (the default) and resource
 * `prometheusrules`, and either its name or no name at all.
 */
export function isExcludedFromEnforcement(rule: KubeObject, spec: EnforcementSpec): boolean {
  const refs: ExcludedObjectRef[] = [
    ...(spec.excludedFromEnforcement ?? []),
    ...(spec.prometheusRulesExcludedFromEnforce ?? []).map((r) => ({
      group: MONITORING_GROUP,
      resource: 'prometheusrules',
      namespace: r.ruleNamespace,
      name: r.ruleName,
    })),
  ];
  const ns = rule.metadata.namespace ?? 'default';
  return refs.some(
    (r) =>
      !!r.namespace &&
      r.namespace === ns &&
      (r.group || MONITORING_GROUP) === MONITORING_GROUP &&
      r.resource === 'prometheusrules' &&
      (!r.name || r.name === rule.metadata.name),
  );
}

/**
 * Returns the groups with the label enforced (a new array; the input is not
 * changed), or the problems: an expression the enforcer cannot parse makes
 * the operator skip the PrometheusRule. The enforcer parses with Prometheus's
 * default parser options, whatever features the server enables.
 */
export function enforceNamespaceLabel(groups: readonly RuleSpec[], label: string, namespace: string): { groups: RuleSpec[]; problems: RuleProblem[] } {
  const problems: RuleProblem[] = [];
  const out = groups.map((g, gi) => {
    if (!isPlainObject(g) || !Array.isArray(g.rules)) return g;
    const rules = (g.rules as unknown[]).map((r, ri): unknown => {
      if (!isPlainObject(r)) return r;
      const rule = r as RuleItem;
      const labels = mapOf(isPlainObject(rule.labels) ? Object.entries(rule.labels) : []);
      labels[label] = namespace;
      const text = rule.expr === undefined || rule.expr === null ? '' : String(rule.expr);
      const parsed = parsePromQL(text);
      if (parsed.error) {
        problems.push({
          field: `spec.groups[${gi}].rules[${ri}].expr`,
          message: `group ${JSON.stringify(g.name)}, rule ${ri + 1}: cannot enforce the ${label} label: ${parsed.error.line}:${parsed.error.column}: ${parsed.error.message}`,
        });
        return { ...rule, labels };
      }
      enforceMatcher(parsed.expr, { name: label, type: '=', value: namespace });
      return { ...rule, labels, expr: printExpr(parsed.expr) };
    });
    return { ...g, rules };
  });
  return { groups: out, problems };
}
