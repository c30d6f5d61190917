/**
 * ServiceMonitor scrape jobs: one per endpoint, discovering the endpoints
 * (or EndpointSlices) of the selected Services.
 */
import type { RelabelConfig, ServiceMonitor, TLSConfig } from '../../../api/types.js';
import type { LabelSelector } from '../../../core/labels.js';
import type { KubeObject } from '../../../krm/types.js';
import { defaultEndpointRole, endpointRole, type ConfigContext, type Doc } from '../context.js';
import { addBasicAuth, addOAuth2, type ProxySpec } from '../../../promconfig/http.js';
import { addTls } from '../../../promconfig/tls.js';
import { kubernetesSdConfigs, type NamespaceSelectorSpec } from '../k8s-sd.js';
import { appendShardingRelabelings } from '../sharding.js';
import {
  addBearerTokenSecret,
  addFallbackProtocol,
  addFollowRedirects,
  addHonorLabels,
  addHonorTimestamps,
  addMergedAuthorization,
  addMetricRelabelings,
  addNativeHistograms,
  addProxySettings,
  addScrapeProtocols,
  addScrapeTarget,
  addTrackTimestampsStaleness,
  monitorRelabelings,
  type CommonMonitorSpec,
  type HttpClientSpec,
  type ScrapeTargetSpec,
} from './endpoint.js';
import { addBodySizeLimit, addLimits, type MonitorLimits } from './limits.js';
import { initialRelabelings, roleSelectors, runningFilter, selectorRelabelings, targetLabelRelabelings } from './relabelings.js';
import { attachMetadataFor, mergeTls, scrapeClassFor, type AttachMetadataSpec } from './scrape-class.js';

export interface ServiceMonitorEndpoint extends HttpClientSpec, ProxySpec, ScrapeTargetSpec {
  readonly port?: string;
  readonly targetPort?: number | string;
  readonly tlsConfig?: TLSConfig;
  readonly bearerTokenFile?: string;
  readonly honorLabels?: boolean;
  readonly honorTimestamps?: boolean;
  readonly trackTimestampsStaleness?: boolean;
  readonly filterRunning?: boolean;
  readonly relabelings?: readonly RelabelConfig[];
  readonly metricRelabelings?: readonly RelabelConfig[];
}

export interface ServiceMonitorSpec extends CommonMonitorSpec, MonitorLimits {
  readonly endpoints?: readonly ServiceMonitorEndpoint[];
  readonly selector?: LabelSelector;
  readonly selectorMechanism?: string;
  readonly namespaceSelector?: NamespaceSelectorSpec;
  readonly attachMetadata?: AttachMetadataSpec;
  readonly serviceDiscoveryRole?: string;
  readonly jobLabel?: string;
  readonly targetLabels?: readonly string[];
  readonly podTargetLabels?: readonly string[];
}

/**
 * One scrape job per endpoint of a ServiceMonitor, named
 * `serviceMonitor/<namespace>/<name>/<i>`, as the operator generates them.
 * `ctx` is a monitor context: problems go to ctx.fail and reject the monitor.
 */
export function serviceMonitorJobs(ctx: ConfigContext, sm: ServiceMonitor, shards: number): Doc[] {
  const spec = (sm.spec ?? {}) as ServiceMonitorSpec;
  return (spec.endpoints ?? []).map((ep, i) => endpointJob(ctx, sm as unknown as KubeObject, spec, ep, i, shards));
}

function endpointJob(ctx: ConfigContext, sm: KubeObject, spec: ServiceMonitorSpec, ep: ServiceMonitorEndpoint, i: number, shards: number): Doc {
  const namespace = sm.metadata.namespace ?? 'default';
  const field = `spec.endpoints[${i}]`;
  const sc = scrapeClassFor(ctx, spec.scrapeClass);
  const out: Doc = { job_name: `serviceMonitor/${namespace}/${sm.metadata.name}/${i}` };
  addHonorLabels(ctx, out, ep.honorLabels);
  addHonorTimestamps(ctx, out, ep.honorTimestamps, `${field}.honorTimestamps`);
  addTrackTimestampsStaleness(ctx, out, ep.trackTimestampsStaleness, `${field}.trackTimestampsStaleness`);

  const role = spec.serviceDiscoveryRole !== undefined && spec.serviceDiscoveryRole !== null ? endpointRole(ctx, spec.serviceDiscoveryRole) : defaultEndpointRole(ctx);
  const relabelSelection = (spec.selectorMechanism ?? 'RelabelConfig') === 'RelabelConfig';
  out.kubernetes_sd_configs = kubernetesSdConfigs(ctx, {
    namespaceSelector: spec.namespaceSelector ?? {},
    namespace,
    role,
    attachMetadata: attachMetadataFor(ctx, spec.attachMetadata, sc, '2.37.0'),
    selectors: relabelSelection ? undefined : roleSelectors(spec.selector, [role, 'service']),
  });

  addScrapeTarget(out, ep);
  addFollowRedirects(ctx, out, ep, field);
  addProxySettings(ctx, out, ep, field);
  addOAuth2(ctx, ctx.gate, out, ep.oauth2, `${field}.oauth2`);
  addTls(ctx, ctx.gate, out, mergeTls(ep.tlsConfig, sc), `${field}.tlsConfig`);
  if (ep.bearerTokenFile) out.bearer_token_file = ep.bearerTokenFile;
  addBearerTokenSecret(ctx, out, ep.bearerTokenSecret, `${field}.bearerTokenSecret`);
  addBasicAuth(ctx, ctx.gate, out, ep.basicAuth, `${field}.basicAuth`);
  addMergedAuthorization(ctx, out, ep.authorization, sc, `${field}.authorization`);

  let relabelings = initialRelabelings();
  if (relabelSelection) relabelings.push(...selectorRelabelings(spec.selector, 'service'));
  relabelings.push(...portFilter(ep, role));
  const target = role === 'endpointslice' ? 'endpointslice' : 'endpoint';
  const targetRef = [`__meta_kubernetes_${target}_address_target_kind`, `__meta_kubernetes_${target}_address_target_name`];
  relabelings.push(
    { source_labels: targetRef, separator: ';', regex: 'Node;(.*)', replacement: '${1}', target_label: 'node' },
    { source_labels: targetRef, separator: ';', regex: 'Pod;(.*)', replacement: '${1}', target_label: 'pod' },
    { source_labels: ['__meta_kubernetes_namespace'], target_label: 'namespace' },
    { source_labels: ['__meta_kubernetes_service_name'], target_label: 'service' },
    { source_labels: ['__meta_kubernetes_pod_name'], target_label: 'pod' },
    { source_labels: ['__meta_kubernetes_pod_container_name'], target_label: 'container' },
  );
  if (ep.filterRunning !== false) relabelings.push(runningFilter());
  relabelings.push(...targetLabelRelabelings('service', spec.targetLabels ?? []));
  relabelings.push(...targetLabelRelabelings('pod', [...(spec.podTargetLabels ?? []), ...(ctx.spec.podTargetLabels ?? [])]));
  relabelings.push({ source_labels: ['__meta_kubernetes_service_name'], target_label: 'job', replacement: '${1}' });
  if (spec.jobLabel) relabelings.push(...targetLabelRelabelings('service', [spec.jobLabel]).map((r) => ({ ...r, target_label: 'job' })));
  const endpointName = ep.port ? ep.port : ep.targetPort !== undefined && ep.targetPort !== null ? String(ep.targetPort) : '';
  if (endpointName !== '') relabelings.push({ target_label: 'endpoint', replacement: endpointName });
  relabelings.push(...monitorRelabelings(ctx, sm, sc, ep.relabelings));
  relabelings = appendShardingRelabelings(ctx, relabelings, shards, '__address__');
  out.relabel_configs = relabelings;

  addLimits(ctx, out, spec, 'spec');
  addNativeHistograms(ctx, out, spec, 'spec');
  addScrapeProtocols(ctx, out, spec.scrapeProtocols, 'spec.scrapeProtocols');
  addFallbackProtocol(ctx, out, spec.fallbackScrapeProtocol, sc, 'spec.fallbackScrapeProtocol');
  addBodySizeLimit(ctx, out, spec.bodySizeLimit, 'spec');
  addMetricRelabelings(ctx, out, sm, sc, ep.metricRelabelings);
  return out;
}

/** Keeps only the endpoint's port: by name (Service port), else by the pod's container port. */
function portFilter(ep: ServiceMonitorEndpoint, role: string): Doc[] {
  if (ep.port) {
    const label = role === 'endpointslice' ? '__meta_kubernetes_endpointslice_port_name' : '__meta_kubernetes_endpoint_port_name';
    return [{ action: 'keep', source_labels: [label], regex: ep.port }];
  }
  if (typeof ep.targetPort === 'string' && ep.targetPort !== '') {
    return [{ action: 'keep', source_labels: ['__meta_kubernetes_pod_container_port_name'], regex: ep.targetPort }];
  }
  if (typeof ep.targetPort === 'number' && ep.targetPort !== 0) {
    return [{ action: 'keep', source_labels: ['__meta_kubernetes_pod_container_port_number'], regex: ep.targetPort }];
  }
  return [];
}

