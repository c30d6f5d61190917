import type { FullPrometheusSpec } from '../api/prometheus-spec.js';
import type { Prometheus, PrometheusAgent } from '../api/types.js';
import { cleanPath } from '../workload/paths.js';

/** The server's spec, as v0.93.0's CRD defines it. */
export type ServerSpec = FullPrometheusSpec;

/** The agent's spec. */
export type AgentSpec = NonNullable<PrometheusAgent['spec']>;

/**
 * The fields the server's and the agent's specs share (the operator's
 * CommonPrometheusFields): the builders both run read only these; what only
 * the server has is read from its ServerSpec.
 */
export type CommonSpec = Pick<ServerSpec, keyof ServerSpec & keyof AgentSpec>;

/** A Prometheus server or agent, tagged with its mode so that either is read with its own type. */
export type PrometheusResource = { readonly mode: 'server'; readonly object: Prometheus } | { readonly mode: 'agent'; readonly object: PrometheusAgent };

/** The spec as every builder reads it: the common fields. */
export function specOf(resource: PrometheusResource): CommonSpec {
  return resource.object.spec ?? {};
}

/** The server's own spec; undefined for an agent. */
export function serverSpecOf(resource: PrometheusResource): ServerSpec | undefined {
  return resource.mode === 'server' ? ((resource.object.spec ?? {}) as ServerSpec) : undefined;
}

/** `spec.routePrefix`, or `/`. */
export function webRoutePrefix(spec: CommonSpec): string {
  return spec.routePrefix ? spec.routePrefix : '/';
}

/** `https` when the web server has TLS, else `http`. */
export function uriScheme(spec: CommonSpec): 'http' | 'https' {
  return spec.web?.tlsConfig ? 'https' : 'http';
}

/** `spec.portName`, or `web`. */
export function portName(spec: CommonSpec): string {
  return spec.portName ? spec.portName : 'web';
}

export const STORAGE_DIR = '/prometheus';
export const CONFIG_DIR = '/etc/prometheus/config';
export const CONFIG_OUT_DIR = '/etc/prometheus/config_out';
export const WEB_CONFIG_DIR = '/etc/prometheus/web_config';
export const TLS_ASSETS_DIR = '/etc/prometheus/certs';
/** Where the prometheus container mounts the Secrets its configuration reads by file (option secrets). */
export const REFERENCED_SECRETS_DIR = '/etc/prometheus/referenced-secrets';
export const RULES_DIR = '/etc/prometheus/rules';
export const SECRETS_DIR = '/etc/prometheus/secrets/';
export const CONFIGMAPS_DIR = '/etc/prometheus/configmaps/';
export const CONFIG_FILENAME = 'prometheus.yaml.gz';
export const CONFIG_ENVSUBST_FILENAME = 'prometheus.env.yaml';
export const LOG_FILE_VOLUME = 'log-file';
export const LOG_DIRECTORY = '/var/log/prometheus';
export const DEFAULT_RETENTION = '24h';
export const SHARD_LABEL = 'operator.prometheus.io/shard';
export const NAME_LABEL = 'operator.prometheus.io/name';
export const MODE_LABEL = 'operator.prometheus.io/mode';

/** A log file name without a directory is written to the shared `log-file` emptyDir. */
export function usesDefaultLogVolume(file: string | undefined): boolean {
  return file !== undefined && file !== '' && !cleanPath(file).includes('/');
}
