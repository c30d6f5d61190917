/**
 * Relabelings that spread targets over shards: each shard keeps the targets
 * whose hashed address falls in its bucket. Used by additional scrape configs
 * now, and by every monitor kind later.
 */
import { atLeast } from '../../version/semver.js';
import type { ConfigContext, Doc } from './context.js';

const HASH_LABEL = '__tmp_hash';
const DISABLE_SHARDING_LABEL = '__tmp_disable_sharding';
const TOPOLOGY_LABEL = '__tmp_topology';
const NODE_ZONE_LABEL = '__meta_kubernetes_node_label_topology_kubernetes_io_zone';
const NODE_ZONE_PRESENT_LABEL = '__meta_kubernetes_node_labelpresent_topology_kubernetes_io_zone';
const ENDPOINTSLICE_ZONE_LABEL = '__meta_kubernetes_endpointslice_endpoint_zone';
const POD_ZONE_LABEL = '__meta_kubernetes_pod_label_topology_kubernetes_io_zone';
const POD_ZONE_PRESENT_LABEL = '__meta_kubernetes_pod_labelpresent_topology_kubernetes_io_zone';

interface TopologyStrategy {
  readonly mode?: string;
  readonly topology?: { readonly values?: readonly string[]; readonly externalLabelName?: string };
}

function strategyOf(ctx: ConfigContext): TopologyStrategy | undefined {
  return (ctx.spec as { shardingStrategy?: TopologyStrategy }).shardingStrategy;
}

/** Topology sharding is on: the feature gate, mode Topology and at least one zone. */
export function topologyShardingActive(ctx: ConfigContext): boolean {
  if (!ctx.options.featureGates.PrometheusTopologySharding) return false;
  const s = strategyOf(ctx);
  return s?.mode === 'Topology' && (s.topology?.values?.length ?? 0) > 0;
}

/** Kubernetes >= 1.35 puts the zone label on pods itself (PodTopologyLabelsAdmission). */
export function podTopologyLabelsSupported(ctx: ConfigContext): boolean {
  const k = ctx.options.kubernetesVersion;
  return k !== undefined && atLeast(k, '1.35.0');
}

function shardsPerZone(ctx: ConfigContext, shards: number): number {
  const zones = strategyOf(ctx)?.topology?.values?.length ?? 1;
  return Math.max(Math.floor(shards / zones), 1);
}

/** Appends the sharding relabelings keyed on `shardLabel` (`__address__`, or `__param_target` for probes). */
export function appendShardingRelabelings(ctx: ConfigContext, relabelings: Doc[], shards: number, shardLabel: string): Doc[] {
  const out = [...relabelings];
  if (ctx.options.featureGates.PrometheusShardRetentionPolicy) {
    out.push(
      { target_label: '__tmp_current_shard', replacement: '$(SHARD)', action: 'replace' },
      { source_labels: ['__tmp_current_shard'], regex: Array.from({ length: shards }, (_, i) => String(i)).join('|'), action: 'keep' },
    );
  }
  let modulus = shards;
  let shardEnv = 'SHARD';
  if (topologyShardingActive(ctx)) {
    modulus = shardsPerZone(ctx, shards);
    shardEnv = 'INZONE_SHARD';
    out.push({ source_labels: [ENDPOINTSLICE_ZONE_LABEL, TOPOLOGY_LABEL], target_label: TOPOLOGY_LABEL, regex: '(.+);', replacement: '$1', action: 'replace' });
    const [zone, present] = podTopologyLabelsSupported(ctx) ? [POD_ZONE_LABEL, POD_ZONE_PRESENT_LABEL] : [NODE_ZONE_LABEL, NODE_ZONE_PRESENT_LABEL];
    out.push({ source_labels: [zone, present, TOPOLOGY_LABEL], target_label: TOPOLOGY_LABEL, regex: '(.+);true;', replacement: '$1', action: 'replace' });
    out.push({ source_labels: [TOPOLOGY_LABEL, DISABLE_SHARDING_LABEL], regex: '$(TOPOLOGY_ZONE);|.+;.+', action: 'keep' });
  }
  out.push(
    { source_labels: [shardLabel, HASH_LABEL], target_label: HASH_LABEL, regex: '(.+);', replacement: '$1', action: 'replace' },
    { source_labels: [HASH_LABEL], target_label: HASH_LABEL, modulus, action: 'hashmod' },
    { source_labels: [HASH_LABEL, DISABLE_SHARDING_LABEL], regex: `$(${shardEnv});|.+;.+`, action: 'keep' },
  );
  return out;
}

/** Sharding on `__address__`, unless the job already has a hashmod relabeling of its own. */
export function appendShardingRelabelingsIfMissing(ctx: ConfigContext, relabelings: Doc[], shards: number): Doc[] {
  if (relabelings.some((r) => r.action === 'hashmod')) return relabelings;
  return appendShardingRelabelings(ctx, relabelings, shards, '__address__');
}
