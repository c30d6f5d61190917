/**
 * Client-side apply (`kubectl apply`, and Argo CD's default sync) keeps a
 * copy of the whole object in its `kubectl.kubernetes.io/last-applied-configuration`
 * annotation, and the API server refuses an object whose annotations hold
 * more than 262,144 bytes in all. A generated object that would cross that
 * (a large rule ConfigMap, a big configuration Secret) is marked for
 * server-side apply, which keeps no such copy: Argo CD reads the mark per
 * object, so the rest of the application syncs as before.
 */
import type { KubeObject } from '../krm/types.js';

/** The API server's limit on the total size of an object's annotations (keys and values), in bytes. */
export const ANNOTATIONS_SIZE_LIMIT = 262_144;

/** Room left for annotations that Argo CD adds when it syncs (its tracking id), in bytes. */
export const ARGOCD_ANNOTATIONS_ROOM = 1024;

export const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';
export const SYNC_OPTIONS = 'argocd.argoproj.io/sync-options';
export const SERVER_SIDE_APPLY = 'ServerSideApply=true';

/** The size of the annotations the object would carry after a client-side apply, in bytes. */
export function appliedAnnotationsSize(obj: KubeObject): number {
  let size = Buffer.byteLength(LAST_APPLIED) + Buffer.byteLength(JSON.stringify(obj));
  for (const [key, value] of Object.entries(obj.metadata.annotations ?? {})) size += Buffer.byteLength(key) + Buffer.byteLength(value);
  return size;
}

/** The object, with `ServerSideApply=true` added to its Argo CD sync options when client-side apply could not store it. */
export function withServerSideApplyWhenLarge(obj: KubeObject): KubeObject {
  if (appliedAnnotationsSize(obj) + ARGOCD_ANNOTATIONS_ROOM <= ANNOTATIONS_SIZE_LIMIT) return obj;
  const annotations = obj.metadata.annotations ?? {};
  const current = annotations[SYNC_OPTIONS];
  const options = current ? current.split(',').map((o) => o.trim()) : [];
  if (options.includes(SERVER_SIDE_APPLY)) return obj;
  const value = [...options.filter((o) => o !== '' && !o.startsWith('ServerSideApply=')), SERVER_SIDE_APPLY].join(',');
  return { ...obj, metadata: { ...obj.metadata, annotations: { ...annotations, [SYNC_OPTIONS]: value } } };
}
