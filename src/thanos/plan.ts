import type { ThanosRuler } from '../api/types.js';
import { refOf, type KubeObject } from '../krm/types.js';
import { failTo, type RenderContext } from '../selection/context.js';
import { resolveVersion } from '../version/products.js';
import { resourceGate, type Gate } from '../version/gate.js';
import { atLeast, type SemVer } from '../version/semver.js';
import { prefixedName } from '../workload/names.js';
import { MIN_REMOTE_WRITE_VERSION, PREFIX, specOf } from './spec-view.js';

/** What every piece of a ThanosRuler's output derives from, computed once. */
export interface ThanosRulerPlan {
  readonly name: string;
  readonly namespace: string;
  /** `thanos-ruler-<name>`: the StatefulSet's name and the prefix of its Secrets and ConfigMaps. */
  readonly prefixedName: string;
  /** spec.version or the default, parsed leniently. */
  readonly version: SemVer;
  /** The version as written, used for the image tag. */
  readonly versionText: string;
  /** The resource's version gate, for configuration and flags alike: a dropped field is a warning naming it. */
  readonly gate: Gate;
}

/**
 * Builds the plan, or reports an error and returns undefined when the
 * operator would refuse the resource: no query endpoint nor query config, a
 * version that does not parse, or remote write before Thanos 0.24.0.
 */
export function planThanosRuler(tr: ThanosRuler, ctx: RenderContext): ThanosRulerPlan | undefined {
  const ref = refOf(tr as unknown as KubeObject);
  const spec = specOf(tr);
  const name = tr.metadata?.name ?? '';
  if (!spec.queryConfig && (spec.queryEndpoints ?? []).length < 1) {
    ctx.report.error(
      `Thanos Ruler needs spec.queryConfig or at least one entry in spec.queryEndpoints; set one of them`,
      ref,
      'spec.queryEndpoints',
    );
    return undefined;
  }
  const resolved = resolveVersion('thanos', spec.version, ctx.options, failTo(ctx.report, ref));
  if (!resolved) return undefined;
  const { version, text: versionText } = resolved;
  if ((spec.remoteWrite ?? []).length > 0 && !atLeast(version, MIN_REMOTE_WRITE_VERSION)) {
    ctx.report.error(
      `spec.remoteWrite needs Thanos ${MIN_REMOTE_WRITE_VERSION} or later, spec.version is ${versionText}; raise spec.version or remove spec.remoteWrite`,
      ref,
      'spec.remoteWrite',
    );
    return undefined;
  }
  const gate = resourceGate(version, (message, field) => ctx.report.warn(message, ref, field));
  return { name, namespace: tr.metadata?.namespace ?? 'default', prefixedName: prefixedName(PREFIX, name), version, versionText, gate };
}
