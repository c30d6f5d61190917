/**
 * The Secrets the operator creates for a ThanosRuler before its StatefulSet:
 * `thanos-ruler-<name>-config` (remote-write.yaml), the TLS assets shards
 * and `thanos-ruler-<name>-web-config`.
 */
import type { ThanosRuler } from '../api/types.js';
import { describeRef, type KubeObject, type ObjectRef } from '../krm/types.js';
import type { RenderContext } from '../selection/context.js';
import { MANAGED_LABELS } from '../workload/metadata.js';
import { tlsAssetsSecretName, webConfigSecretName } from '../workload/names.js';
import { makeTlsAssetSecrets } from '../workload/tls-assets-secret.js';
import { makeWebConfigSecretObject, webConfigText } from '../workload/web-config.js';
import type { ThanosRulerPlan } from './plan.js';
import { remoteWriteText } from './remote-write.js';
import { PREFIX, REMOTE_WRITE_FILE, WEB_CONFIG_DIR, rulerConfigSecretName, specOf } from './spec-view.js';

export function makeRulerConfigSecret(tr: ThanosRuler, plan: ThanosRulerPlan, ctx: RenderContext, ref: ObjectRef): KubeObject {
  const text = remoteWriteText(specOf(tr).remoteWrite ?? [], plan.version, plan.namespace, ctx, ref);
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: rulerConfigSecretName(plan.prefixedName), namespace: plan.namespace, labels: { ...MANAGED_LABELS } },
    data: { [REMOTE_WRITE_FILE]: Buffer.from(text, 'utf8').toString('base64') },
  };
}

/**
 * `thanos-ruler-<name>-tls-assets-<i>`. Nothing the ruler renders refers to
 * TLS material by path yet, so there is one empty shard, which the pods mount.
 */
export function makeTlsAssetsSecrets(plan: ThanosRulerPlan): KubeObject[] {
  return makeTlsAssetSecrets(tlsAssetsSecretName(PREFIX, plan.name), plan.namespace, { ...MANAGED_LABELS }, new Map());
}

/** Undefined after an error result when spec.web.tlsConfig is invalid. */
export function makeWebConfigSecret(tr: ThanosRuler, plan: ThanosRulerPlan, ctx: RenderContext, ref: ObjectRef): KubeObject | undefined {
  const outcome = webConfigText(specOf(tr).web, WEB_CONFIG_DIR, 'spec.web');
  if (!outcome.ok) {
    ctx.report.error(`${describeRef(ref)}: invalid web TLS configuration: ${outcome.problem}`, ref, outcome.field);
    return undefined;
  }
  return makeWebConfigSecretObject(webConfigSecretName(PREFIX, plan.name), plan.namespace, { ...MANAGED_LABELS }, outcome.text);
}
