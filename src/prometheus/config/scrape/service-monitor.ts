/**
 * ServiceMonitor: the operator's checks before one is used, and its scrape
 * jobs, one per endpoint, discovering the endpoints (or EndpointSlices) of
 * the selected Services.
 */
import type { RelabelConfig, TLSConfig } from '../../../api/types.js';
import type { LabelSelector } from '../../../core/labels.js';
import type { KubeObject } from '../../../krm/types.js';
import { defaultEndpointRole, endpointRole, type ConfigContext, type Doc } from '../context.js';
import { addBasicAuth, addOAuth2, type ProxySpec } from '../../../promconfig/http.js';
import { addTls } from '../../../promconfig/tls.js';
import { kubernetesSdConfigs, type NamespaceSelectorSpec } from '../k8s-sd.js';
import { appendShardingRelabelings } from '../sharding.js';
import {
  addBearerTokenSecret,
  addFollowRedirects,
  addMergedAuthorization,
  addProxySettings,
  addScrapeTarget,
  finishEndpointJob,
  monitorRelabelings,
  startEndpointJob,
  type CommonMonitorSpec,
  type HttpClientSpec,
  type ScrapeTargetSpec,
} from './endpoint.js';
import type { MonitorLimits } from './limits.js';
import { initialRelabelings, roleSelectors, runningFilter, selectorRelabelings, targetLabelRelabelings } from './relabelings.js';
import { attachMetadataFor, mergeTls, scrapeClassFor, type AttachMetadataSpec } from './scrape-class.js';
import type { Fail } from '../../../selection/context.js';
import { checkEndpointClient, checkEndpointScrape, checkMonitorSelector, checkScrapeClassName } from './endpoint-checks.js';
import { problemSink, type MonitorProblem } from './monitor-context.js';

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

/** The spec of a ServiceMonitor that passed the CRD schema check. */
function specOf(sm: KubeObject): ServiceMonitorSpec {
  return (sm.spec ?? {}) as ServiceMonitorSpec;
}

/** The operator's checks (resource_selector.go), every problem reported. */
export function validateServiceMonitor(ctx: ConfigContext, sm: KubeObject): MonitorProblem[] {
  const problems: MonitorProblem[] = [];
  const fail = problemSink(problems, true);
  const spec = specOf(sm);
  checkMonitorSelector(ctx, fail, spec);
  const denyFiles = ctx.spec.arbitraryFSAccessThroughSMs?.deny === true;
  for (const [i, ep] of (spec.endpoints ?? []).entries()) {
    const field = `spec.endpoints[${i}]`;
    if (denyFiles) checkNoFileAccess(fail, ep, field);
    checkEndpointClient(ctx, fail, ep, field, true);
    checkEndpointScrape(ctx, fail, ep, field);
  }
  checkScrapeClassName(ctx, fail, spec.scrapeClass);
  return problems;
}

/** spec.arbitraryFSAccessThroughSMs.deny: a ServiceMonitor may not point Prometheus at files. */
function checkNoFileAccess(fail: Fail, ep: ServiceMonitorEndpoint, field: string): void {
  if (ep.bearerTokenFile) {
    fail('reading a bearer token file is denied by the Prometheus (spec.arbitraryFSAccessThroughSMs.deny); use authorization.credentials with a Secret instead', `${field}.bearerTokenFile`);
    return;
  }
  const tls = ep.tlsConfig;
  if (tls && (tls.caFile || tls.certFile || tls.keyFile)) {
    fail('reading TLS files (caFile, certFile, keyFile) is denied by the Prometheus (spec.arbitraryFSAccessThroughSMs.deny); use ca, cert and keySecret with Secrets or ConfigMaps instead', `${field}.tlsConfig`);
  }
}

/**
 * One scrape job per endpoint of a ServiceMonitor, named
 * `serviceMonitor/<namespace>/<name>/<i>`, as the operator generates them.
 * `ctx` is a monitor context: problems go to ctx.fail and reject the monitor.
 */
export function serviceMonitorJobs(ctx: ConfigContext, sm: KubeObject, shards: number): Doc[] {
  const spec = specOf(sm);
  return (spec.endpoints ?? []).map((ep, i) => endpointJob(ctx, sm, spec, ep, i, shards));
}

function endpointJob(ctx: ConfigContext, sm: KubeObject, spec: ServiceMonitorSpec, ep: ServiceMonitorEndpoint, i: number, shards: number): Doc {
  const namespace = sm.metadata.namespace ?? 'default';
  const field = `spec.endpoints[${i}]`;
  const sc = scrapeClassFor(ctx, spec.scrapeClass);
  const out = startEndpointJob(ctx, `serviceMonitor/${namespace}/${sm.metadata.name}/${i}`, ep, field);

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

  return finishEndpointJob(ctx, out, sm, spec, sc, ep.metricRelabelings);
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

