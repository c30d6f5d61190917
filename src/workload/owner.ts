import { refOf, type KubeObject, type ObjectRef } from '../krm/types.js';
import type { StringMap } from './metadata.js';

/**
 * A custom resource that owns generated objects (Prometheus,
 * PrometheusAgent, Alertmanager, ThanosRuler), typed as its CRD's model.
 * The models make `metadata` optional; every object that reaches a renderer
 * has passed the input checks, which require it, so this is the one place
 * that reads such a resource as a KubeObject.
 */
export interface OwnerResource {
  readonly apiVersion?: string;
  readonly kind?: string;
  readonly metadata?: { readonly name?: string; readonly namespace?: string; readonly labels?: StringMap; readonly annotations?: StringMap };
}

export function ownerObject(resource: OwnerResource): KubeObject {
  return resource as unknown as KubeObject;
}

/** Where the resource's problems are reported. */
export function ownerRef(resource: OwnerResource): ObjectRef {
  return refOf(ownerObject(resource));
}

/** The resource a workload is generated for: where its problems are reported, and its own metadata. */
export interface WorkloadOwner {
  readonly ref: ObjectRef;
  readonly metadata: OwnerResource['metadata'];
}

export function workloadOwner(resource: OwnerResource): WorkloadOwner {
  return { ref: ownerRef(resource), metadata: resource.metadata };
}
