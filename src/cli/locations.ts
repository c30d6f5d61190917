import { INDEX_ANNOTATIONS, LINE_ANNOTATION, PATH_ANNOTATIONS } from '../krm/annotations.js';
import { formatResultLine } from '../krm/results.js';
import { groupOf, identityKey, type KubeObject, type ObjectRef, type Result } from '../krm/types.js';

interface Place {
  readonly path: string;
  readonly line?: number;
  /** The document's index in the file. */
  readonly index?: number;
}

/**
 * Where each object of a `render` run came from, so that a result line can
 * start with `file:line:` as compilers' do. Built from the path, index and
 * line annotations the stream reader puts on each object, and from the line
 * of each document of each file (for results that name a file and document
 * but no object).
 */
export class Locations {
  private readonly objects = new Map<string, Place>();
  private readonly documents = new Map<string, number>();

  addDocuments(path: string, lines: readonly number[]): void {
    lines.forEach((line, index) => this.documents.set(`${path}\u0000${index}`, line));
  }

  addObject(obj: KubeObject): void {
    const annotations = obj.metadata.annotations ?? {};
    const path = PATH_ANNOTATIONS.map((k) => annotations[k]).find((v) => typeof v === 'string');
    if (!path) return;
    const key = identityKey(obj);
    if (this.objects.has(key)) return;
    const line = Number(annotations[LINE_ANNOTATION]);
    const index = Number(INDEX_ANNOTATIONS.map((k) => annotations[k]).find((v) => typeof v === 'string'));
    const known = Number.isInteger(line) && line > 0 ? line : this.documents.get(`${path}\u0000${index}`);
    this.objects.set(key, { path, ...(known === undefined ? {} : { line: known }), ...(Number.isInteger(index) ? { index } : {}) });
  }

  /** `file:line` (or `file`) of what a result is about, when known. */
  of(r: Result): string | undefined {
    const place = this.place(r);
    if (!place) return undefined;
    return place.line === undefined ? place.path : `${place.path}:${place.line}`;
  }

  private place(r: Result): Place | undefined {
    const object = r.resourceRef ? this.objectPlace(r.resourceRef) : undefined;
    if (r.file?.path) {
      // The object's own place, unless the result names another document (the later copy of a duplicate).
      if (object && object.path === r.file.path && (r.file.index === undefined || object.index === undefined || object.index === r.file.index)) return object;
      const line = r.file.index === undefined ? undefined : this.documents.get(`${r.file.path}\u0000${r.file.index}`);
      return line === undefined ? { path: r.file.path } : { path: r.file.path, line };
    }
    return object;
  }

  private objectPlace(ref: ObjectRef): Place | undefined {
    const key = (namespace: string) => [groupOf(ref.apiVersion), ref.kind, namespace, ref.name].join('|');
    // The renderers name an object without a namespace as in "default", where the cluster puts it.
    return this.objects.get(key(ref.namespace ?? '')) ?? (ref.namespace === 'default' ? this.objects.get(key('')) : undefined);
  }
}

/**
 * One result as a stderr line: `file:line: severity: Kind/namespace/name: field: message`.
 * Line breaks and other control characters in it (from input text quoted in
 * a message) are escaped, so that one result is one line and input cannot
 * forge other lines or move a terminal's cursor.
 */
export function resultLine(r: Result, locations?: Locations): string {
  const where = locations?.of(r);
  const text = where ? `${where}: ${formatResultLine(r)}` : formatResultLine(r);
  return text.replace(/[\u0000-\u0008\u000a-\u001f\u007f-\u009f]/g, (c) =>
    c === '\n' ? '\\n' : c === '\r' ? '\\r' : `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`,
  );
}
