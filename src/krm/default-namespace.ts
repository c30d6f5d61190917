import { groupOf, type KubeObject } from './types.js';

/**
 * Cluster-scoped kinds the function meets (it generates ClusterRoles and
 * their bindings; packages carry Namespaces, CRDs, webhooks and the like), by
 * API group and kind. Every other kind, custom kinds included, is taken as
 * namespaced, as Argo CD takes a kind it cannot look up.
 */
const CLUSTER_SCOPED = new Set<string>([
  '/Namespace',
  '/Node',
  '/PersistentVolume',
  '/ComponentStatus',
  'rbac.authorization.k8s.io/ClusterRole',
  'rbac.authorization.k8s.io/ClusterRoleBinding',
  'apiextensions.k8s.io/CustomResourceDefinition',
  'apiregistration.k8s.io/APIService',
  'admissionregistration.k8s.io/MutatingWebhookConfiguration',
  'admissionregistration.k8s.io/ValidatingWebhookConfiguration',
  'admissionregistration.k8s.io/ValidatingAdmissionPolicy',
  'admissionregistration.k8s.io/ValidatingAdmissionPolicyBinding',
  'storage.k8s.io/StorageClass',
  'storage.k8s.io/CSIDriver',
  'storage.k8s.io/CSINode',
  'storage.k8s.io/VolumeAttachment',
  'scheduling.k8s.io/PriorityClass',
  'networking.k8s.io/IngressClass',
  'node.k8s.io/RuntimeClass',
  'certificates.k8s.io/CertificateSigningRequest',
  'flowcontrol.apiserver.k8s.io/FlowSchema',
  'flowcontrol.apiserver.k8s.io/PriorityLevelConfiguration',
]);

export function isClusterScoped(obj: Pick<KubeObject, 'apiVersion' | 'kind'>): boolean {
  return CLUSTER_SCOPED.has(`${groupOf(obj.apiVersion)}/${obj.kind}`);
}

/**
 * The object in `namespace` when it names none and its kind is namespaced:
 * what Argo CD does with an Application's objects before it applies them
 * (the destination namespace, ARGOCD_APP_NAMESPACE to a plugin). Done before
 * rendering, so that selection and service discovery see the namespace the
 * cluster will. The object itself when nothing changes.
 */
export function withDefaultNamespace(obj: KubeObject, namespace: string): KubeObject {
  if (obj.metadata.namespace || isClusterScoped(obj)) return obj;
  // Written after the name, where people (and the operator's objects) put it.
  // Entries, not assignments: a `__proto__` key stays a key.
  const entries = Object.entries(obj.metadata).filter(([key]) => key !== 'namespace');
  const at = entries.findIndex(([key]) => key === 'name');
  entries.splice(at + 1, 0, ['namespace', namespace]);
  return { ...obj, metadata: Object.fromEntries(entries) as KubeObject['metadata'] };
}
