/**
 * Scrape classes (spec.scrapeClasses): settings a Prometheus gives to every
 * monitor that names the class, or to every monitor when the class is the
 * default. The monitor's own settings win; the class fills the gaps.
 *
 * The classes themselves are checked before any configuration is generated
 * (getScrapeClassConfig in promcfg.go): every class's relabelings, TLS and
 * authorization must be valid, and at most one class may be the default.
 * The TLS material a class references is then read from the Prometheus's
 * namespace (AddScrapeClassesToStore in the operator): it must exist, the CA
 * must parse and the certificate and key must form a pair; it goes into the
 * tls-assets Secret. A problem stops generation for the Prometheus.
 */
import { PROM_SECRETS } from '../../../promconfig/secret-settings.js';
import type { RelabelConfig, SafeTLSConfig, SecretOrConfigMap, TLSConfig } from '../../../api/types.js';
import type { TlsAssetSource } from '../../../workload/tls-assets.js';
import { validateTls } from '../../../promconfig/tls.js';
import { relabelProblem } from '../../../promconfig/relabel.js';
import { checkCaPem, checkKeyPair } from '../../../assets/tls-checks.js';
import type { ConfigContext } from '../context.js';
import type { AuthorizationSpec, SafeAuthorizationSpec } from '../../../promconfig/http.js';
import { podTopologyLabelsSupported, topologyShardingActive } from '../sharding.js';

export interface ScrapeClassSpec {
  readonly name?: string;
  readonly default?: boolean;
  readonly tlsConfig?: TLSConfig;
  readonly authorization?: AuthorizationSpec;
  readonly relabelings?: readonly RelabelConfig[];
  readonly metricRelabelings?: readonly RelabelConfig[];
  readonly attachMetadata?: AttachMetadataSpec;
  readonly fallbackScrapeProtocol?: string;
}

export interface AttachMetadataSpec {
  readonly node?: boolean;
}

/** attach_metadata for the SD config, with the Prometheus version that understands it. */
export interface AttachMetadataChoice {
  readonly minimumVersion: string;
  readonly node: boolean;
  readonly field: string;
}

const NO_CLASS: ScrapeClassSpec = {};

function scrapeClasses(ctx: ConfigContext): readonly ScrapeClassSpec[] {
  return ((ctx.spec as { scrapeClasses?: readonly ScrapeClassSpec[] }).scrapeClasses ?? []);
}

/** The class a monitor names when it exists, else the default class, else none. */
export function scrapeClassFor(ctx: ConfigContext, name: string | undefined): ScrapeClassSpec {
  const classes = scrapeClasses(ctx);
  if (name !== undefined && name !== null) {
    const named = classes.find((c) => c.name === name);
    if (named) return named;
  }
  const byDefault = classes.find((c) => c.default === true);
  return byDefault ?? NO_CLASS;
}

function isEmptyObject(v: object | undefined | null): boolean {
  return v === undefined || v === null || Object.values(v).every((x) => x === undefined || x === null);
}

function hasSelector(sel: SecretOrConfigMap | undefined): sel is SecretOrConfigMap {
  return Boolean(sel?.secret || sel?.configMap);
}

/** A TLS config with file paths (ServiceMonitor endpoints) completed by the class's files. */
export function mergeTls(tls: TLSConfig | undefined, sc: ScrapeClassSpec): TLSConfig | undefined {
  if (!tls) return sc.tlsConfig;
  if (!sc.tlsConfig) return tls;
  const merged: { -readonly [K in keyof TLSConfig]: TLSConfig[K] } = { ...tls };
  if (!tls.caFile && !hasSelector(tls.ca) && sc.tlsConfig.caFile) merged.caFile = sc.tlsConfig.caFile;
  if (!tls.certFile && !hasSelector(tls.cert) && sc.tlsConfig.certFile) merged.certFile = sc.tlsConfig.certFile;
  if (!tls.keyFile && !tls.keySecret && sc.tlsConfig.keyFile) merged.keyFile = sc.tlsConfig.keyFile;
  return merged;
}

/** A TLS config without files (PodMonitor, Probe): an empty one counts as absent. */
export function mergeSafeTls(tls: SafeTLSConfig | undefined, sc: ScrapeClassSpec): TLSConfig | undefined {
  if (isEmptyObject(tls)) return mergeTls(undefined, sc);
  return mergeTls(tls as TLSConfig, sc);
}

/** The monitor's authorization; the class's credentials fill in when the monitor has none. */
export function mergeAuthorization(authz: SafeAuthorizationSpec | undefined, sc: ScrapeClassSpec): AuthorizationSpec | undefined {
  if (isEmptyObject(authz)) return sc.authorization;
  const own = authz as SafeAuthorizationSpec;
  if (!sc.authorization) return own;
  const merged: { -readonly [K in keyof AuthorizationSpec]: AuthorizationSpec[K] } = { ...own };
  if (!merged.credentials) {
    if (sc.authorization.credentials) merged.credentials = sc.authorization.credentials;
    else if (sc.authorization.credentialsFile) merged.credentialsFile = sc.authorization.credentialsFile;
  }
  return merged;
}

/** The monitor's attachMetadata, else the class's; undefined when neither sets it. */
export function mergeAttachMetadata(own: AttachMetadataSpec | undefined, sc: ScrapeClassSpec, minimumVersion: string): AttachMetadataChoice | undefined {
  const chosen = own ?? sc.attachMetadata;
  if (!chosen) return undefined;
  // When the class supplies it, the monitor's own field that picked the class is the nearest path.
  const field = own ? 'spec.attachMetadata' : 'spec.scrapeClass';
  return { minimumVersion, node: chosen.node === true, field };
}

export function mergeFallbackProtocol(own: string | undefined, sc: ScrapeClassSpec): string | undefined {
  return own ?? sc.fallbackScrapeProtocol;
}

/**
 * With topology sharding on a cluster that does not label pods with their
 * zone, the zone comes from the node: attach_metadata.node is forced on.
 */
export function attachMetadataFor(
  ctx: ConfigContext,
  own: AttachMetadataSpec | undefined,
  sc: ScrapeClassSpec,
  minimumVersion: string,
): AttachMetadataChoice | undefined {
  const merged = mergeAttachMetadata(own, sc, minimumVersion);
  if (!topologyShardingActive(ctx) || podTopologyLabelsSupported(ctx)) return merged;
  if (merged?.node) return merged;
  return { minimumVersion, node: true, field: 'spec.attachMetadata' };
}

// --- checks of spec.scrapeClasses ----------------------------------------------

interface ScrapeClassProblem {
  readonly message: string;
  readonly field: string;
}

/** The first problem with spec.scrapeClasses, in the operator's order, or undefined. */
export function scrapeClassesProblem(ctx: ConfigContext): ScrapeClassProblem | undefined {
  const classes = scrapeClasses(ctx);
  let defaultClass: string | undefined;
  for (const [i, sc] of classes.entries()) {
    const field = `spec.scrapeClasses[${i}]`;
    for (const key of ['relabelings', 'metricRelabelings'] as const) {
      for (const [j, rc] of (sc[key] ?? []).entries()) {
        const problem = relabelProblem(rc, ctx.gate.version, ctx.memo);
        if (problem) return { field: `${field}.${key}[${j}]`, message: `scrape class "${sc.name}": invalid ${key}[${j}]: ${problem}` };
      }
    }
    if (sc.tlsConfig) {
      const problem = validateTls(sc.tlsConfig, true);
      if (problem) return { field: `${field}.tlsConfig`, message: `scrape class "${sc.name}": invalid TLS configuration: ${problem}` };
    }
    const authz = sc.authorization;
    if (authz) {
      if (authz.credentials && authz.credentialsFile) {
        return { field: `${field}.authorization`, message: `scrape class "${sc.name}": authorization cannot set both credentials and credentialsFile; keep one` };
      }
      if ((authz.type ?? '').trim().toLowerCase() === 'basic') {
        return { field: `${field}.authorization.type`, message: `scrape class "${sc.name}": authorization type cannot be "Basic"` };
      }
    }
    if (sc.default === true) {
      if (defaultClass !== undefined) {
        return {
          field: `${field}.default`,
          message: `scrape classes "${defaultClass}" and "${sc.name}" are both marked default; at most one scrape class may be the default`,
        };
      }
      defaultClass = sc.name;
    }
  }
  return undefined;
}

/** Reports the first scrape class problem as an error for the Prometheus; true when there was one. */
export function failOnInvalidScrapeClasses(ctx: ConfigContext): boolean {
  const problem = scrapeClassesProblem(ctx);
  if (problem) {
    ctx.fail(problem.message, problem.field);
    return true;
  }
  const classes = scrapeClasses(ctx);
  for (const [i, sc] of classes.entries()) {
    if (sc.tlsConfig && !addTlsMaterial(ctx, sc, `spec.scrapeClasses[${i}].tlsConfig`)) return true;
  }
  return false;
}


function source(sel: SecretOrConfigMap): TlsAssetSource {
  if (sel.secret) return { secret: { name: sel.secret.name ?? '', key: sel.secret.key } };
  return { configMap: { name: sel.configMap?.name ?? '', key: sel.configMap?.key ?? '' } };
}

/** Reads and checks one class's TLS references; false after reporting an error. */
function addTlsMaterial(ctx: ConfigContext, sc: ScrapeClassSpec, field: string): boolean {
  const tls = sc.tlsConfig as TLSConfig;
  // Material read from a mounted file (option secrets) is not copied: it reads as empty here.
  const none = { inline: Buffer.alloc(0) };
  const ca = hasSelector(tls.ca) ? ctx.store.selectorSetting(tls.ca, `${field}.ca`, PROM_SECRETS.tlsCa, ctx.gate) : none;
  const cert = hasSelector(tls.cert) ? ctx.store.selectorSetting(tls.cert, `${field}.cert`, PROM_SECRETS.tlsCert, ctx.gate) : none;
  const keySource = tls.keySecret ? ctx.store.secretKeySetting(tls.keySecret, `${field}.keySecret`, PROM_SECRETS.tlsKey, ctx.gate) : none;
  if (ca === undefined || cert === undefined || keySource === undefined) return false;
  return copyTlsMaterial(ctx, sc, tls, field, { ca: ca.inline ?? none.inline, cert: cert.inline ?? none.inline, key: keySource.inline ?? none.inline });
}

function copyTlsMaterial(ctx: ConfigContext, sc: ScrapeClassSpec, tls: TLSConfig, field: string, { ca, cert, key }: { ca: Buffer; cert: Buffer; key: Buffer }): boolean {
  if (ca.length > 0 && hasSelector(tls.ca)) {
    const problem = checkCaPem(ca);
    if (problem) {
      ctx.fail(`scrape class "${sc.name}": the CA ${problem}`, `${field}.ca`);
      return false;
    }
    ctx.tlsAssets.add(ctx.store.namespace, source(tls.ca), ca);
  }
  if (cert.length > 0 && key.length > 0 && hasSelector(tls.cert) && tls.keySecret) {
    const problem = checkKeyPair(cert, key);
    if (problem) {
      ctx.fail(`scrape class "${sc.name}": the certificate and the key Secret ${tls.keySecret.name ?? ''} key "${tls.keySecret.key}": ${problem}`, `${field}.cert`);
      return false;
    }
    ctx.tlsAssets.add(ctx.store.namespace, source(tls.cert), cert);
    ctx.tlsAssets.add(ctx.store.namespace, { secret: { name: tls.keySecret.name ?? '', key: tls.keySecret.key } }, key);
  }
  return true;
}
