/**
 * The `storage` section: exemplars and TSDB settings. The operator writes it
 * in two functions, one for the server and one for the agent, which differ
 * in three things; here they are one function and the differences are data
 * (STORAGE_MODES).
 */
import { notNil } from '../../core/objects.js';
import { quantityToFloat } from '../../core/quantity.js';
import type { PrometheusMode } from '../plan.js';
import { DEFAULT_RETENTION } from '../spec-view.js';
import type { ConfigContext, Doc } from './context.js';

interface StorageMode {
  /** The oldest Prometheus that reads `storage` at all; the agent's block is written without that check. */
  readonly storageSince?: string;
  /** `storage.exemplars` and `storage.tsdb.retention`: the server's only, as the agent keeps only a WAL. */
  readonly exemplarsAndRetention: boolean;
  /** `storage.tsdb.out_of_order_time_window`: the agent's copy in the operator asks for a later release. */
  readonly outOfOrderSince: string;
}

const STORAGE_MODES: Readonly<Record<PrometheusMode, StorageMode>> = {
  server: { storageSince: '2.29.0', exemplarsAndRetention: true, outOfOrderSince: '2.39.0' },
  agent: { exemplarsAndRetention: false, outOfOrderSince: '2.54.0' },
};

/** The retention time in effect: the default only when neither retention nor retentionSize is set. */
function retentionTimeOrDefault(retention: string | undefined, retentionSize: string | undefined): string {
  if (!retention && !retentionSize) return DEFAULT_RETENTION;
  return retention ?? '';
}

/**
 * `storage`: `exemplars.max_exemplars` (server), then `tsdb` with the
 * out-of-order window, the stale series compaction threshold (>= 3.10.0),
 * the float chunk encoding (>= 3.13.0) and (server, >= 3.11.0) retention.
 * Left out when empty. Undefined after an error result when spec.tsdb is
 * refused.
 *
 * For the agent the operator appends one `storage` key per setting, which
 * gives a document with duplicate keys when more than one is set; Prometheus
 * refuses such a file. We write them under a single `storage.tsdb`, which is
 * what each of those keys means on its own.
 */
export function addStorage(ctx: ConfigContext, out: Doc): Doc | undefined {
  const { spec, gate } = ctx;
  const mode = STORAGE_MODES[ctx.plan.mode];
  const problem = tsdbProblem(ctx);
  if (problem) return ctx.fail(problem.message, problem.field);
  const storageGate = mode.storageSince ? gate.since(mode.storageSince) : gate;
  const storage: Doc = {};
  const maxExemplars = spec.exemplars?.maxSize;
  if (mode.exemplarsAndRetention && notNil(maxExemplars)) {
    storageGate.at('spec.exemplars.maxSize').put(storage, 'exemplars', { max_exemplars: maxExemplars });
  }

  const tsdb = spec.tsdb;
  const tsdbDoc: Doc = {};
  if (tsdb) {
    if (notNil(tsdb.outOfOrderTimeWindow)) {
      gate.since(mode.outOfOrderSince).at('spec.tsdb.outOfOrderTimeWindow').put(tsdbDoc, 'out_of_order_time_window', tsdb.outOfOrderTimeWindow);
    }
    if (notNil(tsdb.staleSeriesCompactionThreshold)) {
      gate
        .since('3.10.0')
        .at('spec.tsdb.staleSeriesCompactionThreshold')
        .put(tsdbDoc, 'stale_series_compaction_threshold', quantityToFloat(tsdb.staleSeriesCompactionThreshold));
    }
    const floats = tsdb.chunkEncoding?.floats;
    if (notNil(floats)) {
      gate.since('3.13.0').at('spec.tsdb.chunkEncoding.floats').put(tsdbDoc, 'chunk_encoding', { floats: floats.toLowerCase() });
    }
  }
  if (mode.exemplarsAndRetention && gate.since('3.11.0').ok) {
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

/** What the operator refuses in spec.tsdb, before it writes anything. */
function tsdbProblem(ctx: ConfigContext): { message: string; field: string } | undefined {
  const tsdb = ctx.spec.tsdb;
  if (!tsdb) return undefined;
  const threshold = tsdb.staleSeriesCompactionThreshold;
  if (notNil(threshold)) {
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
