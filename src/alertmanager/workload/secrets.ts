import type { Alertmanager } from '../../api/types.js';
import type { KubeObject } from '../../krm/types.js';
import type { RenderContext } from '../../context/render-context.js';
import { makeTlsAssetsSecrets as tlsAssetsSecrets } from '../../workload/tls-assets-secret.js';
import { makeWebConfigSecret as webConfigSecret } from '../../workload/web-config.js';
import type { AlertmanagerPlan } from './plan.js';
import { PREFIX, WEB_CONFIG_DIR } from './spec-view.js';
import { ownerRef } from '../../workload/owner.js';

/**
 * `alertmanager-<name>-web-config` with `web-config.yaml` built from
 * spec.web; undefined after an error result when spec.web.tlsConfig is invalid.
 */
export function makeWebConfigSecret(am: Alertmanager, plan: AlertmanagerPlan, ctx: RenderContext): KubeObject | undefined {
  return webConfigSecret({ prefix: PREFIX, name: plan.name, namespace: plan.namespace }, am.spec?.web, WEB_CONFIG_DIR, ctx.report.failFor(ownerRef(am)));
}

/** `alertmanager-<name>-tls-assets-<i>`: the TLS material the configuration refers to by path. */
export function makeTlsAssetsSecrets(plan: AlertmanagerPlan, assets: ReadonlyMap<string, Buffer>): KubeObject[] {
  return tlsAssetsSecrets({ prefix: PREFIX, name: plan.name, namespace: plan.namespace }, assets);
}
