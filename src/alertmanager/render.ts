/**
 * What prometheus-operator creates for one Alertmanager resource, in the
 * order its sync loop creates them: the generated configuration Secret, the
 * TLS assets Secrets, the web config Secret, the cluster TLS config Secret,
 * the governing Service and the StatefulSet.
 */
import type { Alertmanager } from '../api/types.js';
import { ownerRef } from '../workload/owner.js';
import type { RenderContext } from '../context/render-context.js';
import { NOTHING_RENDERED, type RenderedResource } from '../context/rendered-resource.js';
import { makeAlertmanagerConfigSecret } from './config/config-secret.js';
import { checkClusterTls, makeClusterTlsConfigSecret } from './workload/cluster-tls.js';
import { planAlertmanager } from './workload/plan.js';
import { makeTlsAssetsSecrets, makeWebConfigSecret } from './workload/secrets.js';
import { makeGoverningService } from './workload/service.js';
import { makeStatefulSet } from './workload/stateful-set.js';
import { REFERENCED_SECRETS_DIR, specOf } from './workload/spec-view.js';
import { reportExpectedSecrets } from '../workload/referenced-secrets-volume.js';

export function renderAlertmanager(am: Alertmanager, ctx: RenderContext): RenderedResource {
  const plan = planAlertmanager(am, ctx);
  if (!plan) return NOTHING_RENDERED;
  const config = makeAlertmanagerConfigSecret(am, plan.gate, ctx);
  if (!config) return NOTHING_RENDERED;
  const spec = specOf(am);
  const ref = ownerRef(am);
  const clusterProblem = checkClusterTls(spec.clusterTLS);
  if (clusterProblem) {
    ctx.report.error(`invalid cluster TLS configuration: ${clusterProblem.problem}`, ref, clusterProblem.field);
    return NOTHING_RENDERED;
  }
  const webConfig = makeWebConfigSecret(am, plan, ctx);
  if (!webConfig) return NOTHING_RENDERED;
  const tlsAssets = makeTlsAssetsSecrets(plan, config.tlsAssets);
  const statefulSet = makeStatefulSet(
    am,
    {
      plan,
      config: config.userSecret ? { userSecret: config.userSecret } : { generated: `${plan.prefixedName}-generated` },
      tlsAssetSecretNames: tlsAssets.map((s) => s.metadata.name),
      referenced: config.referenced,
    },
    ctx,
  );
  if (!statefulSet) return NOTHING_RENDERED;
  if (config.referenced) {
    // Notifiers build their HTTP client, TLS files included, when Alertmanager loads its configuration.
    const atStart = { product: 'Alertmanager', test: (field: string) => field.includes('.httpConfig.tlsConfig.') };
    reportExpectedSecrets(ctx.report, ref, { collected: config.referenced, mountDir: REFERENCED_SECRETS_DIR }, plan.namespace, atStart);
  }
  const objects = [
    ...(config.secret ? [config.secret] : []),
    ...tlsAssets,
    webConfig,
    makeClusterTlsConfigSecret(plan.name, plan.namespace, spec.clusterTLS),
    ...makeGoverningService(spec, plan.namespace),
    statefulSet,
  ];
  // Alertmanager pods discover nothing, so there is no identity to grant access to.
  return { objects, identities: [] };
}
