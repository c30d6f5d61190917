import { mapOf } from '../core/objects.js';
import type { KubeObject } from '../krm/types.js';
import { MANAGED_LABELS } from './metadata.js';
import { tlsAssetsSecretName } from './names.js';
import { shardSecretData, shardSecretName } from './tls-assets.js';
import type { WorkloadName } from './web-config.js';

/** The sharded TLS assets Secrets `<baseName>-<i>`, each with the given labels. */
export function makeTlsAssetSecrets(
  baseName: string,
  namespace: string,
  labels: Readonly<Record<string, string>>,
  assets: ReadonlyMap<string, Buffer>,
): KubeObject[] {
  return shardSecretData(assets).map((shard, i) => {
    const data = mapOf([...shard].map(([key, value]) => [key, value.toString('base64')]));
    return {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: shardSecretName(baseName, i), namespace, labels: { ...labels } },
      data,
    };
  });
}

/**
 * `<prefix>-<name>-tls-assets-<i>`: the TLS material the configuration
 * refers to by path, sharded under the Secret size limit. There is always
 * shard 0, empty when nothing is referenced, because the pods always mount it.
 */
export function makeTlsAssetsSecrets(owner: WorkloadName, assets: ReadonlyMap<string, Buffer>): KubeObject[] {
  return makeTlsAssetSecrets(tlsAssetsSecretName(owner.prefix, owner.name), owner.namespace, { ...MANAGED_LABELS }, assets);
}
