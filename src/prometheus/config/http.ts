/**
 * HTTP client settings shared by every section that talks to a server:
 * alertmanagers, remote write/read, Kubernetes SD and (later) scrape jobs.
 * Each helper appends one key to `out` in the operator's shape and returns it.
 */
import type { SafeTLSConfig, SecretOrConfigMap, TLSConfig } from '../../api/types.js';
import { sortedKeys } from '../../core/compare.js';
import type { Gate } from '../../version/gate.js';
import type { TlsAssetSource } from '../../workload/tls-assets.js';
import type { ConfigContext, Doc } from './context.js';
import { TLS_ASSETS_DIR } from '../spec-view.js';
import { checkCaPem, checkKeyPair, type SecretRef } from './store.js';

export interface BasicAuthSpec {
  readonly username?: SecretRef;
  readonly password?: SecretRef;
}

export interface SafeAuthorizationSpec {
  readonly type?: string;
  readonly credentials?: SecretRef;
}

export interface AuthorizationSpec extends SafeAuthorizationSpec {
  readonly credentialsFile?: string;
}

export interface Sigv4Spec {
  readonly region?: string;
  readonly accessKey?: SecretRef;
  readonly secretKey?: SecretRef;
  readonly profile?: string;
  readonly roleArn?: string;
  readonly externalId?: string;
  readonly useFIPSSTSEndpoint?: boolean;
}

export interface ProxySpec {
  readonly proxyUrl?: string;
  readonly noProxy?: string;
  readonly proxyFromEnvironment?: boolean;
  readonly proxyConnectHeader?: Readonly<Record<string, readonly SecretRef[]>>;
}

export interface OAuth2Spec extends ProxySpec {
  readonly clientId: SecretOrConfigMap;
  readonly clientSecret: SecretRef;
  readonly tokenUrl: string;
  readonly scopes?: readonly string[];
  readonly endpointParams?: Readonly<Record<string, string>>;
  readonly tlsConfig?: SafeTLSConfig;
}

/** `basic_auth` with the username and password read from Secrets. */
export function addBasicAuth(ctx: ConfigContext, gate: Gate, out: Doc, spec: BasicAuthSpec | undefined, field: string): Doc {
  if (!spec) return out;
  const username = spec.username ? ctx.store.secretText(spec.username, `${field}.username`) : '';
  const password = spec.password ? ctx.store.secretText(spec.password, `${field}.password`) : '';
  return gate.at(field).put(out, 'basic_auth', { username: username ?? '', password: password ?? '' });
}

function safeAuthorizationDoc(ctx: ConfigContext, spec: SafeAuthorizationSpec, field: string): Doc {
  const doc: Doc = { type: (spec.type || 'Bearer').trim() };
  // A reference without a Secret name is not looked up, as in the operator.
  if (spec.credentials && spec.credentials.name) {
    const credentials = ctx.store.secretText(spec.credentials, `${field}.credentials`);
    if (credentials !== undefined) doc.credentials = credentials;
  }
  return doc;
}

/** `authorization` (type defaults to Bearer), Prometheus >= 2.26.0. */
export function addSafeAuthorization(ctx: ConfigContext, gate: Gate, out: Doc, spec: SafeAuthorizationSpec | undefined, field: string): Doc {
  if (!spec) return out;
  return gate.since('2.26.0').at(field).put(out, 'authorization', safeAuthorizationDoc(ctx, spec, field));
}

/** `authorization` with an optional credentials file. */
export function addAuthorization(ctx: ConfigContext, gate: Gate, out: Doc, spec: AuthorizationSpec | undefined, field: string): Doc {
  if (!spec) return out;
  const doc = safeAuthorizationDoc(ctx, spec, field);
  if (spec.credentialsFile) doc.credentials_file = spec.credentialsFile;
  return gate.since('2.26.0').at(field).put(out, 'authorization', doc);
}

/** `sigv4`; keys are written only when both of them resolve to non-empty values. */
export function addSigv4(ctx: ConfigContext, gate: Gate, out: Doc, spec: Sigv4Spec | undefined, field: string): Doc {
  if (!spec) return out;
  if (Boolean(spec.accessKey) !== Boolean(spec.secretKey)) {
    ctx.fail('sigv4: both accessKey and secretKey should be provided', field);
    return out;
  }
  const doc: Doc = {};
  if (spec.region) doc.region = spec.region;
  if (spec.accessKey && spec.secretKey) {
    const ak = ctx.store.secretText(spec.accessKey, `${field}.accessKey`) ?? '';
    const sk = ctx.store.secretText(spec.secretKey, `${field}.secretKey`) ?? '';
    if (ak.length > 0 && sk.length > 0) {
      doc.access_key = ak;
      doc.secret_key = sk;
    }
  }
  if (spec.profile) doc.profile = spec.profile;
  if (spec.roleArn) doc.role_arn = spec.roleArn;
  const g = gate.at(field);
  if (spec.externalId) g.since('3.11.0').put(doc, 'external_id', spec.externalId);
  if (spec.useFIPSSTSEndpoint !== undefined && spec.useFIPSSTSEndpoint !== null) {
    g.since('2.54.0').put(doc, 'use_fips_sts_endpoint', spec.useFIPSSTSEndpoint);
  }
  return g.put(out, 'sigv4', doc);
}

/** The operator's consistency checks on proxy settings; returns the first problem. */
export function checkProxy(spec: ProxySpec): string | undefined {
  const fromEnv = spec.proxyFromEnvironment === true;
  const hasUrl = Boolean(spec.proxyUrl);
  const hasNoProxy = Boolean(spec.noProxy);
  const headers = spec.proxyConnectHeader ?? {};
  if (Object.keys(headers).length > 0 && !fromEnv && !hasUrl) {
    return 'if proxyConnectHeader is configured, proxyUrl or proxyFromEnvironment must also be configured';
  }
  if (fromEnv && hasUrl) return 'if proxyFromEnvironment is configured, proxyUrl must not be configured';
  if (fromEnv && hasNoProxy) return 'if proxyFromEnvironment is configured, noProxy must not be configured';
  if (!hasUrl && hasNoProxy) return 'if noProxy is configured, proxyUrl must also be configured';
  for (const name of sortedKeys(headers)) {
    const refs = headers[name] ?? [];
    if (refs.length === 0) return `proxyConnectHeader[${name}]: selector must not be empty`;
    for (const [i, ref] of refs.entries()) {
      if (!ref.name && !ref.key) return `proxyConnectHeader[${name}][${i}]: selector must be defined`;
    }
  }
  return undefined;
}

/** proxy_url, then (Prometheus >= 2.43.0) no_proxy, proxy_from_environment, proxy_connect_header. */
export function addProxy(ctx: ConfigContext, gate: Gate, out: Doc, spec: ProxySpec | undefined, field: string): Doc {
  if (!spec) return out;
  const g = gate.at(field);
  if (spec.proxyUrl !== undefined && spec.proxyUrl !== null) g.put(out, 'proxy_url', spec.proxyUrl);
  const newer = g.since('2.43.0');
  if (spec.noProxy !== undefined && spec.noProxy !== null) newer.put(out, 'no_proxy', spec.noProxy);
  if (spec.proxyFromEnvironment !== undefined && spec.proxyFromEnvironment !== null) {
    newer.put(out, 'proxy_from_environment', spec.proxyFromEnvironment);
  }
  if (spec.proxyConnectHeader) {
    const headers: Record<string, string[]> = {};
    for (const name of sortedKeys(spec.proxyConnectHeader)) {
      headers[name] = (spec.proxyConnectHeader[name] ?? []).map(
        (ref, i) => ctx.store.secretText(ref, `${field}.proxyConnectHeader.${name}[${i}]`) ?? '',
      );
    }
    newer.put(out, 'proxy_connect_header', headers);
  }
  return out;
}

/** `oauth2`, Prometheus >= 2.27.0; its proxy and TLS settings need 2.43.0. */
export function addOAuth2(ctx: ConfigContext, gate: Gate, out: Doc, spec: OAuth2Spec | undefined, field: string): Doc {
  if (!spec) return out;
  const clientId = ctx.store.selectorText(spec.clientId, `${field}.clientId`);
  const clientSecret = ctx.store.secretText(spec.clientSecret, `${field}.clientSecret`);
  if (clientId === undefined || clientSecret === undefined) return out;
  const doc: Doc = { client_id: clientId, client_secret: clientSecret, token_url: spec.tokenUrl };
  if (spec.scopes && spec.scopes.length > 0) doc.scopes = [...spec.scopes];
  if (spec.endpointParams && Object.keys(spec.endpointParams).length > 0) {
    const params: Record<string, string> = {};
    for (const k of sortedKeys(spec.endpointParams)) params[k] = spec.endpointParams[k] as string;
    doc.endpoint_params = params;
  }
  const newer = gate.since('2.43.0');
  addProxy(ctx, newer, doc, spec, field);
  addSafeTls(ctx, newer, doc, spec.tlsConfig, `${field}.tlsConfig`);
  return gate.since('2.27.0').at(field).put(out, 'oauth2', doc);
}

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

/**
 * Reads the referenced TLS material, checks it as the operator's asset store
 * does (CA parses, cert and key form a pair) and records it for the
 * tls-assets Secret.
 */
function collectTlsAssets(ctx: ConfigContext, tls: SafeTLSConfig, field: string): void {
  const ca = hasSelector(tls.ca) ? ctx.store.selectorBytes(tls.ca, `${field}.ca`) : undefined;
  const cert = hasSelector(tls.cert) ? ctx.store.selectorBytes(tls.cert, `${field}.cert`) : undefined;
  const key = tls.keySecret ? ctx.store.secretBytes(tls.keySecret, `${field}.keySecret`) : undefined;
  if (ca && ca.length > 0 && hasSelector(tls.ca)) {
    const problem = checkCaPem(ca);
    if (problem) ctx.fail(`the CA ${describeSelector(tls.ca)} ${problem}`, `${field}.ca`);
    else ctx.store.addTlsAsset(assetSource(tls.ca), ca);
  }
  if (cert && key && cert.length > 0 && key.length > 0 && hasSelector(tls.cert) && tls.keySecret) {
    const problem = checkKeyPair(cert, key);
    if (problem) {
      ctx.fail(`the certificate ${describeSelector(tls.cert)} and key Secret ${tls.keySecret.name}, key "${tls.keySecret.key}": ${problem}`, `${field}.cert`);
    } else {
      ctx.store.addTlsAsset(assetSource(tls.cert), cert);
      ctx.store.addTlsAsset({ secret: { name: tls.keySecret.name ?? '', key: tls.keySecret.key } }, key);
    }
  }
}

function describeSelector(sel: SecretOrConfigMap): string {
  if (sel.secret) return `Secret ${sel.secret.name ?? ''}, key "${sel.secret.key}"`;
  return `ConfigMap ${sel.configMap?.name ?? ''}, key "${sel.configMap?.key ?? ''}"`;
}

function safeTlsDoc(ctx: ConfigContext, gate: Gate, tls: SafeTLSConfig, field: string): Doc {
  collectTlsAssets(ctx, tls, field);
  const doc: Doc = {};
  if (tls.insecureSkipVerify !== undefined && tls.insecureSkipVerify !== null) doc.insecure_skip_verify = tls.insecureSkipVerify;
  if (hasSelector(tls.ca)) doc.ca_file = `${TLS_ASSETS_DIR}/${ctx.store.tlsFileName(assetSource(tls.ca))}`;
  if (hasSelector(tls.cert)) doc.cert_file = `${TLS_ASSETS_DIR}/${ctx.store.tlsFileName(assetSource(tls.cert))}`;
  if (tls.keySecret) {
    doc.key_file = `${TLS_ASSETS_DIR}/${ctx.store.tlsFileName({ secret: { name: tls.keySecret.name ?? '', key: tls.keySecret.key } })}`;
  }
  if (tls.serverName) doc.server_name = tls.serverName;
  const g = gate.at(field);
  if (tls.minVersion) g.since('2.35.0').put(doc, 'min_version', tls.minVersion);
  if (tls.maxVersion) g.since('2.41.0').put(doc, 'max_version', tls.maxVersion);
  return doc;
}

/** `tls_config` from a SafeTLSConfig (Secret/ConfigMap references only). */
export function addSafeTls(ctx: ConfigContext, gate: Gate, out: Doc, tls: SafeTLSConfig | undefined, field: string): Doc {
  if (!tls) return out;
  const problem = validateTls(tls, false);
  if (problem) {
    ctx.fail(`invalid TLS configuration: ${problem}`, field);
    return out;
  }
  return gate.at(field).put(out, 'tls_config', safeTlsDoc(ctx, gate, tls, field));
}

/** `tls_config` from a TLSConfig (references, then file paths in the container). */
export function addTls(ctx: ConfigContext, gate: Gate, out: Doc, tls: TLSConfig | undefined, field: string): Doc {
  if (!tls) return out;
  const problem = validateTls(tls, true);
  if (problem) {
    ctx.fail(`invalid TLS configuration: ${problem}`, field);
    return out;
  }
  const doc = safeTlsDoc(ctx, gate, tls, field);
  if (tls.caFile) doc.ca_file = tls.caFile;
  if (tls.certFile) doc.cert_file = tls.certFile;
  if (tls.keyFile) doc.key_file = tls.keyFile;
  return gate.at(field).put(out, 'tls_config', doc);
}
