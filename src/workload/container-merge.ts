import type { V1Container } from '@kubernetes/client-node';
import { clone, emptyMap, isPlainObject, ownValue, setOwn } from '../core/objects.js';
import type { Fail } from '../core/fail.js';

/**
 * Merges the user's `containers` / `initContainers` into the generated ones,
 * by name, with Kubernetes strategic-merge-patch semantics for a Container:
 * maps merge recursively, `null` deletes a field, the lists that Kubernetes
 * merges by key (env by name, ports by containerPort, volumeMounts by
 * mountPath, volumeDevices by devicePath) merge element-wise, and every other
 * list is replaced. `$patch: delete` / `$patch: replace` directives are
 * honoured. Containers the user adds are appended in the user's order.
 * Every key of the patch is an ordinary key: tested with Object.hasOwn and
 * written with setOwn, so `__proto__` or `constructor` in a container is a
 * field like any other, never a path into a prototype.
 */
type Json = unknown;
type JsonMap = Record<string, Json>;

/** Lists of a Container that merge by key instead of being replaced. */
const MERGE_KEYS: Readonly<Record<string, string>> = Object.assign(emptyMap<string>(), {
  env: 'name',
  ports: 'containerPort',
  volumeMounts: 'mountPath',
  volumeDevices: 'devicePath',
});

const DIRECTIVE = '$patch';

/** Where a merge stops: undefined after `problem` says why. */
type Problem = (reason: string) => undefined;

/**
 * The generated containers with the user's merged in; undefined after
 * `fail` names `field` when a patch cannot be applied (an unknown `$patch`
 * directive, a keyed list item without its key).
 */
export function mergePatchContainers(base: readonly V1Container[], patches: readonly V1Container[] | undefined, fail: Fail, field: string): V1Container[] | undefined {
  if (!patches || patches.length === 0) return [...base];
  const problem: Problem = (reason) => fail(reason, field);
  const byName = new Map<string, V1Container>();
  for (const p of patches) byName.set(p.name, p);
  const out: V1Container[] = [];
  for (const container of base) {
    const patch = byName.get(container.name);
    if (!patch) {
      out.push(container);
      continue;
    }
    const merged = mergeContainer(container, patch, problem);
    if (!merged) return undefined;
    keepSingleProbeHandler(merged, patch);
    out.push(merged);
    byName.delete(container.name);
  }
  for (const p of patches) {
    const left = byName.get(p.name);
    if (left === p) out.push(clone(p));
  }
  return out;
}

/** A container with the user's patch of it merged in (both copied first); undefined after `problem`. */
function mergeContainer(container: V1Container, patch: V1Container, problem: Problem): V1Container | undefined {
  const original: unknown = clone(container);
  const changes: unknown = clone(patch);
  if (!isPlainObject(original) || !isPlainObject(changes)) return problem('a container is not an object');
  const merged = mergeMap(original, changes, problem, MERGE_KEYS);
  if (merged === undefined) return undefined;
  // The merge keeps the generated container's name unless the patch deletes the whole container.
  if (!isContainer(merged)) return problem(`the patch of container "${container.name}" deletes it ($patch: delete), and a generated container cannot be removed`);
  return merged;
}

function isContainer(v: JsonMap): v is JsonMap & V1Container {
  return typeof v.name === 'string';
}

function mergeMap(original: JsonMap, patch: JsonMap, problem: Problem, mergeKeys: Readonly<Record<string, string>> = emptyMap()): JsonMap | undefined {
  const directive = ownValue(patch, DIRECTIVE);
  if (directive === 'replace') {
    const { [DIRECTIVE]: _drop, ...rest } = patch;
    return rest;
  }
  if (directive === 'delete') return emptyMap();
  if (directive !== undefined) return problem(`unknown patch directive ${DIRECTIVE}: ${String(directive)}`);
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) {
      delete original[key];
      continue;
    }
    const current = ownValue(original, key);
    const listKey = ownValue(mergeKeys, key);
    let merged: Json;
    if (isPlainObject(current) && isPlainObject(value)) merged = mergeMap(current, value, problem);
    else if (Array.isArray(current) && Array.isArray(value) && listKey !== undefined) merged = mergeList(current, value, listKey, problem);
    else merged = value;
    if (merged === undefined) return undefined;
    setOwn(original, key, merged);
  }
  return original;
}

const NOT_AN_OBJECT = 'a list merged by key holds a value that is not an object';

/** The item's merge key; undefined when the item is no object or lacks the key (`problem` is told). */
function keyOf(item: Json, mergeKey: string, problem: Problem): Json {
  if (!isPlainObject(item)) return problem(NOT_AN_OBJECT);
  if (!Object.hasOwn(item, mergeKey)) return problem(`a list item has no merge key "${mergeKey}"`);
  return item[mergeKey];
}

function indexIn(list: readonly Json[], key: Json, mergeKey: string): number {
  return list.findIndex((x) => isPlainObject(x) && ownValue(x, mergeKey) === key);
}

function mergeList(original: Json[], patch: Json[], mergeKey: string, problem: Problem): Json[] | undefined {
  // Directives first: deletions drop matching items, a replace marker replaces the whole list.
  let server = [...original];
  const plain: JsonMap[] = [];
  let replace = false;
  for (const item of patch) {
    if (!isPlainObject(item)) return problem(NOT_AN_OBJECT);
    const directive = ownValue(item, DIRECTIVE);
    if (directive === undefined) plain.push(item);
    else if (directive === 'delete') {
      const key = keyOf(item, mergeKey, problem);
      if (key === undefined) return undefined;
      server = server.filter((x) => !(isPlainObject(x) && ownValue(x, mergeKey) === key));
    } else if (directive === 'replace') replace = true;
    else return problem(`unknown patch directive ${DIRECTIVE}: ${String(directive)}`);
  }
  if (replace) return plain;

  const order = [...server];
  const merged = [...server];
  for (const item of plain) {
    const itemKey = keyOf(item, mergeKey, problem);
    if (itemKey === undefined) return undefined;
    const at = indexIn(merged, itemKey, mergeKey);
    if (at < 0) {
      merged.push(item);
      continue;
    }
    const next = mergeMap(merged[at] as JsonMap, item, problem);
    if (!next) return undefined;
    merged[at] = next;
  }
  // From here on every item is an object with its key: a server item without one stops the merge.
  for (const x of merged) if (keyOf(x, mergeKey, problem) === undefined) return undefined;
  const key = (x: Json): Json => (x as JsonMap)[mergeKey];
  // Items named in the patch follow the patch's order; the others keep theirs and are interleaved by server position.
  const fromPatch = merged.filter((x) => indexIn(plain, key(x), mergeKey) >= 0);
  fromPatch.sort((a, b) => indexIn(plain, key(a), mergeKey) - indexIn(plain, key(b), mergeKey));
  const serverOnly = merged.filter((x) => indexIn(plain, key(x), mergeKey) < 0);
  const out: Json[] = [];
  let i = 0;
  let j = 0;
  while (i < serverOnly.length || j < fromPatch.length) {
    if (i >= serverOnly.length) out.push(fromPatch[j++]);
    else if (j >= fromPatch.length) out.push(serverOnly[i++]);
    else {
      const li = indexIn(order, key(serverOnly[i]), mergeKey);
      const ri = indexIn(order, key(fromPatch[j]), mergeKey);
      if (li >= 0 && ri >= 0 && li < ri) out.push(serverOnly[i++]);
      else out.push(fromPatch[j++]);
    }
  }
  return out;
}

const HANDLERS = ['httpGet', 'tcpSocket', 'exec', 'grpc'] as const;
const PROBES = ['startupProbe', 'readinessProbe', 'livenessProbe'] as const;

/** A probe ends up with one handler: when merging left two, the user's handler wins. */
function keepSingleProbeHandler(merged: V1Container, patch: V1Container): void {
  for (const probe of PROBES) {
    const m = merged[probe];
    const p = patch[probe];
    if (!m || !p) continue;
    if (HANDLERS.filter((h) => m[h] !== undefined).length <= 1) continue;
    for (const h of HANDLERS) {
      if (p[h] !== undefined) (m as Record<string, unknown>)[h] = p[h];
      else delete m[h];
    }
  }
}
