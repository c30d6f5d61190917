import type { RenderContext } from '../context/render-context.js';
import { resolveVersion, type ResolvedVersion } from '../version/products.js';
import { resourceGate, type Gate } from '../version/gate.js';
import { shardName } from '../workload/names.js';
import { planWorkload, type WorkloadPlan } from '../workload/plan.js';
import { MODES, type PrometheusMode } from './modes.js';
import { serverSpecOf, specOf, type PrometheusResource } from './spec-view.js';
import { ownerRef } from '../workload/owner.js';

export type { PrometheusMode };

/** What every piece of a Prometheus's output derives from, computed once (`prometheus-<name>` names the config Secret and the first StatefulSet). */
export interface PrometheusPlan extends WorkloadPlan {
  readonly mode: PrometheusMode;
  /**
   * Agent only, `spec.mode: DaemonSet`: one pod per node scraping the
   * PodMonitors' pods of its own node; no shards, no storage, no governing
   * Service.
   */
  readonly daemonSet: boolean;
  /** `prometheus` for the server, `prom-agent` for the agent. */
  readonly prefix: string;
  /** Server with `spec.thanos`: the Thanos sidecar's version, and its gate (warnings name spec.thanos.version). */
  readonly thanos: (ResolvedVersion & { readonly gate: Gate }) | undefined;
  readonly shards: number;
  /** StatefulSet name per shard: `prometheus-<name>`, `prometheus-<name>-shard-<n>`. */
  readonly shardNames: readonly string[];
  /** Names of the rule-file ConfigMaps, in order; mounted and watched by the StatefulSet. Empty for the agent. */
  readonly ruleConfigMapNames: readonly string[];
}

/** Builds the plan, or reports an error result and returns undefined when the resource cannot be rendered. */
/**
 * The CRD bounds shards only by int32. Each shard is a StatefulSet in the
 * output, so a typo such as 1000000 would render for minutes and exhaust
 * memory; no real deployment comes near this many.
 */
export const MAX_SHARDS = 1000;

export function planPrometheus(resource: PrometheusResource, ctx: RenderContext): PrometheusPlan | undefined {
  const { mode } = resource;
  const prefix = MODES[mode].prefix;
  const ref = ownerRef(resource.object);
  const base = planWorkload(resource.object, 'prometheus', prefix, ctx);
  if (!base) return undefined;
  const thanosSpec = serverSpecOf(resource)?.thanos;
  const thanos = thanosSpec ? resolveVersion('thanos', thanosSpec.version, ctx.options, ctx.report.failFor(ref), 'spec.thanos.version') : undefined;
  if (thanosSpec && !thanos) return undefined;
  const { name, prefixedName } = base;
  const daemonSet = resource.mode === 'agent' && resource.object.spec?.mode === 'DaemonSet';
  const requested = specOf(resource).shards ?? 1;
  // A DaemonSet is never sharded (the CRD refuses shards > 1 in that mode).
  const shards = daemonSet || requested <= 1 ? 1 : requested;
  if (shards > MAX_SHARDS) {
    ctx.report.error(`spec.shards is ${shards}: each shard is a StatefulSet, and at most ${MAX_SHARDS} are rendered; use fewer shards`, ref, 'spec.shards');
    return undefined;
  }
  const shardNames = Array.from({ length: shards }, (_, i) => shardName(prefix, name, i));
  const warn = (message: string, field: string | undefined) => ctx.report.warn(message, ref, field);
  return {
    ...base,
    mode,
    daemonSet,
    prefix,
    thanos: thanos && { ...thanos, gate: resourceGate(thanos.version, warn, 'spec.thanos.version') },
    shards,
    shardNames,
    // The agent evaluates no rules, so it mounts no rule ConfigMaps.
    ruleConfigMapNames: MODES[mode].rules ? padRuleConfigMapNames([], prefixedName) : [],
  };
}

/** How many rule ConfigMap names the StatefulSet always mounts. */
const RULE_CONFIGMAP_SLOTS = 3;

/**
 * The rule ConfigMap names padded with "virtual" ones up to three
 * (`<prefixedName>-rulefiles-<i>`). They are mounted as optional volumes, so
 * the StatefulSet stays the same when the number of real ConfigMaps changes.
 */
export function padRuleConfigMapNames(names: readonly string[], prefixedName: string): string[] {
  const out = [...names];
  for (let i = out.length; i < RULE_CONFIGMAP_SLOTS; i++) out.push(`${prefixedName}-rulefiles-${i}`);
  return out;
}
