/**
 * What prometheus-operator creates for one PrometheusAgent resource. The agent
 * shares the server's CommonPrometheusFields, so its spec is read by the same
 * builders, with the plan's mode (`agent`, and `daemonSet` for
 * `spec.mode: DaemonSet`) selecting where the operator's copies differ.
 */
import type { Prometheus, PrometheusAgent } from '../api/types.js';
import { refOf, type KubeObject } from '../krm/types.js';
import { failTo, type RenderContext } from '../selection/context.js';
import type { RenderedResource } from '../workload/identity.js';
import { generateAgentConfig } from './config/agent-config.js';
import { makeConfigSecretWith } from './config/config-secret.js';
import { monitorJobsSource, selectMonitors } from './config/scrape/jobs.js';
import { makeDaemonSet, type DaemonSetObject } from './daemon-set.js';
import { planPrometheus } from './plan.js';
import { makeGoverningService } from './service.js';
import { makeStatefulSet, type StatefulSetObject } from './stateful-set.js';
import { makeTlsAssetsSecrets } from '../workload/tls-assets-secret.js';
import { makeWebConfigSecret } from '../workload/web-config.js';
import { WEB_CONFIG_DIR } from './spec-view.js';

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

/** The PodMonitor jobs apart from the rest, because the agent writes them first. */
function splitByKind(selected: ReadonlyMap<string, readonly KubeObject[]>): { podMonitors: Map<string, readonly KubeObject[]>; others: Map<string, readonly KubeObject[]> } {
  const podMonitors = new Map<string, readonly KubeObject[]>();
  const others = new Map<string, readonly KubeObject[]>();
  for (const [kind, list] of selected) (kind === 'PodMonitor' ? podMonitors : others).set(kind, list);
  return { podMonitors, others };
}

/** Reports what the API server or the operator would refuse; true when the agent cannot be rendered. */
function refused(agent: PrometheusAgent, ctx: RenderContext): boolean {
  const ref = refOf(agent as unknown as KubeObject);
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

/**
 * In the order the operator's sync creates them: the config Secret
 * `prom-agent-<name>`, the TLS assets Secrets, the web config Secret, then
 * either the governing Service `prometheus-agent-operated` and one
 * StatefulSet per shard, or (DaemonSet mode) the DaemonSet `prom-agent-<name>`.
 * With option rbac, pods that name no ServiceAccount run as
 * `prom-agent-<name>`; the orchestrator grants what the discovery reads.
 */
export function renderPrometheusAgent(agent: PrometheusAgent, ctx: RenderContext): RenderedResource {
  const nothing: RenderedResource = { objects: [], identities: [] };
  if (refused(agent, ctx)) return nothing;
  // The agent's spec is a subset of the server's (CommonPrometheusFields plus `mode`); the shared builders read it as such.
  const p = agent as unknown as Prometheus;
  const plan = planPrometheus(p, ctx, 'agent');
  if (!plan) return nothing;
  const remoteWrite = agent.spec?.remoteWrite;
  if (!Array.isArray(remoteWrite) || remoteWrite.length === 0) {
    // The CRD and the operator accept it, but an agent keeps no queryable data: without remote write, its scrapes go nowhere.
    ctx.report.warn('spec.remoteWrite is empty: an agent keeps no data you can query, so its samples are scraped and dropped; add a remote write endpoint', refOf(agent as unknown as KubeObject), 'spec.remoteWrite');
  }
  const monitors = selectMonitors(agent as unknown as KubeObject, ctx);
  if (!monitors) return nothing;
  const byKind = splitByKind(monitors);
  const config = makeConfigSecretWith(p, plan, ctx, (c) =>
    generateAgentConfig(c, { podMonitors: monitorJobsSource(byKind.podMonitors, ctx), others: monitorJobsSource(byKind.others, ctx) }),
  );
  const tlsAssets = makeTlsAssetsSecrets(plan, config.tlsAssets);
  const tlsAssetSecretNames = tlsAssets.map((s) => s.metadata.name);
  const serviceAccountName = agent.spec?.serviceAccountName;
  const ownAccount = ctx.options.rbac === 'generate' && !serviceAccountName ? plan.prefixedName : undefined;

  let workloads: Array<StatefulSetObject | DaemonSetObject | undefined>;
  if (plan.daemonSet) {
    workloads = [makeDaemonSet(p, { plan, tlsAssetSecretNames, defaultServiceAccountName: ownAccount }, ctx)];
  } else {
    workloads = plan.shardNames.map((name, shard) =>
      makeStatefulSet(p, { plan, shard, name, tlsAssetSecretNames, defaultServiceAccountName: ownAccount }, ctx),
    );
  }
  // A workload that cannot be built has reported an error; nothing is generated for this resource then.
  if (workloads.some((w) => w === undefined)) return nothing;
  const webConfig = makeWebConfigSecret(plan, agent.spec?.web, WEB_CONFIG_DIR, failTo(ctx.report, refOf(agent as unknown as KubeObject)));
  if (!webConfig) return nothing;
  const objects: KubeObject[] = [
    config.secret,
    ...tlsAssets,
    webConfig,
    ...(plan.daemonSet ? [] : makeGoverningService(p, ctx, 'agent')),
    ...workloads.filter((w): w is StatefulSetObject | DaemonSetObject => w !== undefined),
  ];
  const identity = {
    prefix: plan.prefix,
    namespace: plan.namespace,
    name: plan.name,
    serviceAccountName: serviceAccountName || ownAccount || 'default',
    discoveryConfig: config.document,
  };
  return { objects, identities: [identity] };
}
