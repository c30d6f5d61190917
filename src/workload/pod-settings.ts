import type {
  V1Container,
  V1HostAlias,
  V1LabelSelector,
  V1PodDNSConfig,
  V1PodSpec,
  V1StatefulSetUpdateStrategy,
  V1TopologySpreadConstraint,
} from '@kubernetes/client-node';
import { clone, mapOf, sortedMap } from '../core/objects.js';
import type { StringMap } from './metadata.js';

/** Pod-level settings the operator translates the same way for every kind. */

interface UpdateStrategyInput {
  readonly type?: string;
  readonly rollingUpdate?: { readonly maxUnavailable?: number | string };
}

/** `spec.updateStrategy` → the StatefulSet's; RollingUpdate when unset. */
export function statefulSetUpdateStrategy(input: UpdateStrategyInput | undefined): V1StatefulSetUpdateStrategy {
  if (!input) return { type: 'RollingUpdate' };
  const out: V1StatefulSetUpdateStrategy = { type: input.type ?? '' };
  if (input.rollingUpdate) {
    out.rollingUpdate = input.rollingUpdate.maxUnavailable === undefined ? {} : { maxUnavailable: input.rollingUpdate.maxUnavailable };
  }
  return out;
}

export function hostAliases(input: ReadonlyArray<{ readonly ip: string; readonly hostnames: readonly string[] }> | undefined): V1HostAlias[] | undefined {
  if (!input || input.length === 0) return undefined;
  return input.map((a) => ({ ip: a.ip, hostnames: [...a.hostnames] }));
}

interface DnsConfigInput {
  readonly nameservers?: readonly string[];
  readonly searches?: readonly string[];
  readonly options?: ReadonlyArray<{ readonly name: string; readonly value?: string }>;
}

export function podDnsConfig(input: DnsConfigInput | undefined): V1PodDNSConfig | undefined {
  if (!input) return undefined;
  const out: V1PodDNSConfig = {};
  if (input.nameservers) out.nameservers = [...input.nameservers];
  if (input.searches) out.searches = [...input.searches];
  if (input.options && input.options.length > 0) {
    out.options = input.options.map((o) => (o.value === undefined ? { name: o.name } : { name: o.name, value: o.value }));
  }
  return out;
}

/** A topology spread constraint as the operator's CRDs have it: Kubernetes' own, plus `additionalLabelSelectors`. */
export interface SpreadConstraintInput extends V1TopologySpreadConstraint {
  readonly additionalLabelSelectors?: string;
}

/**
 * `topologySpreadConstraints` with `additionalLabelSelectors` resolved: the
 * pod's selector labels are added to the constraint's matchLabels (without
 * the shard label for `OnResource`), so pods spread per resource or shard.
 */
export function topologySpreadConstraints(
  input: readonly SpreadConstraintInput[] | undefined,
  selectorLabels: StringMap,
  shardLabel: string,
): V1TopologySpreadConstraint[] | undefined {
  if (!input) return undefined;
  return input.map((raw) => {
    const { additionalLabelSelectors, ...rest } = clone(raw);
    const tsc: V1TopologySpreadConstraint = rest;
    if (additionalLabelSelectors === undefined) return tsc;
    const selector: V1LabelSelector = tsc.labelSelector ?? {};
    const matchLabels = mapOf(Object.entries(selector.matchLabels ?? {}));
    for (const [k, v] of Object.entries(selectorLabels)) {
      if (additionalLabelSelectors === 'OnResource' && k === shardLabel) continue;
      matchLabels[k] = v;
    }
    tsc.labelSelector = { ...selector, matchLabels: sortedMap(matchLabels) };
    return tsc;
  });
}

/** The pod-level fields of an Alertmanager or ThanosRuler spec (a kind without a field leaves it unset). */
export interface PodSettingsInput {
  readonly terminationGracePeriodSeconds?: number;
  readonly automountServiceAccountToken?: boolean;
  readonly nodeSelector?: StringMap;
  readonly schedulerName?: string;
  readonly priorityClassName?: string;
  readonly serviceAccountName?: string;
  readonly securityContext?: unknown;
  readonly tolerations?: unknown;
  readonly affinity?: unknown;
  readonly topologySpreadConstraints?: unknown;
  readonly hostAliases?: ReadonlyArray<{ readonly ip: string; readonly hostnames: readonly string[] }>;
  readonly enableServiceLinks?: boolean;
  readonly hostUsers?: boolean;
  readonly hostNetwork?: boolean;
  readonly dnsPolicy?: string;
  readonly dnsConfig?: DnsConfigInput;
}

/**
 * Pod-level fields taken from the spec as they are (everything but containers
 * and volumes), as the operator copies them for Alertmanager and ThanosRuler.
 * The Prometheus pod adds sharding and topology on top (prometheus/pod-settings.ts).
 */
export function podSpecSettings(spec: PodSettingsInput, defaultTerminationGracePeriodSeconds: number): V1PodSpec {
  const out: V1PodSpec = {
    containers: [],
    terminationGracePeriodSeconds: spec.terminationGracePeriodSeconds ?? defaultTerminationGracePeriodSeconds,
  };
  if (spec.automountServiceAccountToken !== undefined) out.automountServiceAccountToken = spec.automountServiceAccountToken;
  if (spec.nodeSelector) out.nodeSelector = sortedMap(spec.nodeSelector);
  if (spec.schedulerName) out.schedulerName = spec.schedulerName;
  if (spec.priorityClassName) out.priorityClassName = spec.priorityClassName;
  if (spec.serviceAccountName) out.serviceAccountName = spec.serviceAccountName;
  if (spec.securityContext) out.securityContext = clone(spec.securityContext) as V1PodSpec['securityContext'];
  if (spec.tolerations) out.tolerations = clone(spec.tolerations) as V1PodSpec['tolerations'];
  if (spec.affinity) out.affinity = clone(spec.affinity) as V1PodSpec['affinity'];
  if (spec.topologySpreadConstraints) out.topologySpreadConstraints = clone(spec.topologySpreadConstraints) as V1PodSpec['topologySpreadConstraints'];
  const aliases = hostAliases(spec.hostAliases);
  if (aliases) out.hostAliases = aliases;
  if (spec.enableServiceLinks !== undefined) out.enableServiceLinks = spec.enableServiceLinks;
  if (spec.hostUsers !== undefined) out.hostUsers = spec.hostUsers;
  if (spec.hostNetwork) {
    out.hostNetwork = true;
    out.dnsPolicy = 'ClusterFirstWithHostNet';
  }
  if (spec.dnsPolicy) out.dnsPolicy = spec.dnsPolicy;
  const dns = podDnsConfig(spec.dnsConfig);
  if (dns) out.dnsConfig = dns;
  return out;
}

/** The operand's resources from the spec, with a memory request when it sets none (Alertmanager, ThanosRuler). */
export function resourcesWithMemoryRequest(resources: object | undefined, memory: string): V1Container['resources'] {
  const out = clone(resources ?? {}) as NonNullable<V1Container['resources']>;
  const requests = { ...(out.requests ?? {}) } as Record<string, string>;
  if (requests.memory === undefined) requests.memory = memory;
  return { ...out, requests: sortedMap(requests) };
}
