/**
 * What prometheus-operator creates for one Alertmanager resource, in the
 * order its sync loop creates them: the generated configuration Secret, the
 * TLS assets Secrets, the web config Secret, the cluster TLS config Secret,
 * the governing Service and the StatefulSet.
 */
import type { Alertmanager } from '../api/types.js';
import { refOf, type KubeObject } from '../krm/types.js';
import type { RenderContext } from '../selection/context.js';
import { makeAlertmanagerConfigSecret, type AlertmanagerConfigOutcome } from './config/config-secret.js';
import { checkClusterTls, makeClusterTlsConfigSecret } from './workload/cluster-tls.js';
import { planAlertmanager, type AlertmanagerPlan } from './workload/plan.js';
import { makeTlsAssetsSecrets, makeWebConfigSecret } from './workload/secrets.js';
import { makeGoverningService } from './workload/service.js';
import { makeStatefulSet } from './workload/stateful-set.js';
import { specOf } from './workload/spec-view.js';

const errorCount = (ctx: RenderContext): number => ctx.report.results.filter((r) => r.severity === 'error').length;

/**
 * The configuration, or a stand-in without a Secret while the configuration
 * generator returns nothing and has reported no error; undefined when it has
 * reported one (nothing is rendered for the resource then).
 */
function configOf(am: Alertmanager, plan: AlertmanagerPlan, ctx: RenderContext): Partial<AlertmanagerConfigOutcome> & Pick<AlertmanagerConfigOutcome, 'tlsAssets'> | undefined {
  const before = errorCount(ctx);
  const config = makeAlertmanagerConfigSecret(am, plan.gate, ctx);
  if (config) return config;
  if (errorCount(ctx) > before) return undefined;
  return { tlsAssets: new Map() };
}

export function renderAlertmanager(am: Alertmanager, ctx: RenderContext): KubeObject[] {
  const plan = planAlertmanager(am, ctx);
  if (!plan) return [];
  const config = configOf(am, plan, ctx);
  if (!config) return [];
  const spec = specOf(am);
  const ref = refOf(am as unknown as KubeObject);
  const clusterProblem = checkClusterTls(spec.clusterTLS);
  if (clusterProblem) {
    ctx.report.error(`invalid cluster TLS configuration: ${clusterProblem.problem}`, ref, clusterProblem.field);
    return [];
  }
  const webConfig = makeWebConfigSecret(am, plan, ctx);
  if (!webConfig) return [];
  const tlsAssets = makeTlsAssetsSecrets(plan, config.tlsAssets);
  const statefulSet = makeStatefulSet(
    am,
    {
      plan,
      config: config.userSecret ? { userSecret: config.userSecret } : { generated: `${plan.prefixedName}-generated` },
      tlsAssetSecretNames: tlsAssets.map((s) => s.metadata.name),
    },
    ctx,
  );
  if (!statefulSet) return [];
  return [
    ...(config.secret ? [config.secret] : []),
    ...tlsAssets,
    webConfig,
    makeClusterTlsConfigSecret(plan.name, plan.namespace, spec.clusterTLS),
    ...makeGoverningService(spec, plan.namespace),
    statefulSet,
  ];
}
