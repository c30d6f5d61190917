import type { Alertmanager } from '../../api/types.js';

/** The Alertmanager spec as the workload builders read it. */
export type AlertmanagerSpec = NonNullable<Alertmanager['spec']>;

export function specOf(am: Alertmanager): AlertmanagerSpec {
  return (am.spec ?? {}) as AlertmanagerSpec;
}

/** `spec.routePrefix`, or `/`. */
export function webRoutePrefix(spec: AlertmanagerSpec): string {
  return spec.routePrefix ? spec.routePrefix : '/';
}

/** `spec.portName`, or `web`. */
export function portName(spec: AlertmanagerSpec): string {
  return spec.portName ? spec.portName : 'web';
}

/** The governing Service the pods' DNS names hang off: `spec.serviceName` or `alertmanager-operated`. */
export function serviceNameOf(spec: AlertmanagerSpec): string {
  return spec.serviceName ?? GOVERNING_SERVICE_NAME;
}

export const PREFIX = 'alertmanager';
export const APP_NAME = 'alertmanager';
export const GOVERNING_SERVICE_NAME = 'alertmanager-operated';
export const DEFAULT_RETENTION = '120h';
export const WEB_PORT = 9093;
export const MESH_PORT = 9094;
export const MESH_TCP_PORT_NAME = 'mesh-tcp';
export const MESH_UDP_PORT_NAME = 'mesh-udp';

export const STORAGE_DIR = '/alertmanager';
export const STORAGE_SUB_PATH = 'alertmanager-db';
export const CONFIG_VOLUME = 'config-volume';
export const CONFIG_DIR = '/etc/alertmanager/config';
export const CONFIG_OUT_VOLUME = 'config-out';
export const CONFIG_OUT_DIR = '/etc/alertmanager/config_out';
/** The key of the user's configuration Secret. */
export const CONFIG_FILE = 'alertmanager.yaml';
export const CONFIG_FILE_COMPRESSED = 'alertmanager.yaml.gz';
export const CONFIG_ENVSUBST_FILE = 'alertmanager.env.yaml';
export const TLS_ASSETS_VOLUME = 'tls-assets';
export const TLS_ASSETS_DIR = '/etc/alertmanager/certs';
/** Where the alertmanager container mounts the Secrets its configuration reads by file (option secrets). */
export const REFERENCED_SECRETS_DIR = '/etc/alertmanager/referenced-secrets';
export const SECRETS_DIR = '/etc/alertmanager/secrets';
export const CONFIGMAPS_DIR = '/etc/alertmanager/configmaps';
export const TEMPLATES_VOLUME = 'notification-templates';
export const TEMPLATES_DIR = '/etc/alertmanager/templates';
export const WEB_CONFIG_DIR = '/etc/alertmanager/web_config';
export const CLUSTER_TLS_CONFIG_DIR = '/etc/alertmanager/cluster_tls_config';
