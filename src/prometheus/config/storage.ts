/** The `storage` section: exemplars and TSDB settings. */
import { re2 } from '../../core/regex/re2.js';
import type { ConfigContext, Doc } from './context.js';

/** Retention when neither a time nor a size is set. */
export const DEFAULT_RETENTION = '24h';

/** The retention time in effect: the default only when neither retention nor retentionSize is set. */
export function retentionTimeOrDefault(retention: string | undefined, retentionSize: string | undefined): string {
  if (!retention && !retentionSize) return DEFAULT_RETENTION;
  return retention ?? '';
}

/**
 * `storage` (Prometheus >= 2.29.0): `exemplars.max_exemplars`, then `tsdb`
 * with out-of-order window, stale series compaction threshold, chunk
 * encoding and (Prometheus >= 3.11.0) retention. Left out when empty.
 */
export function addStorage(ctx: ConfigContext, out: Doc): Doc {
  const { spec, gate } = ctx;
  const tsdb = spec.tsdb;
  const problem = checkTsdb(ctx);
  if (problem) {
    ctx.fail(problem.message, problem.field);
    return out;
  }
  const storageGate = gate.since('2.29.0');
  const storage: Doc = {};
  const maxExemplars = spec.exemplars?.maxSize;
  if (maxExemplars !== undefined && maxExemplars !== null) {
    storageGate.at('spec.exemplars.maxSize').put(storage, 'exemplars', { max_exemplars: maxExemplars });
  }

  const tsdbDoc: Doc = {};
  if (tsdb) {
    if (tsdb.outOfOrderTimeWindow !== undefined && tsdb.outOfOrderTimeWindow !== null) {
      gate.since('2.39.0').at('spec.tsdb.outOfOrderTimeWindow').put(tsdbDoc, 'out_of_order_time_window', tsdb.outOfOrderTimeWindow);
    }
    if (tsdb.staleSeriesCompactionThreshold !== undefined && tsdb.staleSeriesCompactionThreshold !== null) {
      gate
        .since('3.10.0')
        .at('spec.tsdb.staleSeriesCompactionThreshold')
        .put(tsdbDoc, 'stale_series_compaction_threshold', quantityToFloat(tsdb.staleSeriesCompactionThreshold));
    }
    const floats = tsdb.chunkEncoding?.floats;
    if (floats !== undefined && floats !== null) {
      gate.since('3.13.0').at('spec.tsdb.chunkEncoding.floats').put(tsdbDoc, 'chunk_encoding', { floats: floats.toLowerCase() });
    }
  }
  if (gate.since('3.11.0').ok) {
    const retention: Doc = {};
    const time = retentionTimeOrDefault(spec.retention, spec.retentionSize);
    if (time !== '') retention.time = time;
    if (spec.retentionSize) retention.size = spec.retentionSize;
    tsdbDoc.retention = retention;
  }
  if (Object.keys(tsdbDoc).length > 0) storage.tsdb = tsdbDoc;

  if (Object.keys(storage).length === 0) return out;
  return storageGate.at('spec').put(out, 'storage', storage);
}

export function checkTsdb(ctx: ConfigContext): { message: string; field: string } | undefined {
  const tsdb = ctx.spec.tsdb;
  if (!tsdb) return undefined;
  const threshold = tsdb.staleSeriesCompactionThreshold;
  if (threshold !== undefined && threshold !== null) {
    const v = quantityToFloat(threshold);
    if (!(v >= 0 && v <= 1)) {
      return { message: `staleSeriesCompactionThreshold must be between 0 and 1, got ${String(threshold)}`, field: 'spec.tsdb.staleSeriesCompactionThreshold' };
    }
  }
  if (tsdb.chunkEncoding?.floats === 'Xor' && (ctx.spec.enableFeatures ?? []).some((f) => String(f) === 'st-storage')) {
    return {
      message: 'chunk encoding "Xor" is incompatible with --enable-feature=st-storage (XOR chunks do not store start timestamps)',
      field: 'spec.tsdb.chunkEncoding.floats',
    };
  }
  return undefined;
}

const QUANTITY = re2('^([+-]?[0-9.]+(?:[eE][+-]?[0-9]+)?)(m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei)?$');

/** A Kubernetes quantity (a number or text like `500m`) as an approximate float. */
export function quantityToFloat(q: number | string): number {
  if (typeof q === 'number') return q;
  const m = QUANTITY.exec(q.trim());
  if (!m) return Number.NaN;
  const base = Number(m[1]);
  const suffix: Record<string, number> = {
    m: 1e-3,
    k: 1e3,
    M: 1e6,
    G: 1e9,
    T: 1e12,
    P: 1e15,
    E: 1e18,
    Ki: 2 ** 10,
    Mi: 2 ** 20,
    Gi: 2 ** 30,
    Ti: 2 ** 40,
    Pi: 2 ** 50,
    Ei: 2 ** 60,
  };
  return base * (m[2] ? (suffix[m[2]] as number) : 1);
}
