import type { Prometheus } from '../api/types.js';
import type { KubeObject } from '../krm/types.js';
import { planRbac } from '../rbac/rbac.js';
import type { RenderContext } from '../selection/context.js';
import { MANAGED_LABELS } from '../workload/metadata.js';
import { makeConfigSecret } from './config/config-secret.js';
import { monitorJobsSource, selectMonitors } from './config/scrape/jobs.js';
import { planPrometheus } from './plan.js';
import { planWithRules } from './rules.js';
import { makeGoverningService } from './service.js';
import { makeStatefulSet, type StatefulSetObject } from './stateful-set.js';
import { makeHttpClientSecret } from './thanos-sidecar.js';
import { makeTlsAssetsSecrets } from './tls-assets.js';
import { makeWebConfigSecret } from './web-config.js';

/**
 * What prometheus-operator creates for one Prometheus resource, in the order
 * its sync loop creates them: rule ConfigMaps, the config Secret, the TLS
 * assets Secrets, the web config Secret, the Thanos sidecar's HTTP client
 * Secret, the governing Service and one StatefulSet per shard. Beyond the
 * operator: the ServiceAccount and least-privilege roles its discovery
 * needs (option rbac).
 */
export function renderPrometheus(p: Prometheus, ctx: RenderContext): KubeObject[] {
  const withRules = planWithRules(planPrometheus(p, ctx), p, ctx);
  if (!withRules) return [];
  const { plan } = withRules;
  const monitors = selectMonitors(p as unknown as KubeObject, (p.spec ?? {}) as Record<string, unknown>, ctx);
  if (!monitors) return [];
  const config = makeConfigSecret(p, plan, ctx, monitorJobsSource(monitors));
  const tlsAssets = makeTlsAssetsSecrets(plan, config.tlsAssets);
  const rbac = planRbac(p as unknown as KubeObject, plan, p.spec?.serviceAccountName, ctx);
  const statefulSets = plan.shardNames.map((name, shard) =>
    makeStatefulSet(
      p,
      {
        plan,
        shard,
        name,
        configHash: config.hash,
        tlsAssetSecretNames: tlsAssets.map((s) => s.metadata.name),
        defaultServiceAccountName: rbac.defaultServiceAccountName,
      },
      ctx,
    ),
  );
  // A shard that cannot be built has reported an error; nothing is generated for this resource then.
  if (statefulSets.some((s) => s === undefined)) return [];
  return [
    ...withRules.configMaps,
    config.secret,
    ...tlsAssets,
    makeWebConfigSecret(p, plan, ctx),
    makeHttpClientSecret(plan.prefixedName, plan.namespace, { ...MANAGED_LABELS }),
    ...makeGoverningService(p, ctx),
    ...statefulSets.filter((s): s is StatefulSetObject => s !== undefined),
    ...rbac.objects(config.document),
  ];
}
