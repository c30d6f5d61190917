/**
 * Per-render memo tables. A render creates one `Memo` and hands it to every
 * renderer through its context, so work that several owners repeat on the
 * same input object (four Prometheus selecting one PrometheusRule, say) is
 * done once per render and never shared between renders.
 *
 * Tables are named by a typed token, so a caller gets back the value type it
 * stored without casts at the call site.
 */
export interface MemoTable<V> {
  readonly name: string;
  /** Phantom field: carries the value type only. */
  readonly __value?: V;
}

export function memoTable<V>(name: string): MemoTable<V> {
  return Object.freeze({ name });
}

export class Memo {
  readonly #tables = new Map<MemoTable<unknown>, Map<string, unknown>>();

  /** The value stored under `key`, computing and storing it on first use. */
  get<V>(table: MemoTable<V>, key: string, compute: () => V): V {
    let entries = this.#tables.get(table);
    if (!entries) {
      entries = new Map();
      this.#tables.set(table, entries);
    }
    if (entries.has(key)) return entries.get(key) as V;
    const value = compute();
    entries.set(key, value);
    return value;
  }
}
