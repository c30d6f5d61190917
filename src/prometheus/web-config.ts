import type { Prometheus } from '../api/types.js';
import { describeRef, refOf, type KubeObject } from '../krm/types.js';
import type { RenderContext } from '../selection/context.js';
import { makeWebConfigSecretObject, webConfigText } from '../workload/web-config.js';
import { managedByLabels } from './config/config-secret.js';

/** Where Prometheus mounts its web configuration and the TLS files it names. */
export const PROMETHEUS_WEB_CONFIG_DIR = '/etc/prometheus/web_config';

export function webConfigSecretName(p: Prometheus): string {
  return `prometheus-${p.metadata?.name ?? ''}-web-config`;
}

/** `prometheus-<name>-web-config` with `web-config.yaml` built from spec.web. */
export function makeWebConfigSecret(p: Prometheus, ctx: RenderContext): KubeObject {
  const outcome = webConfigText(p.spec?.web, PROMETHEUS_WEB_CONFIG_DIR, 'spec.web');
  let text = '';
  if (outcome.ok) text = outcome.text;
  else {
    const ref = refOf(p as unknown as KubeObject);
    ctx.report.error(`${describeRef(ref)}: invalid web TLS configuration: ${outcome.problem}`, ref, outcome.field);
  }
  return makeWebConfigSecretObject(webConfigSecretName(p), p.metadata?.namespace ?? 'default', managedByLabels(), text);
}
