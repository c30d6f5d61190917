/**
 * What prometheus-operator creates for one Prometheus or PrometheusAgent, in
 * the order its sync loop creates them: the rule ConfigMaps (server), the
 * config Secret (unless the configuration is the user's: a server with no
 * monitor selector), the TLS assets Secrets, the web config Secret, the
 * Thanos sidecar's HTTP client Secret (server), the governing Service and
 * one StatefulSet per shard, or (agent, `spec.mode: DaemonSet`) the
 * DaemonSet. One renderer for both: the mode's row in MODES says what
 * differs. With option rbac, pods that name no ServiceAccount run as
 * `<prefix>-<name>`; the orchestrator grants what the configuration's
 * discovery reads.
 */
import { refOf, type KubeObject } from '../krm/types.js';
import type { RenderContext } from '../context/render-context.js';
import type { RenderedResource } from '../context/rendered-resource.js';
import { MANAGED_LABELS } from '../workload/metadata.js';
import { makeTlsAssetsSecrets } from '../workload/tls-assets-secret.js';
import { makeWebConfigSecret } from '../workload/web-config.js';
import { refusedAgent, warnWithoutRemoteWrite } from './agent-checks.js';
import { generateAgentConfig } from './config/agent-config.js';
import { isUnmanaged, makeConfigSecret, makeConfigSecretWith, reportUserConfigSecret, type ConfigSecretOutcome } from './config/config-secret.js';
import { monitorJobsSource, selectMonitors } from './config/scrape/jobs.js';
import { makeDaemonSet } from './daemon-set.js';
import { MODES, type PrometheusMode } from './modes.js';
import { planPrometheus, type PrometheusPlan } from './plan.js';
import { planWithRules } from './rules.js';
import { makeGoverningService } from './service.js';
import { reportRetainedShards } from './shard-retention.js';
import { WEB_CONFIG_DIR, specOf, type PrometheusResource } from './spec-view.js';
import { makeStatefulSet } from './stateful-set.js';
import { makeHttpClientSecret } from './thanos-sidecar.js';
import { ownerObject } from '../workload/owner.js';
import { reportReferencedSecrets } from './referenced-secrets.js';

type SelectedMonitors = ReadonlyMap<string, readonly KubeObject[]>;

/** The PodMonitor jobs apart from the rest, because the agent writes them first. */
function splitByKind(selected: SelectedMonitors): { podMonitors: Map<string, readonly KubeObject[]>; others: Map<string, readonly KubeObject[]> } {
  const podMonitors = new Map<string, readonly KubeObject[]>();
  const others = new Map<string, readonly KubeObject[]>();
  for (const [kind, list] of selected) (kind === 'PodMonitor' ? podMonitors : others).set(kind, list);
  return { podMonitors, others };
}

/** Each mode's configuration Secret, generated from the monitors the resource selected. */
const CONFIGURATION: Readonly<Record<PrometheusMode, (resource: PrometheusResource, plan: PrometheusPlan, monitors: SelectedMonitors, ctx: RenderContext) => ConfigSecretOutcome>> = {
  server: (resource, plan, monitors, ctx) => makeConfigSecret(resource.object, plan, ctx, monitorJobsSource(monitors, ctx)),
  agent: (resource, plan, monitors, ctx) =>
    makeConfigSecretWith(resource.object, plan, ctx, (config) => {
      const byKind = splitByKind(monitors);
      return generateAgentConfig(config, { podMonitors: monitorJobsSource(byKind.podMonitors, ctx), others: monitorJobsSource(byKind.others, ctx) });
    }),
};

export function renderPrometheusResource(resource: PrometheusResource, ctx: RenderContext): RenderedResource {
  const nothing: RenderedResource = { objects: [], identities: [] };
  const mode = MODES[resource.mode];
  const owner = ownerObject(resource.object);
  if (resource.mode === 'agent' && refusedAgent(resource.object, ctx)) return nothing;
  const withRules = planWithRules(planPrometheus(resource, ctx), resource, ctx);
  if (!withRules) return nothing;
  const { plan } = withRules;
  if (resource.mode === 'agent') warnWithoutRemoteWrite(resource.object, ctx);
  const monitors = selectMonitors(owner, ctx);
  if (!monitors) return nothing;
  const config = CONFIGURATION[resource.mode](resource, plan, monitors, ctx);
  const tlsAssets = makeTlsAssetsSecrets(plan, config.tlsAssets);
  const tlsAssetSecretNames = tlsAssets.map((s) => s.metadata.name);
  // With generated RBAC, pods that name no ServiceAccount get their own, `<prefix>-<name>`.
  const serviceAccountName = specOf(resource).serviceAccountName;
  const ownAccount = ctx.options.rbac === 'generate' && !serviceAccountName ? plan.prefixedName : undefined;
  const workloads = plan.daemonSet
    ? [makeDaemonSet(resource, { plan, tlsAssetSecretNames, defaultServiceAccountName: ownAccount, referenced: config.referenced }, ctx)]
    : plan.shardNames.map((name, shard) =>
        makeStatefulSet(resource, { plan, shard, name, tlsAssetSecretNames, defaultServiceAccountName: ownAccount, referenced: config.referenced, configDigest: config.digest }, ctx),
      );
  // A workload that cannot be built has reported an error; nothing is generated for this resource then.
  const built = workloads.filter((w) => w !== undefined);
  if (built.length < workloads.length) return nothing;
  reportRetainedShards(resource, plan, ctx);
  reportReferencedSecrets(config.referenced, plan.namespace, refOf(owner), ctx);
  // Bring your own config: the Secret is the user's, never generated (see reportUserConfigSecret).
  const userConfig = mode.userConfig && isUnmanaged(specOf(resource));
  if (userConfig) reportUserConfigSecret(resource.object, plan, ctx);
  const webConfig = makeWebConfigSecret(plan, specOf(resource).web, WEB_CONFIG_DIR, ctx.report.failFor(refOf(owner)));
  if (!webConfig) return nothing;
  const objects: KubeObject[] = [
    ...withRules.configMaps,
    ...(userConfig ? [] : [config.secret]),
    ...tlsAssets,
    webConfig,
    ...(mode.thanosSidecar ? [makeHttpClientSecret(plan.prefixedName, plan.namespace, { ...MANAGED_LABELS })] : []),
    ...(plan.daemonSet ? [] : makeGoverningService(resource, plan)),
    ...built,
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
