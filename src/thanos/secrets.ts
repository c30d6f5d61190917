/**
 * The Secrets the operator creates for a ThanosRuler before its StatefulSet:
 * `thanos-ruler-<name>-config` (remote-write.yaml), the TLS assets shards
 * and `thanos-ruler-<name>-web-config`.
 */
import type { ThanosRuler } from '../api/types.js';
import type { ReferencedSecrets } from '../assets/referenced-secrets.js';
import { type KubeObject, type ObjectRef } from '../krm/types.js';
import type { RenderContext } from '../context/render-context.js';
import { MANAGED_LABELS } from '../workload/metadata.js';
import { makeTlsAssetsSecrets as tlsAssetsSecrets } from '../workload/tls-assets-secret.js';
import { makeWebConfigSecret as webConfigSecret } from '../workload/web-config.js';
import type { ThanosRulerPlan } from './plan.js';
import { renderRemoteWrite } from './remote-write.js';
import { PREFIX, REMOTE_WRITE_FILE, WEB_CONFIG_DIR, rulerConfigSecretName, specOf } from './spec-view.js';

export interface RulerConfigSecretOutcome {
  /** `thanos-ruler-<name>-config` holding `remote-write.yaml`. */
  readonly secret: KubeObject;
  /** TLS material remote-write.yaml refers to by path, keyed by file name in the tls-assets Secrets. */
  readonly tlsAssets: ReadonlyMap<string, Buffer>;
  /** The Secrets remote-write.yaml reads by path (option secrets). */
  readonly referenced: ReferencedSecrets;
}

/** Undefined after an error result when spec.remoteWrite cannot be written (a missing Secret, a setting Thanos refuses). */
export function makeRulerConfigSecret(tr: ThanosRuler, plan: ThanosRulerPlan, ctx: RenderContext, ref: ObjectRef): RulerConfigSecretOutcome | undefined {
  const remoteWrite = renderRemoteWrite(specOf(tr).remoteWrite ?? [], plan, ctx, ref);
  if (!remoteWrite) return undefined;
  const secret: KubeObject = {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: rulerConfigSecretName(plan.prefixedName), namespace: plan.namespace, labels: { ...MANAGED_LABELS } },
    data: { [REMOTE_WRITE_FILE]: Buffer.from(remoteWrite.text, 'utf8').toString('base64') },
  };
  return { secret, tlsAssets: remoteWrite.tlsAssets, referenced: remoteWrite.referenced };
}

/** `thanos-ruler-<name>-tls-assets-<i>`: the TLS material remote-write.yaml refers to by path. */
export function makeTlsAssetsSecrets(plan: ThanosRulerPlan, assets: ReadonlyMap<string, Buffer>): KubeObject[] {
  return tlsAssetsSecrets({ prefix: PREFIX, name: plan.name, namespace: plan.namespace }, assets);
}

/** `thanos-ruler-<name>-web-config`; undefined after an error result when spec.web.tlsConfig is invalid. */
export function makeWebConfigSecret(tr: ThanosRuler, plan: ThanosRulerPlan, ctx: RenderContext, ref: ObjectRef): KubeObject | undefined {
  return webConfigSecret({ prefix: PREFIX, name: plan.name, namespace: plan.namespace }, specOf(tr).web, WEB_CONFIG_DIR, ctx.report.failFor(ref));
}
