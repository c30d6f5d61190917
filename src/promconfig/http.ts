/**
 * Client credentials and proxy settings shared by every section that talks
 * to a server (alertmanagers, remote write and read, service discovery,
 * scrape jobs, the ThanosRuler's remote write): basic auth, authorization,
 * sigv4, OAuth 2.0 and the proxy keys. Each helper appends one key to `out`
 * in the operator's shape and returns it; `tls_config` is in tls.ts.
 */
import type { SafeTLSConfig, SecretOrConfigMap } from '../api/types.js';
import { sortedKeys } from '../core/compare.js';
import { mapOf, yamlV2Map } from '../core/objects.js';
import type { Gate } from '../version/gate.js';
import type { Doc, PromConfigContext } from './context.js';
import type { SecretRef } from '../assets/namespace-assets.js';
import { PROM_SECRETS } from './secret-settings.js';
import { addSafeTls } from './tls.js';

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
export function addBasicAuth(ctx: PromConfigContext, gate: Gate, out: Doc, spec: BasicAuthSpec | undefined, field: string): Doc {
  if (!spec) return out;
  const doc: Doc = {};
  // The operator writes both keys, empty when unset; a file form the target version lacks is left out (with a warning).
  const username = spec.username ? ctx.store.secretSetting(spec.username, `${field}.username`, PROM_SECRETS.basicAuthUsername, gate) : undefined;
  doc[username?.key ?? 'username'] = username?.value ?? '';
  const password = spec.password ? ctx.store.secretSetting(spec.password, `${field}.password`, PROM_SECRETS.basicAuthPassword, gate) : undefined;
  doc[password?.key ?? 'password'] = password?.value ?? '';
  return gate.at(field).put(out, 'basic_auth', doc);
}

export interface BearerTokenSpec {
  readonly bearerToken?: string;
  readonly bearerTokenFile?: string;
}

/** The deprecated `bearer_token` (with a warning) and `bearer_token_file`, as given. */
export function addBearerToken(ctx: PromConfigContext, out: Doc, spec: BearerTokenSpec, field: string): Doc {
  if (spec.bearerToken) {
    ctx.warn('bearerToken is deprecated; use authorization instead', `${field}.bearerToken`);
    out.bearer_token = spec.bearerToken;
  }
  if (spec.bearerTokenFile) out.bearer_token_file = spec.bearerTokenFile;
  return out;
}

function safeAuthorizationDoc(ctx: PromConfigContext, gate: Gate, spec: SafeAuthorizationSpec, field: string): Doc {
  const doc: Doc = { type: (spec.type || 'Bearer').trim() };
  // A reference without a Secret name is not looked up, as in the operator.
  if (spec.credentials && spec.credentials.name) {
    ctx.store.putSetting(doc, spec.credentials, `${field}.credentials`, PROM_SECRETS.authorizationCredentials, gate);
  }
  return doc;
}

/** `authorization` (type defaults to Bearer), Prometheus >= 2.26.0. */
export function addSafeAuthorization(ctx: PromConfigContext, gate: Gate, out: Doc, spec: SafeAuthorizationSpec | undefined, field: string): Doc {
  if (!spec) return out;
  const g = gate.since('2.26.0');
  return g.at(field).put(out, 'authorization', safeAuthorizationDoc(ctx, g, spec, field));
}

/** `authorization` with an optional credentials file. */
export function addAuthorization(ctx: PromConfigContext, gate: Gate, out: Doc, spec: AuthorizationSpec | undefined, field: string): Doc {
  if (!spec) return out;
  const g = gate.since('2.26.0');
  const doc = safeAuthorizationDoc(ctx, g, spec, field);
  if (spec.credentialsFile) doc.credentials_file = spec.credentialsFile;
  return g.at(field).put(out, 'authorization', doc);
}

/** `sigv4`; keys are written only when both of them resolve to non-empty values. */
export function addSigv4(ctx: PromConfigContext, gate: Gate, out: Doc, spec: Sigv4Spec | undefined, field: string): Doc {
  if (!spec) return out;
  if (Boolean(spec.accessKey) !== Boolean(spec.secretKey)) {
    ctx.fail('sigv4: both accessKey and secretKey should be provided', field);
    return out;
  }
  const doc: Doc = {};
  if (spec.region) doc.region = spec.region;
  if (spec.accessKey && spec.secretKey) {
    const ak = ctx.store.secretSetting(spec.accessKey, `${field}.accessKey`, PROM_SECRETS.sigv4AccessKey, gate)?.value ?? '';
    const sk = ctx.store.secretSetting(spec.secretKey, `${field}.secretKey`, PROM_SECRETS.sigv4SecretKey, gate)?.value ?? '';
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
export function addProxy(ctx: PromConfigContext, gate: Gate, out: Doc, spec: ProxySpec | undefined, field: string): Doc {
  if (!spec) return out;
  const g = gate.at(field);
  if (spec.proxyUrl !== undefined && spec.proxyUrl !== null) g.put(out, 'proxy_url', spec.proxyUrl);
  const newer = g.since('2.43.0');
  if (spec.noProxy !== undefined && spec.noProxy !== null) newer.put(out, 'no_proxy', spec.noProxy);
  if (spec.proxyFromEnvironment !== undefined && spec.proxyFromEnvironment !== null) {
    newer.put(out, 'proxy_from_environment', spec.proxyFromEnvironment);
  }
  if (spec.proxyConnectHeader) {
    const headers = spec.proxyConnectHeader;
    const values = sortedKeys(headers).map((name) => {
      const secrets = (headers[name] ?? []).map((ref, i) => ctx.store.secretSetting(ref, `${field}.proxyConnectHeader.${name}[${i}]`, PROM_SECRETS.proxyConnectHeader, newer)?.value ?? '');
      return [name, secrets] as const;
    });
    newer.put(out, 'proxy_connect_header', mapOf(values));
  }
  return out;
}

/** `oauth2`, Prometheus >= 2.27.0; its proxy and TLS settings need 2.43.0. */
export function addOAuth2(ctx: PromConfigContext, gate: Gate, out: Doc, spec: OAuth2Spec | undefined, field: string): Doc {
  if (!spec) return out;
  const g = gate.since('2.27.0');
  const clientId = spec.clientId.secret || spec.clientId.configMap ? ctx.store.selectorSetting(spec.clientId, `${field}.clientId`, PROM_SECRETS.oauth2ClientId, g) : { inline: Buffer.alloc(0) };
  const clientSecret = ctx.store.secretSetting(spec.clientSecret, `${field}.clientSecret`, PROM_SECRETS.oauth2ClientSecret, g);
  if (clientId?.inline === undefined || clientSecret === undefined) return out;
  const doc: Doc = { client_id: clientId.inline.toString('utf8'), [clientSecret.key]: clientSecret.value, token_url: spec.tokenUrl };
  if (spec.scopes && spec.scopes.length > 0) doc.scopes = [...spec.scopes];
  // The operator hands this Go map to the YAML encoder as it is: gopkg.in/yaml.v2's key order.
  if (spec.endpointParams && Object.keys(spec.endpointParams).length > 0) doc.endpoint_params = yamlV2Map(spec.endpointParams);
  const newer = gate.since('2.43.0');
  addProxy(ctx, newer, doc, spec, field);
  addSafeTls(ctx, newer, doc, spec.tlsConfig, `${field}.tlsConfig`);
  return g.at(field).put(out, 'oauth2', doc);
}
