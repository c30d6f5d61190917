/**
 * The envelope stage of a render. kpt and kustomize annotate every object
 * with its file, its place in the file and a per-run id. Renderers never see
 * those annotations (the output would otherwise depend on file names and on
 * how many objects a package holds), but results name the file of the
 * object they are about, and objects passed through go back with them, so
 * that kpt writes each to the file it came from.
 */
import { MONITORING_GROUP } from '../api/types.js';
import { fileOf, withoutEnvelopeAnnotations, withoutLocalConfig, type FileRef } from '../krm/annotations.js';
import { groupOf, identityKey, type KubeObject, type ObjectRef, type Result } from '../krm/types.js';

export interface Source {
  /** The object without envelope annotations: what renderers read. */
  readonly obj: KubeObject;
  /** The object as it came, envelope included: what goes back out. */
  readonly original: KubeObject;
  readonly file?: FileRef;
}

export const isMonitoring = (o: KubeObject) => groupOf(o.apiVersion) === MONITORING_GROUP;

/**
 * The monitoring objects also lose the local-config mark: a render puts it
 * there itself (see render()), and the operator copies a resource's
 * annotations onto its StatefulSet, where the mark would make kustomize and
 * kpt live apply leave the workload out.
 */
export function readSources(input: readonly KubeObject[]): Source[] {
  return input.map((original) => {
    const file = fileOf(original);
    const plain = withoutEnvelopeAnnotations(original);
    const obj = isMonitoring(plain) ? withoutLocalConfig(plain) : plain;
    return file ? { obj, original, file } : { obj, original };
  });
}

/**
 * Every result about an input object gets that object's file, unless it
 * names one already; where two objects share an identity (an error of its
 * own), the first one's.
 */
export function withFiles(results: readonly Result[], sources: readonly Source[]): Result[] {
  const files = new Map<string, FileRef>();
  for (const s of sources) if (s.file && !files.has(identityKey(s.obj))) files.set(identityKey(s.obj), s.file);
  if (files.size === 0) return [...results];
  return results.map((r) => {
    if (r.file || !r.resourceRef) return r;
    const file = files.get(refKey(r.resourceRef));
    return file ? { ...r, file: { ...file } } : r;
  });
}

function refKey(ref: ObjectRef): string {
  return identityKey({ apiVersion: ref.apiVersion, kind: ref.kind, metadata: { name: ref.name, ...(ref.namespace ? { namespace: ref.namespace } : {}) } });
}
