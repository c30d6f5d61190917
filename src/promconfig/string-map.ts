import { sortedKeys } from '../core/compare.js';

/** A string map from the user (headers, endpoint parameters) as the operator writes it: keys in byte order. */
export function sortedStringMap(map: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of sortedKeys(map)) out[k] = map[k] as string;
  return out;
}
