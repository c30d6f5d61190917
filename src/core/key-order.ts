/**
 * The order a map's keys are written in, where it is not the order
 * JavaScript keeps.
 *
 * A plain object lists integer-like keys ("9", "10") first, in numeric
 * order, whatever order they were added in. Go writes a map's keys sorted:
 * by bytes where the operator sorts them itself (sort.Strings, and
 * encoding/json for Kubernetes objects), or in gopkg.in/yaml.v2's own order
 * where it hands a Go map to that encoder (the Alertmanager configuration,
 * rule files, a few keys of the Prometheus configuration). A map built for
 * output therefore records the order it needs here, and the YAML emitter
 * (yaml-emit.ts) writes its keys in that order. Only a map that holds an
 * integer-like key needs a record: for any other, insertion order is already
 * output order.
 */

const ORDERS = new WeakMap<object, readonly string[]>();

/** Whether JavaScript lists `key` before the others of an object: an array index, "0" to "4294967294". */
export function isIndexKey(key: string): boolean {
  const c = key.charCodeAt(0);
  if (!(c >= 0x30 && c <= 0x39) || key.length > 10 || (c === 0x30 && key.length > 1)) return false;
  for (let i = 1; i < key.length; i++) {
    const d = key.charCodeAt(i);
    if (d < 0x30 || d > 0x39) return false;
  }
  return Number(key) < 4294967295;
}

/** Records that `map`'s keys are written in the order of `keys` (when the object alone cannot keep it). Returns `map`. */
export function withKeyOrder<T extends object>(map: T, keys: readonly string[]): T {
  if (keys.some(isIndexKey)) ORDERS.set(map, [...keys]);
  return map;
}

/** The recorded order of `map`'s keys, if any. */
export function keyOrderOf(map: object): readonly string[] | undefined {
  return ORDERS.get(map);
}

/** `map`'s keys in the order they are written. */
export function keysInOrder(map: object): readonly string[] {
  return ORDERS.get(map) ?? Object.keys(map);
}

/**
 * Records on `copy` (a copy of `map` with some keys set and some dropped)
 * the order they are written in: `map`'s keys in its order, then the keys
 * `copy` adds, in its own order. Returns `copy`.
 */
export function keepKeyOrder<T extends object>(copy: T, map: object): T {
  const before = keysInOrder(map).filter((k) => Object.hasOwn(copy, k));
  const known = new Set(before);
  return withKeyOrder(copy, [...before, ...Object.keys(copy).filter((k) => !known.has(k))]);
}

const LETTER = /\p{L}/u;
const DIGIT = /\p{Nd}/u;

/** A string's code points, as Go's []rune(s) reads it (a lone surrogate as U+FFFD). */
function runes(s: string): number[] {
  const out: number[] = [];
  for (const ch of s) {
    const cp = ch.codePointAt(0) as number;
    out.push(cp >= 0xd800 && cp <= 0xdfff ? 0xfffd : cp);
  }
  return out;
}

const isLetter = (cp: number): boolean => LETTER.test(String.fromCodePoint(cp));
const isDigit = (cp: number): boolean => DIGIT.test(String.fromCodePoint(cp));

/**
 * gopkg.in/yaml.v2's order of two string map keys (keyList.Less in its
 * sorter.go): rune by rune; where they differ, letters after other
 * characters and in rune order, and runs of digits by their value, so "9"
 * comes before "10" and "a9" before "a10".
 */
export function compareYamlV2Keys(a: string, b: string): number {
  if (a === b) return 0;
  return yamlV2Less(a, b) ? -1 : yamlV2Less(b, a) ? 1 : 0;
}

function yamlV2Less(a: string, b: string): boolean {
  const ar = runes(a);
  const br = runes(b);
  for (let i = 0; i < ar.length && i < br.length; i++) {
    const ac = ar[i] as number;
    const bc = br[i] as number;
    if (ac === bc) continue;
    const al = isLetter(ac);
    const bl = isLetter(bc);
    if (al && bl) return ac < bc;
    if (al || bl) return bl;
    // Go's int64 arithmetic, wrapping around as it does.
    let an = 0n;
    let bn = 0n;
    if (ac === 0x30 || bc === 0x30) {
      for (let j = i - 1; j >= 0 && isDigit(ar[j] as number); j--) {
        if (ar[j] !== 0x30) {
          an = 1n;
          bn = 1n;
          break;
        }
      }
    }
    let ai = i;
    for (; ai < ar.length && isDigit(ar[ai] as number); ai++) an = BigInt.asIntN(64, an * 10n + BigInt((ar[ai] as number) - 0x30));
    let bi = i;
    for (; bi < br.length && isDigit(br[bi] as number); bi++) bn = BigInt.asIntN(64, bn * 10n + BigInt((br[bi] as number) - 0x30));
    if (an !== bn) return an < bn;
    if (ai !== bi) return ai < bi;
    return ac < bc;
  }
  return ar.length < br.length;
}
