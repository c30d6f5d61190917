/**
 * Names and labels in generated objects must be ones the API server
 * accepts. The operator builds them from the owner's name without checking
 * (`prometheus-<name>-db`, `prometheus-<name>-shard-<n>`, the label
 * `prometheus: <name>`), so a long name gives objects that are refused, or a
 * StatefulSet that never creates a pod. We report each such name instead, as
 * an error naming the owner's metadata.name.
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

/** One refused name or label: the sentence, the offending text and the length it must not exceed. */
export interface NameProblem {
  readonly message: string;
  readonly text: string;
  readonly maxLength: number;
}

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
      out.push({ message: `${where} has the label key "${key}", which is not a valid label key`, text: key.slice(key.lastIndexOf('/') + 1), maxLength: 63 });
    }
    if (typeof value !== 'string' || !isLabelValue(value)) {
      const text = String(value);
      out.push({ message: `${where} has the label ${key}="${text}", which is not a valid label value (at most 63 characters: letters, digits, "-", "_", ".")`, text, maxLength: 63 });
    }
  }
  return out;
}

/** Problems with the names and labels of one generated object. */
export function generatedNameProblems(obj: KubeObject): NameProblem[] {
  const what = `the generated ${obj.kind} "${obj.metadata.name}"`;
  const problems: NameProblem[] = [];
  const nameProblem = objectNameProblem(what, obj.kind, obj.metadata.name);
  if (nameProblem) problems.push(nameProblem);
  problems.push(...labelProblems(what, obj.metadata.labels));
  const spec = rec((obj as Rec).spec);
  problems.push(...labelProblems(`${what} (selector)`, rec(spec.selector).matchLabels ?? (obj.kind === 'Service' ? spec.selector : undefined)));
  const template = rec(spec.template);
  problems.push(...labelProblems(`${what} (pod template)`, rec(template.metadata).labels));
  const pod = rec(template.spec);
  const volumeNames = [...list(pod.volumes).map((v) => v.name), ...list(spec.volumeClaimTemplates).map((c) => rec(c.metadata).name)];
  for (const name of volumeNames) {
    if (typeof name === 'string' && !isDns1123Label(name)) {
      problems.push({ message: `${what} has the volume "${name}", which is not a valid volume name (a DNS-1123 label: at most 63 characters)`, text: name, maxLength: 63 });
    }
  }
  return problems;
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
  const fromName = problems.every((p) => p.text.includes(ownerName) && p.text.length > p.maxLength);
  const excess = Math.max(...problems.map((p) => p.text.length - p.maxLength));
  const advice =
    fromName && ownerName.length - excess > 0
      ? `choose a metadata.name of at most ${ownerName.length - excess} characters`
      : 'change the name or label value it comes from';
  return `${first.message}${more}; ${advice}`;
}
