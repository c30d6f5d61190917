import { isPlainObject } from '../core/objects.js';
import { parseYamlDocuments, type YamlDocument } from '../core/yaml.js';
import { INDEX_ANNOTATIONS, LINE_ANNOTATION, PATH_ANNOTATIONS } from './annotations.js';
import { checkObject, yamlErrorText } from './read.js';
import { errorResult } from './results.js';
import type { KubeObject, Result } from './types.js';

export interface ManifestStream {
  items: KubeObject[];
  /** Each item as it was read, without the annotations naming its place (same order as items). */
  asRead: KubeObject[];
  problems: Result[];
  /** The 1-based line each document of the stream starts on, by document index. */
  documentLines: number[];
}

/**
 * Parses a plain manifest stream (one file, or stdin for `render -`):
 * multi-document, `kind: List` and `*List` kinds expanded, Kptfiles and
 * documents that hold no Kubernetes object skipped.
 *
 * Each object is marked with where it came from, as kpt marks the objects it
 * reads: the file (`config.kubernetes.io/path`, and kpt's internal form), the
 * document's index in it, and the line the object starts on (LINE_ANNOTATION).
 * An object that already names its file (a stream from `kpt fn source`) keeps
 * that, without a line. These are envelope annotations: render() never sees
 * them, and `render` mode strips them from what it prints.
 */
export function parseManifestStream(text: string, file: string): ManifestStream {
  let docs: YamlDocument[];
  try {
    docs = parseYamlDocuments(text, file);
  } catch (e) {
    return { items: [], asRead: [], problems: [fileError(`${file} is not valid YAML: ${yamlErrorText(e)}`, file)], documentLines: [] };
  }
  const items: KubeObject[] = [];
  const asRead: KubeObject[] = [];
  const problems: Result[] = [];
  docs.forEach((doc, index) => {
    expandLists(doc.value, doc.line, doc.itemLines).forEach(({ value: raw, line }) => {
      if (!looksLikeKubeObject(raw)) return;
      const checked = checkObject(raw, `${file} document ${index + 1}`);
      if (typeof checked === 'string') problems.push(fileError(checked, file, index));
      else if (checked.kind !== 'Kptfile') {
        items.push(withLocation(checked, file, index, line));
        asRead.push(checked);
      }
    });
  });
  return { items, asRead, problems, documentLines: docs.map((d) => d.line) };
}

/** The items of List documents, each with its line (nested Lists: the line of the outer item). */
function expandLists(doc: unknown, line: number, itemLines?: readonly number[]): Array<{ value: unknown; line: number }> {
  if (isPlainObject(doc) && typeof doc.kind === 'string' && doc.kind.endsWith('List') && Array.isArray(doc.items)) {
    return doc.items.flatMap((item: unknown, i: number) => expandLists(item, itemLines?.[i] ?? line));
  }
  return [{ value: doc, line }];
}

function withLocation(obj: KubeObject, file: string, index: number, line: number): KubeObject {
  const current: unknown = obj.metadata.annotations;
  if (current !== undefined && current !== null && !isPlainObject(current)) return obj;
  if (current && PATH_ANNOTATIONS.some((k) => Object.hasOwn(current, k))) return obj;
  const annotations: Record<string, unknown> = { ...current };
  for (const key of PATH_ANNOTATIONS) annotations[key] = file;
  for (const key of INDEX_ANNOTATIONS) annotations[key] = String(index);
  annotations[LINE_ANNOTATION] = String(line);
  return { ...obj, metadata: { ...obj.metadata, annotations: annotations as Record<string, string> } };
}

/** A document that names a kind or an apiVersion is meant as an object; others (plain data files) are not. */
function looksLikeKubeObject(doc: unknown): boolean {
  return isPlainObject(doc) && (Object.hasOwn(doc, 'kind') || Object.hasOwn(doc, 'apiVersion'));
}

function fileError(message: string, path: string, index?: number): Result {
  const r = errorResult(message);
  r.file = index === undefined ? { path } : { path, index };
  return r;
}
