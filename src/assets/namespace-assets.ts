import type { SecretOrConfigMap } from '../api/types.js';
import type { ObjectRef } from '../krm/types.js';
import type { Gate } from '../version/gate.js';
import { configMapKey, secretKey, type Assets } from './assets.js';
import type { SecretsMode } from '../options/options.js';
import { ReferencedSecrets, referenceProblem, type ReferencedKind } from './referenced-secrets.js';

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
 * How a configuration refers to Secrets it does not copy (option `secrets`):
 * where the workload runs and mounts them, and where the references are
 * collected. A view without it copies every value, as the operator does.
 */
export interface Referencing {
  readonly mode: SecretsMode;
  /** The namespace of the workload that reads the files (a reference from elsewhere is mirrored there, see inPodName). */
  readonly workloadNamespace: string;
  /** Where the workload's main container mounts the `referenced-secrets` volume. */
  readonly mountDir: string;
  /** The product that reads the configuration, for messages: `Prometheus`. */
  readonly product: string;
  /** The object whose fields refer; the expected-Secrets list names it. */
  readonly source: ObjectRef;
  readonly collected: ReferencedSecrets;
  /**
   * Where a reference that cannot be mounted (no file form, an invalid name
   * or key, a name taken) is reported when the view's sink would leave the
   * whole object out (a monitor, an AlertmanagerConfig): an error naming the
   * field, and the setting is left out. Unset: the sink reports it.
   */
  readonly error?: (message: string, field: string, source: ObjectRef) => void;
}

/**
 * One secret-bearing setting of a generated configuration, declared once per
 * setting like a version gate: the key the value is written under, the key
 * of its file form (absent when the product reads it only inline) and the
 * first version that reads that file key.
 */
export interface SecretSetting {
  /** The key that holds the value, e.g. `password`. */
  readonly key: string;
  /** The key that holds a path to a file with the value, e.g. `password_file`. */
  readonly fileKey?: string;
  /** The first version of the product that reads `fileKey` (every version when absent). */
  readonly fileSince?: string;
  /** What to do instead, for a setting without a file form, e.g. `use roleArn or the AWS default credential chain`. */
  readonly instead?: string;
}

/** A setting's value copied from the input, or the path of the mounted file that will hold it. */
export type SettingSource = { readonly inline: Buffer; readonly file?: undefined } | { readonly file: string; readonly inline?: undefined };

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

  /** How values not copied are referred to; undefined: every value is copied. */
  readonly referencing: Referencing | undefined;

  constructor(
    assets: Assets,
    namespace: string,
    fail: (message: string, field: string) => Missing,
    wording: MissingSecretWording = 'with-key',
    referencing?: Referencing,
  ) {
    this.#assets = assets;
    this.namespace = namespace;
    this.#fail = fail;
    this.#wording = wording;
    this.referencing = referencing;
  }

  /** The same view for another namespace, reporting to the same sink. */
  forNamespace(namespace: string): NamespaceAssets<Missing> {
    return new NamespaceAssets(this.#assets, namespace, this.#fail, this.#wording, this.referencing);
  }

  /** The same view, recording its references as made by `source`, into `collected` (by default the same collection). */
  referencingFrom(source: ObjectRef, collected?: ReferencedSecrets, error?: Referencing['error']): NamespaceAssets<Missing> {
    const r = this.referencing && { ...this.referencing, source, collected: collected ?? this.referencing.collected, error: error ?? this.referencing.error };
    return new NamespaceAssets(this.#assets, this.namespace, this.#fail, this.#wording, r);
  }

  /**
   * The same view for a check that runs before the conversion of the same
   * fields: it records no reference (what a checked object would mount is
   * recorded when it is converted, and a rejected one mounts nothing) and
   * reports none that cannot be mounted (the conversion does, once).
   */
  checking(): NamespaceAssets<Missing> {
    const r = this.referencing && { ...this.referencing, collected: new ReferencedSecrets(), error: () => undefined };
    return new NamespaceAssets(this.#assets, this.namespace, this.#fail, this.#wording, r);
  }

  /**
   * The one place that decides how a secret-bearing setting is written:
   * `{ key, value }` with the value copied from the Secret (option `secrets`
   * inline, or auto and the input holds the key), or `{ fileKey, path }` of
   * the mounted file (reference, or auto and the input lacks it). Undefined
   * after reporting: the Secret is missing (inline), the reference's name or
   * key is not valid, the setting has no file form, or the target version
   * does not read it (the gate warns and the setting is left out).
   */
  secretSetting(ref: Partial<SecretRef> | undefined, field: string, setting: SecretSetting, gate: Gate): { key: string; value: string } | Missing {
    const source = this.#decide('Secret', ref, field, setting, gate);
    if (source === undefined) return source as Missing;
    if (source.file !== undefined) return { key: setting.fileKey as string, value: source.file };
    return { key: setting.key, value: source.inline.toString('utf8') };
  }

  /**
   * `secretSetting` written into a configuration block: `key: value` when
   * copied, `fileKey: path` when mounted; when neither, `fallback` under the
   * inline key if given (the operator writes "" there). The value when copied.
   */
  putSetting(out: Record<string, unknown>, ref: Partial<SecretRef> | undefined, field: string, setting: SecretSetting, gate: Gate, fallback?: string): string | undefined {
    const s = this.secretSetting(ref, field, setting, gate);
    if (s) out[s.key] = s.value;
    else if (fallback !== undefined) out[setting.key] = fallback;
    return s?.key === setting.key ? s.value : undefined;
  }

  /** `secretSetting` for a Secret or ConfigMap selector (TLS material, OAuth2 client ids): the bytes copied, or the file's path. */
  selectorSetting(sel: SecretOrConfigMap, field: string, setting: SecretSetting, gate: Gate): SettingSource | Missing {
    if (sel.secret) return this.#decide('Secret', sel.secret, `${field}.secret`, setting, gate);
    return this.#decide('ConfigMap', sel.configMap ?? undefined, `${field}.configMap`, setting, gate);
  }

  /** `secretSetting` for a Secret key whose bytes are wanted (TLS keys). */
  secretKeySetting(ref: Partial<SecretRef> | undefined, field: string, setting: SecretSetting, gate: Gate): SettingSource | Missing {
    return this.#decide('Secret', ref, field, setting, gate);
  }

  #decide(kind: ReferencedKind, ref: Partial<SecretRef> | undefined, field: string, setting: SecretSetting, gate: Gate): SettingSource | Missing {
    const r = this.referencing;
    const name = String(ref?.name ?? '');
    const key = String(ref?.key ?? '');
    const lookup = kind === 'Secret' ? secretKey : configMapKey;
    // ConfigMap data is not secret: it is copied whenever the input holds it.
    const found = r === undefined || r.mode === 'inline' ? undefined : lookup(this.#assets, this.namespace, { name, key });
    if (r === undefined || found === undefined || ((r.mode === 'auto' || kind === 'ConfigMap') && found.ok)) {
      // Looked up above unless inline (where a miss is reported through the sink).
      const bytes = found?.ok ? found.value : kind === 'Secret' ? this.secretBytes(ref, field) : this.#configMapBytes(name, key, field);
      if (bytes === undefined) return bytes as Missing;
      if (kind === 'Secret') r?.collected.markInlined();
      return { inline: bytes };
    }
    const what = `${kind} ${this.namespace}/${name} (key "${key}")`;
    const cannotMount = (message: string): Missing => {
      if (!r.error) return this.#fail(message, field);
      r.error(message, field, r.source);
      return undefined as Missing;
    };
    if (setting.fileKey === undefined) {
      // Only this message needs to know whether the object is in the input at all.
      const held = kind === 'Secret' ? this.#assets.secret(this.namespace, name) : this.#assets.configMap(this.namespace, name);
      const absent = found.ok ? `${what} is referenced, not copied (option secrets: reference)` : held ? found.reason : `${what} is not in the input`;
      return cannotMount(`${absent}, and ${r.product} reads "${setting.key}" only inline, with no file form${setting.instead ? `; ${setting.instead}` : ''}`);
    }
    const problem = referenceProblem(kind, name, key);
    if (problem) return cannotMount(`${problem}; it cannot be mounted as a file`);
    const fileGate = setting.fileSince ? gate.since(setting.fileSince) : gate;
    // A block the target version leaves out anyway needs no file: its own gate warns.
    if (!gate.ok) return { file: '' };
    if (!fileGate.at(field).check(setting.fileKey)) return undefined as Missing;
    const recorded = r.collected.record({ kind, sourceNamespace: this.namespace, name, key, workloadNamespace: r.workloadNamespace, use: { source: r.source, field } });
    if ('problem' in recorded) return cannotMount(`${what}: ${recorded.problem}`);
    return { file: `${r.mountDir}/${recorded.path}` };
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
    if (sel?.configMap) return this.#configMapBytes(String(sel.configMap.name ?? ''), String(sel.configMap.key ?? ''), `${field}.configMap`);
    return Buffer.alloc(0);
  }

  #configMapBytes(name: string, key: string, field: string): Buffer | Missing {
    const found = configMapKey(this.#assets, this.namespace, { name, key });
    return found.ok ? found.value : this.#fail(found.reason, field);
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
