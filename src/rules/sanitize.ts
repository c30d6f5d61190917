/**
 * Group and rule fields the target version does not know are dropped with a
 * warning, as the operator does before writing a rule file:
 *
 * | field | Prometheus | Thanos |
 * | --- | --- | --- |
 * | group `limit` | 2.31.0 | 0.24.0 |
 * | group `query_offset` | 2.53.0 | 0.38.0 |
 * | group `labels` | 3.0.0 | 0.39.0 |
 * | rule `keep_firing_for` | 2.42.0 | 0.34.0 |
 *
 * `partial_response_strategy` is a Thanos field: always dropped for Prometheus.
 */
import { isPlainObject } from '../core/objects.js';
import type { Gate } from '../version/gate.js';
import type { RuleFlavor, RuleSpec } from './types.js';

const MIN_VERSIONS: Record<RuleFlavor, { limit: string; queryOffset: string; groupLabels: string; keepFiringFor: string }> = {
  prometheus: { limit: '2.31.0', queryOffset: '2.53.0', groupLabels: '3.0.0', keepFiringFor: '2.42.0' },
  thanos: { limit: '0.24.0', queryOffset: '0.38.0', groupLabels: '0.39.0', keepFiringFor: '0.34.0' },
};

/** A copy of the groups without the fields the target cannot read; `gate` reports each drop. */
export function sanitizeGroups(groups: readonly RuleSpec[], flavor: RuleFlavor, gate: Gate): RuleSpec[] {
  const min = MIN_VERSIONS[flavor];
  return groups.map((group, gi) => {
    if (!isPlainObject(group)) return group;
    const g: RuleSpec = { ...group };
    const at = `spec.groups[${gi}]`;
    if (g.limit !== undefined && g.limit !== null && !gate.since(min.limit).at(`${at}.limit`).check('limit')) delete g.limit;
    if (g.query_offset !== undefined && g.query_offset !== null && !gate.since(min.queryOffset).at(`${at}.query_offset`).check('query_offset')) delete g.query_offset;
    if (flavor === 'prometheus') delete g.partial_response_strategy;
    if (isPlainObject(g.labels) && Object.keys(g.labels).length > 0 && !gate.since(min.groupLabels).at(`${at}.labels`).check('labels')) delete g.labels;
    if (Array.isArray(g.rules)) {
      g.rules = g.rules.map((rule: unknown, ri) => {
        if (!isPlainObject(rule) || rule.keep_firing_for === undefined || rule.keep_firing_for === null) return rule;
        if (gate.since(min.keepFiringFor).at(`${at}.rules[${ri}].keep_firing_for`).check('keep_firing_for')) return rule;
        const { keep_firing_for: _dropped, ...rest } = rule;
        return rest;
      });
    }
    return g;
  });
}
