/**
 * What only a PrometheusAgent is checked for: the fields its CRD refuses in
 * DaemonSet mode, the feature gate that mode needs, and an agent without
 * remote write, whose samples go nowhere.
 */
import type { PrometheusAgent } from '../api/types.js';
import type { RenderContext } from '../context/render-context.js';
import { ownerRef } from '../workload/owner.js';

/**
 * Fields the CRD refuses in DaemonSet mode (its validation rules): a
 * DaemonSet has one pod per node, no storage and no shards, and discovers
 * PodMonitors only.
 */
const NOT_IN_DAEMONSET_MODE: readonly string[] = [
  'replicas',
  'storage',
  'persistentVolumeClaimRetentionPolicy',
  'scrapeConfigSelector',
  'probeSelector',
  'scrapeConfigNamespaceSelector',
  'probeNamespaceSelector',
  'serviceMonitorSelector',
  'serviceMonitorNamespaceSelector',
  'additionalScrapeConfigs',
  'shardingStrategy',
];

/** Reports what the API server or the operator would refuse; true when the agent cannot be rendered. */
export function refusedAgent(agent: PrometheusAgent, ctx: RenderContext): boolean {
  const ref = ownerRef(agent);
  const spec = (agent.spec ?? {}) as Record<string, unknown>;
  if (spec.mode !== 'DaemonSet') return false;
  let bad = false;
  if (!ctx.options.featureGates.PrometheusAgentDaemonSet) {
    ctx.report.error(
      'spec.mode DaemonSet needs the PrometheusAgentDaemonSet feature gate, which the operator disables by default; set featureGates: PrometheusAgentDaemonSet=true in the function config, or use spec.mode StatefulSet',
      ref,
      'spec.mode',
    );
    bad = true;
  }
  for (const field of NOT_IN_DAEMONSET_MODE) {
    const value = spec[field];
    if (value === undefined || value === null) continue;
    ctx.report.error(`spec.${field} cannot be set when spec.mode is DaemonSet; remove it or use spec.mode StatefulSet`, ref, `spec.${field}`);
    bad = true;
  }
  if (typeof spec.shards === 'number' && spec.shards > 1) {
    ctx.report.error('spec.shards cannot be greater than 1 when spec.mode is DaemonSet', ref, 'spec.shards');
    bad = true;
  }
  return bad;
}

/** The CRD and the operator accept an agent without remote write, but it keeps no queryable data: its scrapes go nowhere. */
export function warnWithoutRemoteWrite(agent: PrometheusAgent, ctx: RenderContext): void {
  const remoteWrite = agent.spec?.remoteWrite;
  if (Array.isArray(remoteWrite) && remoteWrite.length > 0) return;
  ctx.report.warn(
    'spec.remoteWrite is empty: an agent keeps no data you can query, so its samples are scraped and dropped; add a remote write endpoint',
    ownerRef(agent),
    'spec.remoteWrite',
  );
}
