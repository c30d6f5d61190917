import { keepKeyOrder } from '../core/key-order.js';
import type { KubeObject } from './types.js';

/** Marks an object as written by this function, and names the resource it came from. */
export const GENERATED_FROM = 'prometheus-krm.dev/generated-from';

/** kpt's file annotations (internal and legacy forms). */
export const PATH_ANNOTATIONS = ['internal.config.kubernetes.io/path', 'config.kubernetes.io/path'] as const;
export const INDEX_ANNOTATIONS = ['internal.config.kubernetes.io/index', 'config.kubernetes.io/index'] as const;
/**
 * The 1-based line an object starts on in its file, set with the path and
 * index when `render` mode reads files, so that results can say `file:line`.
 * Ours, under kpt's internal prefix, so that render() never sees it.
 */
export const LINE_ANNOTATION = 'internal.config.kubernetes.io/prometheus-krm-line';

export function isGenerated(obj: KubeObject): boolean {
  return obj.metadata.annotations?.[GENERATED_FROM] !== undefined;
}

/**
 * The file a generated object goes to: one file per object, under
 * `generated/`, named from namespace, kind and name, so that kpt writes the
 * same object to the same file on every run. Valid names and namespaces are
 * used as they are; whatever else (an object an earlier run generated, read
 * back with a namespace like `../../tmp`) is written so that it stays one
 * file name: no `/`, no leading dot, no two dots in a row, so never `..` and
 * always under `generated/`.
 */
export function generatedPath(obj: KubeObject): string {
  const ns = obj.metadata.namespace ?? '_cluster';
  return `generated/${fileName(String(ns))}/${fileName(`${String(obj.kind).toLowerCase()}-${String(obj.metadata.name)}`)}.yaml`;
}

function fileName(text: string): string {
  const safe = text.replace(/[^A-Za-z0-9._-]/g, '_').replace(/\.(?=\.)/g, '_');
  return safe.startsWith('.') || safe === '' ? `_${safe}` : safe;
}

/** A copy of a generated object with kpt's path and index annotations set. */
export function withPathAnnotations(obj: KubeObject): KubeObject {
  const annotations = { ...(obj.metadata.annotations ?? {}) };
  const path = generatedPath(obj);
  for (const key of PATH_ANNOTATIONS) annotations[key] = path;
  for (const key of INDEX_ANNOTATIONS) annotations[key] = '0';
  return { ...obj, metadata: { ...obj.metadata, annotations: keepKeyOrder(annotations, obj.metadata.annotations ?? {}) } };
}

/** A copy without kpt's file annotations: plain manifests for `render` mode. */
export function withoutFileAnnotations(obj: KubeObject): KubeObject {
  return withoutAnnotations(obj, (key) => FILE_ANNOTATIONS.has(key));
}
const FILE_ANNOTATIONS = new Set<string>([...PATH_ANNOTATIONS, ...INDEX_ANNOTATIONS, LINE_ANNOTATION]);

/** A copy without the annotations `drop` picks; the object itself when it has none of them. */
function withoutAnnotations(obj: KubeObject, drop: (key: string) => boolean): KubeObject {
  const current = obj.metadata.annotations;
  if (!current || !Object.keys(current).some(drop)) return obj;
  const annotations = keepKeyOrder(Object.fromEntries(Object.entries(current).filter(([k]) => !drop(k))), current);
  const metadata = { ...obj.metadata };
  if (Object.keys(annotations).length > 0) metadata.annotations = annotations;
  else delete metadata.annotations;
  return { ...obj, metadata };
}

/**
 * Annotations that kpt and kustomize put on objects to carry them through a
 * function (file path and index, resource ids, formatting hints). They belong
 * to the envelope, not to the object: renderers must not see them, or the
 * output would depend on file names and on how many objects a package holds.
 */
export function isEnvelopeAnnotation(key: string): boolean {
  return key.startsWith('internal.config.kubernetes.io/') || ENVELOPE_ANNOTATIONS.has(key);
}
const ENVELOPE_ANNOTATIONS = new Set<string>([...FILE_ANNOTATIONS, 'config.k8s.io/id', 'kustomize.config.k8s.io/id']);

/** A copy without the envelope annotations (the object itself when it has none). */
export function withoutEnvelopeAnnotations(obj: KubeObject): KubeObject {
  return withoutAnnotations(obj, isEnvelopeAnnotation);
}

/** kpt's and kustomize's marker for configuration that is never applied to a cluster. */
export const LOCAL_CONFIG = 'config.kubernetes.io/local-config';

/** Whether an object is local configuration (any value but "false", as kpt live apply reads it). */
export function isLocalConfig(obj: KubeObject): boolean {
  const value = obj.metadata.annotations?.[LOCAL_CONFIG];
  return value !== undefined && value !== 'false';
}

/** The object marked as local configuration (the object itself when it already is). */
export function asLocalConfig(obj: KubeObject): KubeObject {
  if (isLocalConfig(obj)) return obj;
  return { ...obj, metadata: { ...obj.metadata, annotations: { ...(obj.metadata.annotations ?? {}), [LOCAL_CONFIG]: 'true' } } };
}

/** A copy without the local-config mark (the object itself when it has none). */
export function withoutLocalConfig(obj: KubeObject): KubeObject {
  return withoutAnnotations(obj, (key) => key === LOCAL_CONFIG);
}

/** Where kpt (or the command, in `render` mode) read an object from: its file, and its place in that file. */
export interface FileRef {
  readonly path: string;
  readonly index?: number;
}

/** The file an object came from, from kpt's path and index annotations (the internal form first). */
export function fileOf(obj: KubeObject): FileRef | undefined {
  const annotations = obj.metadata.annotations;
  if (!annotations) return undefined;
  const path = firstOf(annotations, PATH_ANNOTATIONS);
  if (path === undefined || path === '') return undefined;
  const index = Number(firstOf(annotations, INDEX_ANNOTATIONS));
  return Number.isInteger(index) && index >= 0 ? { path, index } : { path };
}

function firstOf(annotations: Readonly<Record<string, string>>, keys: readonly string[]): string | undefined {
  for (const key of keys) if (Object.hasOwn(annotations, key)) return annotations[key];
  return undefined;
}
