/**
 * Scrape-job keys the monitor kinds share: honor settings, the HTTP client
 * (TLS, credentials, proxy), scrape protocols, native histograms and metric
 * relabelings. Each helper appends to `out` in the operator's order and
 * returns it; `field` is the path of the setting in the monitor.
 */
import { PROM_SECRETS } from '../../../promconfig/secret-settings.js';
import type { RelabelConfig, SafeTLSConfig } from '../../../api/types.js';
import type { KubeObject } from '../../../krm/types.js';
import type { ConfigContext, Doc } from '../context.js';
import { addAuthorization, addProxy, type BasicAuthSpec, type OAuth2Spec, type ProxySpec, type SafeAuthorizationSpec } from '../../../promconfig/http.js';
import { addTls } from '../../../promconfig/tls.js';
import { relabelDocs } from '../../../promconfig/relabel.js';
import { quantityToFloat } from '../../../core/quantity.js';
import type { SecretRef } from '../../../assets/namespace-assets.js';
import { roleSelectors, withEnforcedNamespace } from './relabelings.js';
import { attachMetadataFor, mergeAuthorization, mergeFallbackProtocol, mergeSafeTls, type AttachMetadataSpec, type ScrapeClassSpec } from './scrape-class.js';
import type { LabelSelector } from '../../../core/labels.js';
import { kubernetesSdConfigs, type NamespaceSelectorSpec } from '../k8s-sd.js';
import { mapOf, notNil, yamlV2Map } from '../../../core/objects.js';
import { addBodySizeLimit, addLimits, type MonitorLimits } from './limits.js';

/** The HTTP client settings every endpoint kind has (HTTPConfigWithoutTLS). */
export interface HttpClientSpec {
  readonly authorization?: SafeAuthorizationSpec;
  readonly basicAuth?: BasicAuthSpec;
  readonly oauth2?: OAuth2Spec;
  readonly bearerTokenSecret?: SecretRef;
  readonly followRedirects?: boolean;
  readonly enableHttp2?: boolean;
}

/** The settings a monitor's spec shares with the others (limits aside). */
export interface CommonMonitorSpec {
  readonly scrapeClass?: string;
  readonly scrapeProtocols?: readonly string[];
  readonly fallbackScrapeProtocol?: string;
  readonly scrapeNativeHistograms?: boolean;
  readonly nativeHistogramBucketLimit?: number;
  readonly nativeHistogramMinBucketFactor?: number | string;
  readonly scrapeClassicHistograms?: boolean;
  readonly convertClassicHistogramsToNHCB?: boolean;
}

/** The honor settings of a ServiceMonitor or PodMonitor endpoint. */
export interface HonorSpec {
  readonly honorLabels?: boolean;
  readonly honorTimestamps?: boolean;
  readonly trackTimestampsStaleness?: boolean;
}

/** What the endpoints of ServiceMonitors and PodMonitors share. */
export interface MonitorEndpointSpec extends HttpClientSpec, ProxySpec, ScrapeTargetSpec, HonorSpec {
  readonly port?: string;
  readonly targetPort?: number | string;
  readonly filterRunning?: boolean;
  readonly relabelings?: readonly RelabelConfig[];
  readonly metricRelabelings?: readonly RelabelConfig[];
}

/** What the specs of ServiceMonitors and PodMonitors share: how they select their targets, and the job label. */
export interface SelectingMonitorSpec extends CommonMonitorSpec, MonitorLimits {
  readonly selector?: LabelSelector;
  readonly selectorMechanism?: string;
  readonly namespaceSelector?: NamespaceSelectorSpec;
  readonly attachMetadata?: AttachMetadataSpec;
  readonly jobLabel?: string;
  readonly podTargetLabels?: readonly string[];
}

/** Whether the monitor selects its targets with relabelings (the default) rather than with Kubernetes SD selectors (RoleSelector). */
export function selectsByRelabeling(spec: SelectingMonitorSpec): boolean {
  return (spec.selectorMechanism ?? 'RelabelConfig') === 'RelabelConfig';
}

/** How a ServiceMonitor or PodMonitor job discovers its targets. */
export interface MonitorDiscovery {
  /** The monitor's namespace, used when its namespace selector names none. */
  readonly namespace: string;
  readonly role: string;
  /** The Prometheus version that understands attach_metadata for this role. */
  readonly attachMetadataSince: string;
  /** The roles the label selector applies to under the RoleSelector mechanism. */
  readonly selectorRoles: readonly string[];
  readonly daemonSet?: boolean;
}

/** `kubernetes_sd_configs` of a ServiceMonitor or PodMonitor job. */
export function monitorSdConfigs(ctx: ConfigContext, spec: SelectingMonitorSpec, sc: ScrapeClassSpec, d: MonitorDiscovery): Doc[] {
  return kubernetesSdConfigs(ctx, {
    namespaceSelector: spec.namespaceSelector ?? {},
    namespace: d.namespace,
    role: d.role,
    attachMetadata: attachMetadataFor(ctx, spec.attachMetadata, sc, d.attachMetadataSince),
    ...(d.daemonSet === undefined ? {} : { daemonSet: d.daemonSet }),
    selectors: selectsByRelabeling(spec) ? undefined : roleSelectors(spec.selector, d.selectorRoles),
  });
}

/** How a ServiceMonitor or PodMonitor endpoint job starts: its name, then the honor settings. */
export function startEndpointJob(ctx: ConfigContext, jobName: string, ep: HonorSpec, field: string): Doc {
  const out: Doc = { job_name: jobName };
  addHonorLabels(ctx, out, ep.honorLabels);
  addHonorTimestamps(ctx, out, ep.honorTimestamps, `${field}.honorTimestamps`);
  return addTrackTimestampsStaleness(ctx, out, ep.trackTimestampsStaleness, `${field}.trackTimestampsStaleness`);
}

/** How a ServiceMonitor or PodMonitor endpoint job ends, after its relabelings: limits, histograms, protocols, body size, metric relabelings. */
export function finishEndpointJob(
  ctx: ConfigContext,
  out: Doc,
  monitor: KubeObject,
  spec: CommonMonitorSpec & MonitorLimits,
  sc: ScrapeClassSpec,
  metricRelabelings: readonly RelabelConfig[] | undefined,
): Doc {
  addLimits(ctx, out, spec, 'spec');
  addNativeHistograms(ctx, out, spec, 'spec');
  addScrapeProtocols(ctx, out, spec.scrapeProtocols, 'spec.scrapeProtocols');
  addFallbackProtocol(ctx, out, spec.fallbackScrapeProtocol, sc, 'spec.fallbackScrapeProtocol');
  addBodySizeLimit(ctx, out, spec.bodySizeLimit, 'spec');
  return addMetricRelabelings(ctx, out, monitor, sc, metricRelabelings);
}

/** honor_labels, always written; spec.overrideHonorLabels forces false. */
export function addHonorLabels(ctx: ConfigContext, out: Doc, honor: boolean | undefined): Doc {
  out.honor_labels = ctx.spec.overrideHonorLabels ? false : honor === true;
  return out;
}

/** honor_timestamps (Prometheus >= 2.9.0), only when the monitor or spec.overrideHonorTimestamps sets it. */
export function addHonorTimestamps(ctx: ConfigContext, out: Doc, honor: boolean | undefined, field: string): Doc {
  const override = ctx.spec.overrideHonorTimestamps === true;
  if (!notNil(honor) && !override) return out;
  return ctx.gate.since('2.9.0').at(field).put(out, 'honor_timestamps', honor === true && !override);
}

export function addTrackTimestampsStaleness(ctx: ConfigContext, out: Doc, track: boolean | undefined, field: string): Doc {
  if (!notNil(track)) return out;
  return ctx.gate.since('2.48.0').at(field).put(out, 'track_timestamps_staleness', track);
}

/** scrape_interval, scrape_timeout, metrics_path, params and scheme of a ServiceMonitor or PodMonitor endpoint. */
export interface ScrapeTargetSpec {
  readonly interval?: string;
  readonly scrapeTimeout?: string;
  readonly path?: string;
  readonly params?: Readonly<Record<string, readonly string[]>>;
  readonly scheme?: string;
}

export function addScrapeTarget(out: Doc, ep: ScrapeTargetSpec): Doc {
  if (ep.interval) out.scrape_interval = ep.interval;
  if (ep.scrapeTimeout) out.scrape_timeout = ep.scrapeTimeout;
  if (ep.path) out.metrics_path = ep.path;
  // The operator hands this Go map to the YAML encoder as it is: gopkg.in/yaml.v2's key order.
  if (notNil(ep.params)) out.params = yamlV2Map(mapOf(Object.entries(ep.params).map(([k, v]) => [k, [...(v ?? [])]])));
  if (notNil(ep.scheme)) out.scheme = ep.scheme.toLowerCase();
  return out;
}

export function addFollowRedirects(ctx: ConfigContext, out: Doc, http: HttpClientSpec, field: string): Doc {
  if (notNil(http.followRedirects)) ctx.gate.since('2.26.0').at(`${field}.followRedirects`).put(out, 'follow_redirects', http.followRedirects);
  if (notNil(http.enableHttp2)) ctx.gate.since('2.35.0').at(`${field}.enableHttp2`).put(out, 'enable_http2', http.enableHttp2);
  return out;
}

/** follow_redirects, enable_http2 and tls_config of an endpoint with a SafeTLSConfig (PodMonitor, Probe). */
export function addHttpConfig(ctx: ConfigContext, out: Doc, http: HttpClientSpec & { tlsConfig?: SafeTLSConfig }, sc: ScrapeClassSpec, field: string): Doc {
  addFollowRedirects(ctx, out, http, field);
  return addTls(ctx, ctx.gate, out, mergeSafeTls(http.tlsConfig, sc), `${field}.tlsConfig`);
}

/** bearer_token from a Secret (deprecated); a reference without a Secret name is ignored. */
export function addBearerTokenSecret(ctx: ConfigContext, out: Doc, ref: SecretRef | undefined, field: string, requireName = true): Doc {
  if (!ref || (requireName && !ref.name)) return out;
  ctx.store.putSetting(out, ref, field, PROM_SECRETS.bearerToken, ctx.gate);
  return out;
}

/** authorization: the endpoint's, completed by the scrape class's. */
export function addMergedAuthorization(ctx: ConfigContext, out: Doc, authz: SafeAuthorizationSpec | undefined, sc: ScrapeClassSpec, field: string): Doc {
  return addAuthorization(ctx, ctx.gate, out, mergeAuthorization(authz, sc), field);
}

/** The proxy fields of an endpoint, when any is set. */
export function addProxySettings(ctx: ConfigContext, out: Doc, proxy: ProxySpec, field: string): Doc {
  const any = notNil(proxy.proxyUrl) || notNil(proxy.noProxy) || notNil(proxy.proxyFromEnvironment) || notNil(proxy.proxyConnectHeader);
  return any ? addProxy(ctx, ctx.gate, out, proxy, field) : out;
}

/** scrape_protocols (Prometheus >= 2.49.0); PrometheusText1.0.0 needs Prometheus 3. */
export function addScrapeProtocols(ctx: ConfigContext, out: Doc, protocols: readonly string[] | undefined, field: string): Doc {
  if (!protocols || protocols.length === 0) return out;
  const gate = ctx.gate.at(field);
  const kept = protocols.filter((p) => p !== 'PrometheusText1.0.0' || gate.since('3.0.0-rc.0').check(`scrapeProtocol=${p}`));
  return gate.since('2.49.0').put(out, 'scrape_protocols', kept);
}

/** fallback_scrape_protocol (Prometheus >= 3.0.0): the monitor's, else the scrape class's. */
export function addFallbackProtocol(ctx: ConfigContext, out: Doc, own: string | undefined, sc: ScrapeClassSpec, field: string): Doc {
  const protocol = mergeFallbackProtocol(own, sc);
  if (!notNil(protocol)) return out;
  return ctx.gate.since('3.0.0').at(field).put(out, 'fallback_scrape_protocol', protocol);
}

/** Native histogram settings; classic histograms are `always_scrape_classic_histograms` on Prometheus 3. */
export function addNativeHistograms(ctx: ConfigContext, out: Doc, spec: CommonMonitorSpec, field: string): Doc {
  const gate = ctx.gate;
  if (notNil(spec.scrapeNativeHistograms)) gate.since('3.8.0').at(`${field}.scrapeNativeHistograms`).put(out, 'scrape_native_histograms', spec.scrapeNativeHistograms);
  if (notNil(spec.nativeHistogramBucketLimit)) {
    gate.since('2.45.0').at(`${field}.nativeHistogramBucketLimit`).put(out, 'native_histogram_bucket_limit', spec.nativeHistogramBucketLimit);
  }
  if (notNil(spec.nativeHistogramMinBucketFactor)) {
    gate
      .since('2.50.0')
      .at(`${field}.nativeHistogramMinBucketFactor`)
      .put(out, 'native_histogram_min_bucket_factor', quantityToFloat(spec.nativeHistogramMinBucketFactor));
  }
  if (notNil(spec.scrapeClassicHistograms)) {
    const at = gate.at(`${field}.scrapeClassicHistograms`);
    if (gate.version.major === 3) at.put(out, 'always_scrape_classic_histograms', spec.scrapeClassicHistograms);
    else at.since('2.45.0').put(out, 'scrape_classic_histograms', spec.scrapeClassicHistograms);
  }
  if (notNil(spec.convertClassicHistogramsToNHCB)) {
    gate.since('3.0.0').at(`${field}.convertClassicHistogramsToNHCB`).put(out, 'convert_classic_histograms_to_nhcb', spec.convertClassicHistogramsToNHCB);
  }
  return out;
}

/** The scrape class's relabelings, then the monitor's with the enforced namespace label. */
export function monitorRelabelings(ctx: ConfigContext, monitor: KubeObject, sc: ScrapeClassSpec, own: readonly RelabelConfig[] | undefined): Doc[] {
  return [...relabelDocs(sc.relabelings), ...relabelDocs(withEnforcedNamespace(ctx, monitor, own))];
}

/** metric_relabel_configs: the scrape class's, then the monitor's with the enforced namespace label. */
export function addMetricRelabelings(ctx: ConfigContext, out: Doc, monitor: KubeObject, sc: ScrapeClassSpec, own: readonly RelabelConfig[] | undefined): Doc {
  const docs = monitorRelabelings(ctx, monitor, { relabelings: sc.metricRelabelings ?? [] }, own);
  if (docs.length > 0) out.metric_relabel_configs = docs;
  return out;
}
