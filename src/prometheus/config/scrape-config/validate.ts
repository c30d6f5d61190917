/**
 * The checks the operator's resource selector makes on a ScrapeConfig
 * before it is used (checkScrapeConfig in pkg/prometheus/resource_selector.go).
 * Secret and ConfigMap references, and TLS material, are checked while the
 * job is built: a missing one is reported there and rejects the object too.
 */
import { isLegacyLabelName } from '../../../core/regex/scan.js';
import type { RelabelConfig } from '../../../api/types.js';
import { compareStrings } from '../../../core/compare.js';
import type { KubeObject } from '../../../krm/types.js';
import type { ConfigContext } from '../context.js';
import { checkScrapeTimeout } from '../duration.js';
import { checkRelabelings } from '../../../promconfig/relabel.js';
import type { MonitorProblem } from '../scrape/monitor-context.js';
import { checkAuthorization, checkOAuth2, checkProxySettings } from './sd/common.js';
import { SD_MECHANISMS, type Report, type SdConfig } from './sd/index.js';
import type { ScrapeConfigSpec } from './types.js';

/** Label names are UTF-8 from Prometheus 3 on, the legacy pattern before. */
function validLabelName(ctx: ConfigContext, name: string): boolean {
  return ctx.gate.version.major >= 3 ? name.length > 0 : isLegacyLabelName(name);
}

function checkScrapeClass(ctx: ConfigContext, name: string | undefined, report: Report): void {
  if (!name) return;
  const classes = (ctx.spec as { scrapeClasses?: readonly { name?: string }[] }).scrapeClasses ?? [];
  if (!classes.some((c) => c.name === name)) report(`scrapeClass "${name}" not found in Prometheus scrapeClasses`, 'spec.scrapeClass');
}

function checkRelabelList(ctx: ConfigContext, configs: readonly RelabelConfig[] | undefined, field: string, report: Report): void {
  const problem = checkRelabelings(ctx, configs);
  if (problem) report(`${field}${problem}`, `spec.${field}`);
}

function checkStaticLabels(ctx: ConfigContext, spec: ScrapeConfigSpec, report: Report): void {
  for (const [i, sc] of (spec.staticConfigs ?? []).entries()) {
    const bad = Object.keys(sc.labels ?? {})
      .sort(compareStrings)
      .find((name) => !validLabelName(ctx, name));
    if (bad !== undefined) report(`invalid label "${bad}"`, `spec.staticConfigs[${i}].labels`);
  }
}

function checkMechanisms(ctx: ConfigContext, spec: ScrapeConfigSpec, report: Report): void {
  const fields = spec as unknown as Record<string, readonly SdConfig[] | undefined>;
  for (const sd of SD_MECHANISMS) {
    const configs = fields[sd.field] ?? [];
    if (sd.minVersion && (configs.length > 0 || sd.checkedWhenUnused) && !ctx.gate.since(sd.minVersion).ok) {
      const why = configs.length > 0 ? '' : ' (the operator checks this for every ScrapeConfig, even without such entries)';
      report(`${sd.key} is only supported for Prometheus version >= ${sd.minVersion}${why}`, `spec.${sd.field}`);
      continue;
    }
    if (!sd.validate) continue;
    for (const [i, c] of configs.entries()) sd.validate(ctx, c, `spec.${sd.field}[${i}]`, report);
  }
}

export function validateScrapeConfig(ctx: ConfigContext, sc: KubeObject): MonitorProblem[] {
  const problems: MonitorProblem[] = [];
  const report: Report = (message, field) => problems.push({ message, field });
  const spec = ((sc as { spec?: ScrapeConfigSpec }).spec ?? {}) as ScrapeConfigSpec;
  checkScrapeClass(ctx, spec.scrapeClass, report);
  checkRelabelList(ctx, spec.relabelings, 'relabelings', report);
  checkAuthorization(spec.authorization, 'spec.authorization', report);
  checkOAuth2(spec.oauth2, 'spec.oauth2', report);
  if (spec.scrapeTimeout) {
    const problem = checkScrapeTimeout(spec.scrapeTimeout, spec.scrapeInterval || ctx.spec.scrapeInterval || '30s');
    if (problem) report(problem, 'spec.scrapeTimeout');
  }
  checkProxySettings(spec, 'spec', report);
  checkRelabelList(ctx, spec.metricRelabelings, 'metricRelabelings', report);
  checkStaticLabels(ctx, spec, report);
  checkMechanisms(ctx, spec, report);
  return problems;
}
