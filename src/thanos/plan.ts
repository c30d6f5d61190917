import type { ThanosRuler } from '../api/types.js';
import type { RenderContext } from '../context/render-context.js';
import { atLeast } from '../version/semver.js';
import { planWorkload, type WorkloadPlan } from '../workload/plan.js';
import { MIN_REMOTE_WRITE_VERSION, PREFIX, specOf } from './spec-view.js';
import { ownerRef } from '../workload/owner.js';

/**
 * What every piece of a ThanosRuler's output derives from, computed once
 * (`thanos-ruler-<name>` is the StatefulSet's name and the prefix of its
 * Secrets and ConfigMaps).
 */
export type ThanosRulerPlan = WorkloadPlan;

/**
 * Builds the plan, or reports an error and returns undefined when the
 * operator would refuse the resource: no query endpoint nor query config, a
 * version that does not parse, or remote write before Thanos 0.24.0.
 */
export function planThanosRuler(tr: ThanosRuler, ctx: RenderContext): ThanosRulerPlan | undefined {
  const ref = ownerRef(tr);
  const spec = specOf(tr);
  if (!spec.queryConfig && (spec.queryEndpoints ?? []).length < 1) {
    ctx.report.error(
      `Thanos Ruler needs spec.queryConfig or at least one entry in spec.queryEndpoints; set one of them`,
      ref,
      'spec.queryEndpoints',
    );
    return undefined;
  }
  const plan = planWorkload(tr, 'thanos', PREFIX, ctx);
  if (!plan) return undefined;
  if ((spec.remoteWrite ?? []).length > 0 && !atLeast(plan.version, MIN_REMOTE_WRITE_VERSION)) {
    ctx.report.error(
      `spec.remoteWrite needs Thanos ${MIN_REMOTE_WRITE_VERSION} or later, spec.version is ${plan.versionText}; raise spec.version or remove spec.remoteWrite`,
      ref,
      'spec.remoteWrite',
    );
    return undefined;
  }
  return plan;
}
