/** Small helpers for plain JSON-like values. */

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Deep copy of JSON-like data. Inputs are never mutated; renderers copy what they embed. */
export function clone<T>(v: T): T {
  return structuredClone(v);
}

/**
 * Drops `undefined` values from maps and lists, recursively, and nothing else:
 * empty lists and maps stay, as each Go field decides its own omitempty.
 */
export function dropUndefined<T>(v: T): T {
  if (Array.isArray(v)) return v.filter((x) => x !== undefined).map(dropUndefined) as T;
  if (isPlainObject(v)) {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) if (x !== undefined) out[k] = dropUndefined(x);
    return out as T;
  }
  return v;
}
