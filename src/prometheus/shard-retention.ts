/**
 * `spec.shardRetentionPolicy.whenScaled: Retain`: when `spec.shards` goes
 * down, the operator keeps the StatefulSets of the removed shards (and their
 * data) for a while instead of deleting them. A render only writes what the
 * spec asks for now, so those StatefulSets leave the output, and a prune (kpt
 * live apply, Argo CD with prune on) deletes them: the opposite of Retain.
 * Where the package holds the earlier output, a warning names them; README
 * says how to keep them.
 */
import { compareStrings } from '../core/compare.js';
import { refOf } from '../krm/types.js';
import type { RenderContext } from '../context/render-context.js';
import type { PrometheusPlan } from './plan.js';
import { serverSpecOf, type PrometheusResource } from './spec-view.js';
import { ownerObject } from '../workload/owner.js';

export function reportRetainedShards(resource: PrometheusResource, plan: PrometheusPlan, ctx: RenderContext): void {
  const owner = ownerObject(resource.object);
  // Only the server has the policy.
  const policy = serverSpecOf(resource)?.shardRetentionPolicy;
  // With the gate off, or Delete (the default), the operator deletes removed shards too.
  if (!ctx.options.featureGates.PrometheusShardRetentionPolicy || policy?.whenScaled !== 'Retain') return;
  const current = new Set(plan.shardNames);
  const dropped = ctx.earlier
    .of(owner)
    .filter((o) => o.kind === 'StatefulSet' && o.metadata.namespace === plan.namespace && !current.has(o.metadata.name))
    .map((o) => o.metadata.name)
    .sort(compareStrings);
  if (dropped.length === 0) return;
  const keptFor = policy.retain?.retentionPeriod ? `for spec.shardRetentionPolicy.retain.retentionPeriod (${policy.retain.retentionPeriod})` : 'for as long as their data is retained';
  ctx.report.warn(
    `spec.shards went down to ${plan.shards} with spec.shardRetentionPolicy.whenScaled Retain, but the StatefulSets ${dropped.join(', ')} of an earlier run are no longer generated, so a prune deletes them and their pods, where the operator would keep them ${keptFor}; to keep them, take them out of the generated output or protect them from pruning (see "Shard retention" in the README)`,
    refOf(owner),
    'spec.shardRetentionPolicy',
  );
}
