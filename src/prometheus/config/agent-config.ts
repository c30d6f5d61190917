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
import { addStorage } from './storage.js';
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
  if (additional === undefined) return undefined;
  scrape.push(...additional);
  if (!ctx.plan.daemonSet) scrape.push(...jobs.others(ctx, shards));
  cfg.scrape_configs = scrape;

  if (addStorage(ctx, cfg) === undefined) return undefined;
  addRemoteWrite(ctx, cfg);
  addOtlp(ctx, cfg);
  addTracing(ctx, cfg);
  return cfg;
}
