import type { V1Container } from '@kubernetes/client-node';
import { clone, emptyMap, isPlainObject, ownValue, setOwn } from '../core/objects.js';

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

export type MergeOutcome = { ok: true; containers: V1Container[] } | { ok: false; reason: string };

export function mergePatchContainers(base: readonly V1Container[], patches: readonly V1Container[] | undefined): MergeOutcome {
  if (!patches || patches.length === 0) return { ok: true, containers: [...base] };
  const byName = new Map<string, V1Container>();
  for (const p of patches) byName.set(p.name, p);
  const out: V1Container[] = [];
  try {
    for (const container of base) {
      const patch = byName.get(container.name);
      if (!patch) {
        out.push(container);
        continue;
      }
      const merged = mergeMap(clone(container) as unknown as JsonMap, clone(patch) as unknown as JsonMap, MERGE_KEYS) as unknown as V1Container;
      keepSingleProbeHandler(merged, patch);
      out.push(merged);
      byName.delete(container.name);
    }
  } catch (e) {
    return { ok: false, reason: e instanceof Error ? e.message : String(e) };
  }
  for (const p of patches) {
    const left = byName.get(p.name);
    if (left === p) out.push(clone(p));
  }
  return { ok: true, containers: out };
}

function mergeMap(original: JsonMap, patch: JsonMap, mergeKeys: Readonly<Record<string, string>> = emptyMap()): JsonMap {
  const directive = ownValue(patch, DIRECTIVE);
  if (directive === 'replace') {
    const { [DIRECTIVE]: _drop, ...rest } = patch;
    return rest;
  }
  if (directive === 'delete') return emptyMap();
  if (directive !== undefined) throw new Error(`unknown patch directive ${DIRECTIVE}: ${String(directive)}`);
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) {
      delete original[key];
      continue;
    }
    const current = ownValue(original, key);
    const listKey = ownValue(mergeKeys, key);
    if (isPlainObject(current) && isPlainObject(value)) {
      setOwn(original, key, mergeMap(current, value));
    } else if (Array.isArray(current) && Array.isArray(value) && listKey !== undefined) {
      setOwn(original, key, mergeList(current, value, listKey));
    } else {
      setOwn(original, key, value);
    }
  }
  return original;
}

function keyOf(item: Json, mergeKey: string): Json {
  if (!isPlainObject(item)) throw new Error('a list merged by key holds a value that is not an object');
  if (!Object.hasOwn(item, mergeKey)) throw new Error(`a list item has no merge key "${mergeKey}"`);
  return item[mergeKey];
}

function indexIn(list: readonly Json[], key: Json, mergeKey: string): number {
  return list.findIndex((x) => isPlainObject(x) && ownValue(x, mergeKey) === key);
}

function mergeList(original: Json[], patch: Json[], mergeKey: string): Json[] {
  // Directives first: deletions drop matching items, a replace marker replaces the whole list.
  let server = [...original];
  const plain: JsonMap[] = [];
  let replace = false;
  for (const item of patch) {
    if (!isPlainObject(item)) throw new Error('a list merged by key holds a value that is not an object');
    const directive = ownValue(item, DIRECTIVE);
    if (directive === undefined) plain.push(item);
    else if (directive === 'delete') server = server.filter((x) => !(isPlainObject(x) && ownValue(x, mergeKey) === keyOf(item, mergeKey)));
    else if (directive === 'replace') replace = true;
    else throw new Error(`unknown patch directive ${DIRECTIVE}: ${String(directive)}`);
  }
  if (replace) return plain;

  const order = [...server];
  const merged = [...server];
  for (const item of plain) {
    const key = keyOf(item, mergeKey);
    const at = indexIn(merged, key, mergeKey);
    if (at >= 0) merged[at] = mergeMap(merged[at] as JsonMap, item);
    else merged.push(item);
  }
  // Items named in the patch follow the patch's order; the others keep theirs and are interleaved by server position.
  const fromPatch = merged.filter((x) => indexIn(plain, keyOf(x, mergeKey), mergeKey) >= 0);
  fromPatch.sort((a, b) => indexIn(plain, keyOf(a, mergeKey), mergeKey) - indexIn(plain, keyOf(b, mergeKey), mergeKey));
  const serverOnly = merged.filter((x) => indexIn(plain, keyOf(x, mergeKey), mergeKey) < 0);
  const out: Json[] = [];
  let i = 0;
  let j = 0;
  while (i < serverOnly.length || j < fromPatch.length) {
    if (i >= serverOnly.length) out.push(fromPatch[j++]);
    else if (j >= fromPatch.length) out.push(serverOnly[i++]);
    else {
      const li = indexIn(order, keyOf(serverOnly[i], mergeKey), mergeKey);
      const ri = indexIn(order, keyOf(fromPatch[j], mergeKey), mergeKey);
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
