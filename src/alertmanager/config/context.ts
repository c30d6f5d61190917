import type { SecretOrConfigMap } from '../../api/types.js';
import type { NamespaceAssets, SecretRef, SecretSetting, SettingSource } from '../../assets/namespace-assets.js';
import { ungatedGate } from '../../version/gate.js';
import type { ObjectRef } from '../../krm/types.js';
import type { Gate } from '../../version/gate.js';
import type { SemVer } from '../../version/semver.js';
import { atLeast } from '../../version/semver.js';
import type { TlsAssetFiles, TlsAssetSource } from '../../workload/tls-assets.js';
import { nonEmpty } from '../../core/objects.js';

/**
 * A configuration document (or part of one) in the Alertmanager's own YAML
 * shape: keys in insertion order are output order.
 */
export type Doc = Record<string, unknown>;

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
 * Mounts TLS material (`{secret: …}` / `{configMap: …}`; a bare Secret key
 * selector is passed as `{secret: …}`) through the tls-assets Secret and
 * returns its file path.
 */
export function tlsAssetFile(ctx: AmConfigContext, sel: SecretOrConfigMap, field: string, setting: SecretSetting, bareSecret = false): string {
  // Referenced material (option secrets) is read from its own mounted file; copied material from the tls-assets Secret.
  // A bare key Secret (keySecret) is wrapped as { secret } by its caller and reported as a key selector.
  const decided: SettingSource | undefined = bareSecret && sel.secret ? ctx.store.secretKeySetting(sel.secret, field, setting, ctx.gate) : ctx.store.selectorSetting(sel, field, setting, ctx.gate);
  if (decided?.file !== undefined) return decided.file;
  const value = decided?.inline.toString('utf8') ?? '';
  const source: TlsAssetSource = sel.secret
    ? { secret: { name: String(sel.secret.name ?? ''), key: String(sel.secret.key ?? '') } }
    : { configMap: { name: String(sel.configMap?.name ?? ''), key: String(sel.configMap?.key ?? '') } };
  return `${TLS_ASSETS_DIR}/${ctx.tlsAssets.add(ctx.store.namespace, source, Buffer.from(value, 'utf8'))}`;
}

/**
 * A secret-bearing setting through the one decision
 * (NamespaceAssets.secretSetting): written into `out` as its value or as its
 * file form. Returns the value when it was copied, for the operator's checks
 * on it; undefined when it is read from a file (those checks cannot run) or
 * when the target version lacks the file form (a warning said so).
 */
export function putSecret(ctx: AmConfigContext, out: Doc, ref: Partial<SecretRef> | undefined, path: string, setting: SecretSetting): string | undefined {
  return ctx.store.putSetting(out, ref, path, setting, ctx.gate);
}

/** For the selection checks: the value when it would be copied, undefined when it would be read from a file. Missing references throw as always. */
export function checkedSecret(ctx: AmConfigContext, ref: Partial<SecretRef> | undefined, path: string, setting: SecretSetting): string | undefined {
  return putSecret({ ...ctx, gate: ungatedGate(ctx.version) }, {}, ref, path, setting);
}

/** What every converter and check reads: target version, gate, store. */
export interface AmConfigContext {
  readonly version: SemVer;
  /** Gate for the target Alertmanager; a field it drops becomes a warning. */
  readonly gate: Gate;
  /**
   * The Secrets and ConfigMaps of the object being converted (its namespace);
   * a reference that cannot be resolved throws a ConfigError naming it.
   */
  readonly store: NamespaceAssets<never>;
  /** TLS material the configuration mounts, shared by every object merged into it. */
  readonly tlsAssets: TlsAssetFiles;
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
