import type { HTTPConfig, ProxyConfig } from '../../api/alertmanager-config.js';
import type { SafeTLSConfig } from '../../api/types.js';
import { fail, tlsAssetFile, versionAtLeast, dropBefore, putSecret, type AmConfigContext, type Doc } from './context.js';
import { AM_SECRETS } from './secret-settings.js';
import { ungatedGate } from '../../version/gate.js';
import { listOf, shape } from './schema.js';
import { emptyMap, nonEmpty, ownValue } from '../../core/objects.js';

/** HTTP client configuration shared by receivers and `global.http_config`. */

export const tlsShape = shape([
  ['ca_file', 's'],
  ['cert_file', 's'],
  ['key_file', 's'],
  ['server_name', 's'],
  ['insecure_skip_verify', 'b!'],
  ['min_version', 's'],
  ['max_version', 's'],
]);

const proxyFields = [
  ['proxy_url', 's'],
  ['no_proxy', 's'],
  ['proxy_from_environment', 'b'],
  ['proxy_connect_header', 'mss'],
] as const;

export const httpShape = shape([
  ['authorization', shape([['type', 's'], ['credentials', 's'], ['credentials_file', 's']])],
  ['basic_auth', shape([['username', 's'], ['username_file', 's'], ['password', 's'], ['password_file', 's']])],
  [
    'oauth2',
    shape([
      ['client_id', 's!'],
      ['client_secret', 's!'],
      ['client_secret_file', 's'],
      ['scopes', 'ss'],
      ['token_url', 's!'],
      ['endpoint_params', 'm'],
      ...proxyFields,
      ['tls_config', tlsShape],
    ]),
  ],
  ['bearer_token', 's'],
  ['bearer_token_file', 's'],
  ['tls_config', tlsShape],
  ['follow_redirects', 'b?'],
  ['enable_http2', 'b?'],
  ['http_headers', 'any'],
  ...proxyFields,
]);

export { listOf };

/** The operator's semantic checks of an HTTPConfig (independent of the version). */
export function validateHttpConfig(hc: HTTPConfig | undefined, path: string): void {
  if (!hc) return;
  const bearer = hc.bearerTokenSecret !== undefined && hc.bearerTokenSecret !== null;
  if ((hc.basicAuth || hc.oauth2) && bearer) fail("at most one of 'basicAuth', 'oauth2' and 'bearerTokenSecret' must be configured", path);
  if (hc.authorization) {
    if (bearer) fail("'authorization' is not compatible with 'bearerTokenSecret'", path);
    if (hc.basicAuth || hc.oauth2) fail("at most one of 'basicAuth', 'oauth2' and 'authorization' must be configured", path);
    if (String(hc.authorization.type ?? '').toLowerCase() === 'basic') fail('authorization type cannot be set to "basic", use "basic_auth" instead', `${path}.authorization.type`);
  }
  if (hc.oauth2 && hc.basicAuth) fail("at most one of 'basicAuth', 'oauth2' and 'authorization' must be configured", path);
  if (hc.oauth2) {
    if (!hc.oauth2.tokenUrl) fail('OAuth2 tokenURL must be specified', `${path}.oauth2.tokenUrl`);
    if (hc.oauth2.clientId?.secret && hc.oauth2.clientId?.configMap) fail('cannot specify both Secret and ConfigMap', `${path}.oauth2.clientId`);
  }
  validateTls(hc.tlsConfig, `${path}.tlsConfig`);
  validateProxy(hc, path);
}

export function validateTls(tls: SafeTLSConfig | undefined, path: string): void {
  if (!tls) return;
  for (const k of ['ca', 'cert'] as const) {
    if (tls[k]?.secret && tls[k]?.configMap) fail(`${k}: cannot specify both Secret and ConfigMap`, `${path}.${k}`);
  }
  const hasCert = Boolean(tls.cert?.secret || tls.cert?.configMap);
  if (hasCert && !tls.keySecret) fail('client cert specified without client key', path);
  if (tls.keySecret && !hasCert) fail('client key specified without client cert', path);
  if (tls.minVersion && tls.maxVersion && String(tls.maxVersion) < String(tls.minVersion)) {
    fail(`max TLS version "${tls.maxVersion}" must be greater than or equal to min TLS version "${tls.minVersion}"`, path);
  }
}

function validateProxy(pc: HTTPConfig, path: string): void {
  const proxyUrl = String(pc.proxyUrl ?? pc.proxyURL ?? '');
  const fromEnv = pc.proxyFromEnvironment === true;
  const noProxy = String(pc.noProxy ?? '');
  if (proxyUrl !== '' && fromEnv) fail('if proxyFromEnvironment is configured, proxyURL must not be configured', path);
  if (proxyUrl === '' && noProxy !== '') fail('if noProxy is configured, proxyURL must also be configured', path);
  if (fromEnv && noProxy !== '') fail('if proxyFromEnvironment is configured, noProxy must not be configured', path);
  if (nonEmpty(pc.proxyConnectHeader) && proxyUrl === '' && !fromEnv) fail('if proxyConnectHeader is configured, proxyURL or proxyFromEnvironment must also be configured', path);
}

/** The operator's version checks of an HTTPConfig (checkHTTPConfig). */
export function checkHttpConfigVersion(ctx: AmConfigContext, hc: HTTPConfig | undefined, path: string): void {
  if (!hc) return;
  const v = ctx.version;
  const current = `${v.major}.${v.minor}.${v.patch}`;
  if (hc.authorization && !versionAtLeast(ctx, '0.22.0')) fail(`'authorization' config set in 'httpConfig' but supported in Alertmanager >= 0.22.0 only - current ${current}`, `${path}.authorization`);
  if (hc.oauth2 && !versionAtLeast(ctx, '0.22.0')) fail(`'oauth2' config set in 'httpConfig' but supported in Alertmanager >= 0.22.0 only - current ${current}`, `${path}.oauth2`);
  if ((hc.noProxy != null || hc.proxyFromEnvironment != null || hc.proxyConnectHeader != null) && !versionAtLeast(ctx, '0.25.0')) {
    fail(`'ProxyConfig' config set in 'httpConfig' but supported in Alertmanager >= 0.25.0 only - current ${current}`, path);
  }
}

/** Resolves every Secret an HTTPConfig refers to (the operator's store checks). */
export function checkHttpConfigRefs(ctx: AmConfigContext, hc: HTTPConfig | undefined, path: string): void {
  if (!hc) return;
  // Only the references are checked here (checks read through NamespaceAssets.checking): a file form the
  // version lacks is reported once, and what is mounted recorded, when the receiver is converted.
  convertHttpConfig({ ...ctx, gate: ungatedGate(ctx.version) }, hc, path);
}

export function convertTlsConfig(ctx: AmConfigContext, tls: SafeTLSConfig, path: string): Doc {
  const out: Doc = {};
  if (tls.ca?.secret || tls.ca?.configMap) out.ca_file = tlsAssetFile(ctx, tls.ca, `${path}.ca`, AM_SECRETS.tlsCa);
  if (tls.cert?.secret || tls.cert?.configMap) out.cert_file = tlsAssetFile(ctx, tls.cert, `${path}.cert`, AM_SECRETS.tlsCert);
  if (tls.keySecret) out.key_file = tlsAssetFile(ctx, { secret: tls.keySecret }, `${path}.keySecret`, AM_SECRETS.tlsKey, true);
  if (tls.serverName != null) out.server_name = tls.serverName;
  out.insecure_skip_verify = tls.insecureSkipVerify === true;
  if (tls.minVersion != null) out.min_version = tls.minVersion;
  if (tls.maxVersion != null) out.max_version = tls.maxVersion;
  return out;
}

/** A proxy configuration: an HTTPConfig's (which may also spell the URL `proxyURL`) or an OAuth2's. */
export function convertProxy(ctx: AmConfigContext, pc: ProxyConfig & { readonly proxyURL?: string }, path: string): Doc {
  const out: Doc = {};
  const proxyUrl = pc.proxyUrl ?? pc.proxyURL;
  if (proxyUrl != null) out.proxy_url = proxyUrl;
  if (pc.noProxy != null) out.no_proxy = pc.noProxy;
  if (pc.proxyFromEnvironment != null) out.proxy_from_environment = pc.proxyFromEnvironment;
  const connectHeader = pc.proxyConnectHeader;
  if (connectHeader && nonEmpty(connectHeader)) {
    const headers = emptyMap<string[]>();
    for (const [name, refs] of Object.entries(connectHeader)) {
      headers[name] = (refs ?? []).map((ref, i) => putSecret(ctx, {}, ref, `${path}.proxyConnectHeader.${name}[${i}]`, AM_SECRETS.proxyConnectHeader) ?? '');
    }
    out.proxy_connect_header = headers;
  }
  return out;
}

/** An AlertmanagerConfig HTTPConfig → `http_config`, with every Secret resolved. */
export function convertHttpConfig(ctx: AmConfigContext, hc: HTTPConfig | undefined, path: string): Doc | undefined {
  if (!hc) return undefined;
  const out: Doc = {};
  const proxy = convertProxy(ctx, hc, path);
  if (hc.proxyURL != null && hc.proxyURL !== '') proxy.proxy_url = hc.proxyURL;
  if (hc.basicAuth) {
    const basic: Doc = {};
    putSecret(ctx, basic, hc.basicAuth.username, `${path}.basicAuth.username`, AM_SECRETS.basicAuthUsername);
    putSecret(ctx, basic, hc.basicAuth.password, `${path}.basicAuth.password`, AM_SECRETS.basicAuthPassword);
    // The operator leaves basic_auth out when both values are empty; a file path is never empty.
    if (Object.values(basic).some((v) => v !== '')) out.basic_auth = { username: '', password: '', ...basic };
  }
  if (hc.authorization) {
    const auth: Doc = { type: hc.authorization.type || 'Bearer' };
    putSecret(ctx, auth, hc.authorization.credentials, `${path}.authorization.credentials`, AM_SECRETS.authorizationCredentials);
    if ((auth.credentials ?? '') !== '' || auth.credentials_file !== undefined) out.authorization = auth;
  }
  if (hc.tlsConfig) out.tls_config = convertTlsConfig(ctx, hc.tlsConfig, `${path}.tlsConfig`);
  if (hc.bearerTokenSecret) putSecret(ctx, out, hc.bearerTokenSecret, `${path}.bearerTokenSecret`, AM_SECRETS.bearerToken);
  if (hc.oauth2) {
    const o = hc.oauth2;
    const id = o.clientId?.secret || o.clientId?.configMap ? ctx.store.selectorSetting(o.clientId, `${path}.oauth2.clientId`, AM_SECRETS.oauth2ClientId, ctx.gate) : undefined;
    const secret: Doc = {};
    putSecret(ctx, secret, o.clientSecret, `${path}.oauth2.clientSecret`, AM_SECRETS.oauth2ClientSecret);
    const oauth: Doc = {
      client_id: id?.inline?.toString('utf8') ?? '',
      client_secret: secret.client_secret,
      client_secret_file: secret.client_secret_file,
      scopes: o.scopes,
      token_url: o.tokenUrl ?? '',
      endpoint_params: o.endpointParams,
      ...convertProxy(ctx, o, `${path}.oauth2`),
    };
    out.oauth2 = oauth;
  }
  if (hc.followRedirects != null) out.follow_redirects = hc.followRedirects;
  if (hc.enableHttp2 != null) out.enable_http2 = hc.enableHttp2;
  Object.assign(out, proxy);
  return out;
}

const TLS_VERSIONS: Readonly<Record<string, number>> = { '': 0, TLS10: 1, TLS11: 2, TLS12: 3, TLS13: 4 };

export function sanitizeTls(ctx: AmConfigContext, tls: Doc | undefined, where: string): void {
  if (!tls) return;
  dropBefore(ctx, tls, 'min_version', '0.25.0', `${where}.tls_config`);
  dropBefore(ctx, tls, 'max_version', '0.25.0', `${where}.tls_config`);
  const min = ownValue(TLS_VERSIONS, String(tls.min_version ?? ''));
  const max = ownValue(TLS_VERSIONS, String(tls.max_version ?? ''));
  if (min === undefined) fail(`unknown TLS version: ${String(tls.min_version)}`, where);
  if (max === undefined) fail(`unknown TLS version: ${String(tls.max_version)}`, where);
  if (min !== 0 && max !== 0 && min > max) fail(`max TLS version "${String(tls.max_version)}" must be greater than or equal to min TLS version "${String(tls.min_version)}"`, where);
}

function sanitizeProxy(ctx: AmConfigContext, pc: Doc, where: string): void {
  if (versionAtLeast(ctx, '0.26.0')) {
    const url = String(pc.proxy_url ?? '');
    const fromEnv = pc.proxy_from_environment === true;
    const noProxy = String(pc.no_proxy ?? '');
    if (nonEmpty(pc.proxy_connect_header) && !fromEnv && url === '') fail("if 'proxy_connect_header' is configured, 'proxy_url' or 'proxy_from_environment' must also be configured", where);
    if (fromEnv && url !== '') fail("if 'proxy_from_environment' is configured, 'proxy_url' must not be configured", where);
    if (fromEnv && noProxy !== '') fail("if 'proxy_from_environment' is configured, 'no_proxy' must not be configured", where);
    if (url === '' && noProxy !== '') fail("if 'no_proxy' is configured, 'proxy_url' must also be configured", where);
    return;
  }
  for (const key of ['proxy_from_environment', 'no_proxy', 'proxy_connect_header']) dropBefore(ctx, pc, key, '0.26.0', where);
}

/** Version gating and consistency checks of an `http_config`, as the operator applies them. */
export function sanitizeHttp(ctx: AmConfigContext, hc: Doc | undefined, where: string): void {
  if (!hc) return;
  const at = `${where}.http_config`;
  if (hc.authorization && !versionAtLeast(ctx, '0.22.0')) fail("'authorization' set in 'http_config' but supported in Alertmanager >= 0.22.0 only", at);
  if (hc.oauth2 && !versionAtLeast(ctx, '0.22.0')) fail("'oauth2' set in 'http_config' but supported in Alertmanager >= 0.22.0 only", at);
  if (hc.follow_redirects != null && !ctx.gate.since('0.22.0').at(at).check('follow_redirects')) delete hc.follow_redirects;
  if (hc.enable_http2 != null && !ctx.gate.since('0.25.0').at(at).check('enable_http2')) delete hc.enable_http2;
  if (hc.http_headers != null && !ctx.gate.since('0.28.0').at(at).check('http_headers')) delete hc.http_headers;
  sanitizeTls(ctx, hc.tls_config as Doc | undefined, at);
  sanitizeProxy(ctx, hc, at);
  const oauth = hc.oauth2 as Doc | undefined;
  if (oauth && (nonEmpty(oauth.proxy_url) || nonEmpty(oauth.no_proxy) || nonEmpty(oauth.proxy_connect_header)) && !ctx.gate.since('0.25.0').at(`${at}.oauth2`).check('proxy_url')) {
    for (const k of ['proxy_url', 'no_proxy', 'proxy_from_environment', 'proxy_connect_header']) delete oauth[k];
  }
}
