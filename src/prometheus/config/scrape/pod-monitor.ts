/**
 * PodMonitor: the operator's checks before one is used, and its scrape jobs,
 * one per podMetricsEndpoint, discovering the selected pods directly.
 */
import type { SafeTLSConfig } from '../../../api/types.js';
import type { KubeObject } from '../../../krm/types.js';
import type { ConfigContext, Doc } from '../context.js';
import { addBasicAuth, addOAuth2 } from '../../../promconfig/http.js';
import { appendShardingRelabelings } from '../sharding.js';
import {
  addBearerTokenSecret,
  addHttpConfig,
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
import { initialRelabelings, runningFilter, sanitizeLabelName, selectorRelabelings, targetLabelRelabelings } from './relabelings.js';
import { scrapeClassFor } from './scrape-class.js';
import { checkEndpointClient, checkEndpointScrape, checkMonitorSelector, checkScrapeClassName } from './endpoint-checks.js';
import { collectProblems, monitorSpec, type MonitorProblem } from './monitor-context.js';

export interface PodMetricsEndpoint extends MonitorEndpointSpec {
  readonly portNumber?: number;
  readonly tlsConfig?: SafeTLSConfig;
}

export interface PodMonitorSpec extends SelectingMonitorSpec {
  readonly podMetricsEndpoints?: readonly PodMetricsEndpoint[];
}

/** The operator's checks (resource_selector.go), every problem reported. */
export function validatePodMonitor(ctx: ConfigContext, pm: KubeObject): MonitorProblem[] {
  const spec = monitorSpec<PodMonitorSpec>(pm);
  return collectProblems((fail) => {
    checkMonitorSelector(ctx, fail, spec);
    for (const [i, ep] of (spec.podMetricsEndpoints ?? []).entries()) {
      const field = `spec.podMetricsEndpoints[${i}]`;
      checkEndpointScrape(ctx, fail, ep, field);
      checkEndpointClient(ctx, fail, ep, field, false);
    }
    checkScrapeClassName(ctx, fail, spec.scrapeClass);
  });
}

/** One scrape job per podMetricsEndpoint, named `podMonitor/<namespace>/<name>/<i>`. */
export function podMonitorJobs(ctx: ConfigContext, pm: KubeObject, shards: number): Doc[] {
  const spec = monitorSpec<PodMonitorSpec>(pm);
  return (spec.podMetricsEndpoints ?? []).map((ep, i) => endpointJob(ctx, pm, spec, ep, i, shards));
}

function endpointJob(ctx: ConfigContext, pm: KubeObject, spec: PodMonitorSpec, ep: PodMetricsEndpoint, i: number, shards: number): Doc {
  const namespace = pm.metadata.namespace ?? 'default';
  const field = `spec.podMetricsEndpoints[${i}]`;
  const sc = scrapeClassFor(ctx, spec.scrapeClass);
  const out = startEndpointJob(ctx, `podMonitor/${namespace}/${pm.metadata.name}/${i}`, ep, field);

  // The agent's DaemonSet discovers only the pods of its own node.
  const discovery = { namespace, role: 'pod', attachMetadataSince: '2.35.0', selectorRoles: ['pod'], daemonSet: ctx.plan.daemonSet };
  out.kubernetes_sd_configs = monitorSdConfigs(ctx, spec, sc, discovery);

  addScrapeTarget(out, ep);
  addHttpConfig(ctx, out, ep, sc, field);
  addBearerTokenSecret(ctx, out, ep.bearerTokenSecret, `${field}.bearerTokenSecret`);
  addBasicAuth(ctx, ctx.gate, out, ep.basicAuth, `${field}.basicAuth`);
  addOAuth2(ctx, ctx.gate, out, ep.oauth2, `${field}.oauth2`);
  addProxySettings(ctx, out, ep, field);
  addMergedAuthorization(ctx, out, ep.authorization, sc, `${field}.authorization`);

  let relabelings = initialRelabelings();
  if (ep.filterRunning !== false) relabelings.push(runningFilter());
  if (selectsByRelabeling(spec)) relabelings.push(...selectorRelabelings(spec.selector, 'pod'));
  relabelings.push(...portFilter(ep));
  relabelings.push(
    { source_labels: ['__meta_kubernetes_namespace'], target_label: 'namespace' },
    { source_labels: ['__meta_kubernetes_pod_container_name'], target_label: 'container' },
    { source_labels: ['__meta_kubernetes_pod_name'], target_label: 'pod' },
  );
  relabelings.push(...targetLabelRelabelings('pod', [...(spec.podTargetLabels ?? []), ...(ctx.spec.podTargetLabels ?? [])]));
  relabelings.push({ target_label: 'job', replacement: `${namespace}/${pm.metadata.name}` });
  if (spec.jobLabel) {
    relabelings.push({ source_labels: [`__meta_kubernetes_pod_label_${sanitizeLabelName(spec.jobLabel)}`], target_label: 'job', regex: '(.+)', replacement: '${1}' });
  }
  const endpointName = ep.port ? ep.port : ep.targetPort !== undefined && ep.targetPort !== null ? String(ep.targetPort) : '';
  if (endpointName !== '') relabelings.push({ target_label: 'endpoint', replacement: endpointName });
  relabelings.push(...monitorRelabelings(ctx, pm, sc, ep.relabelings));
  // A DaemonSet is not sharded: every pod scrapes its own node's targets.
  if (!ctx.plan.daemonSet) relabelings = appendShardingRelabelings(ctx, relabelings, shards, '__address__');
  out.relabel_configs = relabelings;

  return finishEndpointJob(ctx, out, pm, spec, sc, ep.metricRelabelings);
}

/** Keeps only the endpoint's container port: by name, by number, else by the deprecated targetPort. */
function portFilter(ep: PodMetricsEndpoint): Doc[] {
  if (ep.port) return [{ action: 'keep', source_labels: ['__meta_kubernetes_pod_container_port_name'], regex: ep.port }];
  if (ep.portNumber) return [{ action: 'keep', source_labels: ['__meta_kubernetes_pod_container_port_number'], regex: ep.portNumber }];
  if (typeof ep.targetPort === 'string' && ep.targetPort !== '') {
    return [{ action: 'keep', source_labels: ['__meta_kubernetes_pod_container_port_name'], regex: ep.targetPort }];
  }
  if (typeof ep.targetPort === 'number' && ep.targetPort !== 0) {
    return [{ action: 'keep', source_labels: ['__meta_kubernetes_pod_container_port_number'], regex: ep.targetPort }];
  }
  return [];
}
