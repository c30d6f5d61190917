/**
 * The Secret and ConfigMap references of one generated configuration, and the
 * checks the operator's asset store makes on TLS material.
 */
import { X509Certificate, createPrivateKey } from 'node:crypto';
import type { SecretOrConfigMap } from '../api/types.js';
import { configMapKey, secretKey, type Assets } from '../assets/assets.js';
import { tlsAssetFileName, type TlsAssetSource } from '../workload/tls-assets.js';

/** A Secret key selector as the API writes it: the name may be absent (and then means ""). */
export interface SecretRef {
  readonly name?: string;
  readonly key: string;
}

/** Reports a reference that cannot be resolved: the reason names the object and key, never a value. */
export type MissingReporter = (reason: string, field: string) => void;

/**
 * The Secrets and ConfigMaps one configuration may read, scoped to the
 * namespace of the resource (the operator reads credentials only from there).
 * Every failed lookup is reported; the TLS material the configuration points
 * at by file path is collected for the tls-assets Secret.
 */
export class ConfigStore {
  readonly namespace: string;
  readonly #assets: Assets;
  readonly #onMissing: MissingReporter;
  readonly #tlsAssets = new Map<string, Buffer>();

  constructor(assets: Assets, namespace: string, onMissing: MissingReporter) {
    this.#assets = assets;
    this.namespace = namespace;
    this.#onMissing = onMissing;
  }

  /** The value of a Secret key as text, or undefined (after reporting) when it is missing. */
  secretText(ref: SecretRef, field: string): string | undefined {
    return this.secretBytes(ref, field)?.toString('utf8');
  }

  secretBytes(ref: SecretRef, field: string): Buffer | undefined {
    const name = ref.name ?? '';
    const found = secretKey(this.#assets, this.namespace, { name, key: ref.key });
    if (found.ok) return found.value;
    // Name the key even when the whole Secret is missing: the user looks for both.
    const reason = this.#assets.secret(this.namespace, name) ? found.reason : `Secret ${this.namespace}/${name} (key "${ref.key}") is not in the input`;
    this.#onMissing(reason, field);
    return undefined;
  }

  /** A Secret or ConfigMap key; an empty selector gives the empty string. */
  selectorText(sel: SecretOrConfigMap | undefined, field: string): string | undefined {
    const bytes = this.selectorBytes(sel, field);
    return bytes === undefined ? undefined : bytes.toString('utf8');
  }

  selectorBytes(sel: SecretOrConfigMap | undefined, field: string): Buffer | undefined {
    if (sel?.secret) return this.secretBytes(sel.secret, `${field}.secret`);
    if (sel?.configMap) {
      const found = configMapKey(this.#assets, this.namespace, { name: sel.configMap.name ?? '', key: sel.configMap.key });
      if (found.ok) return found.value;
      this.#onMissing(found.reason, `${field}.configMap`);
      return undefined;
    }
    return Buffer.alloc(0);
  }

  /** The file name (inside the tls-assets volume) under which a selector's data is mounted. */
  tlsFileName(source: TlsAssetSource): string {
    return tlsAssetFileName(this.namespace, source);
  }

  /** Adds TLS material to the tls-assets Secret. Empty values are left out, as the operator does. */
  addTlsAsset(source: TlsAssetSource, value: Buffer): void {
    if (value.length > 0) this.#tlsAssets.set(this.tlsFileName(source), value);
  }

  /** Takes over the TLS assets another store collected (a monitor's, once it is accepted). */
  adopt(other: ConfigStore): void {
    for (const [name, value] of other.tlsAssets) this.#tlsAssets.set(name, value);
  }

  /** Collected TLS assets, keyed by file name. */
  get tlsAssets(): ReadonlyMap<string, Buffer> {
    return this.#tlsAssets;
  }
}

/** Checks that a CA bundle starts with a parseable PEM certificate. Returns a problem or undefined. */
export function checkCaPem(value: Buffer): string | undefined {
  try {
    new X509Certificate(firstPemBlock(value, 'CERTIFICATE'));
    return undefined;
  } catch {
    return 'is not a PEM-encoded certificate';
  }
}

/** Checks that a certificate and a private key form a pair. Returns a problem or undefined. */
export function checkKeyPair(cert: Buffer, key: Buffer): string | undefined {
  try {
    const x509 = new X509Certificate(firstPemBlock(cert, 'CERTIFICATE'));
    const privateKey = createPrivateKey(key);
    return x509.checkPrivateKey(privateKey) ? undefined : 'the private key does not match the certificate';
  } catch {
    return 'is not a PEM-encoded certificate and private key pair';
  }
}

function firstPemBlock(value: Buffer, label: string): string {
  const text = value.toString('utf8');
  const begin = text.indexOf(`-----BEGIN ${label}-----`);
  const endMarker = `-----END ${label}-----`;
  const end = text.indexOf(endMarker, begin);
  if (begin < 0 || end < 0) throw new Error('no PEM block');
  return text.slice(begin, end + endMarker.length);
}
