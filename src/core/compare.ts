/**
 * Byte-order string comparison, the order Go's sort.Strings gives.
 *
 * JavaScript compares UTF-16 code units, which differs from UTF-8 byte order
 * only when a string holds characters above U+D7FF. Those take the slow path.
 */
export function compareStrings(a: string, b: string): number {
  if (a === b) return 0;
  if (!hasHighCodeUnit(a) && !hasHighCodeUnit(b)) return a < b ? -1 : 1;
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

function hasHighCodeUnit(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) >= 0xd800) return true;
  return false;
}

/** Sorts a copy of `items` by the string `key` gives, in byte order. Stable. */
export function sortBy<T>(items: readonly T[], key: (item: T) => string): T[] {
  return items
    .map((item, index) => ({ item, index, k: key(item) }))
    .sort((x, y) => compareStrings(x.k, y.k) || x.index - y.index)
    .map((e) => e.item);
}

/** The keys of a plain string map, sorted in byte order. */
export function sortedKeys(map: Readonly<Record<string, unknown>> | undefined): string[] {
  return map ? Object.keys(map).sort(compareStrings) : [];
}
