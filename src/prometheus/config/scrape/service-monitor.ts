/**
 * ServiceMonitor: the operator's checks before one is used, and its scrape
 * jobs, one per endpoint, discovering the endpoints (or EndpointSlices) of
 * the selected Services.
 */
import type { TLSConfig } from '../../../api/types.js';
import type { KubeObject } from '../../../krm/types.js';
import { defaultEndpointRole, endpointRole, type ConfigContext, type Doc } from '../context.js';
import { addBasicAuth, addOAuth2 } from '../../../promconfig/http.js';
import { addTls } from '../../../promconfig/tls.js';
import { appendShardingRelabelings } from '../sharding.js';
import {
  addBearerTokenSecret,
  addFollowRedirects,
  addMergedAuthorization,
  addProxySettings,
  addScrapeTarget,
  finishEndpointJob,
  monitorRelabelings,
  monitorSdConfigs,
  selectsByRelabeling,
  startEndpointJob,
  type MonitorEndpointSpec,
  type SelectingMonitorSpec,
} from './endpoint.js';
import { initialRelabelings, runningFilter, selectorRelabelings, targetLabelRelabelings } from './relabelings.js';
import { mergeTls, scrapeClassFor } from './scrape-class.js';
import type { Fail } from '../../../core/fail.js';
import { checkEndpointClient, checkEndpointScrape, checkMonitorSelector, checkScrapeClassName } from './endpoint-checks.js';
import { collectProblems, monitorSpec, type MonitorProblem } from './monitor-context.js';

export interface ServiceMonitorEndpoint extends MonitorEndpointSpec {
  readonly tlsConfig?: TLSConfig;
  readonly bearerTokenFile?: string;
}

export interface ServiceMonitorSpec extends SelectingMonitorSpec {
  readonly endpoints?: readonly ServiceMonitorEndpoint[];
  readonly serviceDiscoveryRole?: string;
  readonly targetLabels?: readonly string[];
}

/** The operator's checks (resource_selector.go), every problem reported. */
export function validateServiceMonitor(ctx: ConfigContext, sm: KubeObject): MonitorProblem[] {
  const spec = monitorSpec<ServiceMonitorSpec>(sm);
  return collectProblems((fail) => {
    checkMonitorSelector(ctx, fail, spec);
    const denyFiles = ctx.spec.arbitraryFSAccessThroughSMs?.deny === true;
    for (const [i, ep] of (spec.endpoints ?? []).entries()) {
      const field = `spec.endpoints[${i}]`;
      if (denyFiles) checkNoFileAccess(fail, ep, field);
      checkEndpointClient(ctx, fail, ep, field, true);
      checkEndpointScrape(ctx, fail, ep, field);
    }
    checkScrapeClassName(ctx, fail, spec.scrapeClass);
  });
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
  const spec = monitorSpec<ServiceMonitorSpec>(sm);
  return (spec.endpoints ?? []).map((ep, i) => endpointJob(ctx, sm, spec, ep, i, shards));
}

function endpointJob(ctx: ConfigContext, sm: KubeObject, spec: ServiceMonitorSpec, ep: ServiceMonitorEndpoint, i: number, shards: number): Doc {
  const namespace = sm.metadata.namespace ?? 'default';
  const field = `spec.endpoints[${i}]`;
  const sc = scrapeClassFor(ctx, spec.scrapeClass);
  const out = startEndpointJob(ctx, `serviceMonitor/${namespace}/${sm.metadata.name}/${i}`, ep, field);

  const role = spec.serviceDiscoveryRole !== undefined && spec.serviceDiscoveryRole !== null ? endpointRole(ctx, spec.serviceDiscoveryRole) : defaultEndpointRole(ctx);
  out.kubernetes_sd_configs = monitorSdConfigs(ctx, spec, sc, { namespace, role, attachMetadataSince: '2.37.0', selectorRoles: [role, 'service'] });

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
  if (selectsByRelabeling(spec)) relabelings.push(...selectorRelabelings(spec.selector, 'service'));
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

