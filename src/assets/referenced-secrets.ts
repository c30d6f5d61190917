/**
 * The Secrets (and ConfigMaps) a workload expects to find in the cluster
 * because its configuration refers to them by file instead of copying their
 * values: which object, which keys, and who asked for each key. Collected
 * while a configuration is built; the pod mounts them (one projected volume,
 * workload/referenced-secrets-volume.ts) and the render lists them (an info
 * result per workload). Never holds a value.
 */
import { compareStrings } from '../core/compare.js';
import { sha256Hex } from '../core/hash.js';
import { isDns1123Subdomain } from '../core/names.js';
import { describeRef, type ObjectRef } from '../krm/types.js';

export type ReferencedKind = 'Secret' | 'ConfigMap';

/** Who referred to one key: the object and the field, for the expected-Secrets list. */
export interface KeyUse {
  readonly source: ObjectRef;
  readonly field: string;
}

/** One object the pod expects in its own namespace. */
export interface ReferencedObject {
  readonly kind: ReferencedKind;
  /** Its name in the workload's namespace (see `inPodName`). */
  readonly name: string;
  /** The `namespace/name` it mirrors, as the references wrote it. */
  readonly origins: ReadonlySet<string>;
  /** Whether the name was shortened with a hash (then two different origins cannot share it). */
  readonly hashed: boolean;
  readonly keys: ReadonlyMap<string, readonly KeyUse[]>;
}

const MAX_NAME = 253;
const HASH_HEX = 16;

/**
 * The name, in the workload's namespace `workloadNamespace`, of the object
 * `name` that a reference made in `sourceNamespace` points at: the same name
 * in the same namespace, `<sourceNamespace>.<name>` otherwise (namespaces
 * hold no dot, so the two parts can always be told apart). Longer than 253
 * characters, the name keeps its first 236, less any trailing dots and
 * dashes, and ends in `-` and 16 hex digits of sha256(`<sourceNamespace>/<name>`).
 */
function inPodName(sourceNamespace: string, name: string, workloadNamespace: string): { name: string; hashed: boolean } {
  if (sourceNamespace === workloadNamespace) return { name, hashed: false };
  const full = `${sourceNamespace}.${name}`;
  if (full.length <= MAX_NAME) return { name: full, hashed: false };
  let end = MAX_NAME - HASH_HEX - 1;
  while (end > 0 && (full[end - 1] === '.' || full[end - 1] === '-')) end--;
  return { name: `${full.slice(0, end)}-${sha256Hex(`${sourceNamespace}/${name}`).slice(0, HASH_HEX)}`, hashed: true };
}

/** Secret and ConfigMap keys as the API server accepts them: `[-._a-zA-Z0-9]+`, at most 253, not `.`, `..` or `..*`. */
function isObjectKey(key: string): boolean {
  if (key.length === 0 || key.length > MAX_NAME || key === '.' || key.startsWith('..')) return false;
  for (const c of key) {
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c === '-' || c === '.' || c === '_')) return false;
  }
  return true;
}

/** What is wrong with a reference's name or key before it is used in a path, or undefined. */
export function referenceProblem(kind: ReferencedKind, name: string, key: string): string | undefined {
  if (!isDns1123Subdomain(name)) return `${kind} name ${JSON.stringify(name)} is not a valid ${kind} name (lower-case letters, digits, "-" and ".", at most 253)`;
  if (!isObjectKey(key)) return `key ${JSON.stringify(key)} is not a valid ${kind} key (letters, digits, "-", "_" and ".", at most 253, not "." or starting with "..")`;
  return undefined;
}

interface Entry {
  kind: ReferencedKind;
  name: string;
  origins: Set<string>;
  hashed: boolean;
  keys: Map<string, KeyUse[]>;
}

/** One reference to record. */
export interface Reference {
  readonly kind: ReferencedKind;
  readonly sourceNamespace: string;
  readonly name: string;
  readonly key: string;
  readonly workloadNamespace: string;
  readonly use: KeyUse;
}

export class ReferencedSecrets {
  readonly #entries = new Map<string, Entry>();
  #inlined = false;

  /**
   * Records a reference and returns the file's path below the mount
   * directory (`<in-pod name>/<key>`), or a problem when the in-pod name is
   * already taken by a different object.
   */
  record(ref: Reference): { path: string } | { problem: string } {
    const mapped = inPodName(ref.sourceNamespace, ref.name, ref.workloadNamespace);
    const origin = `${ref.sourceNamespace}/${ref.name}`;
    const problem = this.#add({ kind: ref.kind, name: mapped.name, origins: new Set([origin]), hashed: mapped.hashed, keys: new Map([[ref.key, [ref.use]]]) });
    return problem ? { problem } : { path: `${mapped.name}/${ref.key}` };
  }

  #add(incoming: Entry): string | undefined {
    const have = this.#entries.get(incoming.name);
    if (!have) {
      this.#entries.set(incoming.name, { ...incoming, origins: new Set(incoming.origins), keys: new Map([...incoming.keys].map(([k, v]) => [k, [...v]])) });
      return undefined;
    }
    const newOrigin = [...incoming.origins].find((o) => !have.origins.has(o));
    if (have.kind !== incoming.kind || ((have.hashed || incoming.hashed) && newOrigin !== undefined)) {
      const first = [...have.keys.values()][0]?.[0];
      const other = first ? ` (${describeRef(first.source)} ${first.field})` : '';
      return `it maps to the ${have.kind} ${incoming.name} in the workload's namespace, which ${[...have.origins].sort(compareStrings).join(', ')}${other} already maps to; rename one of the two`;
    }
    for (const o of incoming.origins) have.origins.add(o);
    for (const [key, uses] of incoming.keys) {
      const list = have.keys.get(key) ?? [];
      list.push(...uses);
      have.keys.set(key, list);
    }
    return undefined;
  }

  /** Notes that a value read from a Secret was copied into the configuration. */
  markInlined(): void {
    this.#inlined = true;
  }

  /** Whether any value read from a Secret was copied into the configuration. */
  get inlined(): boolean {
    return this.#inlined;
  }

  /** Takes over another collection (a monitor's, once it is accepted); returns the conflicts, if any. */
  adopt(other: ReferencedSecrets): string[] {
    if (other.inlined) this.#inlined = true;
    const problems: string[] = [];
    for (const e of other.#entries.values()) {
      const problem = this.#add(e);
      if (problem) problems.push(problem);
    }
    return problems;
  }

  get size(): number {
    return this.#entries.size;
  }

  /** The expected objects, sorted by name (Secrets before ConfigMaps of one name cannot happen: names are unique). */
  list(): ReferencedObject[] {
    return [...this.#entries.values()].sort((a, b) => compareStrings(a.name, b.name));
  }
}
