/**
 * The scrape job of a Probe: the targets (a static list, or Ingresses found
 * by Kubernetes SD) are passed to the prober as the `target` parameter, and
 * the prober's address is scraped.
 */
import type { Probe, RelabelConfig, SafeTLSConfig } from '../../../api/types.js';
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
import { emptyMap, mapOf, sortedMap } from '../../../core/objects.js';

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

/** The scrape job of a Probe, named `probe/<namespace>/<name>`. */
export function probeJobs(ctx: ConfigContext, probe: Probe, shards: number): Doc[] {
  return [probeJob(ctx, probe as unknown as KubeObject, (probe.spec ?? {}) as ProbeSpec, shards)];
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
    out.static_configs = [{ targets: [...(targets.staticConfig.static ?? [])], labels: sortedMap(labels) }];
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
  const params = emptyMap<string[]>();
  if (spec.module) params.module = [spec.module];
  for (const p of spec.params ?? []) {
    if (spec.module && p.name === 'module') continue;
    params[p.name] = [...(p.values ?? [])];
  }
  return params;
}
