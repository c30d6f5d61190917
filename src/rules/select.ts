/**
 * The PrometheusRules a Prometheus or ThanosRuler selects: `ruleSelector`
 * (absent selects none, `{}` all) in the namespaces `ruleNamespaceSelector`
 * picks (absent: the owner's own namespace, `{}`: every namespace), sorted
 * by `namespace/name`, as the selection stage recorded them.
 */
import type { LabelSelector } from '../core/labels.js';
import type { KubeObject } from '../krm/types.js';
import type { RenderContext } from '../context/render-context.js';

export interface RuleSelectorSpec {
  readonly ruleSelector?: LabelSelector | null;
  readonly ruleNamespaceSelector?: LabelSelector | null;
}

/** Selected PrometheusRules, or undefined when one of the owner's selectors is invalid (an error result says which). */
export function selectRules(owner: KubeObject, ctx: RenderContext): readonly KubeObject[] | undefined {
  return ctx.selection.selected(owner, 'PrometheusRule');
}
