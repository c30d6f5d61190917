import type { Prometheus } from '../api/types.js';
import { refOf, type KubeObject } from '../krm/types.js';
import type { RenderContext } from '../context/render-context.js';
import { MANAGED_LABELS } from '../workload/metadata.js';
import { webConfigSecretName } from '../workload/names.js';
import { makeWebConfigSecretObject, webConfigText } from '../workload/web-config.js';
import type { PrometheusPlan } from './plan.js';
import { WEB_CONFIG_DIR } from './spec-view.js';

/** `prometheus-<name>-web-config` with `web-config.yaml` built from spec.web. */
export function makeWebConfigSecret(p: Prometheus, plan: PrometheusPlan, ctx: RenderContext): KubeObject {
  const outcome = webConfigText(p.spec?.web, WEB_CONFIG_DIR, 'spec.web');
  let text = '';
  if (outcome.ok) text = outcome.text;
  else {
    const ref = refOf(p as unknown as KubeObject);
    ctx.report.error(`invalid web TLS configuration: ${outcome.problem}`, ref, outcome.field);
  }
  return makeWebConfigSecretObject(webConfigSecretName(plan.prefix, plan.name), plan.namespace, { ...MANAGED_LABELS }, text);
}
