import type { Assets } from '../../assets/assets.js';
import { configMapKey, secretKey } from '../../assets/assets.js';
import type { ObjectRef } from '../../krm/types.js';
import type { Gate } from '../../version/gate.js';
import type { SemVer } from '../../version/semver.js';
import { atLeast } from '../../version/semver.js';
import { tlsAssetFileName, type TlsAssetSource } from '../../workload/tls-assets.js';
import { nonEmpty } from '../../core/objects.js';

/**
 * A configuration document (or part of one) in the Alertmanager's own YAML
 * shape: keys in insertion order are output order.
 */
export type Doc = Record<string, unknown>;

/**
 * AlertmanagerConfig and Alertmanager input as read from YAML. The render's
 * schema check has already validated its shape against the CRD.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type In = Readonly<Record<string, any>>;

/** Where the operator mounts TLS assets and templates in the Alertmanager pod. */
export const TLS_ASSETS_DIR = '/etc/alertmanager/certs';
export const TEMPLATES_DIR = '/etc/alertmanager/templates';

/**
 * A problem that stops the conversion of one object: the AlertmanagerConfig
 * is rejected (selection checks) or the configuration cannot be generated.
 * `field` is the path in the object the problem is about.
 */
export class ConfigError extends Error {
  readonly field: string | undefined;
  constructor(message: string, field?: string) {
    super(message);
    this.field = field;
  }
}

/** Throws a ConfigError; for use in expressions. */
export function fail(message: string, field?: string): never {
  throw new ConfigError(message, field);
}

/**
 * Secrets and ConfigMaps readable by one object (its own namespace only, as
 * the operator's store). Every failed lookup throws a ConfigError naming the
 * object and key, never a value. TLS material referenced by file path is
 * collected for the tls-assets Secret.
 */
export class AmStore {
  readonly #assets: Assets;
  readonly #tls: Map<string, Buffer>;
  readonly namespace: string;

  constructor(assets: Assets, namespace: string, tls: Map<string, Buffer>) {
    this.#assets = assets;
    this.namespace = namespace;
    this.#tls = tls;
  }

  /** The same store for another namespace, sharing the collected TLS assets. */
  forNamespace(namespace: string): AmStore {
    return new AmStore(this.#assets, namespace, this.#tls);
  }

  /** Where a Secret value comes from, for messages that must not quote it: `key "k" of Secret ns/name`. */
  secretSource(ref: In | undefined): string {
    return `key "${String(ref?.key ?? '')}" of Secret ${this.namespace}/${String(ref?.name ?? '')}`;
  }

  /** A Secret key's value as text. */
  secret(ref: In | undefined, field: string): string {
    const found = secretKey(this.#assets, this.namespace, { name: String(ref?.name ?? ''), key: String(ref?.key ?? '') });
    if (!found.ok) fail(found.reason, field);
    return found.value.toString('utf8');
  }

  /** A Secret or ConfigMap key (`{secret: …}` or `{configMap: …}`). */
  secretOrConfigMap(sel: In | undefined, field: string): string {
    if (sel?.secret) return this.secret(sel.secret, `${field}.secret`);
    if (sel?.configMap) {
      const found = configMapKey(this.#assets, this.namespace, { name: String(sel.configMap.name ?? ''), key: String(sel.configMap.key ?? '') });
      if (!found.ok) fail(found.reason, `${field}.configMap`);
      return found.value.toString('utf8');
    }
    return '';
  }

  /** Mounts TLS material (`{secret: …}` / `{configMap: …}`, or a bare Secret key selector) and returns its file path. */
  tlsAsset(sel: In, field: string, bareSecret = false): string {
    const wrapped: In = bareSecret ? { secret: sel } : sel;
    const value = this.secretOrConfigMap(wrapped, field);
    const source: TlsAssetSource = wrapped.secret
      ? { secret: { name: String(wrapped.secret.name ?? ''), key: String(wrapped.secret.key ?? '') } }
      : { configMap: { name: String(wrapped.configMap?.name ?? ''), key: String(wrapped.configMap?.key ?? '') } };
    const name = tlsAssetFileName(this.namespace, source);
    if (value.length > 0) this.#tls.set(name, Buffer.from(value, 'utf8'));
    return `${TLS_ASSETS_DIR}/${name}`;
  }

  get tlsAssets(): ReadonlyMap<string, Buffer> {
    return this.#tls;
  }
}

/** What every converter and check reads: target version, gate, store. */
export interface AmConfigContext {
  readonly version: SemVer;
  /** Gate for the target Alertmanager; a field it drops becomes a warning. */
  readonly gate: Gate;
  /** The store for the object being converted (its namespace). */
  readonly store: AmStore;
  /** The generated configuration's `global` section, for receivers that fall back to it. */
  readonly global: () => Doc | undefined;
  /** The Alertmanager being rendered. */
  readonly owner: ObjectRef;
}

export function versionAtLeast(ctx: { version: SemVer }, min: string): boolean {
  return atLeast(ctx.version, min);
}

/** `<namespace>/<name>/<value>`: receiver and time-interval names of an AlertmanagerConfig. */
export function namespacedName(value: string | undefined, crNamespace: string, crName: string): string {
  if (!value) return '';
  return `${crNamespace}/${crName}/${value}`;
}

/** Drops `key` from `doc` (with a gate warning) when the target is older than `min`. */
export function dropBefore(ctx: AmConfigContext, doc: Doc, key: string, min: string, where: string): void {
  if (!nonEmpty(doc[key])) return;
  if (!ctx.gate.since(min).at(where).check(key)) delete doc[key];
}
