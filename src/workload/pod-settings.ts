import type {
  V1HostAlias,
  V1LabelSelector,
  V1PodDNSConfig,
  V1StatefulSetUpdateStrategy,
  V1TopologySpreadConstraint,
} from '@kubernetes/client-node';
import { clone } from '../core/objects.js';
import { sortedMap, type StringMap } from './metadata.js';

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

export interface SpreadConstraintInput {
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
    const { additionalLabelSelectors, ...rest } = clone(raw) as SpreadConstraintInput & Record<string, unknown>;
    const tsc = rest as unknown as V1TopologySpreadConstraint;
    if (additionalLabelSelectors === undefined) return tsc;
    const selector: V1LabelSelector = tsc.labelSelector ?? {};
    const matchLabels: Record<string, string> = { ...(selector.matchLabels ?? {}) };
    for (const [k, v] of Object.entries(selectorLabels)) {
      if (additionalLabelSelectors === 'OnResource' && k === shardLabel) continue;
      matchLabels[k] = v;
    }
    tsc.labelSelector = { ...selector, matchLabels: sortedMap(matchLabels) };
    return tsc;
  });
}
