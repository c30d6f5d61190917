/**
 * The PrometheusRules a Prometheus or ThanosRuler selects: `ruleSelector`
 * (absent selects none, `{}` all) in the namespaces `ruleNamespaceSelector`
 * picks (absent: the owner's own namespace, `{}`: every namespace), sorted
 * by `namespace/name`.
 */
import type { LabelSelector } from '../core/labels.js';
import type { KubeObject } from '../krm/types.js';
import type { RenderContext } from '../selection/context.js';
import { namespaceMatcher, selectObjects } from '../selection/select.js';

export interface RuleSelectorSpec {
  readonly ruleSelector?: LabelSelector | null;
  readonly ruleNamespaceSelector?: LabelSelector | null;
}

/** Selected PrometheusRules, or undefined after an error result for an invalid selector. */
export function selectRules(owner: KubeObject, spec: RuleSelectorSpec, ctx: RenderContext): KubeObject[] | undefined {
  const namespaces = namespaceMatcher(owner, spec.ruleNamespaceSelector, 'spec.ruleNamespaceSelector', ctx);
  if (!namespaces) return undefined;
  if (spec.ruleSelector === undefined || spec.ruleSelector === null) return [];
  return selectObjects(owner, ctx.inputs.ofKind('PrometheusRule'), spec.ruleSelector, 'spec.ruleSelector', namespaces, ctx);
}
