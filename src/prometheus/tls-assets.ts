import type { KubeObject } from '../krm/types.js';
import { MANAGED_LABELS } from '../workload/metadata.js';
import { tlsAssetsSecretName } from '../workload/names.js';
import { makeTlsAssetSecrets } from '../workload/tls-assets-secret.js';
import type { PrometheusPlan } from './plan.js';

/**
 * `prometheus-<name>-tls-assets-<i>`: the TLS material the configuration
 * refers to by path, sharded so that no Secret passes the size limit. There is
 * always at least shard 0, empty when nothing is referenced.
 */
export function makeTlsAssetsSecrets(plan: PrometheusPlan, assets: ReadonlyMap<string, Buffer>): KubeObject[] {
  return makeTlsAssetSecrets(tlsAssetsSecretName(plan.prefix, plan.name), plan.namespace, { ...MANAGED_LABELS }, assets);
}
