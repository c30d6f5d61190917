import type { Alertmanager } from '../../api/types.js';
import { refOf, type KubeObject } from '../../krm/types.js';
import { failTo, type RenderContext } from '../../selection/context.js';
import { resolveVersion } from '../../version/products.js';
import { resourceGate, type Gate } from '../../version/gate.js';
import type { SemVer } from '../../version/semver.js';
import { prefixedName } from '../../workload/names.js';
import { PREFIX, specOf } from './spec-view.js';

/** What every piece of an Alertmanager's output derives from, computed once. */
export interface AlertmanagerPlan {
  readonly name: string;
  readonly namespace: string;
  /** `alertmanager-<name>`: the StatefulSet's name. */
  readonly prefixedName: string;
  /** The version in effect (spec.version or the default), parsed leniently. */
  readonly version: SemVer;
  /** The version as written (spec.version or the default option), used for the image tag. */
  readonly versionText: string;
  /** The resource's version gate, for configuration and flags alike: a dropped field is a warning naming it. */
  readonly gate: Gate;
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
  const ref = refOf(am as unknown as KubeObject);
  const spec = specOf(am);
  const resolved = resolveVersion('alertmanager', spec.version, ctx.options, failTo(ctx.report, ref));
  if (!resolved) return undefined;
  const name = am.metadata?.name ?? '';
  const requested = spec.replicas;
  if (typeof requested === 'number' && requested > MAX_REPLICAS) {
    ctx.report.error(`spec.replicas is ${requested}: every replica is a --cluster.peer argument of every pod, and at most ${MAX_REPLICAS} are rendered; use fewer replicas`, ref, 'spec.replicas');
    return undefined;
  }
  return {
    name,
    namespace: am.metadata?.namespace ?? 'default',
    prefixedName: prefixedName(PREFIX, name),
    version: resolved.version,
    versionText: resolved.text,
    gate: resourceGate(resolved.version, (message, field) => ctx.report.warn(message, ref, field)),
    replicas: requested === undefined || requested === null ? 1 : Math.max(0, requested),
  };
}
