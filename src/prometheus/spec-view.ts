import type { FullPrometheusSpec } from '../api/prometheus-spec.js';
import type { Prometheus } from '../api/types.js';
import { cleanPath } from '../workload/paths.js';

/** The Prometheus spec as the workload builders read it. */
export type WorkloadSpec = FullPrometheusSpec;

export function specOf(p: Prometheus): WorkloadSpec {
  return (p.spec ?? {}) as WorkloadSpec;
}

/** `spec.routePrefix`, or `/`. */
export function webRoutePrefix(spec: WorkloadSpec): string {
  return spec.routePrefix ? spec.routePrefix : '/';
}

/** `https` when the web server has TLS, else `http`. */
export function uriScheme(spec: WorkloadSpec): 'http' | 'https' {
  return spec.web?.tlsConfig ? 'https' : 'http';
}

/** `spec.portName`, or `web`. */
export function portName(spec: WorkloadSpec): string {
  return spec.portName ? spec.portName : 'web';
}

export const STORAGE_DIR = '/prometheus';
export const CONFIG_DIR = '/etc/prometheus/config';
export const CONFIG_OUT_DIR = '/etc/prometheus/config_out';
export const WEB_CONFIG_DIR = '/etc/prometheus/web_config';
export const TLS_ASSETS_DIR = '/etc/prometheus/certs';
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
export const GOVERNING_SERVICE_NAME = 'prometheus-operated';
export const AGENT_GOVERNING_SERVICE_NAME = 'prometheus-agent-operated';

/** The headless Service shared by every StatefulSet of the mode in a namespace. */
export function governingServiceName(mode: 'server' | 'agent'): string {
  return mode === 'server' ? GOVERNING_SERVICE_NAME : AGENT_GOVERNING_SERVICE_NAME;
}

/** A log file name without a directory is written to the shared `log-file` emptyDir. */
export function usesDefaultLogVolume(file: string | undefined): boolean {
  return file !== undefined && file !== '' && !cleanPath(file).includes('/');
}
