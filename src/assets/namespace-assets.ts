import type { SecretOrConfigMap } from '../api/types.js';
import { configMapKey, secretKey, type Assets } from './assets.js';

/** A Secret key selector as the API writes it: the name may be absent (and then means ""). */
export interface SecretRef {
  readonly name?: string;
  readonly key: string;
}

/**
 * How a missing Secret is worded: with the key asked for (the user looks for
 * both), or, as the Alertmanager configuration has always said it, the
 * Secret alone. Two wordings only so that output stays as it was.
 */
export type MissingSecretWording = 'with-key' | 'secret-only';

/**
 * The Secrets and ConfigMaps one object may read: those of its own namespace,
 * as the operator's store reads them (`ForNamespace`). Read-only. A reference
 * that cannot be resolved is reported to the sink given at construction, with
 * the field path, naming the object and key and never a value; the lookup
 * then returns what the sink returns: undefined for a `Fail`. (The
 * Alertmanager configuration's converters pass a sink that throws, so their
 * lookups always give a value.)
 */
export class NamespaceAssets<Missing extends undefined = undefined> {
  readonly namespace: string;
  readonly #assets: Assets;
  readonly #fail: (message: string, field: string) => Missing;
  readonly #wording: MissingSecretWording;

  constructor(assets: Assets, namespace: string, fail: (message: string, field: string) => Missing, wording: MissingSecretWording = 'with-key') {
    this.#assets = assets;
    this.namespace = namespace;
    this.#fail = fail;
    this.#wording = wording;
  }

  /** The same view for another namespace, reporting to the same sink. */
  forNamespace(namespace: string): NamespaceAssets<Missing> {
    return new NamespaceAssets(this.#assets, namespace, this.#fail, this.#wording);
  }

  /** The value of a Secret key. A name or key that is absent means "". */
  secretBytes(ref: Partial<SecretRef> | undefined, field: string): Buffer | Missing {
    const name = String(ref?.name ?? '');
    const key = String(ref?.key ?? '');
    const found = secretKey(this.#assets, this.namespace, { name, key });
    if (found.ok) return found.value;
    const whole = this.#wording === 'with-key' && !this.#assets.secret(this.namespace, name);
    return this.#fail(whole ? `Secret ${this.namespace}/${name} (key "${key}") is not in the input` : found.reason, field);
  }

  /** The value of a Secret key as text. */
  secret(ref: Partial<SecretRef> | undefined, field: string): string | Missing {
    const bytes = this.secretBytes(ref, field);
    return bytes === undefined ? (bytes as Missing) : bytes.toString('utf8');
  }

  /** A Secret or ConfigMap key (`{secret: …}` or `{configMap: …}`); a selector of neither gives the empty value. */
  selectorBytes(sel: SecretOrConfigMap | undefined, field: string): Buffer | Missing {
    if (sel?.secret) return this.secretBytes(sel.secret, `${field}.secret`);
    if (sel?.configMap) {
      const found = configMapKey(this.#assets, this.namespace, { name: String(sel.configMap.name ?? ''), key: String(sel.configMap.key ?? '') });
      if (found.ok) return found.value;
      return this.#fail(found.reason, `${field}.configMap`);
    }
    return Buffer.alloc(0);
  }

  /** A Secret or ConfigMap key as text. */
  selector(sel: SecretOrConfigMap | undefined, field: string): string | Missing {
    const bytes = this.selectorBytes(sel, field);
    return bytes === undefined ? (bytes as Missing) : bytes.toString('utf8');
  }

  /** Where a Secret value comes from, for messages that must not quote it: `key "k" of Secret ns/name`. */
  secretSource(ref: Partial<SecretRef> | undefined): string {
    return `key "${String(ref?.key ?? '')}" of Secret ${this.namespace}/${String(ref?.name ?? '')}`;
  }
}
