/**
 * What a Prometheus or PrometheusAgent expects in the cluster when its
 * configuration reads Secrets by file (option secrets): one info result
 * listing them, and a warning for each file Prometheus reads when it
 * starts, so that a missing one keeps it from starting.
 */
import type { ReferencedSecrets } from '../assets/referenced-secrets.js';
import type { RenderContext } from '../context/render-context.js';
import type { ObjectRef } from '../krm/types.js';
import { reportExpectedSecrets } from '../workload/referenced-secrets-volume.js';
import { REFERENCED_SECRETS_DIR } from './spec-view.js';

/** The sections whose client TLS files Prometheus loads when it applies the configuration (a missing file fails the load). */
const LOADED_AT_START = ['spec.remoteWrite[', 'spec.remoteRead[', 'spec.alerting.', 'spec.tracingConfig.'];

function readAtStart(field: string): boolean {
  return LOADED_AT_START.some((p) => field.startsWith(p)) && field.includes('.tlsConfig.') && !field.includes('.oauth2.');
}

export function reportReferencedSecrets(referenced: ReferencedSecrets, namespace: string, owner: ObjectRef, ctx: RenderContext): void {
  reportExpectedSecrets(ctx.report, owner, { collected: referenced, mountDir: REFERENCED_SECRETS_DIR }, namespace, { product: 'Prometheus', test: readAtStart });
}
