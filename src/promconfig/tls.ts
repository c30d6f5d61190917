/**
 * `tls_config` of every client section: the referenced Secret and ConfigMap
 * keys are checked as the operator's asset store checks them and copied into
 * the tls-assets Secret; the configuration points at them by file path under
 * the directory where the pod mounts that Secret.
 */
import type { SafeTLSConfig, SecretOrConfigMap, TLSConfig } from '../api/types.js';
import { checkCaPem, checkKeyPair } from '../assets/tls-checks.js';
import type { SettingSource } from '../assets/namespace-assets.js';
import type { Gate } from '../version/gate.js';
import { tlsAssetFileName, type TlsAssetSource } from '../workload/tls-assets.js';
import type { Doc, PromConfigContext } from './context.js';
import { PROM_SECRETS } from './secret-settings.js';

function hasSelector(sel: SecretOrConfigMap | undefined): sel is SecretOrConfigMap {
  return Boolean(sel?.secret || sel?.configMap);
}

function assetSource(sel: SecretOrConfigMap): TlsAssetSource {
  if (sel.secret) return { secret: { name: sel.secret.name ?? '', key: sel.secret.key } };
  const cm = sel.configMap as { name?: string; key: string };
  return { configMap: { name: cm.name ?? '', key: cm.key } };
}

/** Checks a TLS config the way the operator does before it reads the referenced keys. */
export function validateTls(tls: TLSConfig | SafeTLSConfig, withFiles: boolean): string | undefined {
  for (const [name, sel] of [['ca', tls.ca], ['cert', tls.cert]] as const) {
    if (sel?.secret && sel.configMap) return `${name}: cannot specify both Secret and ConfigMap`;
  }
  if (tls.maxVersion && tls.minVersion && tls.maxVersion < tls.minVersion) return 'maxVersion must be greater than or equal to minVersion';
  if (!withFiles) {
    if (hasSelector(tls.cert) && !tls.keySecret) return 'client cert specified without client key';
    if (tls.keySecret && !hasSelector(tls.cert)) return 'client key specified without client cert';
    return undefined;
  }
  const files = tls as TLSConfig;
  if (hasSelector(files.ca) && files.caFile) return "cannot specify both 'caFile' and 'ca'";
  if (hasSelector(files.cert) && files.certFile) return "cannot specify both 'certFile' and 'cert'";
  if (files.keyFile && files.keySecret) return "cannot specify both 'keyFile' and 'keySecret'";
  const hasCert = hasSelector(files.cert) || Boolean(files.certFile);
  const hasKey = Boolean(files.keyFile) || Boolean(files.keySecret);
  if (hasCert && !hasKey) return 'cannot specify client cert without client key';
  if (hasKey && !hasCert) return 'cannot specify client key without client cert';
  return undefined;
}

/** The TLS material of a config, each piece copied (its bytes) or referenced (the mounted file), as the one decision says. */
interface TlsMaterial {
  readonly ca: SettingSource | undefined;
  readonly cert: SettingSource | undefined;
  readonly key: SettingSource | undefined;
}

function tlsMaterial(ctx: PromConfigContext, gate: Gate, tls: SafeTLSConfig, field: string): TlsMaterial {
  return {
    ca: hasSelector(tls.ca) ? ctx.store.selectorSetting(tls.ca, `${field}.ca`, PROM_SECRETS.tlsCa, gate) : undefined,
    cert: hasSelector(tls.cert) ? ctx.store.selectorSetting(tls.cert, `${field}.cert`, PROM_SECRETS.tlsCert, gate) : undefined,
    key: tls.keySecret ? ctx.store.secretKeySetting(tls.keySecret, `${field}.keySecret`, PROM_SECRETS.tlsKey, gate) : undefined,
  };
}

/**
 * Checks the copied TLS material as the operator's asset store does (CA
 * parses, cert and key form a pair) and records it for the tls-assets
 * Secret.
 */
function collectTlsAssets(ctx: PromConfigContext, tls: SafeTLSConfig, material: TlsMaterial, field: string): void {
  const ca = material.ca?.inline;
  const cert = material.cert?.inline;
  const key = material.key?.inline;
  if (ca && ca.length > 0 && hasSelector(tls.ca)) {
    const problem = checkCaPem(ca);
    if (problem) ctx.fail(`the CA ${describeSelector(tls.ca)} ${problem}`, `${field}.ca`);
    else ctx.tlsAssets.add(ctx.store.namespace, assetSource(tls.ca), ca);
  }
  if (cert && key && cert.length > 0 && key.length > 0 && hasSelector(tls.cert) && tls.keySecret) {
    const problem = checkKeyPair(cert, key);
    if (problem) {
      ctx.fail(`the certificate ${describeSelector(tls.cert)} and key Secret ${tls.keySecret.name}, key "${tls.keySecret.key}": ${problem}`, `${field}.cert`);
    } else {
      ctx.tlsAssets.add(ctx.store.namespace, assetSource(tls.cert), cert);
      ctx.tlsAssets.add(ctx.store.namespace, { secret: { name: tls.keySecret.name ?? '', key: tls.keySecret.key } }, key);
    }
  } else if (cert && cert.length > 0 && hasSelector(tls.cert) && material.key?.file !== undefined) {
    // The key is referenced (option secrets: auto, and the input lacks it): the pair cannot be checked here.
    ctx.tlsAssets.add(ctx.store.namespace, assetSource(tls.cert), cert);
  } else if (key && key.length > 0 && tls.keySecret && material.cert?.file !== undefined) {
    ctx.tlsAssets.add(ctx.store.namespace, { secret: { name: tls.keySecret.name ?? '', key: tls.keySecret.key } }, key);
  }
}

function describeSelector(sel: SecretOrConfigMap): string {
  if (sel.secret) return `Secret ${sel.secret.name ?? ''}, key "${sel.secret.key}"`;
  return `ConfigMap ${sel.configMap?.name ?? ''}, key "${sel.configMap?.key ?? ''}"`;
}

function safeTlsDoc(ctx: PromConfigContext, gate: Gate, tls: SafeTLSConfig, field: string): Doc {
  const material = tlsMaterial(ctx, gate, tls, field);
  collectTlsAssets(ctx, tls, material, field);
  const doc: Doc = {};
  if (tls.insecureSkipVerify !== undefined && tls.insecureSkipVerify !== null) doc.insecure_skip_verify = tls.insecureSkipVerify;
  // Copied material is read from the tls-assets volume, referenced material from its own mounted Secret or ConfigMap.
  if (hasSelector(tls.ca)) doc.ca_file = material.ca?.file ?? `${ctx.tlsAssetsDir}/${tlsAssetFileName(ctx.store.namespace, assetSource(tls.ca))}`;
  if (hasSelector(tls.cert)) doc.cert_file = material.cert?.file ?? `${ctx.tlsAssetsDir}/${tlsAssetFileName(ctx.store.namespace, assetSource(tls.cert))}`;
  if (tls.keySecret) {
    doc.key_file = material.key?.file ?? `${ctx.tlsAssetsDir}/${tlsAssetFileName(ctx.store.namespace, { secret: { name: tls.keySecret.name ?? '', key: tls.keySecret.key } })}`;
  }
  if (tls.serverName) doc.server_name = tls.serverName;
  const g = gate.at(field);
  if (tls.minVersion) g.since('2.35.0').put(doc, 'min_version', tls.minVersion);
  if (tls.maxVersion) g.since('2.41.0').put(doc, 'max_version', tls.maxVersion);
  return doc;
}

/** Whether the TLS config passes `validateTls`; a problem is an error naming `field`. */
function isValidTls(ctx: PromConfigContext, tls: TLSConfig | SafeTLSConfig, withFiles: boolean, field: string): boolean {
  const problem = validateTls(tls, withFiles);
  if (problem) ctx.fail(`invalid TLS configuration: ${problem}`, field);
  return problem === undefined;
}

/** `tls_config` from a SafeTLSConfig (Secret/ConfigMap references only). */
export function addSafeTls(ctx: PromConfigContext, gate: Gate, out: Doc, tls: SafeTLSConfig | undefined, field: string): Doc {
  if (!tls || !isValidTls(ctx, tls, false, field)) return out;
  return gate.at(field).put(out, 'tls_config', safeTlsDoc(ctx, gate, tls, field));
}

/** `tls_config` from a TLSConfig (references, then file paths in the container). */
export function addTls(ctx: PromConfigContext, gate: Gate, out: Doc, tls: TLSConfig | undefined, field: string): Doc {
  if (!tls || !isValidTls(ctx, tls, true, field)) return out;
  const doc = safeTlsDoc(ctx, gate, tls, field);
  if (tls.caFile) doc.ca_file = tls.caFile;
  if (tls.certFile) doc.cert_file = tls.certFile;
  if (tls.keyFile) doc.key_file = tls.keyFile;
  return gate.at(field).put(out, 'tls_config', doc);
}
