import type { V1DaemonSet, V1PodSpec, V1StatefulSet } from '@kubernetes/client-node';
import type { Prometheus } from '../api/types.js';
import { clone, mergeMaps, sortedMap } from '../core/objects.js';
import { inputHash } from '../workload/input-hash.js';
import {
  APP_INSTANCE_LABEL,
  APP_NAME_LABEL,
  INPUT_HASH_ANNOTATION,
  MANAGED_BY_LABEL,
  MANAGED_BY_VALUE,
  MANAGED_LABELS,
  withoutKubectlAnnotations,
} from '../workload/metadata.js';
import { hostAliases, podDnsConfig, topologySpreadConstraints } from '../workload/pod-settings.js';
import type { PrometheusMode } from './plan.js';
import { MODE_LABEL, NAME_LABEL, SHARD_LABEL, type WorkloadSpec } from './spec-view.js';

/** `app.kubernetes.io/name` of each mode's pods. */
const APP_NAMES: Readonly<Record<PrometheusMode, string>> = { server: 'prometheus', agent: 'prometheus-agent' };
const DEFAULT_TERMINATION_GRACE_PERIOD_SECONDS = 600;
const TOPOLOGY_ZONE_LABEL = 'topology.kubernetes.io/zone';

/** `app.kubernetes.io/name` of a mode's pods, which the governing Service selects on. */
export function appName(mode: PrometheusMode): string {
  return APP_NAMES[mode];
}

/**
 * Labels that select a Prometheus's pods. They are immutable on a
 * StatefulSet, so they never change between versions.
 */
export function resourceSelectorLabels(name: string, mode: PrometheusMode = 'server'): Record<string, string> {
  const labels: Record<string, string> = {
    [MANAGED_BY_LABEL]: MANAGED_BY_VALUE,
    [APP_NAME_LABEL]: APP_NAMES[mode],
    [APP_INSTANCE_LABEL]: name,
    [NAME_LABEL]: name,
  };
  // The operator's two copies of makeSelectorLabels differ: only the server's adds `prometheus: <name>`.
  if (mode === 'server') labels.prometheus = name;
  return sortedMap(labels);
}

/**
 * The selector of one shard's pods: the resource's labels plus the shard
 * number. A DaemonSet (shard undefined) is not sharded and has no shard label.
 */
export function selectorLabels(name: string, shard: number | undefined, mode: PrometheusMode = 'server'): Record<string, string> {
  const labels = resourceSelectorLabels(name, mode);
  return shard === undefined ? labels : mergeMaps(labels, { [SHARD_LABEL]: String(shard) });
}

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
export function topologyZone(spec: WorkloadSpec, shard: number, gateEnabled: boolean): ShardZone | undefined {
  const strategy = spec.shardingStrategy;
  const values = strategy?.topology?.values ?? [];
  if (!gateEnabled || strategy?.mode !== 'Topology' || values.length === 0) return undefined;
  return { zone: values[shard % values.length] as string, inzoneShard: Math.floor(shard / values.length) };
}

/** Pod-level fields taken from the spec (everything but containers and volumes). */
export function podTemplateSettings(spec: WorkloadSpec, shard: number, selector: Record<string, string>, topologyGate: boolean): V1PodSpec {
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

export interface WorkloadMetadataInputs {
  readonly name: string;
  readonly plan: { readonly mode: PrometheusMode; readonly daemonSet: boolean; readonly namespace: string; readonly ruleConfigMapNames: readonly string[] };
  readonly tlsAssetSecretNames: readonly string[];
}

/**
 * The workload's own metadata: the resource's labels and annotations
 * (without kubectl's), the operator's labels with the mode, the selector
 * labels, and a hash of everything a StatefulSet was generated from. The
 * operator puts no input hash on the agent's DaemonSet.
 */
export function statefulSetMetadata(
  p: Prometheus,
  inputs: WorkloadMetadataInputs,
  selector: Record<string, string>,
  spec: V1StatefulSet['spec'] | V1DaemonSet['spec'],
): { name: string; namespace: string; labels: Record<string, string>; annotations: Record<string, string> } {
  const ownLabels = p.metadata?.labels ?? {};
  const ownAnnotations = p.metadata?.annotations ?? {};
  const labels = mergeMaps(MANAGED_LABELS, ownLabels, { [MODE_LABEL]: inputs.plan.mode }, selector);
  const base = { name: inputs.name, namespace: inputs.plan.namespace, labels };
  if (inputs.plan.daemonSet) return { ...base, annotations: withoutKubectlAnnotations({ ...ownAnnotations }) };
  const hash = inputHash({
    labels: ownLabels,
    annotations: ownAnnotations,
    http2: p.spec?.web?.httpConfig?.http2 ?? null,
    ruleConfigMaps: inputs.plan.ruleConfigMapNames,
    tlsAssetSecrets: inputs.tlsAssetSecretNames.length,
    spec,
  });
  return { ...base, annotations: withoutKubectlAnnotations({ ...ownAnnotations, [INPUT_HASH_ANNOTATION]: hash }) };
}
