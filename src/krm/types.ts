import type { KubernetesObject, V1ObjectMeta } from '@kubernetes/client-node';

/** Any Kubernetes object as it travels through the function: kind and name are known. */
export interface KubeObject extends KubernetesObject {
  apiVersion: string;
  kind: string;
  metadata: V1ObjectMeta & { name: string };
  [field: string]: unknown;
}

/** The identity of an object, as a KRM result's `resourceRef`. */
export interface ObjectRef {
  apiVersion: string;
  kind: string;
  name: string;
  namespace?: string;
}

export type Severity = 'error' | 'warning' | 'info';

/** One entry of a ResourceList's `results`, per the KRM Functions Specification. */
export interface Result {
  message: string;
  severity: Severity;
  resourceRef?: ObjectRef;
  field?: { path: string };
  file?: { path: string; index?: number };
}

export function refOf(obj: Pick<KubeObject, 'apiVersion' | 'kind' | 'metadata'>): ObjectRef {
  const ref: ObjectRef = { apiVersion: obj.apiVersion, kind: obj.kind, name: obj.metadata.name };
  if (obj.metadata.namespace) ref.namespace = obj.metadata.namespace;
  return ref;
}

/** `Kind/namespace/name`, or `Kind/name` for cluster-scoped objects. */
export function describeRef(ref: ObjectRef): string {
  return ref.namespace ? `${ref.kind}/${ref.namespace}/${ref.name}` : `${ref.kind}/${ref.name}`;
}

/** The API group of an apiVersion (`""` for the core group). */
export function groupOf(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? '' : apiVersion.slice(0, slash);
}

/** Identity used for de-duplication and replacement: group, kind, namespace, name. */
export function identityKey(obj: Pick<KubeObject, 'apiVersion' | 'kind' | 'metadata'>): string {
  return [groupOf(obj.apiVersion), obj.kind, obj.metadata.namespace ?? '', obj.metadata.name].join('|');
}
