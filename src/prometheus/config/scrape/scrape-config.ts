/**
 * ScrapeConfig: the checks the operator's resource selector makes before the
 * object is used (checkScrapeConfig in pkg/prometheus/resource_selector.go),
 * and its scrape job, named `scrapeConfig/<namespace>/<name>`, with the keys
 * in the operator's order: scrape settings, HTTP client, limits, one list per
 * service-discovery mechanism (sd/), then relabelings.
 * `ctx` is the ScrapeConfig's own context (Secrets from its namespace,
 * problems reject it) and `ctx.spec` the Prometheus or PrometheusAgent spec,
 * so both kinds can use it. Secret and ConfigMap references, and TLS
 * material, are checked while the job is built: a missing one is reported
 * there and rejects the object too.
 */
import type { RelabelConfig } from '../../../api/types.js';
import { compareStrings, sortedKeys } from '../../../core/compare.js';
import { isLegacyLabelName } from '../../../core/regex/scan.js';
import { mapOf, notNil, ownValue } from '../../../core/objects.js';
import type { KubeObject } from '../../../krm/types.js';
import type { ConfigContext, Doc } from '../context.js';
import { addAuthorization, addBasicAuth, addOAuth2, addProxy } from '../../../promconfig/http.js';
import { addTls } from '../../../promconfig/tls.js';
import { checkRelabelings, relabelDocs } from '../../../promconfig/relabel.js';
import { checkScrapeTimeout } from '../scrape-timeout.js';
import { addNativeHistograms, addScrapeProtocols } from './endpoint.js';
import { addBodySizeLimit, addLimits } from './limits.js';
import { initialRelabelings, withEnforcedNamespace } from './relabelings.js';
import { mergeAuthorization, mergeFallbackProtocol, mergeSafeTls, scrapeClassFor } from './scrape-class.js';
import { appendShardingRelabelingsIfMissing } from '../sharding.js';
import { checkAuthorization, checkOAuth2, checkProxySettings } from './sd/common.js';
import { SD_MECHANISMS, type ScrapeConfigSpec } from './sd/index.js';
import type { Fail } from '../../../core/fail.js';
import { monitorSpec, problemSink, type MonitorProblem } from './monitor-context.js';

/** Prometheus's names for the escaping schemes. */
const ESCAPING_SCHEMES: Readonly<Record<string, string>> = {
  AllowUTF8: 'allow-utf-8',
  Underscores: 'underscores',
  Dots: 'dots',
  Values: 'values',
};

function addScrapeSettings(ctx: ConfigContext, out: Doc, spec: ScrapeConfigSpec): Doc {
  const gate = ctx.gate;
  const overrideTimestamps = ctx.spec.overrideHonorTimestamps === true;
  if (notNil(spec.honorTimestamps) || overrideTimestamps) {
    gate.since('2.9.0').at('spec.honorTimestamps').put(out, 'honor_timestamps', spec.honorTimestamps === true && !overrideTimestamps);
  }
  if (notNil(spec.trackTimestampsStaleness)) {
    gate.since('2.48.0').at('spec.trackTimestampsStaleness').put(out, 'track_timestamps_staleness', spec.trackTimestampsStaleness);
  }
  if (notNil(spec.honorLabels)) out.honor_labels = ctx.spec.overrideHonorLabels ? false : spec.honorLabels;
  if (notNil(spec.metricsPath)) out.metrics_path = spec.metricsPath;
  if (spec.params && Object.keys(spec.params).length > 0) {
    out.params = mapOf(sortedKeys(spec.params).map((k) => [k, [...(spec.params?.[k] ?? [])]]));
  }
  if (notNil(spec.enableCompression)) gate.since('2.49.0').at('spec.enableCompression').put(out, 'enable_compression', spec.enableCompression);
  if (notNil(spec.enableHTTP2)) gate.since('2.35.0').at('spec.enableHTTP2').put(out, 'enable_http2', spec.enableHTTP2);
  if (notNil(spec.scrapeInterval)) out.scrape_interval = spec.scrapeInterval;
  if (notNil(spec.scrapeTimeout)) out.scrape_timeout = spec.scrapeTimeout;
  return out;
}

function addHttpClient(ctx: ConfigContext, out: Doc, spec: ScrapeConfigSpec, scrapeClass: ReturnType<typeof scrapeClassFor>): Doc {
  addProxy(ctx, ctx.gate, out, spec, 'spec');
  addBasicAuth(ctx, ctx.gate, out, spec.basicAuth, 'spec.basicAuth');
  addAuthorization(ctx, ctx.gate, out, mergeAuthorization(spec.authorization, scrapeClass), 'spec.authorization');
  addOAuth2(ctx, ctx.gate, out, spec.oauth2, 'spec.oauth2');
  return addTls(ctx, ctx.gate, out, mergeSafeTls(spec.tlsConfig, scrapeClass), 'spec.tlsConfig');
}

function addServiceDiscovery(ctx: ConfigContext, out: Doc, spec: ScrapeConfigSpec): Doc {
  for (const sd of SD_MECHANISMS) {
    if (sd.count(spec) > 0) out[sd.key] = sd.build(ctx, spec);
  }
  return out;
}

function addNameSchemes(ctx: ConfigContext, out: Doc, spec: ScrapeConfigSpec): Doc {
  if (notNil(spec.nameValidationScheme)) {
    ctx.gate.since('3.0.0').at('spec.nameValidationScheme').put(out, 'metric_name_validation_scheme', String(spec.nameValidationScheme).toLowerCase());
  }
  const escaping = notNil(spec.nameEscapingScheme) ? ownValue(ESCAPING_SCHEMES, String(spec.nameEscapingScheme)) : undefined;
  if (escaping) ctx.gate.since('3.4.0').at('spec.nameEscapingScheme').put(out, 'metric_name_escaping_scheme', escaping);
  return out;
}

/** The job of one ScrapeConfig; problems go to `ctx.fail` and reject it. */
export function scrapeConfigJob(ctx: ConfigContext, sc: KubeObject, shards: number): Doc {
  const spec = monitorSpec<ScrapeConfigSpec>(sc);
  const scrapeClass = scrapeClassFor(ctx, spec.scrapeClass);
  const out: Doc = { job_name: `scrapeConfig/${sc.metadata.namespace ?? ''}/${sc.metadata.name ?? ''}` };

  let relabelings: Doc[] = [...initialRelabelings(), ...relabelDocs(scrapeClass.relabelings)];
  if (notNil(spec.jobName)) relabelings.push({ target_label: 'job', action: 'replace', replacement: spec.jobName });

  addScrapeSettings(ctx, out, spec);
  addScrapeProtocols(ctx, out, spec.scrapeProtocols, 'spec.scrapeProtocols');
  const fallback = mergeFallbackProtocol(spec.fallbackScrapeProtocol, scrapeClass);
  if (notNil(fallback)) ctx.gate.since('3.0.0').at('spec.fallbackScrapeProtocol').put(out, 'fallback_scrape_protocol', fallback);
  if (notNil(spec.scheme)) out.scheme = String(spec.scheme).toLowerCase();
  addHttpClient(ctx, out, spec, scrapeClass);
  addLimits(ctx, out, spec, 'spec');
  addNativeHistograms(ctx, out, spec, 'spec');
  addBodySizeLimit(ctx, out, spec.bodySizeLimit, 'spec');
  addServiceDiscovery(ctx, out, spec);

  // The enforced namespace label is added to relabelings only when the
  // ScrapeConfig has relabelings of its own, but always to metric relabelings.
  if (spec.relabelings && spec.relabelings.length > 0) relabelings.push(...relabelDocs(withEnforcedNamespace(ctx, sc, spec.relabelings)));
  if (shards !== 1) relabelings = appendShardingRelabelingsIfMissing(ctx, relabelings, shards);
  out.relabel_configs = relabelings;

  const metricRelabelings: RelabelConfig[] = [...(scrapeClass.metricRelabelings ?? []), ...withEnforcedNamespace(ctx, sc, spec.metricRelabelings)];
  if (metricRelabelings.length > 0) out.metric_relabel_configs = relabelDocs(metricRelabelings);

  return addNameSchemes(ctx, out, spec);
}

/** The jobs of a ScrapeConfig: always exactly one. */
export function scrapeConfigJobs(ctx: ConfigContext, sc: KubeObject, shards: number): Doc[] {
  return [scrapeConfigJob(ctx, sc, shards)];
}

// --- checks -------------------------------------------------------------------

/** Label names are UTF-8 from Prometheus 3 on, the legacy pattern before. */
function validLabelName(ctx: ConfigContext, name: string): boolean {
  return ctx.gate.version.major >= 3 ? name.length > 0 : isLegacyLabelName(name);
}

function checkScrapeClass(ctx: ConfigContext, name: string | undefined, fail: Fail): void {
  if (!name) return;
  const classes = (ctx.spec as { scrapeClasses?: readonly { name?: string }[] }).scrapeClasses ?? [];
  if (!classes.some((c) => c.name === name)) fail(`scrapeClass "${name}" not found in Prometheus scrapeClasses`, 'spec.scrapeClass');
}

function checkRelabelList(ctx: ConfigContext, configs: readonly RelabelConfig[] | undefined, field: string, fail: Fail): void {
  const problem = checkRelabelings(ctx, configs);
  if (problem) fail(`${field}${problem}`, `spec.${field}`);
}

function checkStaticLabels(ctx: ConfigContext, spec: ScrapeConfigSpec, fail: Fail): void {
  for (const [i, sc] of (spec.staticConfigs ?? []).entries()) {
    const bad = Object.keys(sc.labels ?? {})
      .sort(compareStrings)
      .find((name) => !validLabelName(ctx, name));
    if (bad !== undefined) fail(`invalid label "${bad}"`, `spec.staticConfigs[${i}].labels`);
  }
}

function checkMechanisms(ctx: ConfigContext, spec: ScrapeConfigSpec, fail: Fail): void {
  for (const sd of SD_MECHANISMS) {
    const used = sd.count(spec) > 0;
    if (sd.minVersion && (used || sd.checkedWhenUnused) && !ctx.gate.since(sd.minVersion).ok) {
      const why = used ? '' : ' (the operator checks this for every ScrapeConfig, even without such entries)';
      fail(`${sd.key} is only supported for Prometheus version >= ${sd.minVersion}${why}`, `spec.${sd.field}`);
      continue;
    }
    sd.validate(ctx, spec, fail);
  }
}

export function validateScrapeConfig(ctx: ConfigContext, sc: KubeObject): MonitorProblem[] {
  const problems: MonitorProblem[] = [];
  const fail = problemSink(problems, false);
  const spec = monitorSpec<ScrapeConfigSpec>(sc);
  checkScrapeClass(ctx, spec.scrapeClass, fail);
  checkRelabelList(ctx, spec.relabelings, 'relabelings', fail);
  checkAuthorization(spec.authorization, 'spec.authorization', fail);
  checkOAuth2(spec.oauth2, 'spec.oauth2', fail);
  if (spec.scrapeTimeout) {
    const problem = checkScrapeTimeout(spec.scrapeTimeout, spec.scrapeInterval || ctx.spec.scrapeInterval || '30s');
    if (problem) fail(problem, 'spec.scrapeTimeout');
  }
  checkProxySettings(spec, 'spec', fail);
  checkRelabelList(ctx, spec.metricRelabelings, 'metricRelabelings', fail);
  checkStaticLabels(ctx, spec, fail);
  checkMechanisms(ctx, spec, fail);
  return problems;
}
