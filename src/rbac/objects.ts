/**
 * The ServiceAccount, Roles, ClusterRole and bindings one Prometheus needs
 * for the discovery its configuration asks for, and nothing more.
 */
import { mergeMaps } from '../core/objects.js';
import type { V1PolicyRule } from '@kubernetes/client-node';
import type { KubeObject } from '../krm/types.js';
import { APP_INSTANCE_LABEL, APP_NAME_LABEL, MANAGED_LABELS } from '../workload/metadata.js';
import type { DiscoveryNeeds } from './discovery.js';
import { clusterResources, clusterRules, needsClusterRole, readRules, resourcesOf, withoutCovered } from './rules.js';

const RBAC_API_VERSION = 'rbac.authorization.k8s.io/v1';
const RBAC_GROUP = 'rbac.authorization.k8s.io';

export interface RbacOwner {
  readonly namespace: string;
  readonly name: string;
}

export interface RbacInput {
  readonly owner: RbacOwner;
  /** Prefix of the workload's names (`prometheus`), and its app.kubernetes.io/name. */
  readonly prefix: string;
  readonly serviceAccountName: string;
  /** False when the input already holds the ServiceAccount: it is then only bound, never generated. */
  readonly createServiceAccount: boolean;
  /** What the configuration discovers; undefined when there is no generated configuration (no roles then). */
  readonly needs: DiscoveryNeeds | undefined;
}

/**
 * The name of every Role, RoleBinding, ClusterRole and ClusterRoleBinding of
 * one owner: `<prefix>-<namespace>-<name>`. The owner's namespace is part of
 * it, so same-named resources in two namespaces never share a ClusterRole, nor
 * a Role in a namespace both discover; and it never equals the names stacks
 * hand-write (kube-prometheus: prometheus-k8s, prometheus-k8s-config).
 */
export function rbacName(prefix: string, owner: RbacOwner): string {
  return `${prefix}-${owner.namespace}-${owner.name}`;
}

/** ServiceAccount, ClusterRole and its binding, then a Role and RoleBinding per discovered namespace (sorted). */
export function makeRbac(input: RbacInput): KubeObject[] {
  const { owner, prefix, needs } = input;
  const out: KubeObject[] = [];
  if (input.createServiceAccount) {
    out.push({
      apiVersion: 'v1',
      kind: 'ServiceAccount',
      // Several resources may name one ServiceAccount: its labels name none of them, so their copies are identical.
      metadata: { name: input.serviceAccountName, namespace: owner.namespace, labels: mergeMaps(MANAGED_LABELS, { [APP_NAME_LABEL]: prefix }) },
    });
  }
  if (!needs) return out;

  const name = rbacName(prefix, owner);
  const labels = mergeMaps(MANAGED_LABELS, { [APP_NAME_LABEL]: prefix, [APP_INSTANCE_LABEL]: owner.name });
  const subjects = [{ kind: 'ServiceAccount', name: input.serviceAccountName, namespace: owner.namespace }];
  const role = (kind: 'Role' | 'ClusterRole', namespace: string | undefined, rules: V1PolicyRule[]): KubeObject => ({
    apiVersion: RBAC_API_VERSION,
    kind,
    metadata: { name, ...(namespace ? { namespace } : {}), labels: { ...labels } },
    rules,
  });
  const binding = (kind: 'RoleBinding' | 'ClusterRoleBinding', namespace: string | undefined): KubeObject => ({
    apiVersion: RBAC_API_VERSION,
    kind,
    metadata: { name, ...(namespace ? { namespace } : {}), labels: { ...labels } },
    roleRef: { apiGroup: RBAC_GROUP, kind: kind === 'RoleBinding' ? 'Role' : 'ClusterRole', name },
    subjects: subjects.map((s) => ({ ...s })),
  });

  const clusterWide = needsClusterRole(needs) ? clusterResources(needs) : [];
  if (needsClusterRole(needs)) out.push(role('ClusterRole', undefined, clusterRules(needs)), binding('ClusterRoleBinding', undefined));
  for (const [namespace, roles] of needs.namespaced) {
    // What the ClusterRole grants everywhere needs no Role here too.
    const resources = withoutCovered(resourcesOf(roles), clusterWide);
    if (resources.length === 0) continue;
    out.push(role('Role', namespace, readRules(resources)), binding('RoleBinding', namespace));
  }
  return out;
}
