import { compareStrings } from '../core/compare.js';
import { groupOf, type KubeObject } from '../krm/types.js';

/** Apply order for kinds, as Helm and Argo CD sort them: what others depend on comes first. */
const KIND_ORDER = [
  'Namespace',
  'NetworkPolicy',
  'ResourceQuota',
  'LimitRange',
  'PodSecurityPolicy',
  'PodDisruptionBudget',
  'ServiceAccount',
  'Secret',
  'SecretList',
  'ConfigMap',
  'StorageClass',
  'PersistentVolume',
  'PersistentVolumeClaim',
  'CustomResourceDefinition',
  'ClusterRole',
  'ClusterRoleList',
  'ClusterRoleBinding',
  'ClusterRoleBindingList',
  'Role',
  'RoleList',
  'RoleBinding',
  'RoleBindingList',
  'Service',
  'DaemonSet',
  'Pod',
  'ReplicationController',
  'ReplicaSet',
  'Deployment',
  'HorizontalPodAutoscaler',
  'StatefulSet',
  'Job',
  'CronJob',
  'IngressClass',
  'Ingress',
  'APIService',
];
const rank = new Map(KIND_ORDER.map((k, i) => [k, i]));

function sortKey(o: KubeObject): string {
  return [groupOf(o.apiVersion), o.metadata.namespace ?? '', o.metadata.name, o.apiVersion].join('\u0000');
}

/** Total order on output objects: kind rank, then kind name, group, namespace, name. */
export function compareObjects(a: KubeObject, b: KubeObject): number {
  const ra = rank.get(a.kind) ?? KIND_ORDER.length;
  const rb = rank.get(b.kind) ?? KIND_ORDER.length;
  if (ra !== rb) return ra - rb;
  return compareStrings(a.kind, b.kind) || compareStrings(sortKey(a), sortKey(b));
}
