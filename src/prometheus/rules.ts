/**
 * The rule ConfigMaps of a Prometheus server (`prometheus-<name>-rulefiles-<i>`,
 * labelled `prometheus-name: <name>`) and the plan updated with their names:
 * sorted as the operator lists them, then padded to three so that the
 * StatefulSet's optional volumes and `rule_files` do not change when the
 * number of ConfigMaps does.
 */
import { compareStrings } from '../core/compare.js';
import type { KubeObject } from '../krm/types.js';
import { renderRuleConfigMaps, type RuleOwnerSpec } from '../rules/render.js';
import type { RenderContext } from '../context/render-context.js';
import { MODES } from './modes.js';
import { padRuleConfigMapNames, type PrometheusPlan } from './plan.js';
import type { PrometheusResource } from './spec-view.js';
import { ownerObject } from '../workload/owner.js';

export interface PlanWithRules {
  readonly plan: PrometheusPlan;
  readonly configMaps: KubeObject[];
}

/**
 * Undefined when there is no plan or a rule selector is invalid (an error
 * result says why). A mode that evaluates no rules (the agent) has none.
 */
export function planWithRules(plan: PrometheusPlan | undefined, resource: PrometheusResource, ctx: RenderContext): PlanWithRules | undefined {
  if (!plan) return undefined;
  if (!MODES[resource.mode].rules) return { plan, configMaps: [] };
  const outcome = renderRuleConfigMaps(
    ownerObject(resource.object),
    (resource.object.spec ?? {}) as RuleOwnerSpec,
    { prefixedName: plan.prefixedName, namespace: plan.namespace, labels: { 'prometheus-name': plan.name }, flavor: 'prometheus', version: plan.version },
    ctx,
  );
  if (!outcome) return undefined;
  const names = [...outcome.names].sort(compareStrings);
  return { plan: { ...plan, ruleConfigMapNames: padRuleConfigMapNames(names, plan.prefixedName) }, configMaps: outcome.configMaps };
}
