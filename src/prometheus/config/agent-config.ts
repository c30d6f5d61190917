/**
 * prometheus.yaml for a PrometheusAgent, in the order the operator's
 * GenerateAgentConfiguration writes it: global (without the server's
 * evaluation settings), runtime, scrape_configs, storage, remote_write, otlp,
 * tracing. No rule_files, alerting or remote_read: the agent evaluates no
 * rules and answers no queries.
 */
import type { ConfigContext, Doc } from './context.js';
import { addRuntime, globalSection } from './global.js';
import { additionalScrapeConfigs } from './additional.js';
import { addOtlp } from './otlp.js';
import { addRemoteWrite } from './remote-write.js';
import { failOnInvalidScrapeSettings, type ScrapeJobsSource } from './server-config.js';
import { checkTsdb, quantityToFloat } from './storage.js';
import { addTracing } from './tracing.js';

/** The agent's scrape jobs, split because the agent places them in a different order than the server. */
export interface AgentJobSources {
  readonly podMonitors: ScrapeJobsSource;
  /** ServiceMonitors, Probes and ScrapeConfigs, in that order. */
  readonly others: ScrapeJobsSource;
}

/** Builds the document, or returns undefined after reporting an error result. */
export function generateAgentConfig(ctx: ConfigContext, jobs: AgentJobSources): Doc | undefined {
  if (failOnInvalidScrapeSettings(ctx)) return undefined;

  const cfg: Doc = {};
  cfg.global = globalSection(ctx);
  addRuntime(ctx, cfg);

  // Unlike the server, the agent writes PodMonitor jobs first, then the additional scrape configs,
  // then (StatefulSet mode only) ServiceMonitors, Probes and ScrapeConfigs.
  const shards = ctx.plan.shards;
  const scrape: Doc[] = [...jobs.podMonitors(ctx, shards)];
  const additional = additionalScrapeConfigs(ctx, shards);
  if (additional === 'failed') return undefined;
  scrape.push(...additional);
  if (!ctx.plan.daemonSet) scrape.push(...jobs.others(ctx, shards));
  cfg.scrape_configs = scrape;

  const tsdbProblem = checkTsdb(ctx);
  if (tsdbProblem) {
    ctx.fail(tsdbProblem.message, tsdbProblem.field);
    return undefined;
  }
  addAgentStorage(ctx, cfg);
  addRemoteWrite(ctx, cfg);
  addOtlp(ctx, cfg);
  addTracing(ctx, cfg);
  return cfg;
}

/**
 * The agent's `storage.tsdb`: the out-of-order window (Prometheus >= 2.54.0,
 * where the server's needs 2.39.0), the stale series compaction threshold
 * (>= 3.10.0) and the float chunk encoding (>= 3.13.0). No exemplars and no
 * retention: the agent keeps only a WAL.
 *
 * The operator appends one `storage` key per setting, which gives a document
 * with duplicate keys when more than one is set; Prometheus refuses such a
 * file. We write them under a single `storage.tsdb`, which is what each of
 * those keys means on its own.
 */
export function addAgentStorage(ctx: ConfigContext, out: Doc): Doc {
  const tsdb = ctx.spec.tsdb;
  if (!tsdb) return out;
  const { gate } = ctx;
  const doc: Doc = {};
  if (tsdb.outOfOrderTimeWindow !== undefined && tsdb.outOfOrderTimeWindow !== null) {
    gate.since('2.54.0').at('spec.tsdb.outOfOrderTimeWindow').put(doc, 'out_of_order_time_window', tsdb.outOfOrderTimeWindow);
  }
  if (tsdb.staleSeriesCompactionThreshold !== undefined && tsdb.staleSeriesCompactionThreshold !== null) {
    gate
      .since('3.10.0')
      .at('spec.tsdb.staleSeriesCompactionThreshold')
      .put(doc, 'stale_series_compaction_threshold', quantityToFloat(tsdb.staleSeriesCompactionThreshold));
  }
  const floats = tsdb.chunkEncoding?.floats;
  if (floats !== undefined && floats !== null) {
    gate.since('3.13.0').at('spec.tsdb.chunkEncoding.floats').put(doc, 'chunk_encoding', { floats: floats.toLowerCase() });
  }
  if (Object.keys(doc).length > 0) out.storage = { tsdb: doc };
  return out;
}
