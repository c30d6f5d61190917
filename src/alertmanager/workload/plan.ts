import type { Alertmanager } from '../../api/types.js';
import type { RenderContext } from '../../context/render-context.js';
import { planWorkload, type WorkloadPlan } from '../../workload/plan.js';
import { PREFIX, specOf } from './spec-view.js';
import { ownerRef } from '../../workload/owner.js';

/** What every piece of an Alertmanager's output derives from, computed once (`alertmanager-<name>` is the StatefulSet's name). */
export interface AlertmanagerPlan extends WorkloadPlan {
  /** spec.replicas: 1 when unset, 0 when negative. */
  readonly replicas: number;
}

/**
 * The CRD bounds replicas only by int32, and each replica adds a peer
 * argument to every pod: a typo such as 1000000 would exhaust memory.
 */
export const MAX_REPLICAS = 1000;

/**
 * Builds the plan, or reports an error and returns undefined when the
 * operator would refuse the resource: a version that does not parse, or one
 * outside the 0.x line from 0.15.0 on.
 */
export function planAlertmanager(am: Alertmanager, ctx: RenderContext): AlertmanagerPlan | undefined {
  const plan = planWorkload(am, 'alertmanager', PREFIX, ctx);
  if (!plan) return undefined;
  const requested = specOf(am).replicas;
  if (typeof requested === 'number' && requested > MAX_REPLICAS) {
    ctx.report.error(
      `spec.replicas is ${requested}: every replica is a --cluster.peer argument of every pod, and at most ${MAX_REPLICAS} are rendered; use fewer replicas`,
      ownerRef(am),
      'spec.replicas',
    );
    return undefined;
  }
  return { ...plan, replicas: requested === undefined || requested === null ? 1 : Math.max(0, requested) };
}
