/**
 * The checks the operator's resource selector makes before a monitor is
 * used (pkg/prometheus/resource_selector.go). Each returns the problems found;
 * any problem rejects the monitor.
 *
 * The checks run in the operator's order, but every problem is reported, not
 * only the first. Missing Secret and ConfigMap keys are not looked for here:
 * generation reports them. What the operator checks about a value (a CA that
 * must parse, a certificate and key that must form a pair) is checked here,
 * without ever quoting the value.
 */
import { isIP } from 'node:net';
import type { PodMonitor, Probe, RelabelConfig, SafeTLSConfig, SecretOrConfigMap, ServiceMonitor, TLSConfig } from '../../../api/types.js';
import { configMapKey, secretKey, type Lookup } from '../../../assets/assets.js';
import { sortedKeys } from '../../../core/compare.js';
import { checkSelector as checkLabelSelector, type LabelSelector } from '../../../core/labels.js';
import { re2 } from '../../../core/regex/re2.js';
import { isDigits, isInteger, isLegacyLabelName } from '../../../core/regex/scan.js';
import { atLeast } from '../../../version/semver.js';
import type { ConfigContext } from '../context.js';
import { DEFAULT_INTERVAL } from '../global.js';
import { checkScrapeTimeout } from '../duration.js';
import { checkProxy, type BasicAuthSpec, type OAuth2Spec, type ProxySpec, type SafeAuthorizationSpec } from '../../../promconfig/http.js';
import { validateTls } from '../../../promconfig/tls.js';
import { relabelProblem } from '../../../promconfig/relabel.js';
import type { SecretRef } from '../../../assets/namespace-assets.js';
import { checkCaPem, checkKeyPair } from '../../../assets/tls-checks.js';
import type { MonitorProblem } from './monitor-context.js';

/** The HTTP client settings a monitor endpoint may carry (all three kinds). */
interface HttpClientSpec extends ProxySpec {
  readonly authorization?: SafeAuthorizationSpec;
  readonly basicAuth?: BasicAuthSpec;
  readonly oauth2?: OAuth2Spec;
  readonly bearerTokenSecret?: SecretRef;
  readonly tlsConfig?: TLSConfig | SafeTLSConfig;
}

interface EndpointSpec extends HttpClientSpec {
  readonly interval?: string;
  readonly scrapeTimeout?: string;
  readonly relabelings?: readonly RelabelConfig[];
  readonly metricRelabelings?: readonly RelabelConfig[];
  readonly bearerTokenFile?: string;
}

/** Collects problems; `field` is the path of the offending field, which also leads the message. */
class Problems {
  readonly list: MonitorProblem[] = [];
  add(field: string, message: string): void {
    this.list.push({ message: `${field}: ${message}`, field });
  }
}

export function validateServiceMonitor(ctx: ConfigContext, sm: ServiceMonitor): MonitorProblem[] {
  const p = new Problems();
  const spec = sm.spec;
  checkSelector(p, spec.selector as LabelSelector | undefined, 'spec.selector');
  checkSelectorMechanism(ctx, p, spec.selectorMechanism, 'spec.selectorMechanism');
  const denyFiles = ctx.spec.arbitraryFSAccessThroughSMs?.deny === true;
  for (const [i, raw] of (spec.endpoints ?? []).entries()) {
    const ep = raw as EndpointSpec;
    const field = `spec.endpoints[${i}]`;
    if (denyFiles) checkNoFileAccess(p, ep, field);
    checkHttpClient(p, ep, field, true);
    checkTlsMaterial(ctx, p, ep.tlsConfig, `${field}.tlsConfig`, true);
    checkTlsMaterial(ctx, p, ep.oauth2?.tlsConfig, `${field}.oauth2.tlsConfig`);
    checkIntervalAndTimeout(ctx, p, ep, field);
    checkRelabelings(ctx, p, ep.relabelings, `${field}.relabelings`);
    checkRelabelings(ctx, p, ep.metricRelabelings, `${field}.metricRelabelings`);
  }
  checkScrapeClassName(ctx, p, spec.scrapeClass);
  return p.list;
}

export function validatePodMonitor(ctx: ConfigContext, pm: PodMonitor): MonitorProblem[] {
  const p = new Problems();
  const spec = pm.spec;
  checkSelector(p, spec.selector as LabelSelector | undefined, 'spec.selector');
  checkSelectorMechanism(ctx, p, spec.selectorMechanism, 'spec.selectorMechanism');
  for (const [i, raw] of (spec.podMetricsEndpoints ?? []).entries()) {
    const ep = raw as EndpointSpec;
    const field = `spec.podMetricsEndpoints[${i}]`;
    checkIntervalAndTimeout(ctx, p, ep, field);
    checkRelabelings(ctx, p, ep.relabelings, `${field}.relabelings`);
    checkRelabelings(ctx, p, ep.metricRelabelings, `${field}.metricRelabelings`);
    checkHttpClient(p, ep, field, false);
    checkTlsMaterial(ctx, p, ep.tlsConfig, `${field}.tlsConfig`);
    checkTlsMaterial(ctx, p, ep.oauth2?.tlsConfig, `${field}.oauth2.tlsConfig`);
  }
  checkScrapeClassName(ctx, p, spec.scrapeClass);
  return p.list;
}

interface ProbeSpecView extends HttpClientSpec {
  readonly interval?: string;
  readonly scrapeTimeout?: string;
  readonly metricRelabelings?: readonly RelabelConfig[];
  readonly scrapeClass?: string;
  readonly prober?: ProxySpec & { readonly url?: string };
  readonly targets?: {
    readonly staticConfig?: { readonly labels?: Readonly<Record<string, string>>; readonly relabelingConfigs?: readonly RelabelConfig[] };
    readonly ingress?: { readonly relabelingConfigs?: readonly RelabelConfig[] };
  };
}

export function validateProbe(ctx: ConfigContext, probe: Probe): MonitorProblem[] {
  const p = new Problems();
  const spec = (probe.spec ?? {}) as ProbeSpecView;
  checkScrapeClassName(ctx, p, spec.scrapeClass);
  const targets = spec.targets ?? {};
  if (!targets.staticConfig && !targets.ingress) {
    p.add('spec.targets', 'set at least one of staticConfig and ingress');
  }
  // Unlike the endpoints of the other kinds, a Probe's client settings are
  // checked one by one: several authentication methods may be set together.
  const tlsProblem = spec.tlsConfig ? validateTls(spec.tlsConfig, false) : undefined;
  if (tlsProblem) p.add('spec.tlsConfig', `invalid TLS configuration: ${tlsProblem}`);
  checkTlsMaterial(ctx, p, spec.tlsConfig, 'spec.tlsConfig');
  if (spec.authorization?.credentials) checkAuthorization(p, spec.authorization, 'spec.authorization');
  if (spec.oauth2) {
    checkOAuth2(p, spec.oauth2, 'spec.oauth2');
    checkTlsMaterial(ctx, p, spec.oauth2.tlsConfig, 'spec.oauth2.tlsConfig');
  }
  checkIntervalAndTimeout(ctx, p, spec, 'spec');
  checkRelabelings(ctx, p, spec.metricRelabelings, 'spec.metricRelabelings');
  if (targets.staticConfig) {
    checkLabelNames(ctx, p, targets.staticConfig.labels, 'spec.targets.staticConfig.labels');
    checkRelabelings(ctx, p, targets.staticConfig.relabelingConfigs, 'spec.targets.staticConfig.relabelingConfigs');
  }
  if (targets.ingress) checkRelabelings(ctx, p, targets.ingress.relabelingConfigs, 'spec.targets.ingress.relabelingConfigs');
  checkProxySettings(p, spec.prober ?? {}, 'spec.prober');
  const url = spec.prober?.url ?? '';
  const urlProblem = proberUrlProblem(url);
  if (urlProblem) {
    p.add('spec.prober.url', `"${url}" is not a valid prober address (${urlProblem}); write it as \`hostname\` or \`hostname:port\`, without a scheme`);
  }
  return p.list;
}

// --- checks shared by the kinds -------------------------------------------

function checkSelector(p: Problems, selector: LabelSelector | undefined, field: string): void {
  checkLabelSelector(selector ?? {}, (message) => {
    p.add(field, `invalid label selector: ${message}`);
    return undefined;
  });
}

function checkSelectorMechanism(ctx: ConfigContext, p: Problems, mechanism: string | undefined, field: string): void {
  if (mechanism === 'RoleSelector' && !atLeast(ctx.gate.version, '2.17.0')) {
    p.add(field, 'RoleSelector needs Prometheus 2.17.0 or newer; use RelabelConfig or raise spec.version');
  }
}

/** spec.arbitraryFSAccessThroughSMs.deny: a ServiceMonitor may not point Prometheus at files. */
function checkNoFileAccess(p: Problems, ep: EndpointSpec, field: string): void {
  if (ep.bearerTokenFile) {
    p.add(`${field}.bearerTokenFile`, 'reading a bearer token file is denied by the Prometheus (spec.arbitraryFSAccessThroughSMs.deny); use authorization.credentials with a Secret instead');
    return;
  }
  const tls = ep.tlsConfig as TLSConfig | undefined;
  if (tls && (tls.caFile || tls.certFile || tls.keyFile)) {
    p.add(`${field}.tlsConfig`, 'reading TLS files (caFile, certFile, keyFile) is denied by the Prometheus (spec.arbitraryFSAccessThroughSMs.deny); use ca, cert and keySecret with Secrets or ConfigMaps instead');
  }
}

const AUTH_METHODS = ['authorization', 'basicAuth', 'bearerTokenSecret', 'oauth2'] as const;

/** The operator's checks on an endpoint's HTTP client: one authentication method, then each setting. */
function checkHttpClient(p: Problems, ep: HttpClientSpec, field: string, withTlsFiles: boolean): void {
  const set = AUTH_METHODS.filter((m) => ep[m] !== undefined && ep[m] !== null);
  if (set.length > 1) {
    p.add(field, `${set[0]} and ${set[1]} cannot be configured at the same time; keep one authentication method`);
  }
  if (ep.authorization) checkAuthorization(p, ep.authorization, `${field}.authorization`);
  if (ep.oauth2) checkOAuth2(p, ep.oauth2, `${field}.oauth2`);
  if (ep.tlsConfig) {
    const problem = validateTls(ep.tlsConfig, withTlsFiles);
    if (problem) p.add(`${field}.tlsConfig`, `invalid TLS configuration: ${problem}`);
  }
  checkProxySettings(p, ep, field);
}

function checkAuthorization(p: Problems, auth: SafeAuthorizationSpec, field: string): void {
  if ((auth.type ?? '').trim().toLowerCase() === 'basic') {
    p.add(`${field}.type`, 'type cannot be "Basic"; use basicAuth instead');
  }
  if (!auth.credentials) p.add(`${field}.credentials`, 'credentials are required (a Secret key holding the token)');
}

function checkOAuth2(p: Problems, oauth2: OAuth2Spec, field: string): void {
  if (!oauth2.tokenUrl) p.add(`${field}.tokenUrl`, 'tokenUrl must be set');
  const clientId = oauth2.clientId as SecretOrConfigMap | undefined;
  if (!clientId || (!clientId.secret && !clientId.configMap)) {
    p.add(`${field}.clientId`, 'clientId must name a Secret or ConfigMap key');
  } else if (clientId.secret && clientId.configMap) {
    p.add(`${field}.clientId`, 'set either secret or configMap, not both');
  }
  if (oauth2.tlsConfig) {
    const problem = validateTls(oauth2.tlsConfig, false);
    if (problem) p.add(`${field}.tlsConfig`, `invalid TLS configuration: ${problem}`);
  }
  checkProxySettings(p, oauth2, field);
}

function checkProxySettings(p: Problems, proxy: ProxySpec, field: string): void {
  const problem = checkProxy(proxy);
  if (problem) {
    p.add(field, `invalid proxy configuration: ${problem}`);
    return;
  }
  const urlProblem = proxy.proxyUrl ? urlParseProblem(proxy.proxyUrl) : undefined;
  if (urlProblem) p.add(`${field}.proxyUrl`, `invalid proxy URL: ${urlProblem}`);
}

function checkIntervalAndTimeout(ctx: ConfigContext, p: Problems, ep: { interval?: string; scrapeTimeout?: string }, field: string): void {
  if (!ep.scrapeTimeout) return;
  const interval = ep.interval || ctx.spec.scrapeInterval || DEFAULT_INTERVAL;
  const problem = checkScrapeTimeout(ep.scrapeTimeout, interval);
  if (problem) p.add(`${field}.scrapeTimeout`, `${problem}; the scrape timeout may not exceed the scrape interval`);
}

function checkRelabelings(ctx: ConfigContext, p: Problems, configs: readonly RelabelConfig[] | undefined, field: string): void {
  for (const [i, rc] of (configs ?? []).entries()) {
    const problem = relabelProblem(rc, ctx.gate.version, ctx.memo);
    if (problem) p.add(`${field}[${i}]`, problem);
  }
}

function checkScrapeClassName(ctx: ConfigContext, p: Problems, name: string | undefined): void {
  if (!name) return;
  const classes = ctx.spec.scrapeClasses ?? [];
  if (classes.some((c) => c.name === name)) return;
  const known = classes.map((c) => c.name);
  const hint = known.length > 0 ? `; the Prometheus defines ${known.map((n) => `"${n}"`).join(', ')}` : '; the Prometheus defines no scrape classes';
  p.add('spec.scrapeClass', `scrape class "${name}" is not in the Prometheus's spec.scrapeClasses${hint}`);
}

function checkLabelNames(ctx: ConfigContext, p: Problems, labels: Readonly<Record<string, string>> | undefined, field: string): void {
  const utf8 = atLeast(ctx.gate.version, '3.0.0');
  for (const name of sortedKeys(labels)) {
    const ok = utf8 ? name.length > 0 : isLegacyLabelName(name);
    if (!ok) {
      const rule = utf8 ? 'label names may not be empty' : 'before Prometheus 3.0.0 label names must match [a-zA-Z_][a-zA-Z0-9_]*';
      p.add(`${field}.${name}`, `invalid label name "${name}": ${rule}`);
    }
  }
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
function checkTlsMaterial(ctx: ConfigContext, p: Problems, tls: SafeTLSConfig | TLSConfig | undefined, field: string, withFiles = false): void {
  if (!tls || validateTls(tls, withFiles)) return;
  if (hasSelector(tls.ca)) {
    const ca = quietLookup(ctx, tls.ca);
    const problem = ca && ca.length > 0 ? checkCaPem(ca) : undefined;
    if (problem) p.add(`${field}.ca`, `the CA in ${describeSelector(tls.ca)} ${problem}`);
  }
  if (hasSelector(tls.cert) && tls.keySecret) {
    const cert = quietLookup(ctx, tls.cert);
    const key = quietLookup(ctx, { secret: tls.keySecret });
    if (cert && key && cert.length > 0 && key.length > 0) {
      const problem = checkKeyPair(cert, key);
      if (problem) {
        p.add(`${field}.cert`, `the certificate in ${describeSelector(tls.cert)} and the key in Secret ${tls.keySecret.name ?? ''} key "${tls.keySecret.key}": ${problem}`);
      }
    }
  }
}

// --- addresses ----------------------------------------------------------------

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

/** Go's net.SplitHostPort: [host, port] or the reason it fails. */
function splitHostPort(hostport: string): [string, string] | string {
  const i = hostport.lastIndexOf(':');
  if (i < 0) return 'missing port';
  let host: string;
  let j = 0;
  let k = 0;
  if (hostport.startsWith('[')) {
    const end = hostport.indexOf(']');
    if (end < 0) return "missing ']'";
    if (end + 1 === hostport.length) return 'missing port';
    if (end + 1 !== i) return hostport[end + 1] === ':' ? 'too many colons' : 'missing port';
    host = hostport.slice(1, end);
    j = 1;
    k = end + 1;
  } else {
    host = hostport.slice(0, i);
    if (host.includes(':')) return 'too many colons';
  }
  if (hostport.slice(j).includes('[')) return "unexpected '['";
  if (hostport.slice(k).includes(']')) return "unexpected ']'";
  return [host, hostport.slice(i + 1)];
}

const DNS_NAME = re2('^([a-zA-Z0-9_][a-zA-Z0-9_-]{0,62})(\\.[a-zA-Z0-9_][a-zA-Z0-9_-]{0,62})*[._]?$');
const URL_SCHEME = re2('^([a-zA-Z][a-zA-Z0-9+.-]*):');

/** govalidator.IsHost: an IP address (no zone) or a DNS name. */
function isHost(s: string): boolean {
  if (!s.includes('%') && isIP(s) !== 0) return true;
  if (s === '' || s.replace(/\./g, '').length > 255) return false;
  return DNS_NAME.test(s);
}

/** govalidator.IsPort: a number from 1 to 65535. */
function isPort(s: string): boolean {
  if (!isInteger(s, '+-')) return false;
  const n = Number(s);
  return n > 0 && n < 65536;
}

/** The operator's check of spec.prober.url: `host` or `host:port`. */
export function proberUrlProblem(url: string): string | undefined {
  const split = splitHostPort(url);
  if (typeof split === 'string') return isHost(url) ? undefined : 'invalid host';
  const [host, port] = split;
  if (!isHost(host)) return `invalid host "${host}"`;
  if (!isPort(port)) return `invalid port "${port}"`;
  return undefined;
}
