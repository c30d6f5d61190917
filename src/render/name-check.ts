/**
 * Names, namespaces, labels and annotations in generated objects must be
 * ones the API server accepts. The operator builds them from the owner's
 * name without checking (`prometheus-<name>-db`, `prometheus-<name>-shard-<n>`,
 * the label `prometheus: <name>`) and copies the owner's namespace, labels
 * and annotations (and `podMetadata`) onto what it generates, so a long name
 * gives objects that are refused, or a StatefulSet that never creates a pod,
 * and a bad namespace or annotation gives objects `kubectl apply` refuses.
 * We report each such problem instead, as an error naming the owner's field.
 * The monitoring objects of the input are held to the same rules
 * (`inputMetadataProblems`), as the API server would never have stored them.
 */
import { isDns1035Label, isDns1123Label, isDns1123Subdomain, isLabelKey, isLabelValue } from '../core/names.js';
import { isPlainObject } from '../core/objects.js';
import type { KubeObject } from '../krm/types.js';

/**
 * A StatefulSet's pods carry the label `controller-revision-hash:
 * <name>-<hash>` (hash up to 10 characters), which must fit in 63.
 */
const MAX_STATEFULSET_NAME = 52;

type Rec = Record<string, unknown>;
const rec = (v: unknown): Rec => (isPlainObject(v) ? v : {});
const list = (v: unknown): Rec[] => (Array.isArray(v) ? v.map(rec) : []);

/**
 * One refused name, label or annotation: the sentence, the offending text and
 * the length it must not exceed; the owner's field it comes from and what to
 * do, when that is not the owner's metadata.name made shorter.
 */
export interface NameProblem {
  readonly message: string;
  readonly text: string;
  readonly maxLength: number;
  readonly field?: string;
  readonly advice?: string;
}

/** The API server's limit on the annotations of one object: the bytes of every key and value, 256 KiB. */
export const MAX_ANNOTATIONS_BYTES = 256 * 1024;

const NAMESPACE_RULE = 'a DNS-1123 label: at most 63 lowercase letters, digits and "-", starting and ending with a letter or digit';
const NAMESPACE_ADVICE = `use a namespace that is ${NAMESPACE_RULE}`;
const ANNOTATION_ADVICE = 'change the annotation it comes from (metadata.annotations or spec.podMetadata.annotations)';
const LABEL_KEY_RULE = 'an optional DNS subdomain prefix and "/", then at most 63 letters, digits, "-", "_" or ".", starting and ending with a letter or digit';

/** A value as a message shows it: strings quoted, anything else as JSON. */
const shown = (v: unknown): string => JSON.stringify(v) ?? String(v);

function objectNameProblem(what: string, kind: string, name: string): NameProblem | undefined {
  if (kind === 'Service') {
    if (isDns1035Label(name)) return undefined;
    return { message: `${what} is not a valid Service name (a DNS-1035 label: at most 63 characters, starting with a letter)`, text: name, maxLength: 63 };
  }
  if (!isDns1123Subdomain(name)) return { message: `${what} is not a valid object name (a DNS-1123 subdomain of at most 253 characters)`, text: name, maxLength: 253 };
  if (kind === 'StatefulSet' && name.length > MAX_STATEFULSET_NAME) {
    return {
      message: `${what} has ${name.length} characters; a StatefulSet name longer than ${MAX_STATEFULSET_NAME} cannot create pods (their controller-revision-hash label is "<name>-<hash>", at most 63 characters)`,
      text: name,
      maxLength: MAX_STATEFULSET_NAME,
    };
  }
  return undefined;
}

function labelProblems(where: string, labels: unknown): NameProblem[] {
  const out: NameProblem[] = [];
  for (const [key, value] of Object.entries(rec(labels))) {
    if (!isLabelKey(key)) {
      out.push({ message: `${where} has the label key ${shown(key)}, which is not a valid label key (${LABEL_KEY_RULE})`, text: key.slice(key.lastIndexOf('/') + 1), maxLength: 63 });
    }
    if (typeof value !== 'string' || !isLabelValue(value)) {
      const text = typeof value === 'string' ? value : shown(value);
      out.push({ message: `${where} has the label ${key}="${text}", which is not a valid label value (at most 63 characters: letters, digits, "-", "_", ".")`, text, maxLength: 63 });
    }
  }
  return out;
}

/** Annotation keys follow the label-key rule; keys and values together stay within 256 KiB. `field`: the owner's field they come from. */
function annotationProblems(where: string, annotations: unknown, field?: string): NameProblem[] {
  const out: NameProblem[] = [];
  let bytes = 0;
  for (const [key, value] of Object.entries(rec(annotations))) {
    if (!isLabelKey(key)) {
      out.push({ message: `${where} has the annotation key ${shown(key)}, which is not a valid annotation key (${LABEL_KEY_RULE})`, text: key, maxLength: Infinity, field, advice: ANNOTATION_ADVICE });
    }
    if (typeof value !== 'string') {
      out.push({ message: `${where} has the annotation ${shown(key)} whose value is not a string`, text: key, maxLength: Infinity, field, advice: ANNOTATION_ADVICE });
    }
    bytes += Buffer.byteLength(key) + (typeof value === 'string' ? Buffer.byteLength(value) : 0);
  }
  if (bytes > MAX_ANNOTATIONS_BYTES) {
    out.push({
      message: `${where} has annotations of ${bytes} bytes (keys and values), more than the ${MAX_ANNOTATIONS_BYTES} the API server accepts`,
      text: '',
      maxLength: Infinity,
      field,
      advice: ANNOTATION_ADVICE,
    });
  }
  return out;
}

function namespaceProblem(what: string, namespace: unknown): NameProblem | undefined {
  if (namespace === undefined || (typeof namespace === 'string' && isDns1123Label(namespace))) return undefined;
  return { message: `${what} has the namespace ${shown(namespace)}, which is not a valid namespace`, text: String(namespace), maxLength: Infinity, field: 'metadata.namespace', advice: NAMESPACE_ADVICE };
}

/** Labels and annotations of one metadata block (an object's, a pod template's, a claim template's); `field`: the owner's field the annotations come from. */
function metadataProblems(where: string, metadata: unknown, field: string): NameProblem[] {
  return [...labelProblems(where, rec(metadata).labels), ...annotationProblems(where, rec(metadata).annotations, field)];
}

/** Problems with the names and labels of one generated object. */
export function generatedNameProblems(obj: KubeObject): NameProblem[] {
  const what = `the generated ${obj.kind} "${obj.metadata.name}"`;
  const problems: NameProblem[] = [];
  const nameProblem = objectNameProblem(what, obj.kind, obj.metadata.name);
  if (nameProblem) problems.push(nameProblem);
  const namespace = namespaceProblem(what, obj.metadata.namespace);
  if (namespace) problems.push(namespace);
  problems.push(...metadataProblems(what, obj.metadata, 'metadata.annotations'));
  const spec = rec((obj as Rec).spec);
  problems.push(...labelProblems(`${what} (selector)`, rec(spec.selector).matchLabels ?? (obj.kind === 'Service' ? spec.selector : undefined)));
  const template = rec(spec.template);
  problems.push(...metadataProblems(`${what} (pod template)`, template.metadata, 'spec.podMetadata.annotations'));
  for (const claim of list(spec.volumeClaimTemplates)) {
    problems.push(...metadataProblems(`${what} (volume claim template)`, claim.metadata, 'spec.storage.volumeClaimTemplate.metadata.annotations'));
  }
  const pod = rec(template.spec);
  const nodeSelector = labelProblems(`${what} (node selector)`, pod.nodeSelector);
  problems.push(...nodeSelector.map((p) => ({ ...p, field: 'spec.nodeSelector', advice: 'change the key or value in spec.nodeSelector' })));
  const volumeNames = [...list(pod.volumes).map((v) => v.name), ...list(spec.volumeClaimTemplates).map((c) => rec(c.metadata).name)];
  for (const name of volumeNames) {
    if (typeof name === 'string' && !isDns1123Label(name)) {
      problems.push({ message: `${what} has the volume "${name}", which is not a valid volume name (a DNS-1123 label: at most 63 characters)`, text: name, maxLength: 63 });
    }
  }
  return problems;
}

/**
 * What the API server would refuse in the metadata of an input object and
 * what would reach generated objects or paths from it: a namespace that is
 * not a DNS label (it becomes the namespace of generated Roles and of files),
 * invalid label or annotation keys and values. Each with the field to name.
 * The object's own name is left to the API server: it only ever appears
 * inside generated configuration (job names, rule file names), never as the
 * name of a generated object.
 */
export function inputMetadataProblems(obj: KubeObject): Array<{ path: string; message: string }> {
  const out: Array<{ path: string; message: string }> = [];
  const { namespace } = obj.metadata;
  if (namespaceProblem('', namespace)) {
    out.push({ path: 'metadata.namespace', message: `metadata.namespace ${shown(namespace)} is not a valid namespace (${NAMESPACE_RULE})` });
  }
  for (const p of labelProblems('metadata', obj.metadata.labels)) out.push({ path: 'metadata.labels', message: p.message });
  for (const p of annotationProblems('metadata', obj.metadata.annotations)) out.push({ path: 'metadata.annotations', message: p.message });
  return out;
}

/**
 * One sentence for all the problems of one owner: the first problem, how
 * many more there are, and what to do. When the refused texts are built from
 * the owner's name and only too long, the advice gives the longest name that
 * works.
 */
export function namesAdvice(ownerName: string, problems: readonly NameProblem[]): string {
  const [first] = problems;
  if (!first) return '';
  const more = problems.length > 1 ? ` (and ${problems.length - 1} more generated names or labels with the same cause)` : '';
  if (first.advice) return `${first.message}${more}; ${first.advice}`;
  const fromName = problems.every((p) => p.text.includes(ownerName) && p.text.length > p.maxLength);
  const excess = Math.max(...problems.map((p) => p.text.length - p.maxLength));
  const advice =
    fromName && ownerName.length - excess > 0
      ? `choose a metadata.name of at most ${ownerName.length - excess} characters`
      : 'change the name or label value it comes from';
  return `${first.message}${more}; ${advice}`;
}
