import { MONITORING_GROUP } from '../api/types.js';
import { isPlainObject } from '../core/objects.js';
import { groupOf, type KubeObject } from '../krm/types.js';

/**
 * Every distinct `expr` of the PrometheusRules in a package, in the order
 * first seen: the work a render's rule checks will ask for, so that a caller
 * can start it early. Objects of any other shape are skipped; render()
 * reports them.
 */
export function ruleExpressions(items: readonly KubeObject[]): string[] {
  const out = new Set<string>();
  for (const o of items) {
    if (o.kind !== 'PrometheusRule' || groupOf(o.apiVersion) !== MONITORING_GROUP) continue;
    const groups = isPlainObject(o.spec) ? o.spec.groups : undefined;
    if (!Array.isArray(groups)) continue;
    for (const g of groups) {
      const rules = isPlainObject(g) ? g.rules : undefined;
      if (!Array.isArray(rules)) continue;
      for (const r of rules) if (isPlainObject(r) && typeof r.expr === 'string' && r.expr !== '') out.add(r.expr);
    }
  }
  return [...out];
}
