import { mapOf } from '../core/objects.js';
import type { KubeObject } from '../krm/types.js';
import { shardSecretData, shardSecretName } from './tls-assets.js';

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
