/**
 * Small helpers for plain JSON-like values, and the maps built from input.
 *
 * Go's maps have no prototype; a JavaScript object literal does. A key that
 * comes from input (a label, an annotation, a Secret key, a params name, a
 * field of a container the user merges) is therefore only ever written into
 * a map made here, which has no prototype, so `__proto__`, `constructor` or
 * `toString` is an ordinary key; and it is only ever read with an own-key
 * test (`Object.hasOwn`, `ownValue`), never with `in` or a bare `map[key]`
 * on an object that has a prototype.
 */
import { compareStrings } from './compare.js';
import { compareYamlV2Keys, keyOrderOf, withKeyOrder } from './key-order.js';

/** Whether a value is given: neither undefined nor null (a Go pointer that is not nil). `false`, `0` and `''` are given. */
export function notNil<T>(v: T | undefined | null): v is T {
  return v !== undefined && v !== null;
}

/**
 * Whether Go's `omitempty` keeps a value: given, and not a zero value (`''`,
 * `0`, `false`) nor an empty list or map.
 */
export function nonEmpty(v: unknown): boolean {
  if (v === undefined || v === null || v === '' || v === false || v === 0) return false;
  if (Array.isArray(v)) return v.length > 0;
  if (typeof v === 'object') return Object.keys(v).length > 0;
  return true;
}

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A map for keys that come from input: no prototype, so every key is an ordinary, own key. */
export function emptyMap<T = unknown>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}

/** A map (no prototype) from entries; a later entry of the same key wins. Its keys are written in the order the entries first name them. */
export function mapOf<T>(entries: Iterable<readonly [string, T]>): Record<string, T> {
  const out = emptyMap<T>();
  const order: string[] = [];
  for (const [k, v] of entries) {
    if (!Object.hasOwn(out, k)) order.push(k);
    out[k] = v;
  }
  return withKeyOrder(out, order);
}

/** The value of an own key of `map`, never one it inherits (`constructor`, `toString`...). */
export function ownValue<T>(map: Readonly<Record<string, T>> | null | undefined, key: string): T | undefined {
  return map !== null && map !== undefined && Object.hasOwn(map, key) ? map[key] : undefined;
}

/**
 * Writes `map[key] = value` as an own property whatever the key: on an
 * object that has a prototype, `__proto__` would otherwise replace the
 * prototype instead of adding a key.
 */
export function setOwn<T>(map: Record<string, T>, key: string, value: NoInfer<T>): void {
  if (key === '__proto__') Object.defineProperty(map, key, { value, writable: true, enumerable: true, configurable: true });
  else map[key] = value;
}

/**
 * A copy of a map (no prototype) written with its keys in byte order, as Go
 * writes a map it sorts (sort.Strings) and as encoding/json writes any map:
 * "10" before "9" before "B" before "a".
 */
export function sortedMap<T>(map: Readonly<Record<string, T>> | null | undefined): Record<string, T> {
  if (!map) return emptyMap<T>();
  return mapOf(Object.keys(map).sort(compareStrings).map((k) => [k, map[k] as T]));
}

/**
 * A copy of a map (no prototype) written with its keys in the order
 * gopkg.in/yaml.v2 writes a Go map: "9" before "10" before "B" before "a"
 * (see compareYamlV2Keys).
 */
export function yamlV2Map<T>(map: Readonly<Record<string, T>> | null | undefined): Record<string, T> {
  if (!map) return emptyMap<T>();
  return mapOf(Object.keys(map).sort(compareYamlV2Keys).map((k) => [k, map[k] as T]));
}

/** Later maps win over earlier ones; the result (no prototype) is key-sorted. */
export function mergeMaps<T>(...maps: Array<Readonly<Record<string, T>> | null | undefined>): Record<string, T> {
  const merged = emptyMap<T>();
  for (const m of maps) if (m) for (const k of Object.keys(m)) merged[k] = m[k] as T;
  return sortedMap(merged);
}

/**
 * The text of a scalar from input: a string as it is, a number or boolean
 * as String() writes it, null and undefined as ''. Undefined for a map or a
 * list, which has no text (and which String() cannot always convert: a map
 * may carry its own `toString` key).
 */
export function scalarText(v: unknown): string | undefined {
  if (v === undefined || v === null) return '';
  if (typeof v === 'object' || typeof v === 'function' || typeof v === 'symbol') return undefined;
  return String(v);
}

/** Deep copy of JSON-like data. Inputs are never mutated; renderers copy what they embed. */
export function clone<T>(v: T): T {
  return structuredClone(v);
}

/**
 * Drops `undefined` values from maps and lists, recursively, and nothing else:
 * empty lists and maps stay, as each Go field decides its own omitempty.
 * Maps come out as plain objects, every key an own key (also `__proto__`),
 * whether they went in with a prototype or without one.
 */
export function dropUndefined<T>(v: T): T {
  if (Array.isArray(v)) return v.filter((x) => x !== undefined).map(dropUndefined) as T;
  if (isPlainObject(v)) {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v)) {
      const x = v[k];
      if (x !== undefined) setOwn(out, k, dropUndefined(x));
    }
    const order = keyOrderOf(v);
    return (order ? withKeyOrder(out, order.filter((k) => Object.hasOwn(out, k))) : out) as T;
  }
  return v;
}
