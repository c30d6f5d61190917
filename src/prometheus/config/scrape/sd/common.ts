/**
 * Pieces the SD mechanisms share: optional keys, the HTTP client settings
 * (credentials, TLS, proxy) written with the repository's HTTP helpers, and
 * the checks the operator's selector makes on them before generation.
 */
import { re2 } from '../../../../core/regex/re2.js';
import type { SafeTLSConfig } from '../../../../api/types.js';
import type { Gate } from '../../../../version/gate.js';
import type { ConfigContext, Doc } from '../../context.js';
import {
  addBasicAuth,
  addOAuth2,
  addProxy,
  addSafeAuthorization,
  checkProxy,
  type BasicAuthSpec,
  type OAuth2Spec,
  type ProxySpec,
  type SafeAuthorizationSpec,
} from '../../../../promconfig/http.js';
import { addSafeTls } from '../../../../promconfig/tls.js';
import type { Fail } from '../../../../core/fail.js';
import type { SecretSetting } from '../../../../assets/namespace-assets.js';
import { notNil } from '../../../../core/objects.js';

/** `out[key] = value` when the value is set (a Go pointer that is not nil). */
export function opt(out: Doc, key: string, value: unknown): Doc {
  if (notNil(value)) out[key] = value;
  return out;
}

/** A list as Go's YAML encoder writes a slice: absent is `[]`. */
export function list<T>(value: readonly T[] | undefined | null): T[] {
  return [...(value ?? [])];
}

/** The HTTP client settings an SD entry may carry. */
export interface HttpSd extends ProxySpec {
  readonly basicAuth?: BasicAuthSpec;
  readonly authorization?: SafeAuthorizationSpec;
  readonly oauth2?: OAuth2Spec;
  readonly tlsConfig?: SafeTLSConfig;
  readonly followRedirects?: boolean;
  readonly enableHTTP2?: boolean;
}

/** Appenders for one HTTP setting each; every SD calls them in its own order. */
export const http = {
  basicAuth: (ctx: ConfigContext, out: Doc, c: HttpSd, field: string): Doc => addBasicAuth(ctx, ctx.gate, out, c.basicAuth, `${field}.basicAuth`),
  authorization: (ctx: ConfigContext, out: Doc, c: HttpSd, field: string): Doc =>
    addSafeAuthorization(ctx, ctx.gate, out, c.authorization, `${field}.authorization`),
  oauth2: (ctx: ConfigContext, out: Doc, c: HttpSd, field: string): Doc => addOAuth2(ctx, ctx.gate, out, c.oauth2, `${field}.oauth2`),
  proxy: (ctx: ConfigContext, out: Doc, c: HttpSd, field: string): Doc => addProxy(ctx, ctx.gate, out, c, field),
  /** Basic auth, authorization, OAuth2 and proxy, in that order: how most mechanisms open their entry. */
  client: (ctx: ConfigContext, out: Doc, c: HttpSd, field: string): Doc => {
    http.basicAuth(ctx, out, c, field);
    return http.tokenClient(ctx, out, c, field);
  },
  /** Authorization, OAuth2 and proxy, in that order: the client of the mechanisms that open without basic auth. */
  tokenClient: (ctx: ConfigContext, out: Doc, c: HttpSd, field: string): Doc => {
    http.authorization(ctx, out, c, field);
    http.oauth2(ctx, out, c, field);
    return http.proxy(ctx, out, c, field);
  },
  tls: (ctx: ConfigContext, out: Doc, c: HttpSd, field: string, gate: Gate = ctx.gate): Doc =>
    addSafeTls(ctx, gate, out, c.tlsConfig, `${field}.tlsConfig`),
  followRedirects: (out: Doc, c: HttpSd): Doc => opt(out, 'follow_redirects', c.followRedirects),
  enableHttp2: (out: Doc, c: HttpSd): Doc => opt(out, 'enable_http2', c.enableHTTP2),
};

/** The checks the operator's SafeAuthorization.Validate makes (only when credentials are given). */
export function checkAuthorization(auth: SafeAuthorizationSpec | undefined, field: string, fail: Fail): void {
  if (!auth || !auth.credentials) return;
  if ((auth.type ?? '').trim().toLowerCase() === 'basic') {
    fail(`'authorization' type cannot be set to "basic", use "basicAuth" instead`, `${field}.type`);
  }
}

function emptySelector(sel: OAuth2Spec['clientId'] | undefined): boolean {
  return !sel || (!sel.secret && !sel.configMap);
}

/** The checks the operator's OAuth2.Validate makes. */
export function checkOAuth2(oauth2: OAuth2Spec | undefined, field: string, fail: Fail): void {
  if (!oauth2) return;
  if (!oauth2.tokenUrl) fail('OAuth2 tokenURL must be specified', `${field}.tokenUrl`);
  else if (emptySelector(oauth2.clientId)) fail("OAuth2 'clientID' must be specified", `${field}.clientId`);
  else if (oauth2.clientId.secret && oauth2.clientId.configMap) {
    fail("invalid OAuth2 'clientID': cannot specify both Secret and ConfigMap", `${field}.clientId`);
  } else {
    const problem = checkProxy(oauth2);
    if (problem) fail(`invalid OAuth2 proxyConfig: ${problem}`, field);
  }
}

/** Proxy settings (inline in the entry) as the operator's ProxyConfig.Validate checks them. */
export function checkProxySettings(c: ProxySpec, field: string, fail: Fail): void {
  const problem = checkProxy(c);
  if (problem) fail(problem, field);
}

/** authorization, oauth2 and proxy checks of an SD entry; TLS and Secret references are checked while building. */
export function checkHttpSd(c: HttpSd, field: string, fail: Fail): void {
  checkAuthorization(c.authorization, `${field}.authorization`, fail);
  checkOAuth2(c.oauth2, `${field}.oauth2`, fail);
  checkProxySettings(c, field, fail);
}

const SERVER_URL = re2('^([a-zA-Z][a-zA-Z0-9+.-]*)://([^/?#]*)');

/** The operator's `validateServer`: a URL with a scheme and a host. */
export function checkServerUrl(server: string | undefined, field: string, fail: Fail): void {
  const text = server ?? '';
  const m = SERVER_URL.exec(text);
  if (!m || !m[2]) fail(`must not be empty and have a scheme: ${text}`, field);
}

/**
 * A Secret key the entry needs, written by the one decision
 * (NamespaceAssets.secretSetting): under `setting.key` when copied, under its
 * file key when referenced. Nothing is written when the reference is unset or
 * failed; `fallback` is written instead when given (the operator writes an
 * empty string there).
 */
export function putSecret(ctx: ConfigContext, out: Doc, ref: { name?: string; key: string } | undefined, field: string, setting: SecretSetting, fallback?: string): Doc {
  if (ref) ctx.store.putSetting(out, ref, field, setting, ctx.gate, fallback);
  else if (fallback !== undefined) out[setting.key] = fallback;
  return out;
}
