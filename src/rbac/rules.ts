/**
 * The API resources each kubernetes_sd_config role reads, and the policy
 * rules that grant exactly those.
 */
import type { V1PolicyRule } from '@kubernetes/client-node';
import { compareStrings } from '../core/compare.js';
import type { DiscoveryNeeds, SdRole } from './discovery.js';

export interface ApiResource {
  /** API group; '' is the core group. */
  readonly group: string;
  readonly resource: string;
}

const core = (resource: string): ApiResource => ({ group: '', resource });

/**
 * What Prometheus's discovery/kubernetes starts informers for, per role and
 * per namespace: the endpoints role joins Endpoints with their Services and
 * Pods, the endpointslice role EndpointSlices with Services and Pods; the
 * other roles read their own kind only.
 */
export const ROLE_RESOURCES: Readonly<Record<SdRole, readonly ApiResource[]>> = {
  endpoints: [core('endpoints'), core('pods'), core('services')],
  endpointslice: [{ group: 'discovery.k8s.io', resource: 'endpointslices' }, core('pods'), core('services')],
  ingress: [{ group: 'networking.k8s.io', resource: 'ingresses' }],
  node: [core('nodes')],
  pod: [core('pods')],
  service: [core('services')],
};

/** Discovery only reads: informers list and then watch; `get` is kept for clients that re-read one object. */
export const READ_VERBS: readonly string[] = ['get', 'list', 'watch'];

const key = (r: ApiResource) => `${r.group}/${r.resource}`;
const byGroupAndResource = (a: ApiResource, b: ApiResource) => compareStrings(a.group, b.group) || compareStrings(a.resource, b.resource);

/** The resources a set of roles reads, without duplicates, sorted by group then resource. */
export function resourcesOf(roles: readonly SdRole[]): ApiResource[] {
  const byKey = new Map<string, ApiResource>();
  for (const role of roles) for (const r of ROLE_RESOURCES[role]) byKey.set(key(r), r);
  return [...byKey.values()].sort(byGroupAndResource);
}

/** `resources` without those `covered` already grants. */
export function withoutCovered(resources: readonly ApiResource[], covered: readonly ApiResource[]): ApiResource[] {
  const have = new Set(covered.map(key));
  return resources.filter((r) => !have.has(key(r)));
}

/** One read-only rule per API group, groups in byte order, resources sorted within each. */
export function readRules(resources: readonly ApiResource[]): V1PolicyRule[] {
  const byGroup = new Map<string, Set<string>>();
  for (const r of resources) {
    const set = byGroup.get(r.group) ?? new Set<string>();
    set.add(r.resource);
    byGroup.set(r.group, set);
  }
  return [...byGroup.keys()].sort(compareStrings).map((group) => ({
    apiGroups: [group],
    resources: [...(byGroup.get(group) as Set<string>)].sort(compareStrings),
    verbs: [...READ_VERBS],
  }));
}

/** Resources read in every namespace, or cluster-scoped, for the ClusterRole. */
export function clusterResources(needs: DiscoveryNeeds): ApiResource[] {
  const roles: SdRole[] = [...needs.allNamespaces];
  if (needs.nodeRole || needs.nodeMetadata) roles.push('node');
  const resources = resourcesOf(roles);
  if (needs.namespaceMetadata) resources.push(core('namespaces'));
  return resources.sort(byGroupAndResource);
}

/**
 * The ClusterRole's rules: read access to the cluster-wide resources, and,
 * when the node role is used, what scraping the kubelets it finds takes:
 * `get` on `nodes/metrics` (the kubelet authorizes its /metrics endpoints with
 * a SubjectAccessReview on that subresource) and on the `/metrics`
 * non-resource URL.
 */
export function clusterRules(needs: DiscoveryNeeds): V1PolicyRule[] {
  const rules = readRules(clusterResources(needs));
  if (needs.nodeRole) {
    rules.push({ apiGroups: [''], resources: ['nodes/metrics'], verbs: ['get'] });
    rules.push({ nonResourceURLs: ['/metrics'], verbs: ['get'] });
  }
  return rules;
}

/** Whether the Prometheus needs a ClusterRole at all. */
export function needsClusterRole(needs: DiscoveryNeeds): boolean {
  return needs.allNamespaces.length > 0 || needs.nodeRole || needs.nodeMetadata || needs.namespaceMetadata;
}
