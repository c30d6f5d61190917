import { compareStrings } from '../core/compare.js';

/**
 * TLS material that a generated configuration refers to by file path is
 * copied into `<prefixed-name>-tls-assets-<i>` Secrets, split into shards so
 * that no Secret exceeds the API server's size limit. Shared by every kind.
 */

/** A reference to TLS material: a Secret key or a ConfigMap key. */
type AssetKey = { readonly name: string; readonly key: string };
export type TlsAssetSource = { readonly secret: AssetKey } | { readonly configMap: AssetKey };

/**
 * The file name of an asset in the tls-assets volume:
 * `<0|1>_<namespace>_<name>_<key>`, 0 for a Secret and 1 for a ConfigMap.
 */
export function tlsAssetFileName(namespace: string, source: TlsAssetSource): string {
  const { secret, configMap } = source as { secret?: AssetKey | null; configMap?: AssetKey | null };
  if (secret) return `0_${namespace}_${secret.name}_${secret.key}`;
  return `1_${namespace}_${configMap?.name}_${configMap?.key}`;
}

/** corev1.MaxSecretSize (1 MiB) less 50,000 bytes kept for the rest of the object. */
export const MAX_SECRET_DATA_BYTES = 1024 * 1024 - 50_000;

/**
 * Splits data into shards, keys in byte order, starting a new shard when the
 * next key and value would push the current one past the limit. Sizes are
 * byte counts (key as UTF-8 plus value). Always returns at least one shard.
 */
export function shardSecretData(data: ReadonlyMap<string, Buffer>, limit = MAX_SECRET_DATA_BYTES): Array<Map<string, Buffer>> {
  const shards: Array<Map<string, Buffer>> = [];
  let current = new Map<string, Buffer>();
  let size = 0;
  for (const key of [...data.keys()].sort(compareStrings)) {
    const value = data.get(key) as Buffer;
    const entrySize = Buffer.byteLength(key, 'utf8') + value.length;
    if (size + entrySize > limit) {
      shards.push(current);
      current = new Map();
      size = 0;
    }
    size += entrySize;
    current.set(key, value);
  }
  shards.push(current);
  return shards;
}

/** `<base>-<i>`: the name of shard i. */
export function shardSecretName(base: string, index: number): string {
  return `${base}-${index}`;
}

/**
 * TLS material a generated configuration refers to by file path, collected
 * while the configuration is built, for the tls-assets Secrets: keyed by file
 * name, each named after the namespace it was read in.
 */
export class TlsAssetFiles {
  readonly #files = new Map<string, Buffer>();

  /** Records material read in `namespace` and returns its file name. Empty values are left out, as the operator does. */
  add(namespace: string, source: TlsAssetSource, value: Buffer): string {
    const name = tlsAssetFileName(namespace, source);
    if (value.length > 0) this.#files.set(name, value);
    return name;
  }

  /** Takes over what another collection holds (a monitor's, once the monitor is accepted). */
  adopt(other: TlsAssetFiles): void {
    for (const [name, value] of other.files) this.#files.set(name, value);
  }

  /** The collected material, keyed by file name. */
  get files(): ReadonlyMap<string, Buffer> {
    return this.#files;
  }
}
