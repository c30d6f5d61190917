import type { V1PodSpec } from '@kubernetes/client-node';
import { clone, sortedMap } from '../core/objects.js';
import { hostAliases, podDnsConfig, topologySpreadConstraints } from '../workload/pod-settings.js';
import { SHARD_LABEL, type CommonSpec } from './spec-view.js';

const DEFAULT_TERMINATION_GRACE_PERIOD_SECONDS = 600;
const TOPOLOGY_ZONE_LABEL = 'topology.kubernetes.io/zone';

export interface ShardZone {
  readonly zone: string;
  /** Position of the shard among the shards of its zone. */
  readonly inzoneShard: number;
}

/**
 * The zone a shard runs in under topology sharding (feature gate
 * PrometheusTopologySharding and `shardingStrategy.mode: Topology`): shards
 * go round-robin over `shardingStrategy.topology.values`.
 */
export function topologyZone(spec: CommonSpec, shard: number, gateEnabled: boolean): ShardZone | undefined {
  const strategy = spec.shardingStrategy;
  const values = strategy?.topology?.values ?? [];
  if (!gateEnabled || strategy?.mode !== 'Topology' || values.length === 0) return undefined;
  return { zone: values[shard % values.length] as string, inzoneShard: Math.floor(shard / values.length) };
}

/** Pod-level fields taken from the spec (everything but containers and volumes). */
export function podTemplateSettings(spec: CommonSpec, shard: number, selector: Record<string, string>, topologyGate: boolean): V1PodSpec {
  const zone = topologyZone(spec, shard, topologyGate);
  const nodeSelector = zone ? { ...(spec.nodeSelector ?? {}), [TOPOLOGY_ZONE_LABEL]: zone.zone } : spec.nodeSelector;
  const out: V1PodSpec = {
    containers: [],
    shareProcessNamespace: spec.reloadStrategy === 'ProcessSignal',
    automountServiceAccountToken: spec.automountServiceAccountToken ?? true,
    terminationGracePeriodSeconds: spec.terminationGracePeriodSeconds ?? DEFAULT_TERMINATION_GRACE_PERIOD_SECONDS,
  };
  if (spec.securityContext) out.securityContext = clone(spec.securityContext) as V1PodSpec['securityContext'];
  if (spec.serviceAccountName) out.serviceAccountName = spec.serviceAccountName;
  if (nodeSelector) out.nodeSelector = sortedMap(nodeSelector);
  if (spec.schedulerName) out.schedulerName = spec.schedulerName;
  if (spec.priorityClassName) out.priorityClassName = spec.priorityClassName;
  if (spec.tolerations) out.tolerations = clone(spec.tolerations) as V1PodSpec['tolerations'];
  if (spec.affinity) out.affinity = clone(spec.affinity) as V1PodSpec['affinity'];
  const tsc = topologySpreadConstraints(spec.topologySpreadConstraints, selector, SHARD_LABEL);
  if (tsc) out.topologySpreadConstraints = tsc;
  const aliases = hostAliases(spec.hostAliases);
  if (aliases) out.hostAliases = aliases;
  if (spec.hostNetwork) {
    out.hostNetwork = true;
    out.dnsPolicy = 'ClusterFirstWithHostNet';
  }
  if (spec.enableServiceLinks !== undefined) out.enableServiceLinks = spec.enableServiceLinks;
  if (spec.hostUsers !== undefined) out.hostUsers = spec.hostUsers;
  if (spec.dnsPolicy) out.dnsPolicy = spec.dnsPolicy;
  const dns = podDnsConfig(spec.dnsConfig);
  if (dns) out.dnsConfig = dns;
  return out;
}
