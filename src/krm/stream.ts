import { isPlainObject } from '../core/objects.js';
import { parseYamlStream } from '../core/yaml.js';
import { checkObject, yamlErrorText } from './read.js';
import { errorResult } from './results.js';
import type { KubeObject, Result } from './types.js';

/**
 * Parses a plain manifest stream (one file, or stdin for `render -`):
 * multi-document, `kind: List` and `*List` kinds expanded, Kptfiles and
 * documents that hold no Kubernetes object skipped.
 */
export function parseManifestStream(text: string, file: string): { items: KubeObject[]; problems: Result[] } {
  let docs: unknown[];
  try {
    docs = parseYamlStream(text, file);
  } catch (e) {
    return { items: [], problems: [fileError(`${file} is not valid YAML: ${yamlErrorText(e)}`, file)] };
  }
  const items: KubeObject[] = [];
  const problems: Result[] = [];
  docs.forEach((doc, index) => {
    for (const raw of expandLists(doc)) {
      if (!looksLikeKubeObject(raw)) continue;
      const checked = checkObject(raw, `${file} document ${index + 1}`);
      if (typeof checked === 'string') problems.push(fileError(checked, file, index));
      else if (checked.kind !== 'Kptfile') items.push(checked);
    }
  });
  return { items, problems };
}

function expandLists(doc: unknown): unknown[] {
  if (isPlainObject(doc) && typeof doc.kind === 'string' && doc.kind.endsWith('List') && Array.isArray(doc.items)) {
    return doc.items.flatMap(expandLists);
  }
  return [doc];
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
