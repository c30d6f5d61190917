import type { ThanosRuler } from '../api/types.js';

/** The ThanosRuler spec as the builders read it. */
export type ThanosRulerSpec = NonNullable<ThanosRuler['spec']>;

export function specOf(tr: ThanosRuler): ThanosRulerSpec {
  return (tr.spec ?? {}) as ThanosRulerSpec;
}

export const PREFIX = 'thanos-ruler';
export const APP_NAME = 'thanos-ruler';
export const CONTAINER_NAME = 'thanos-ruler';
export const GOVERNING_SERVICE_NAME = 'thanos-ruler-operated';

export const RULES_DIR = '/etc/thanos/rules';
export const CONFIG_DIR = '/etc/thanos/config';
export const STORAGE_DIR = '/thanos/data';
export const WEB_CONFIG_DIR = '/etc/thanos/web_config';
export const TLS_ASSETS_DIR = '/etc/thanos/certs';
/** Where the thanos-ruler container mounts the Secrets remote-write.yaml reads by file (option secrets). */
export const REFERENCED_SECRETS_DIR = '/etc/thanos/referenced-secrets';
export const TLS_ASSETS_VOLUME = 'tls-assets';

export const GRPC_PORT = 10901;
export const HTTP_PORT = 10902;

/** The CRD's defaults, applied here because objects in git have not been through the API server. */
export const DEFAULT_PORT_NAME = 'web';
export const DEFAULT_RETENTION = '24h';
export const DEFAULT_EVALUATION_INTERVAL = '15s';

/** The label every rule evaluated by a replica carries, and that alerts drop for deduplication. */
export const REPLICA_LABEL = 'thanos_ruler_replica';
/** The key of the remote-write configuration in the `thanos-ruler-<name>-config` Secret. */
export const REMOTE_WRITE_FILE = 'remote-write.yaml';
/** Thanos Ruler writes remotely (stateless mode) from this version on. */
export const MIN_REMOTE_WRITE_VERSION = '0.24.0';

export function portName(spec: ThanosRulerSpec): string {
  return spec.portName ? spec.portName : DEFAULT_PORT_NAME;
}

/** The governing Service the pods' DNS names hang off: `spec.serviceName` or `thanos-ruler-operated`. */
export function serviceNameOf(spec: ThanosRulerSpec): string {
  return spec.serviceName ?? GOVERNING_SERVICE_NAME;
}

/** `thanos-ruler-<name>-config`: the Secret holding `remote-write.yaml`. */
export function rulerConfigSecretName(prefixed: string): string {
  return `${prefixed}-config`;
}

/** The data volume: `thanos-ruler-<name>-data` (the other kinds use `-db`). */
export function dataVolumeName(prefixed: string): string {
  return `${prefixed}-data`;
}
