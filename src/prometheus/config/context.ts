import type { FullPrometheusSpec } from '../../api/prometheus-spec.js';
import type { Prometheus, PrometheusAgent } from '../../api/types.js';
import type { Assets } from '../../assets/assets.js';
import type { KubeObject } from '../../krm/types.js';
import type { PromConfigContext } from '../../promconfig/context.js';
import { atLeast } from '../../version/semver.js';
import type { PrometheusPlan } from '../plan.js';

export type { Doc } from '../../promconfig/context.js';

/** The spec as the section builders read it. */
export type PromSpec = FullPrometheusSpec;

/**
 * Everything a section builder needs, computed once per Prometheus: the
 * shared context (gated by the target Prometheus version) and the resource.
 */
export interface ConfigContext extends PromConfigContext {
  readonly prometheus: Prometheus | PrometheusAgent;
  /** The same resource as it travels through the render, for selection facts. */
  readonly owner: KubeObject;
  readonly spec: PromSpec;
  readonly plan: PrometheusPlan;
  /** Every Secret and ConfigMap of the input; prefer `store`, which reports missing references. */
  readonly assets: Assets;
  /** Whether the cluster serves EndpointSlices (the operator checks for Kubernetes >= 1.21 via discovery). */
  readonly endpointSliceSupported: boolean;
}

export function versionAtLeast(ctx: ConfigContext, min: string): boolean {
  return atLeast(ctx.gate.version, min);
}

/**
 * The role for Kubernetes SD of endpoints: `endpointslice` only when the
 * cluster serves EndpointSlices, Prometheus is >= 2.21.0 and the resource
 * asks for it.
 */
export function endpointRole(ctx: ConfigContext, requested: string | undefined): 'endpoints' | 'endpointslice' {
  if (!ctx.endpointSliceSupported) return 'endpoints';
  if (!versionAtLeast(ctx, '2.21.0')) return 'endpoints';
  return requested === 'EndpointSlice' ? 'endpointslice' : 'endpoints';
}

export function defaultEndpointRole(ctx: ConfigContext): 'endpoints' | 'endpointslice' {
  return endpointRole(ctx, ctx.spec.serviceDiscoveryRole);
}
