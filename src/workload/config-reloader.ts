import type { V1Container, V1EnvVar, V1ResourceRequirements, V1VolumeMount } from '@kubernetes/client-node';
import type { Options } from '../options/options.js';
import { cleanPath } from './paths.js';
import { probeHandler } from './probes.js';

/**
 * The prometheus-config-reloader container, as a sidecar or as the init
 * container that renders the configuration once before the operand starts.
 * Shared by Prometheus, PrometheusAgent, Alertmanager and ThanosRuler.
 */
export interface ConfigReloaderProps {
  /** `config-reloader` or `init-config-reloader`. */
  readonly name: string;
  readonly initContainer?: boolean;
  readonly imagePullPolicy?: string | undefined;
  /** Listen on the pod's own host name only (options.localhost), exposing no port. */
  readonly listenLocal?: boolean;
  readonly logFormat?: string | undefined;
  readonly logLevel?: string | undefined;
  /** HTTP reload endpoint; unused with `useSignal`. */
  readonly reloadUrl?: string;
  /** Reload with SIGHUP instead of HTTP, checking the runtime info URL. */
  readonly useSignal?: boolean;
  readonly runtimeInfoUrl?: string;
  readonly webConfigFile?: string;
  /** Compressed config the reloader expands; its directory is watched too. */
  readonly configFile?: string;
  readonly configEnvsubstFile?: string;
  readonly watchedDirectories?: readonly string[];
  readonly volumeMounts: readonly V1VolumeMount[];
  /** Shard number, exported as $(SHARD). */
  readonly shard?: number;
  /** Topology zone of the shard, exported as $(TOPOLOGY_ZONE). */
  readonly zone?: string;
  /** Position of the shard within its zone, exported as $(INZONE_SHARD). */
  readonly inzoneShard?: number;
  /** DaemonSet mode: also export $(NODE_NAME). */
  readonly nodeNameEnv?: boolean;
}

/**
 * How the reloader reaches the operand beside it in the pod: the operator's
 * --localhost, the operand's port and its route prefix, e.g.
 * `http://localhost:9090/-/reload`.
 */
export function operandUrl(https: boolean, localhost: string, port: number, routePrefix: string, path: string): string {
  return `${https ? 'https' : 'http'}://${localhost}:${port}${cleanPath(`${routePrefix}${path}`)}`;
}

const RELOADER_PORT = 8080;
const INIT_RELOADER_PORT = 8081;

/** The reloader's resources from the options; a quantity of "0" means none. */
export function configReloaderResources(options: Options): V1ResourceRequirements {
  const limits: Record<string, string> = {};
  const requests: Record<string, string> = {};
  if (options.configReloaderCpuLimit !== '0') limits.cpu = options.configReloaderCpuLimit;
  if (options.configReloaderMemoryLimit !== '0') limits.memory = options.configReloaderMemoryLimit;
  if (options.configReloaderCpuRequest !== '0') requests.cpu = options.configReloaderCpuRequest;
  if (options.configReloaderMemoryRequest !== '0') requests.memory = options.configReloaderMemoryRequest;
  const out: V1ResourceRequirements = {};
  if (Object.keys(limits).length > 0) out.limits = limits;
  if (Object.keys(requests).length > 0) out.requests = requests;
  return out;
}

/** The hardened security context every operator-built container gets. */
export function restrictedSecurityContext(): NonNullable<V1Container['securityContext']> {
  return {
    allowPrivilegeEscalation: false,
    readOnlyRootFilesystem: true,
    capabilities: { drop: ['ALL'] },
  };
}

function dirname(file: string): string {
  const i = file.lastIndexOf('/');
  if (i < 0) return '.';
  return i === 0 ? '/' : file.slice(0, i);
}

export function makeConfigReloader(props: ConfigReloaderProps, options: Options): V1Container {
  const init = props.initContainer === true;
  const args: string[] = [];
  const env: V1EnvVar[] = [{ name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } }];
  if (props.nodeNameEnv) env.push({ name: 'NODE_NAME', valueFrom: { fieldRef: { fieldPath: 'spec.nodeName' } } });

  if (init) args.push('--watch-interval=0');
  let ports: V1Container['ports'];
  if (props.listenLocal) {
    args.push(`--listen-address=${options.localhost}:${RELOADER_PORT}`);
  } else {
    const port = init ? INIT_RELOADER_PORT : RELOADER_PORT;
    args.push(`--listen-address=:${port}`);
    ports = [{ name: init ? 'reloader-init' : 'reloader-web', containerPort: port, protocol: 'TCP' }];
  }
  if (props.webConfigFile) args.push(`--web-config-file=${props.webConfigFile}`);
  if (props.useSignal) {
    args.push('--reload-method=signal');
    if (props.runtimeInfoUrl) args.push(`--runtimeinfo-url=${props.runtimeInfoUrl}`);
  } else if (props.reloadUrl) {
    args.push(`--reload-url=${props.reloadUrl}`);
  }
  const watched = [...(props.watchedDirectories ?? [])];
  if (props.configFile) {
    args.push(`--config-file=${props.configFile}`);
    // Watching the config directory makes reloads follow kubelet's sync instead of the poll interval.
    const dir = dirname(props.configFile);
    if (!watched.includes(dir)) watched.push(dir);
  }
  if (props.configEnvsubstFile) args.push(`--config-envsubst-file=${props.configEnvsubstFile}`);
  for (const dir of watched) args.push(`--watched-dir=${dir}`);
  if (props.logLevel && props.logLevel !== 'info') args.push(`--log-level=${props.logLevel}`);
  if (props.logFormat && props.logFormat !== 'logfmt') args.push(`--log-format=${props.logFormat}`);

  if (props.shard !== undefined) env.push({ name: 'SHARD', value: String(props.shard) });
  if (props.zone) env.push({ name: 'TOPOLOGY_ZONE', value: props.zone });
  if (props.inzoneShard !== undefined) env.push({ name: 'INZONE_SHARD', value: String(props.inzoneShard) });

  const container: V1Container = {
    name: props.name,
    image: options.prometheusConfigReloaderImage,
    imagePullPolicy: props.imagePullPolicy || undefined,
    terminationMessagePolicy: 'FallbackToLogsOnError',
    env,
    command: ['/bin/prometheus-config-reloader'],
    args,
    ports,
    volumeMounts: props.volumeMounts.map((m) => ({ ...m })),
    resources: configReloaderResources(options),
    securityContext: restrictedSecurityContext(),
  };
  if (!init && options.enableConfigReloaderProbes) {
    const handler = probeHandler({
      path: '/healthz',
      port: RELOADER_PORT,
      localUrlBase: props.listenLocal ? `http://localhost:${RELOADER_PORT}` : undefined,
    });
    container.livenessProbe = { ...handler };
    container.readinessProbe = { ...handler };
    container.startupProbe = { ...handler };
  }
  return container;
}
