/** The `global` and `runtime` sections of prometheus.yaml. */
import { compareStrings, sortedKeys } from '../../core/compare.js';
import type { Gate } from '../../version/gate.js';
import type { ConfigContext, Doc } from './context.js';
import { mapOf, notNil, ownValue } from '../../core/objects.js';

export const DEFAULT_PROMETHEUS_EXTERNAL_LABEL = 'prometheus';
export const DEFAULT_REPLICA_EXTERNAL_LABEL = 'prometheus_replica';
const DEFAULT_TOPOLOGY_ZONE_EXTERNAL_LABEL = 'zone';
/** Scrape interval and rule evaluation interval when the resource sets none (the CRD default). */
export const DEFAULT_INTERVAL = '30s';
const DEFAULT_LOG_DIRECTORY = '/var/log/prometheus';

/** The replica label name in effect; `''` means none (an explicit empty string drops it). */
export function replicaExternalLabelName(ctx: ConfigContext): string {
  const name = ctx.spec.replicaExternalLabelName;
  return name === undefined || name === null ? DEFAULT_REPLICA_EXTERNAL_LABEL : name;
}

/** A bare file name is written to the default log volume; a path is kept. */
export function logFilePath(file: string): string {
  return file !== '' && !file.includes('/') ? `${DEFAULT_LOG_DIRECTORY}/${file}` : file;
}

/**
 * The global section: intervals, scrape protocols, external labels, scrape
 * limits, log file, name validation and histogram settings, then (server
 * only) the evaluation interval, rule query offset and query log file.
 */
export function globalSection(ctx: ConfigContext): Doc {
  const { spec, gate } = ctx;
  const out: Doc = {};
  out.scrape_interval = spec.scrapeInterval || DEFAULT_INTERVAL;
  if (spec.scrapeTimeout) out.scrape_timeout = spec.scrapeTimeout;
  addScrapeProtocols(ctx, out);
  out.external_labels = externalLabels(ctx);
  addScrapeLimits(ctx, out);
  if (spec.scrapeFailureLogFile !== undefined && spec.scrapeFailureLogFile !== null) {
    gate.since('2.55.0').at('spec.scrapeFailureLogFile').put(out, 'scrape_failure_log_file', logFilePath(spec.scrapeFailureLogFile));
  }
  if (spec.nameValidationScheme) {
    gate.since('3.0.0').at('spec.nameValidationScheme').put(out, 'metric_name_validation_scheme', spec.nameValidationScheme.toLowerCase());
  }
  if (spec.nameEscapingScheme) {
    const escaping = ownValue(NAME_ESCAPING, spec.nameEscapingScheme);
    if (escaping) gate.since('3.4.0').at('spec.nameEscapingScheme').put(out, 'metric_name_escaping_scheme', escaping);
  }
  if (notNil(spec.convertClassicHistogramsToNHCB)) {
    gate.since('3.4.0').at('spec.convertClassicHistogramsToNHCB').put(out, 'convert_classic_histograms_to_nhcb', spec.convertClassicHistogramsToNHCB);
  }
  if (notNil(spec.scrapeClassicHistograms)) {
    gate.since('3.5.0').at('spec.scrapeClassicHistograms').put(out, 'always_scrape_classic_histograms', spec.scrapeClassicHistograms);
  }
  if (notNil(spec.scrapeNativeHistograms)) {
    gate.since('3.8.0').at('spec.scrapeNativeHistograms').put(out, 'scrape_native_histograms', spec.scrapeNativeHistograms);
  }

  // Server-only settings, after the part the agent shares (the operator adds them in GenerateServerConfiguration).
  if (ctx.plan.mode === 'agent') return out;
  out.evaluation_interval = spec.evaluationInterval || DEFAULT_INTERVAL;
  if (notNil(spec.ruleQueryOffset)) gate.since('2.53.0').at('spec.ruleQueryOffset').put(out, 'rule_query_offset', spec.ruleQueryOffset);
  if (spec.queryLogFile) gate.since('2.16.0').at('spec.queryLogFile').put(out, 'query_log_file', logFilePath(spec.queryLogFile));
  return out;
}

const NAME_ESCAPING: Readonly<Record<string, string>> = {
  AllowUTF8: 'allow-utf-8',
  Underscores: 'underscores',
  Dots: 'dots',
  Values: 'values',
};

function addScrapeProtocols(ctx: ConfigContext, out: Doc): void {
  const protocols = ctx.spec.scrapeProtocols ?? [];
  if (protocols.length === 0) return;
  const gate = ctx.gate.at('spec.scrapeProtocols');
  const kept: string[] = [];
  for (const p of protocols) {
    // The text format 1.0.0 needs Prometheus 3.
    if (p === 'PrometheusText1.0.0' && !gate.since('3.0.0-rc.0').check(`scrapeProtocol=${p}`)) continue;
    kept.push(p);
  }
  gate.since('2.49.0').put(out, 'scrape_protocols', kept);
}

/**
 * External labels: `prometheus: <ns>/<name>` and `prometheus_replica:
 * $(POD_NAME)` under their configurable names (an empty name drops the
 * label), the topology zone when topology sharding is on, then the user's
 * labels. A user label that clashes with one of those is ignored, with a
 * warning. Sorted by name.
 */
export function externalLabels(ctx: ConfigContext): Record<string, string> {
  const { spec } = ctx;
  const labels = new Map<string, string>();
  const promName = notNil(spec.prometheusExternalLabelName) ? spec.prometheusExternalLabelName : DEFAULT_PROMETHEUS_EXTERNAL_LABEL;
  if (promName !== '') labels.set(promName, `${ctx.plan.namespace}/${ctx.plan.name}`);
  const replicaName = replicaExternalLabelName(ctx);
  if (replicaName !== '') labels.set(replicaName, '$(POD_NAME)');

  const strategy = (spec as { shardingStrategy?: { mode?: string; topology?: { externalLabelName?: string } } }).shardingStrategy;
  if (ctx.options.featureGates.PrometheusTopologySharding && strategy?.mode === 'Topology' && strategy.topology) {
    const zoneName = notNil(strategy.topology.externalLabelName) ? strategy.topology.externalLabelName : DEFAULT_TOPOLOGY_ZONE_EXTERNAL_LABEL;
    if (zoneName !== '') labels.set(zoneName, '$(TOPOLOGY_ZONE)');
  }

  for (const key of sortedKeys(spec.externalLabels)) {
    if (labels.has(key)) {
      ctx.warn(`external label "${key}" is ignored: the operator reserves that name`, `spec.externalLabels.${key}`);
      continue;
    }
    labels.set(key, (spec.externalLabels as Record<string, string>)[key] as string);
  }
  return mapOf([...labels.keys()].sort(compareStrings).map((key) => [key, labels.get(key) as string]));
}

/**
 * Global scrape limits (Prometheus >= 2.45.0): the user's limit capped by the
 * enforced one, or the enforced one alone so that jobs without a limit
 * inherit it.
 */
function addScrapeLimits(ctx: ConfigContext, out: Doc): void {
  const { spec, gate } = ctx;
  const g = gate.since('2.45.0');
  if (notNil(spec.bodySizeLimit)) g.at('spec.bodySizeLimit').put(out, 'body_size_limit', spec.bodySizeLimit);
  else if (spec.enforcedBodySizeLimit) g.at('spec.enforcedBodySizeLimit').put(out, 'body_size_limit', spec.enforcedBodySizeLimit);
  addGlobalLimit(ctx, g.at('spec.sampleLimit'), out, 'sample_limit', spec.sampleLimit, spec.enforcedSampleLimit);
  addGlobalLimit(ctx, g.at('spec.targetLimit'), out, 'target_limit', spec.targetLimit, spec.enforcedTargetLimit);
  addGlobalLimit(ctx, g.at('spec.labelLimit'), out, 'label_limit', spec.labelLimit, spec.enforcedLabelLimit);
  addGlobalLimit(ctx, g.at('spec.labelNameLengthLimit'), out, 'label_name_length_limit', spec.labelNameLengthLimit, spec.enforcedLabelNameLengthLimit);
  addGlobalLimit(ctx, g.at('spec.labelValueLengthLimit'), out, 'label_value_length_limit', spec.labelValueLengthLimit, spec.enforcedLabelValueLengthLimit);
  addGlobalLimit(ctx, gate.since('2.47.0').at('spec.keepDroppedTargets'), out, 'keep_dropped_targets', spec.keepDroppedTargets, spec.enforcedKeepDroppedTargets);
}

function addGlobalLimit(ctx: ConfigContext, gate: Gate, out: Doc, key: string, limit: number | undefined, enforced: number | undefined): void {
  const user = limit ?? 0;
  const cap = enforced ?? 0;
  if (user > 0) {
    if (cap > 0 && user > cap) {
      ctx.warn(`${key} ${user} is greater than the enforced limit ${cap}; the enforced limit is used`);
      gate.put(out, key, cap);
      return;
    }
    gate.put(out, key, user);
    return;
  }
  if (cap > 0) gate.put(out, key, cap);
}

/** `runtime` (Prometheus >= 2.53.0): GOGC when set; an empty map otherwise. */
export function addRuntime(ctx: ConfigContext, out: Doc): Doc {
  const runtime = ctx.spec.runtime;
  if (!runtime) return out;
  const gate = ctx.gate.since('2.53.0').at('spec.runtime');
  if (!gate.check('runtime')) return out;
  const doc: Doc = {};
  if (notNil(runtime.goGC)) doc.gogc = runtime.goGC;
  return gate.put(out, 'runtime', doc);
}
