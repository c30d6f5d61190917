/**
 * What prometheus-operator creates for one ThanosRuler resource, in the
 * order its sync loop creates them: the rule ConfigMaps, the
 * `thanos-ruler-<name>-config` Secret (remote-write.yaml), the TLS assets
 * Secrets, the web config Secret, the governing Service and the StatefulSet.
 */
import type { ThanosRuler } from '../api/types.js';
import { compareStrings } from '../core/compare.js';
import { ownerObject, ownerRef } from '../workload/owner.js';
import { renderRuleConfigMaps } from '../rules/render.js';
import type { RenderContext } from '../context/render-context.js';
import { NOTHING_RENDERED, type RenderedResource } from '../context/rendered-resource.js';
import { planThanosRuler } from './plan.js';
import { makeRulerConfigSecret, makeTlsAssetsSecrets, makeWebConfigSecret } from './secrets.js';
import { makeGoverningService } from './service.js';
import { REFERENCED_SECRETS_DIR, specOf } from './spec-view.js';
import { reportExpectedSecrets } from '../workload/referenced-secrets-volume.js';
import { makeStatefulSet } from './stateful-set.js';

/** The label the operator finds a ThanosRuler's rule ConfigMaps by. */
const RULER_NAME_LABEL = 'thanos-ruler-name';

export function renderThanosRuler(tr: ThanosRuler, ctx: RenderContext): RenderedResource {
  const ref = ownerRef(tr);
  const plan = planThanosRuler(tr, ctx);
  if (!plan) return NOTHING_RENDERED;
  const rules = renderRuleConfigMaps(
    ownerObject(tr),
    specOf(tr),
    { prefixedName: plan.prefixedName, namespace: plan.namespace, labels: { [RULER_NAME_LABEL]: plan.name }, flavor: 'thanos', version: plan.version },
    ctx,
  );
  if (!rules) return NOTHING_RENDERED;
  // A remote-write Secret that cannot be resolved fails the whole reconcile, as in the operator.
  const config = makeRulerConfigSecret(tr, plan, ctx, ref);
  if (!config) return NOTHING_RENDERED;
  const tlsAssets = makeTlsAssetsSecrets(plan, config.tlsAssets);
  const webConfig = makeWebConfigSecret(tr, plan, ctx, ref);
  if (!webConfig) return NOTHING_RENDERED;
  const statefulSet = makeStatefulSet(
    tr,
    {
      plan,
      ruleConfigMapNames: [...rules.names].sort(compareStrings),
      tlsAssetSecretNames: tlsAssets.map((s) => s.metadata.name),
      referenced: config.referenced,
    },
    ctx,
    ref,
  );
  if (!statefulSet) return NOTHING_RENDERED;
  reportExpectedSecrets(ctx.report, ref, { collected: config.referenced, mountDir: REFERENCED_SECRETS_DIR }, plan.namespace);
  const objects = [...rules.configMaps, config.secret, ...tlsAssets, webConfig, ...makeGoverningService(specOf(tr), plan.namespace), statefulSet];
  // The ruler's pods discover nothing, so there is no identity to grant access to.
  return { objects, identities: [] };
}
