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

interface Keyed {
  readonly object: KubeObject;
  readonly rank: number;
  readonly kind: string;
  readonly key: string;
}

function keyed(o: KubeObject): Keyed {
  return {
    object: o,
    rank: rank.get(o.kind) ?? KIND_ORDER.length,
    kind: o.kind,
    key: [groupOf(o.apiVersion), o.metadata.namespace ?? '', o.metadata.name, o.apiVersion].join('\u0000'),
  };
}

/**
 * Output objects in a total order: kind rank, then kind name, group,
 * namespace, name. Each object's key is built once, not at every comparison
 * (a large render sorts tens of thousands of objects).
 */
export function sortObjects(objects: readonly KubeObject[]): KubeObject[] {
  return objects
    .map(keyed)
    .sort((a, b) => a.rank - b.rank || compareStrings(a.kind, b.kind) || compareStrings(a.key, b.key))
    .map((k) => k.object);
}
