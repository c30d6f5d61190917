/**
 * The web configuration file (TLS server settings and HTTP headers) that
 * Prometheus, Alertmanager and Thanos Ruler read through --web.config.file.
 * Each kind passes its own mount directory and Secret name.
 */
import type { WebConfigFileFields, WebTLSConfig } from '../api/types.js';
import { toYaml } from '../core/yaml.js';
import type { KubeObject } from '../krm/types.js';
import type { Fail } from '../core/fail.js';
import { MANAGED_LABELS } from './metadata.js';
import { webConfigSecretName } from './names.js';

/** The file name inside the web-config Secret and the mount directory. */
export const WEB_CONFIG_FILE = 'web-config.yaml';

interface Selector {
  readonly secret?: { readonly name?: string; readonly key: string };
  readonly configMap?: { readonly name?: string; readonly key: string };
}

function hasSelector(sel: Selector | undefined): sel is Selector {
  return Boolean(sel?.secret || sel?.configMap);
}

function hasSecretKeySelector(sel: { readonly name?: string; readonly key?: string } | undefined): boolean {
  return Boolean(sel && (sel.name || sel.key));
}

/**
 * Where a referenced TLS file is mounted: `<dir>/secret/<name>-<kind>/<key>`
 * or `<dir>/configmap/<name>-<kind>/<key>` (the whole Secret or ConfigMap is
 * mounted, so that renewed certificates are picked up).
 */
export interface WebTlsPaths {
  /** Mount directory of the key Secret. */
  readonly keyDir: string;
  readonly certDir: string | undefined;
  readonly clientCaDir: string | undefined;
}

function dirFor(mountDir: string, sel: Selector, kind: string): string {
  if (sel.secret) return `${mountDir}/secret/${sel.secret.name ?? ''}-${kind}`;
  return `${mountDir}/configmap/${sel.configMap?.name ?? ''}-${kind}`;
}

function keyOf(sel: Selector): string {
  return sel.secret?.key ?? sel.configMap?.key ?? '';
}

export function webTlsPaths(mountDir: string, tls: WebTLSConfig): WebTlsPaths {
  return {
    keyDir: dirFor(mountDir, { secret: { name: tls.keySecret?.name ?? '', key: tls.keySecret?.key ?? '' } }, 'key'),
    certDir: hasSelector(tls.cert) ? dirFor(mountDir, tls.cert, 'cert') : undefined,
    clientCaDir: hasSelector(tls.client_ca) ? dirFor(mountDir, tls.client_ca, 'ca') : undefined,
  };
}

/** The operator's checks on spec.web.tlsConfig; returns the first problem. */
export function checkWebTls(tls: WebTLSConfig | undefined): string | undefined {
  if (!tls) return undefined;
  if (hasSelector(tls.client_ca)) {
    if (tls.clientCAFile) return 'cannot specify both clientCAFile and clientCA';
    if (tls.client_ca.secret && tls.client_ca.configMap) return 'invalid client CA: cannot specify both Secret and ConfigMap';
  }
  if (hasSelector(tls.cert)) {
    if (tls.certFile) return 'cannot specify both cert and certFile';
    if (tls.cert.secret && tls.cert.configMap) return 'invalid TLS certificate: cannot specify both Secret and ConfigMap';
  }
  const keySecret = hasSecretKeySelector(tls.keySecret);
  if (tls.keyFile && keySecret) return 'cannot specify both keyFile and keySecret';
  if (!tls.keyFile && !keySecret) return 'TLS private key must be defined';
  if (!tls.certFile && !hasSelector(tls.cert)) return 'TLS certificate must be defined';
  return undefined;
}

function tlsServerConfig(mountDir: string, tls: WebTLSConfig): Record<string, unknown> {
  const paths = webTlsPaths(mountDir, tls);
  const out: Record<string, unknown> = {};
  if (tls.certFile) out.cert_file = tls.certFile;
  else if (paths.certDir && hasSelector(tls.cert)) out.cert_file = `${paths.certDir}/${keyOf(tls.cert)}`;
  if (tls.keyFile) out.key_file = tls.keyFile;
  else out.key_file = tls.keySecret?.key ? `${paths.keyDir}/${tls.keySecret.key}` : paths.keyDir;
  if (tls.clientAuthType) out.client_auth_type = tls.clientAuthType;
  if (tls.clientCAFile) out.client_ca_file = tls.clientCAFile;
  else if (paths.clientCaDir && hasSelector(tls.client_ca)) out.client_ca_file = `${paths.clientCaDir}/${keyOf(tls.client_ca)}`;
  if (tls.minVersion) out.min_version = tls.minVersion;
  if (tls.maxVersion) out.max_version = tls.maxVersion;
  if (tls.cipherSuites && tls.cipherSuites.length > 0) out.cipher_suites = [...tls.cipherSuites];
  if (tls.preferServerCipherSuites !== undefined && tls.preferServerCipherSuites !== null) out.prefer_server_cipher_suites = tls.preferServerCipherSuites;
  if (tls.curvePreferences && tls.curvePreferences.length > 0) out.curve_preferences = [...tls.curvePreferences];
  return out;
}

function httpServerConfig(http: NonNullable<WebConfigFileFields['httpConfig']>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (http.http2 !== undefined && http.http2 !== null) out.http2 = http.http2;
  const h = http.headers;
  if (!h) return out;
  const headers: Record<string, string> = {};
  if (h.contentSecurityPolicy) headers['Content-Security-Policy'] = h.contentSecurityPolicy;
  if (h.strictTransportSecurity) headers['Strict-Transport-Security'] = h.strictTransportSecurity;
  if (h.xContentTypeOptions) headers['X-Content-Type-Options'] = h.xContentTypeOptions.toLowerCase();
  if (h.xFrameOptions) headers['X-Frame-Options'] = h.xFrameOptions.toLowerCase();
  if (h.xXSSProtection) headers['X-XSS-Protection'] = h.xXSSProtection;
  out.headers = headers;
  return out;
}

/**
 * The web-config.yaml text from `spec.web`: `tls_server_config` then
 * `http_server_config`, each only when configured; the empty string when
 * neither is. Undefined after `fail` when spec.web.tlsConfig is invalid.
 */
export function webConfigText(fields: WebConfigFileFields | undefined, mountDir: string, fail: Fail): string | undefined {
  const tls = fields?.tlsConfig;
  const problem = checkWebTls(tls);
  if (problem) return fail(`invalid web TLS configuration: ${problem}`, 'spec.web.tlsConfig');
  const http = fields?.httpConfig;
  if (!tls && !http) return '';
  const doc: Record<string, unknown> = {};
  if (tls) doc.tls_server_config = tlsServerConfig(mountDir, tls);
  if (http) doc.http_server_config = httpServerConfig(http);
  return toYaml(doc);
}

/** Which workload a web-config Secret belongs to: its kind's prefix, name and namespace. */
export interface WorkloadName {
  readonly prefix: string;
  readonly name: string;
  readonly namespace: string;
}

/**
 * The Secret `<prefix>-<name>-web-config` holding `web-config.yaml`, which
 * the pods always mount; undefined after `fail` when spec.web.tlsConfig is
 * invalid.
 */
export function makeWebConfigSecret(owner: WorkloadName, web: WebConfigFileFields | undefined, mountDir: string, fail: Fail): KubeObject | undefined {
  const text = webConfigText(web, mountDir, fail);
  if (text === undefined) return undefined;
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: webConfigSecretName(owner.prefix, owner.name), namespace: owner.namespace, labels: { ...MANAGED_LABELS } },
    data: { [WEB_CONFIG_FILE]: Buffer.from(text, 'utf8').toString('base64') },
  };
}
