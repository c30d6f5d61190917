/**
 * prometheus.yaml for a Prometheus server, top to bottom in the order the
 * operator writes it: global, runtime, rule_files, scrape_configs, storage,
 * alerting, remote_write, remote_read, otlp, tracing.
 */
import { RULES_DIR } from '../spec-view.js';
import { addAlerting } from './alerting.js';
import { additionalScrapeConfigs } from './additional.js';
import type { ConfigContext, Doc } from './context.js';
import { checkScrapeTimeout } from './scrape-timeout.js';
import { DEFAULT_INTERVAL, addRuntime, globalSection } from './global.js';
import { addOtlp } from './otlp.js';
import { addRemoteRead } from './remote-read.js';
import { addRemoteWrite } from './remote-write.js';
import { failOnInvalidScrapeClasses } from './scrape/scrape-class.js';
import { addStorage } from './storage.js';
import { addTracing } from './tracing.js';

/**
 * Scrape jobs generated from the selected monitors, in the operator's order
 * (ServiceMonitors, PodMonitors, Probes, ScrapeConfigs). A later change
 * provides them; the server configuration only places them.
 */
export type ScrapeJobsSource = (ctx: ConfigContext, shards: number) => Doc[];

const noMonitorJobs: ScrapeJobsSource = () => [];

/** `rule_files`: present whenever spec.ruleSelector is set, even when no ConfigMap exists. */
export function addRuleFiles(ctx: ConfigContext, out: Doc): Doc {
  if (ctx.spec.ruleSelector === undefined || ctx.spec.ruleSelector === null) return out;
  out.rule_files = ctx.plan.ruleConfigMapNames.map((name) => `${RULES_DIR}/${name}/*.yaml`);
  return out;
}

/**
 * The settings server and agent check before generating anything: the scrape
 * classes and a scrape timeout no longer than the interval. True after an
 * error result.
 */
export function failOnInvalidScrapeSettings(ctx: ConfigContext): boolean {
  if (failOnInvalidScrapeClasses(ctx)) return true;
  const { spec } = ctx;
  if (!spec.scrapeTimeout) return false;
  const problem = checkScrapeTimeout(spec.scrapeTimeout, spec.scrapeInterval || DEFAULT_INTERVAL);
  if (problem) ctx.fail(problem, 'spec.scrapeTimeout');
  return problem !== undefined;
}

/**
 * Builds the document, or returns undefined after reporting an error result.
 * From storage on, a section with a problem reports it and the next section
 * is still written, so that one run names every problem in the spec; any
 * error result fails the render.
 */
export function generateServerConfig(ctx: ConfigContext, monitorJobs: ScrapeJobsSource = noMonitorJobs): Doc | undefined {
  if (failOnInvalidScrapeSettings(ctx)) return undefined;

  const cfg: Doc = {};
  cfg.global = globalSection(ctx);
  addRuntime(ctx, cfg);
  addRuleFiles(ctx, cfg);

  const shards = ctx.plan.shards;
  const jobs = monitorJobs(ctx, shards);
  const additional = additionalScrapeConfigs(ctx, shards);
  if (additional === undefined) return undefined;
  cfg.scrape_configs = [...jobs, ...additional];

  addStorage(ctx, cfg);
  addAlerting(ctx, cfg);
  addRemoteWrite(ctx, cfg);
  addRemoteRead(ctx, cfg);
  addOtlp(ctx, cfg);
  addTracing(ctx, cfg);
  return cfg;
}
