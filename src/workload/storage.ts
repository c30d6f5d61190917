import type { V1PersistentVolumeClaim, V1Volume } from '@kubernetes/client-node';
import type { StorageSpec } from '../api/types.js';
import { clone, isPlainObject, mapOf } from '../core/objects.js';

/**
 * The data volume of a workload from its `spec.storage`: an emptyDir when
 * unset, the user's emptyDir or ephemeral volume, or a PVC template of the
 * StatefulSet. Shared by Prometheus, Alertmanager and ThanosRuler.
 */
export interface StoragePlacement {
  /** A pod volume (emptyDir / ephemeral), appended to the pod's volumes. */
  readonly volume?: V1Volume;
  /** A StatefulSet volumeClaimTemplate. */
  readonly claimTemplate?: V1PersistentVolumeClaim;
}

interface EmbeddedClaim {
  readonly metadata?: { readonly name?: string; readonly labels?: Record<string, string>; readonly annotations?: Record<string, string> };
  readonly spec?: Record<string, unknown>;
  readonly status?: Record<string, unknown>;
}

function claimOf(storage: StorageSpec | undefined): EmbeddedClaim | undefined {
  const t = storage?.volumeClaimTemplate as unknown;
  return isPlainObject(t) ? (t as EmbeddedClaim) : undefined;
}

/** The name the data volume is mounted by: the claim template's name, if set, else the default. */
export function storageClaimName(storage: StorageSpec | undefined, defaultName: string): string {
  return claimOf(storage)?.metadata?.name || defaultName;
}

/** The sub-directory of the volume the data lives in, or "" when `disableMountSubPath` (or no storage). */
export function storageSubPath(storage: StorageSpec | undefined, subPath: string): string {
  if (!storage || storage.disableMountSubPath) return '';
  return subPath;
}

export function placeStorage(storage: StorageSpec | undefined, volumeName: string): StoragePlacement {
  if (!storage) return { volume: { name: volumeName, emptyDir: {} } };
  if (storage.emptyDir) return { volume: { name: volumeName, emptyDir: clone(storage.emptyDir) as V1Volume['emptyDir'] } };
  if (storage.ephemeral) return { volume: { name: volumeName, ephemeral: clone(storage.ephemeral) as V1Volume['ephemeral'] } };
  const claim = claimOf(storage) ?? {};
  const spec = clone(claim.spec ?? {});
  // The operator resets the access modes, resources and selector from the template explicitly.
  if (spec.accessModes === undefined || spec.accessModes === null) spec.accessModes = ['ReadWriteOnce'];
  const metadata: Record<string, unknown> = { name: claim.metadata?.name || volumeName };
  if (claim.metadata?.labels && Object.keys(claim.metadata.labels).length > 0) metadata.labels = mapOf(Object.entries(claim.metadata.labels));
  if (claim.metadata?.annotations && Object.keys(claim.metadata.annotations).length > 0) metadata.annotations = mapOf(Object.entries(claim.metadata.annotations));
  const template: Record<string, unknown> = { metadata, spec };
  if (claim.status && Object.keys(claim.status).length > 0) template.status = clone(claim.status);
  return { claimTemplate: template as V1PersistentVolumeClaim };
}
