import type { Alertmanager } from '../../api/types.js';
import { refOf, type KubeObject } from '../../krm/types.js';
import type { RenderContext } from '../../context/render-context.js';
import { MANAGED_LABELS } from '../../workload/metadata.js';
import { tlsAssetsSecretName, webConfigSecretName } from '../../workload/names.js';
import { makeTlsAssetSecrets } from '../../workload/tls-assets-secret.js';
import { makeWebConfigSecretObject, webConfigText } from '../../workload/web-config.js';
import type { AlertmanagerPlan } from './plan.js';
import { PREFIX, WEB_CONFIG_DIR } from './spec-view.js';

/**
 * `alertmanager-<name>-web-config` with `web-config.yaml` built from
 * spec.web; undefined after an error result when spec.web.tlsConfig is invalid.
 */
export function makeWebConfigSecret(am: Alertmanager, plan: AlertmanagerPlan, ctx: RenderContext): KubeObject | undefined {
  const outcome = webConfigText(am.spec?.web, WEB_CONFIG_DIR, 'spec.web');
  if (!outcome.ok) {
    const ref = refOf(am as unknown as KubeObject);
    ctx.report.error(`invalid web TLS configuration: ${outcome.problem}`, ref, outcome.field);
    return undefined;
  }
  return makeWebConfigSecretObject(webConfigSecretName(PREFIX, plan.name), plan.namespace, { ...MANAGED_LABELS }, outcome.text);
}

/**
 * `alertmanager-<name>-tls-assets-<i>`: the TLS material the configuration
 * refers to by path, sharded under the Secret size limit; shard 0 always exists.
 */
export function makeTlsAssetsSecrets(plan: AlertmanagerPlan, assets: ReadonlyMap<string, Buffer>): KubeObject[] {
  return makeTlsAssetSecrets(tlsAssetsSecretName(PREFIX, plan.name), plan.namespace, { ...MANAGED_LABELS }, assets);
}
