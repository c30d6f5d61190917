import type { RenderContext } from '../context/render-context.js';
import { resourceGate, type Gate } from '../version/gate.js';
import { resolveVersion, type Product } from '../version/products.js';
import type { SemVer } from '../version/semver.js';
import { prefixedName } from './names.js';
import { ownerRef, type OwnerResource } from './owner.js';

/**
 * What every kind's plan holds, computed once per resource before anything
 * is generated: its names, its version resolved once (version/products.ts)
 * and the gate built from that version, which configuration and flags share.
 */
export interface WorkloadPlan {
  readonly name: string;
  readonly namespace: string;
  /** `<prefix>-<name>`: the StatefulSet's name (a Prometheus's first shard's). */
  readonly prefixedName: string;
  /** The version in effect (spec.version or the default), parsed leniently. */
  readonly version: SemVer;
  /** The version as written (spec.version or the default option), for image tags. */
  readonly versionText: string;
  /** The resource's version gate: a field the version does not know is a warning naming it. */
  readonly gate: Gate;
}

/** A resource of a workload kind, as planning reads it. */
export interface PlannedResource extends OwnerResource {
  readonly spec?: { readonly version?: string | null };
}

/**
 * The names, resolved version and gate of `resource`, a `product` whose
 * objects are named `<prefix>-<name>`; undefined after an error result when
 * its version does not resolve.
 */
export function planWorkload(resource: PlannedResource, product: Product, prefix: string, ctx: RenderContext): WorkloadPlan | undefined {
  const ref = ownerRef(resource);
  const resolved = resolveVersion(product, resource.spec?.version, ctx.options, ctx.report.failFor(ref));
  if (!resolved) return undefined;
  const name = resource.metadata?.name ?? '';
  return {
    name,
    namespace: resource.metadata?.namespace ?? 'default',
    prefixedName: prefixedName(prefix, name),
    version: resolved.version,
    versionText: resolved.text,
    gate: resourceGate(resolved.version, (message, field) => ctx.report.warn(message, ref, field)),
  };
}
