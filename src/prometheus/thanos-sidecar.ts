import type { V1Container, V1EnvVar, V1Volume, V1VolumeMount } from '@kubernetes/client-node';
import { clone } from '../core/objects.js';
import { toYaml } from '../core/yaml.js';
import type { KubeObject } from '../krm/types.js';
import type { Options } from '../options/options.js';
import type { Gate } from '../version/gate.js';
import type { ResolvedVersion } from '../version/products.js';
import { atLeast, type SemVer } from '../version/semver.js';
import { buildArgs, Flags, type Argument } from '../workload/flags.js';
import type { Fail } from '../core/fail.js';
import { operandUrl, restrictedSecurityContext } from '../workload/config-reloader.js';
import { buildImagePath } from '../workload/image-path.js';
import { thanosTlsVersion } from '../workload/tls-version.js';
import { STORAGE_DIR, uriScheme, webRoutePrefix, type ServerSpec } from './spec-view.js';

/**
 * The Thanos sidecar of a Prometheus server: it serves the Store API over
 * gRPC and, with object storage configured, uploads TSDB blocks. Its
 * presence also decides how Prometheus compacts blocks locally.
 */

const THANOS_CONFIG_DIR = '/etc/thanos/config';
const HTTP_CLIENT_FILE = 'prometheus.http-client-file.yaml';
const HTTP_CLIENT_SUFFIX = 'thanos-prometheus-http-client-file';
const SHIPPER_META_FILE = 'thanos.shipper.json';

/** `prometheus-<name>-thanos-prometheus-http-client-file` */
export function httpClientSecretName(prefixedName: string): string {
  return `${prefixedName}-${HTTP_CLIENT_SUFFIX}`;
}

/**
 * How Prometheus compacts when the sidecar uploads blocks:
 * `default` (no upload), `disabled` (min = max block duration), or
 * `delayed` (Prometheus >= 3.9 and Thanos >= 0.41 coordinate through the
 * shipper's meta file).
 */
export type CompactionMode = 'default' | 'disabled' | 'delayed';

export function compactionMode(spec: ServerSpec, promVersion: SemVer, thanosVersion: SemVer | undefined): CompactionMode {
  if (spec.disableCompaction) return 'disabled';
  const thanos = spec.thanos;
  if (!thanos || (thanos.objectStorageConfig === undefined && thanos.objectStorageConfigFile === undefined)) return 'default';
  if (thanosVersion && atLeast(promVersion, '3.9.0') && atLeast(thanosVersion, '0.41.0')) return 'delayed';
  return 'disabled';
}

/** Prometheus flags that follow from the compaction mode. */
export function compactionFlags(spec: ServerSpec, mode: CompactionMode, promVersion: SemVer): Argument[] {
  const out: Argument[] = [];
  if (mode === 'disabled') {
    const duration = spec.thanos?.blockSize?.trim() ? spec.thanos.blockSize : '2h';
    out.push({ name: 'storage.tsdb.max-block-duration', value: duration }, { name: 'storage.tsdb.min-block-duration', value: duration });
  } else if (mode === 'delayed') {
    out.push({ name: 'storage.tsdb.delay-compact-file.path', value: `${STORAGE_DIR}/${SHIPPER_META_FILE}` });
  }
  // Out-of-order blocks must not be compacted vertically before the sidecar uploads them.
  if (spec.tsdb?.outOfOrderTimeWindow !== undefined && mode !== 'default' && atLeast(promVersion, '2.55.0')) {
    out.push({ name: 'no-storage.tsdb.allow-overlapping-compaction' });
  }
  return out;
}

export interface SidecarInputs {
  readonly spec: ServerSpec;
  readonly prefixedName: string;
  /** The sidecar's Thanos version (spec.thanos.version or the default), and its gate. */
  readonly thanos: ResolvedVersion & { readonly gate: Gate };
  readonly mode: CompactionMode;
  /** Volume the data directory is mounted from, and its sub-path. */
  readonly dataVolumeName: string;
  readonly dataSubPath: string;
  readonly options: Options;
}

export interface Sidecar {
  readonly container: V1Container;
  readonly volumes: V1Volume[];
}

/** The sidecar container and its volumes; undefined after `fail` when its image or flags are wrong. */
export function makeThanosSidecar(inputs: SidecarInputs, fail: Fail): Sidecar | undefined {
  const { spec, options } = inputs;
  const thanosVersion = inputs.thanos.version;
  const thanos = spec.thanos ?? {};
  const image = buildImagePath(
    {
      image: thanos.image,
      baseImage: thanos.baseImage ?? options.thanosDefaultBaseImage,
      version: inputs.thanos.text,
      tag: thanos.tag,
      sha: thanos.sha,
      field: 'spec.thanos.image',
    },
    (message, field) => fail(`spec.thanos: ${message}; fix spec.thanos.image or spec.thanos.baseImage`, field),
  );
  if (image === undefined) return undefined;

  const grpcHost = thanos.listenLocal || thanos.grpcListenLocal ? '127.0.0.1' : '';
  const httpHost = thanos.listenLocal || thanos.httpListenLocal ? '127.0.0.1' : '';
  // Flags the sidecar's Thanos version does not know are left off with a warning, as the ruler's are.
  const flags = new Flags(inputs.thanos.gate);
  flags.add('prometheus.url', operandUrl(uriScheme(spec) === 'https', options.localhost, 9090, webRoutePrefix(spec), ''));
  flags.add('grpc-address', `${grpcHost}:10901`);
  flags.add('http-address', `${httpHost}:10902`);
  const tls = thanos.grpcServerTlsConfig;
  if (tls) {
    if (tls.certFile) flags.add('grpc-server-tls-cert', tls.certFile);
    if (tls.keyFile) flags.add('grpc-server-tls-key', tls.keyFile);
    if (tls.caFile) flags.add('grpc-server-tls-client-ca', tls.caFile);
    const minVersion = thanosTlsVersion(tls.minVersion);
    if (minVersion) flags.since('0.37.0').at('spec.thanos.grpcServerTlsConfig.minVersion').add('grpc-server-tls-min-version', minVersion);
    const ciphers = tls.cipherSuites ?? [];
    if (ciphers.length > 0) flags.since('0.42.0').at('spec.thanos.grpcServerTlsConfig.cipherSuites').add('grpc-server-tls-ciphers', ciphers.join(','));
    const curves = tls.curves ?? [];
    if (curves.length > 0) flags.since('0.42.0').at('spec.thanos.grpcServerTlsConfig.curves').add('grpc-server-tls-curves', curves.join(','));
  }

  const env: V1EnvVar[] = [];
  const mounts: V1VolumeMount[] = (thanos.volumeMounts ?? []).map((m) => ({ name: m.name, mountPath: m.mountPath }));
  if (thanos.objectStorageConfig !== undefined || thanos.objectStorageConfigFile !== undefined) {
    if (thanos.objectStorageConfigFile !== undefined) {
      flags.add('objstore.config-file', thanos.objectStorageConfigFile);
    } else {
      flags.add('objstore.config', '$(OBJSTORE_CONFIG)');
      env.push({ name: 'OBJSTORE_CONFIG', valueFrom: { secretKeyRef: clone(thanos.objectStorageConfig) as NonNullable<V1EnvVar['valueFrom']>['secretKeyRef'] } });
    }
    flags.add('tsdb.path', STORAGE_DIR);
    mounts.push({ name: inputs.dataVolumeName, mountPath: STORAGE_DIR, ...(inputs.dataSubPath ? { subPath: inputs.dataSubPath } : {}) });
    if (inputs.mode === 'delayed') flags.add('shipper.meta-file-name', SHIPPER_META_FILE).add('shipper.ignore-unequal-block-size');
  }
  if (thanos.tracingConfig !== undefined || (thanos.tracingConfigFile ?? '') !== '') {
    if (thanos.tracingConfigFile) {
      flags.add('tracing.config-file', thanos.tracingConfigFile);
    } else {
      flags.add('tracing.config', '$(TRACING_CONFIG)');
      env.push({ name: 'TRACING_CONFIG', valueFrom: { secretKeyRef: clone(thanos.tracingConfig) as NonNullable<V1EnvVar['valueFrom']>['secretKeyRef'] } });
    }
  }
  const logLevel = thanos.logLevel || spec.logLevel;
  if (logLevel) flags.add('log.level', logLevel);
  const logFormat = thanos.logFormat || spec.logFormat;
  if (logFormat) flags.add('log.format', logFormat);
  if (thanos.minTime) flags.add('min-time', thanos.minTime);
  if (thanos.readyTimeout) flags.add('prometheus.ready_timeout', thanos.readyTimeout);
  if (thanos.getConfigTimeout) flags.since('0.29.0').at('spec.thanos.getConfigTimeout').add('prometheus.get_config_timeout', thanos.getConfigTimeout);
  if (thanos.getConfigInterval) flags.since('0.29.0').at('spec.thanos.getConfigInterval').add('prometheus.get_config_interval', thanos.getConfigInterval);

  const volumes: V1Volume[] = [];
  if (atLeast(thanosVersion, '0.24.0')) {
    flags.add('prometheus.http-client-file', `${THANOS_CONFIG_DIR}/${HTTP_CLIENT_FILE}`);
    mounts.push({ name: HTTP_CLIENT_SUFFIX, mountPath: THANOS_CONFIG_DIR });
    volumes.push({ name: HTTP_CLIENT_SUFFIX, secret: { secretName: httpClientSecretName(inputs.prefixedName) } });
  }

  const built = buildArgs(flags.args, thanos.additionalArgs ?? [], fail, 'spec.thanos.additionalArgs');
  if (!built) return undefined;

  const container: V1Container = {
    name: 'thanos-sidecar',
    image,
    imagePullPolicy: spec.imagePullPolicy || undefined,
    terminationMessagePolicy: 'FallbackToLogsOnError',
    securityContext: restrictedSecurityContext(),
    ports: [
      { name: 'http', containerPort: 10902 },
      { name: 'grpc', containerPort: 10901 },
    ],
    resources: clone(thanos.resources ?? {}) as V1Container['resources'],
    args: ['sidecar', ...built],
    env: env.length > 0 ? env : undefined,
    volumeMounts: mounts.length > 0 ? mounts : undefined,
  };
  return { container, volumes };
}

/**
 * The Secret holding the sidecar's HTTP client configuration for talking to
 * Prometheus: TLS without verification, since both run in the same pod.
 */
export function makeHttpClientSecret(prefixedName: string, namespace: string, labels: Record<string, string>): KubeObject {
  const text = toYaml({ tls_config: { insecure_skip_verify: true } });
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: httpClientSecretName(prefixedName), namespace, labels },
    data: { [HTTP_CLIENT_FILE]: Buffer.from(text, 'utf8').toString('base64') },
  };
}
