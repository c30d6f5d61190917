import type { Prometheus } from '../api/types.js';
import { refOf, type KubeObject } from '../krm/types.js';
import { failTo, type RenderContext } from '../selection/context.js';
import type { RenderedResource } from '../workload/identity.js';
import { MANAGED_LABELS } from '../workload/metadata.js';
import type { PromSpec } from './config/context.js';
import { isUnmanaged, makeConfigSecret, reportUserConfigSecret } from './config/config-secret.js';
import { monitorJobsSource, selectMonitors } from './config/scrape/jobs.js';
import { planPrometheus } from './plan.js';
import { planWithRules } from './rules.js';
import { makeGoverningService } from './service.js';
import { reportRetainedShards } from './shard-retention.js';
import { makeStatefulSet, type StatefulSetObject } from './stateful-set.js';
import { makeHttpClientSecret } from './thanos-sidecar.js';
import { makeTlsAssetsSecrets } from '../workload/tls-assets-secret.js';
import { makeWebConfigSecret } from '../workload/web-config.js';
import { WEB_CONFIG_DIR } from './spec-view.js';

/**
 * What prometheus-operator creates for one Prometheus resource, in the order
 * its sync loop creates them: rule ConfigMaps, the config Secret (unless the
 * configuration is the user's: no monitor selector set), the TLS
 * assets Secrets, the web config Secret, the Thanos sidecar's HTTP client
 * Secret, the governing Service and one StatefulSet per shard. With option
 * rbac, pods that name no ServiceAccount run as `prometheus-<name>`; the
 * orchestrator grants what the configuration's discovery reads.
 */
export function renderPrometheus(p: Prometheus, ctx: RenderContext): RenderedResource {
  const nothing: RenderedResource = { objects: [], identities: [] };
  const withRules = planWithRules(planPrometheus(p, ctx), p, ctx);
  if (!withRules) return nothing;
  const { plan } = withRules;
  const monitors = selectMonitors(p as unknown as KubeObject, ctx);
  if (!monitors) return nothing;
  const config = makeConfigSecret(p, plan, ctx, monitorJobsSource(monitors, ctx));
  const tlsAssets = makeTlsAssetsSecrets(plan, config.tlsAssets);
  // With generated RBAC, pods that name no ServiceAccount get their own, `prometheus-<name>`.
  const ownAccount = ctx.options.rbac === 'generate' && !p.spec?.serviceAccountName ? plan.prefixedName : undefined;
  const statefulSets = plan.shardNames.map((name, shard) =>
    makeStatefulSet(
      p,
      {
        plan,
        shard,
        name,
        tlsAssetSecretNames: tlsAssets.map((s) => s.metadata.name),
        defaultServiceAccountName: ownAccount,
      },
      ctx,
    ),
  );
  // A shard that cannot be built has reported an error; nothing is generated for this resource then.
  if (statefulSets.some((s) => s === undefined)) return nothing;
  reportRetainedShards(p, plan, ctx);
  // Bring your own config: the Secret is the user's, never generated (see reportUserConfigSecret).
  const unmanaged = isUnmanaged((p.spec ?? {}) as PromSpec);
  if (unmanaged) reportUserConfigSecret(p, plan, ctx);
  const webConfig = makeWebConfigSecret(plan, p.spec?.web, WEB_CONFIG_DIR, failTo(ctx.report, refOf(p as unknown as KubeObject)));
  if (!webConfig) return nothing;
  const objects = [
    ...withRules.configMaps,
    ...(unmanaged ? [] : [config.secret]),
    ...tlsAssets,
    webConfig,
    makeHttpClientSecret(plan.prefixedName, plan.namespace, { ...MANAGED_LABELS }),
    ...makeGoverningService(p, ctx),
    ...statefulSets.filter((s): s is StatefulSetObject => s !== undefined),
  ];
  const identity = {
    prefix: plan.prefix,
    namespace: plan.namespace,
    name: plan.name,
    serviceAccountName: p.spec?.serviceAccountName || ownAccount || 'default',
    discoveryConfig: config.document,
  };
  return { objects, identities: [identity] };
}
