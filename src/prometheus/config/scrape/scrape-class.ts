/**
 * Scrape classes (spec.scrapeClasses): settings a Prometheus gives to every
 * monitor that names the class, or to every monitor when the class is the
 * default. The monitor's own settings win; the class fills the gaps.
 */
import type { RelabelConfig, SafeTLSConfig, TLSConfig } from '../../../api/types.js';
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

function hasSelector(sel: { secret?: unknown; configMap?: unknown } | undefined): boolean {
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
