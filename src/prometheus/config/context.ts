import type { FullPrometheusSpec } from '../../api/prometheus-spec.js';
import type { Prometheus } from '../../api/types.js';
import type { Assets } from '../../assets/assets.js';
import type { ObjectRef } from '../../krm/types.js';
import type { Options } from '../../options/options.js';
import type { Reporter } from '../../selection/context.js';
import type { Gate } from '../../version/gate.js';
import { atLeast } from '../../version/semver.js';
import type { PrometheusPlan } from '../plan.js';
import type { ConfigStore } from './store.js';

/** A configuration document (or part of one): keys in insertion order are output order. */
export type Doc = Record<string, unknown>;

/** The spec as the section builders read it. */
export type PromSpec = FullPrometheusSpec;

/** Everything a section builder needs, computed once per Prometheus. */
export interface ConfigContext {
  readonly prometheus: Prometheus;
  readonly spec: PromSpec;
  readonly plan: PrometheusPlan;
  readonly ref: ObjectRef;
  readonly options: Options;
  /** Every Secret and ConfigMap of the input; prefer `store`, which reports missing references. */
  readonly assets: Assets;
  /** Version gate for the target Prometheus; warnings go to the report. */
  readonly gate: Gate;
  readonly store: ConfigStore;
  readonly report: Reporter;
  /** Whether the cluster serves EndpointSlices (the operator checks for Kubernetes >= 1.21 via discovery). */
  readonly endpointSliceSupported: boolean;
  /** An error that stops generation for this resource. */
  fail(message: string, field?: string): void;
  warn(message: string, field?: string): void;
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
