/**
 * Probe: the operator's checks before one is used, and its scrape job: the
 * targets (a static list, or Ingresses found by Kubernetes SD) are passed to
 * the prober as the `target` parameter, and the prober's address is scraped.
 */
import { isIP } from 'node:net';
import type { RelabelConfig, SafeTLSConfig } from '../../../api/types.js';
import { sortedKeys } from '../../../core/compare.js';
import { re2 } from '../../../core/regex/re2.js';
import { isInteger, isLegacyLabelName } from '../../../core/regex/scan.js';
import type { Fail } from '../../../core/fail.js';
import { atLeast } from '../../../version/semver.js';
import { validateTls } from '../../../promconfig/tls.js';
import type { LabelSelector } from '../../../core/labels.js';
import type { KubeObject } from '../../../krm/types.js';
import type { ConfigContext, Doc } from '../context.js';
import { addBasicAuth, addOAuth2, type ProxySpec } from '../../../promconfig/http.js';
import { kubernetesSdConfigs, type NamespaceSelectorSpec } from '../k8s-sd.js';
import { relabelDocs } from '../../../promconfig/relabel.js';
import { appendShardingRelabelings } from '../sharding.js';
import {
  addBearerTokenSecret,
  addFallbackProtocol,
  addHonorTimestamps,
  addHttpConfig,
  addMergedAuthorization,
  addMetricRelabelings,
  addNativeHistograms,
  addProxySettings,
  addScrapeProtocols,
  type CommonMonitorSpec,
  type HttpClientSpec,
} from './endpoint.js';
import { addBodySizeLimit, addLimits, type MonitorLimits } from './limits.js';
import { initialRelabelings, selectorRelabelings, withEnforcedNamespace } from './relabelings.js';
import { scrapeClassFor } from './scrape-class.js';
import { mapOf, yamlV2Map } from '../../../core/objects.js';
import {
  checkAuthorization,
  checkIntervalAndTimeout,
  checkOAuth2,
  checkProxySettings,
  checkRelabelingList,
  checkScrapeClassName,
  checkTlsMaterial,
} from './endpoint-checks.js';
import { collectProblems, monitorSpec, type MonitorProblem } from './monitor-context.js';

export interface ProberSpec extends ProxySpec {
  readonly url?: string;
  readonly path?: string;
  readonly scheme?: string;
}

export interface ProbeSpec extends CommonMonitorSpec, MonitorLimits, HttpClientSpec {
  readonly jobName?: string;
  readonly prober?: ProberSpec;
  readonly module?: string;
  readonly params?: readonly { readonly name: string; readonly values?: readonly string[] }[];
  readonly interval?: string;
  readonly scrapeTimeout?: string;
  readonly tlsConfig?: SafeTLSConfig;
  readonly metricRelabelings?: readonly RelabelConfig[];
  readonly targets?: {
    readonly staticConfig?: {
      readonly static?: readonly string[];
      readonly labels?: Readonly<Record<string, string>>;
      readonly relabelingConfigs?: readonly RelabelConfig[];
    };
    readonly ingress?: {
      readonly selector?: LabelSelector;
      readonly namespaceSelector?: NamespaceSelectorSpec;
      readonly relabelingConfigs?: readonly RelabelConfig[];
    };
  };
}

/** The CRD's default prober path; input that never went through the API server may lack it. */
const DEFAULT_PROBER_PATH = '/probe';

/** The operator's checks (resource_selector.go), every problem reported. */
export function validateProbe(ctx: ConfigContext, probe: KubeObject): MonitorProblem[] {
  const spec = monitorSpec<ProbeSpec>(probe);
  return collectProblems((fail) => {
    checkScrapeClassName(ctx, fail, spec.scrapeClass);
    const targets = spec.targets ?? {};
    if (!targets.staticConfig && !targets.ingress) {
      fail('set at least one of staticConfig and ingress', 'spec.targets');
    }
    // Unlike the endpoints of the other kinds, a Probe's client settings are
    // checked one by one: several authentication methods may be set together.
    const tlsProblem = spec.tlsConfig ? validateTls(spec.tlsConfig, false) : undefined;
    if (tlsProblem) fail(`invalid TLS configuration: ${tlsProblem}`, 'spec.tlsConfig');
    checkTlsMaterial(ctx, fail, spec.tlsConfig, 'spec.tlsConfig');
    if (spec.authorization?.credentials) checkAuthorization(fail, spec.authorization, 'spec.authorization');
    if (spec.oauth2) {
      checkOAuth2(fail, spec.oauth2, 'spec.oauth2');
      checkTlsMaterial(ctx, fail, spec.oauth2.tlsConfig, 'spec.oauth2.tlsConfig');
    }
    checkIntervalAndTimeout(ctx, fail, spec, 'spec');
    checkRelabelingList(ctx, fail, spec.metricRelabelings, 'spec.metricRelabelings');
    if (targets.staticConfig) {
      checkLabelNames(ctx, fail, targets.staticConfig.labels, 'spec.targets.staticConfig.labels');
      checkRelabelingList(ctx, fail, targets.staticConfig.relabelingConfigs, 'spec.targets.staticConfig.relabelingConfigs');
    }
    if (targets.ingress) checkRelabelingList(ctx, fail, targets.ingress.relabelingConfigs, 'spec.targets.ingress.relabelingConfigs');
    checkProxySettings(fail, spec.prober ?? {}, 'spec.prober');
    const url = spec.prober?.url ?? '';
    const urlProblem = proberUrlProblem(url);
    if (urlProblem) {
      fail(`"${url}" is not a valid prober address (${urlProblem}); write it as \`hostname\` or \`hostname:port\`, without a scheme`, 'spec.prober.url');
    }
  });
}

function checkLabelNames(ctx: ConfigContext, fail: Fail, labels: Readonly<Record<string, string>> | undefined, field: string): void {
  const utf8 = atLeast(ctx.gate.version, '3.0.0');
  for (const name of sortedKeys(labels)) {
    const ok = utf8 ? name.length > 0 : isLegacyLabelName(name);
    if (!ok) {
      const rule = utf8 ? 'label names may not be empty' : 'before Prometheus 3.0.0 label names must match [a-zA-Z_][a-zA-Z0-9_]*';
      fail(`invalid label name "${name}": ${rule}`, `${field}.${name}`);
    }
  }
}

/** The scrape job of a Probe, named `probe/<namespace>/<name>`. */
export function probeJobs(ctx: ConfigContext, probe: KubeObject, shards: number): Doc[] {
  return [probeJob(ctx, probe, monitorSpec<ProbeSpec>(probe), shards)];
}

function probeJob(ctx: ConfigContext, probe: KubeObject, spec: ProbeSpec, shards: number): Doc {
  const namespace = probe.metadata.namespace ?? 'default';
  const sc = scrapeClassFor(ctx, spec.scrapeClass);
  const prober = spec.prober ?? {};
  const out: Doc = { job_name: `probe/${namespace}/${probe.metadata.name}` };
  addHonorTimestamps(ctx, out, true, 'spec');
  out.metrics_path = prober.path ?? DEFAULT_PROBER_PATH;
  if (spec.interval) out.scrape_interval = spec.interval;
  if (spec.scrapeTimeout) out.scrape_timeout = spec.scrapeTimeout;
  if (prober.scheme !== undefined && prober.scheme !== null) out.scheme = prober.scheme.toLowerCase();
  const params = probeParams(spec);
  if (Object.keys(params).length > 0) out.params = params;

  addLimits(ctx, out, spec, 'spec');
  addNativeHistograms(ctx, out, spec, 'spec');
  addScrapeProtocols(ctx, out, spec.scrapeProtocols, 'spec.scrapeProtocols');
  addFallbackProtocol(ctx, out, spec.fallbackScrapeProtocol, sc, 'spec.fallbackScrapeProtocol');
  addBodySizeLimit(ctx, out, undefined, 'spec');

  let relabelings = initialRelabelings();
  if (spec.jobName) relabelings.push({ target_label: 'job', replacement: spec.jobName });
  addProxySettings(ctx, out, prober, 'spec.prober');
  addHttpConfig(ctx, out, spec, sc, 'spec');

  const targets = spec.targets ?? {};
  const proberAddress: Doc = { target_label: '__address__', replacement: prober.url ?? '' };
  if (targets.staticConfig) {
    const labels = mapOf(Object.entries(targets.staticConfig.labels ?? {}));
    if (!Object.hasOwn(labels, 'namespace')) labels.namespace = namespace;
    // The operator hands this Go map to the YAML encoder as it is: gopkg.in/yaml.v2's key order.
    out.static_configs = [{ targets: [...(targets.staticConfig.static ?? [])], labels: yamlV2Map(labels) }];
    relabelings.push(
      { source_labels: ['__address__'], target_label: '__param_target' },
      { source_labels: ['__param_target'], target_label: 'instance' },
      proberAddress,
    );
    relabelings.push(...relabelDocs(sc.relabelings), ...relabelDocs(withEnforcedNamespace(ctx, probe, targets.staticConfig.relabelingConfigs)));
  } else if (targets.ingress) {
    const ingress = targets.ingress;
    relabelings.push(...selectorRelabelings(ingress.selector, 'ingress'));
    out.kubernetes_sd_configs = kubernetesSdConfigs(ctx, { namespaceSelector: ingress.namespaceSelector ?? {}, namespace, role: 'ingress' });
    relabelings.push(
      {
        source_labels: ['__meta_kubernetes_ingress_scheme', '__address__', '__meta_kubernetes_ingress_path'],
        separator: ';',
        regex: '(.+);(.+);(.+)',
        target_label: '__param_target',
        replacement: '${1}://${2}${3}',
        action: 'replace',
      },
      { source_labels: ['__meta_kubernetes_namespace'], target_label: 'namespace' },
      { source_labels: ['__meta_kubernetes_ingress_name'], target_label: 'ingress' },
      { source_labels: ['__address__'], separator: ';', regex: '(.*)', target_label: '__tmp_ingress_address', replacement: '$1', action: 'replace' },
      { source_labels: ['__param_target'], target_label: 'instance' },
      proberAddress,
    );
    relabelings.push(...relabelDocs(sc.relabelings), ...relabelDocs(withEnforcedNamespace(ctx, probe, ingress.relabelingConfigs)));
  }
  relabelings = appendShardingRelabelings(ctx, relabelings, shards, '__param_target');
  out.relabel_configs = relabelings;

  addBearerTokenSecret(ctx, out, spec.bearerTokenSecret, 'spec.bearerTokenSecret', false);
  addBasicAuth(ctx, ctx.gate, out, spec.basicAuth, 'spec.basicAuth');
  addOAuth2(ctx, ctx.gate, out, spec.oauth2, 'spec.oauth2');
  addMergedAuthorization(ctx, out, spec.authorization, sc, 'spec.authorization');
  addMetricRelabelings(ctx, out, probe, sc, spec.metricRelabelings);
  return out;
}

/** `module` first (from spec.module), then the other parameters in their order. */
function probeParams(spec: ProbeSpec): Record<string, string[]> {
  const params: Array<readonly [string, string[]]> = [];
  if (spec.module) params.push(['module', [spec.module]]);
  for (const p of spec.params ?? []) {
    if (spec.module && p.name === 'module') continue;
    params.push([p.name, [...(p.values ?? [])]]);
  }
  return mapOf(params);
}

// --- the prober's address -----------------------------------------------------

/** Go's net.SplitHostPort: [host, port] or the reason it fails. */
function splitHostPort(hostport: string): [string, string] | string {
  const i = hostport.lastIndexOf(':');
  if (i < 0) return 'missing port';
  let host: string;
  let j = 0;
  let k = 0;
  if (hostport.startsWith('[')) {
    const end = hostport.indexOf(']');
    if (end < 0) return "missing ']'";
    if (end + 1 === hostport.length) return 'missing port';
    if (end + 1 !== i) return hostport[end + 1] === ':' ? 'too many colons' : 'missing port';
    host = hostport.slice(1, end);
    j = 1;
    k = end + 1;
  } else {
    host = hostport.slice(0, i);
    if (host.includes(':')) return 'too many colons';
  }
  if (hostport.slice(j).includes('[')) return "unexpected '['";
  if (hostport.slice(k).includes(']')) return "unexpected ']'";
  return [host, hostport.slice(i + 1)];
}

const DNS_NAME = re2('^([a-zA-Z0-9_][a-zA-Z0-9_-]{0,62})(\\.[a-zA-Z0-9_][a-zA-Z0-9_-]{0,62})*[._]?$');

/** govalidator.IsHost: an IP address (no zone) or a DNS name. */
function isHost(s: string): boolean {
  if (!s.includes('%') && isIP(s) !== 0) return true;
  if (s === '' || s.replace(/\./g, '').length > 255) return false;
  return DNS_NAME.test(s);
}

/** govalidator.IsPort: a number from 1 to 65535. */
function isPort(s: string): boolean {
  if (!isInteger(s, '+-')) return false;
  const n = Number(s);
  return n > 0 && n < 65536;
}

/** The operator's check of spec.prober.url: `host` or `host:port`. */
export function proberUrlProblem(url: string): string | undefined {
  const split = splitHostPort(url);
  if (typeof split === 'string') return isHost(url) ? undefined : 'invalid host';
  const [host, port] = split;
  if (!isHost(host)) return `invalid host "${host}"`;
  if (!isPort(port)) return `invalid port "${port}"`;
  return undefined;
}
