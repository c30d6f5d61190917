/**
 * The checks the operator's resource selector makes on the endpoints of
 * ServiceMonitors, PodMonitors and Probes before a monitor is used
 * (pkg/prometheus/resource_selector.go); each kind's own file runs them in
 * the operator's order. Every problem goes to `fail` and is reported, not
 * only the first; any problem rejects the monitor.
 *
 * Missing Secret and ConfigMap keys are not looked for here: generation
 * reports them. What the operator checks about a value (a CA that must parse,
 * a certificate and key that must form a pair) is checked here, without ever
 * quoting the value. The ScrapeConfig's checks word their messages as the
 * operator's own Validate methods do, and live in sd/common.ts.
 */
import type { RelabelConfig, SafeTLSConfig, SecretOrConfigMap, TLSConfig } from '../../../api/types.js';
import { configMapKey, secretKey, type Lookup } from '../../../assets/assets.js';
import { selectorPredicate, type LabelSelector } from '../../../core/labels.js';
import { re2 } from '../../../core/regex/re2.js';
import { isDigits } from '../../../core/regex/scan.js';
import type { Fail } from '../../../core/fail.js';
import { atLeast } from '../../../version/semver.js';
import type { ConfigContext } from '../context.js';
import { DEFAULT_INTERVAL } from '../global.js';
import { checkScrapeTimeout } from '../scrape-timeout.js';
import { checkProxy, type BasicAuthSpec, type OAuth2Spec, type ProxySpec, type SafeAuthorizationSpec } from '../../../promconfig/http.js';
import { validateTls } from '../../../promconfig/tls.js';
import { relabelProblem } from '../../../promconfig/relabel.js';
import type { SecretRef } from '../../../assets/namespace-assets.js';
import { checkCaPem, checkKeyPair } from '../../../assets/tls-checks.js';

/** The scrape settings of an endpoint that are checked. */
export interface CheckedScrape {
  readonly interval?: string;
  readonly scrapeTimeout?: string;
  readonly relabelings?: readonly RelabelConfig[];
  readonly metricRelabelings?: readonly RelabelConfig[];
}

/** The HTTP client settings a monitor endpoint may carry (all three kinds). */
export interface CheckedHttpClient extends ProxySpec {
  readonly authorization?: SafeAuthorizationSpec;
  readonly basicAuth?: BasicAuthSpec;
  readonly oauth2?: OAuth2Spec;
  readonly bearerTokenSecret?: SecretRef;
  readonly tlsConfig?: TLSConfig | SafeTLSConfig;
}

/** spec.selector and spec.selectorMechanism of a ServiceMonitor or PodMonitor. */
export function checkMonitorSelector(ctx: ConfigContext, fail: Fail, spec: { readonly selector?: LabelSelector; readonly selectorMechanism?: string }): void {
  checkSelector(fail, spec.selector, 'spec.selector');
  checkSelectorMechanism(ctx, fail, spec.selectorMechanism, 'spec.selectorMechanism');
}

/** What one endpoint scrapes: its timeout against its interval, then its relabelings and metric relabelings. */
export function checkEndpointScrape(ctx: ConfigContext, fail: Fail, ep: CheckedScrape, field: string): void {
  checkIntervalAndTimeout(ctx, fail, ep, field);
  checkRelabelingList(ctx, fail, ep.relabelings, `${field}.relabelings`);
  checkRelabelingList(ctx, fail, ep.metricRelabelings, `${field}.metricRelabelings`);
}

/** One endpoint's HTTP client, then the TLS material it and its OAuth2 client read. */
export function checkEndpointClient(ctx: ConfigContext, fail: Fail, ep: CheckedHttpClient, field: string, withTlsFiles: boolean): void {
  checkHttpClient(fail, ep, field, withTlsFiles);
  checkTlsMaterial(ctx, fail, ep.tlsConfig, `${field}.tlsConfig`, withTlsFiles);
  checkTlsMaterial(ctx, fail, ep.oauth2?.tlsConfig, `${field}.oauth2.tlsConfig`);
}

function checkSelector(fail: Fail, selector: LabelSelector | undefined, field: string): void {
  try {
    selectorPredicate(selector ?? {});
  } catch (e) {
    fail(`invalid label selector: ${e instanceof Error ? e.message : String(e)}`, field);
  }
}

function checkSelectorMechanism(ctx: ConfigContext, fail: Fail, mechanism: string | undefined, field: string): void {
  if (mechanism === 'RoleSelector' && !atLeast(ctx.gate.version, '2.17.0')) {
    fail('RoleSelector needs Prometheus 2.17.0 or newer; use RelabelConfig or raise spec.version', field);
  }
}

const AUTH_METHODS = ['authorization', 'basicAuth', 'bearerTokenSecret', 'oauth2'] as const;

/** The operator's checks on an endpoint's HTTP client: one authentication method, then each setting. */
function checkHttpClient(fail: Fail, ep: CheckedHttpClient, field: string, withTlsFiles: boolean): void {
  const set = AUTH_METHODS.filter((m) => ep[m] !== undefined && ep[m] !== null);
  if (set.length > 1) {
    fail(`${set[0]} and ${set[1]} cannot be configured at the same time; keep one authentication method`, field);
  }
  if (ep.authorization) checkAuthorization(fail, ep.authorization, `${field}.authorization`);
  if (ep.oauth2) checkOAuth2(fail, ep.oauth2, `${field}.oauth2`);
  if (ep.tlsConfig) {
    const problem = validateTls(ep.tlsConfig, withTlsFiles);
    if (problem) fail(`invalid TLS configuration: ${problem}`, `${field}.tlsConfig`);
  }
  checkProxySettings(fail, ep, field);
}

export function checkAuthorization(fail: Fail, auth: SafeAuthorizationSpec, field: string): void {
  if ((auth.type ?? '').trim().toLowerCase() === 'basic') {
    fail('type cannot be "Basic"; use basicAuth instead', `${field}.type`);
  }
  if (!auth.credentials) fail('credentials are required (a Secret key holding the token)', `${field}.credentials`);
}

export function checkOAuth2(fail: Fail, oauth2: OAuth2Spec, field: string): void {
  if (!oauth2.tokenUrl) fail('tokenUrl must be set', `${field}.tokenUrl`);
  const clientId = oauth2.clientId as SecretOrConfigMap | undefined;
  if (!clientId || (!clientId.secret && !clientId.configMap)) {
    fail('clientId must name a Secret or ConfigMap key', `${field}.clientId`);
  } else if (clientId.secret && clientId.configMap) {
    fail('set either secret or configMap, not both', `${field}.clientId`);
  }
  if (oauth2.tlsConfig) {
    const problem = validateTls(oauth2.tlsConfig, false);
    if (problem) fail(`invalid TLS configuration: ${problem}`, `${field}.tlsConfig`);
  }
  checkProxySettings(fail, oauth2, field);
}

export function checkProxySettings(fail: Fail, proxy: ProxySpec, field: string): void {
  const problem = checkProxy(proxy);
  if (problem) {
    fail(`invalid proxy configuration: ${problem}`, field);
    return;
  }
  const urlProblem = proxy.proxyUrl ? urlParseProblem(proxy.proxyUrl) : undefined;
  if (urlProblem) fail(`invalid proxy URL: ${urlProblem}`, `${field}.proxyUrl`);
}

export function checkIntervalAndTimeout(ctx: ConfigContext, fail: Fail, ep: { interval?: string; scrapeTimeout?: string }, field: string): void {
  if (!ep.scrapeTimeout) return;
  const interval = ep.interval || ctx.spec.scrapeInterval || DEFAULT_INTERVAL;
  const problem = checkScrapeTimeout(ep.scrapeTimeout, interval);
  if (problem) fail(`${problem}; the scrape timeout may not exceed the scrape interval`, `${field}.scrapeTimeout`);
}

/** Each relabeling as the target Prometheus would judge it. */
export function checkRelabelingList(ctx: ConfigContext, fail: Fail, configs: readonly RelabelConfig[] | undefined, field: string): void {
  for (const [i, rc] of (configs ?? []).entries()) {
    const problem = relabelProblem(rc, ctx.gate.version, ctx.memo);
    if (problem) fail(problem, `${field}[${i}]`);
  }
}

export function checkScrapeClassName(ctx: ConfigContext, fail: Fail, name: string | undefined): void {
  if (!name) return;
  const classes = ctx.spec.scrapeClasses ?? [];
  if (classes.some((c) => c.name === name)) return;
  const known = classes.map((c) => c.name);
  const hint = known.length > 0 ? `; the Prometheus defines ${known.map((n) => `"${n}"`).join(', ')}` : '; the Prometheus defines no scrape classes';
  fail(`scrape class "${name}" is not in the Prometheus's spec.scrapeClasses${hint}`, 'spec.scrapeClass');
}

// --- TLS material -----------------------------------------------------------

function hasSelector(sel: SecretOrConfigMap | undefined): sel is SecretOrConfigMap {
  return Boolean(sel?.secret || sel?.configMap);
}

/** Reads a key without reporting a miss (generation reports missing keys). */
function quietLookup(ctx: ConfigContext, sel: SecretOrConfigMap): Buffer | undefined {
  const ns = ctx.store.namespace;
  let found: Lookup;
  if (sel.secret) found = secretKey(ctx.assets, ns, { name: sel.secret.name ?? '', key: sel.secret.key });
  else if (sel.configMap) found = configMapKey(ctx.assets, ns, { name: sel.configMap.name ?? '', key: sel.configMap.key });
  else return undefined;
  return found.ok ? found.value : undefined;
}

function describeSelector(sel: SecretOrConfigMap): string {
  if (sel.secret) return `Secret ${sel.secret.name ?? ''} key "${sel.secret.key}"`;
  return `ConfigMap ${sel.configMap?.name ?? ''} key "${sel.configMap?.key ?? ''}"`;
}

/**
 * The CA must be a PEM certificate; a client certificate and key must form a
 * pair. Only a TLS config that passed its own checks is read, as in the operator.
 */
export function checkTlsMaterial(ctx: ConfigContext, fail: Fail, tls: SafeTLSConfig | TLSConfig | undefined, field: string, withFiles = false): void {
  if (!tls || validateTls(tls, withFiles)) return;
  if (hasSelector(tls.ca)) {
    const ca = quietLookup(ctx, tls.ca);
    const problem = ca && ca.length > 0 ? checkCaPem(ca) : undefined;
    if (problem) fail(`the CA in ${describeSelector(tls.ca)} ${problem}`, `${field}.ca`);
  }
  if (hasSelector(tls.cert) && tls.keySecret) {
    const cert = quietLookup(ctx, tls.cert);
    const key = quietLookup(ctx, { secret: tls.keySecret });
    if (cert && key && cert.length > 0 && key.length > 0) {
      const problem = checkKeyPair(cert, key);
      if (problem) {
        fail(`the certificate in ${describeSelector(tls.cert)} and the key in Secret ${tls.keySecret.name ?? ''} key "${tls.keySecret.key}": ${problem}`, `${field}.cert`);
      }
    }
  }
}

// --- URLs ---------------------------------------------------------------------

const URL_SCHEME = re2('^([a-zA-Z][a-zA-Z0-9+.-]*):');

/**
 * Why Go's url.Parse would refuse a URL, for the cases a typo produces:
 * control characters, a bad %-escape, a missing scheme before a colon, a
 * port that is not a number.
 */
export function urlParseProblem(raw: string): string | undefined {
  if (/[\x00-\x1f\x7f]/.test(raw)) return 'the URL contains a control character';
  const beforeQuery = raw.split(/[?#]/, 1)[0] ?? '';
  if (/%(?![0-9a-fA-F]{2})/.test(beforeQuery)) return 'the URL contains an invalid %-escape';
  if (raw.startsWith(':')) return 'the URL is missing a protocol scheme';
  const scheme = URL_SCHEME.exec(raw);
  const rest = scheme ? raw.slice((scheme[0] as string).length) : raw;
  if (!scheme && !rest.startsWith('/') && (rest.split('/', 1)[0] ?? '').includes(':')) {
    return 'the URL is missing a protocol scheme (a colon appears before the first slash)';
  }
  if (rest.startsWith('//')) {
    const userAndHost = rest.slice(2).split(/[/?#]/, 1)[0] ?? '';
    // Up to the last `@` (`^.*@`); a URL with a line break was refused above, but for U+2028/U+2029, which `.` does not match either.
    const lineEnd = Math.min(...['\u2028', '\u2029'].map((c) => (userAndHost.includes(c) ? userAndHost.indexOf(c) : Infinity)));
    const authority = userAndHost.slice(userAndHost.lastIndexOf('@', lineEnd - 1) + 1);
    const port = authority.startsWith('[') ? authority.slice(authority.indexOf(']') + 1) : authority.slice(authority.indexOf(':') >= 0 ? authority.indexOf(':') : authority.length);
    if (port !== '' && !(port.startsWith(':') && (port === ':' || isDigits(port.slice(1))))) return `the URL has an invalid port "${port}"`;
  }
  return undefined;
}
