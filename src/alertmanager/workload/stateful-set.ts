import type { V1Container, V1Probe } from '@kubernetes/client-node';
import type { ReferencedSecrets } from '../../assets/referenced-secrets.js';
import { REFERENCED_SECRETS_DIR } from './spec-view.js';
import type { Alertmanager } from '../../api/types.js';
import type { RenderContext } from '../../context/render-context.js';
import type { Fail } from '../../core/fail.js';
import { atLeast, formatVersion } from '../../version/semver.js';
import { restrictedSecurityContext, operandUrl } from '../../workload/config-reloader.js';
import type { Argument } from '../../workload/flags.js';
import { selectorLabels } from '../../workload/metadata.js';
import { storageVolumeName, webConfigSecretName } from '../../workload/names.js';
import { ownerRef, workloadOwner } from '../../workload/owner.js';
import { cleanPath } from '../../workload/paths.js';
import { operandImage } from '../../workload/image-path.js';
import { resourcesWithMemoryRequest } from '../../workload/pod-settings.js';
import type { OperandParts } from '../../workload/pod-template.js';
import { probeHandler } from '../../workload/probes.js';
import { makeStatefulSet as assembleStatefulSet, statefulSetSettings, type StatefulSetObject } from '../../workload/stateful-set.js';
import { webConfigMount } from '../../workload/web-config-volumes.js';
import { alertmanagerArgs } from './args.js';
import { clusterTlsMount } from './cluster-tls.js';
import type { AlertmanagerPlan } from './plan.js';
import {
  APP_NAME,
  CONFIG_DIR,
  CONFIG_ENVSUBST_FILE,
  CONFIG_FILE_COMPRESSED,
  CONFIG_OUT_DIR,
  MESH_PORT,
  MESH_TCP_PORT_NAME,
  MESH_UDP_PORT_NAME,
  PREFIX,
  WEB_CONFIG_DIR,
  WEB_PORT,
  portName,
  serviceNameOf,
  specOf,
  webRoutePrefix,
  type AlertmanagerSpec,
} from './spec-view.js';
import { alertmanagerVolumes, type ConfigVolumeSource } from './volumes.js';

export type { StatefulSetObject };

export interface StatefulSetInputs {
  readonly plan: AlertmanagerPlan;
  /** The Secret the pods read their configuration from. */
  readonly config: ConfigVolumeSource;
  /** Names of the TLS assets Secrets projected into the tls-assets volume. */
  readonly tlsAssetSecretNames: readonly string[];
  /** The Secrets the configuration reads by file (option secrets). */
  readonly referenced?: ReferencedSecrets;
}

const PROBE_TIMEOUT_SECONDS = 3;
const DEFAULT_MEMORY_REQUEST = '200Mi';

/** Web server TLS only takes effect from 0.22.0, when Alertmanager reads a web config file. */
function isHttps(spec: AlertmanagerSpec, plan: AlertmanagerPlan): boolean {
  return spec.web?.tlsConfig !== undefined && atLeast(plan.version, '0.22.0');
}

/** Liveness and readiness probes; none when Alertmanager listens on localhost only. */
function probes(spec: AlertmanagerSpec, https: boolean): { livenessProbe?: V1Probe; readinessProbe?: V1Probe } {
  if (spec.listenLocal) return {};
  const handler = (path: string) => probeHandler({ path: cleanPath(webRoutePrefix(spec) + path), port: portName(spec), https });
  return {
    livenessProbe: { ...handler('/-/healthy'), timeoutSeconds: PROBE_TIMEOUT_SECONDS, failureThreshold: 10 },
    readinessProbe: { ...handler('/-/ready'), initialDelaySeconds: 3, timeoutSeconds: PROBE_TIMEOUT_SECONDS, periodSeconds: 5, failureThreshold: 10 },
  };
}

function containerPorts(spec: AlertmanagerSpec): V1Container['ports'] {
  const mesh = [
    { name: MESH_TCP_PORT_NAME, containerPort: MESH_PORT, protocol: 'TCP' },
    { name: MESH_UDP_PORT_NAME, containerPort: MESH_PORT, protocol: 'UDP' },
  ];
  return spec.listenLocal ? mesh : [{ name: portName(spec), containerPort: WEB_PORT, protocol: 'TCP' }, ...mesh];
}

/**
 * The Alertmanager's own part of the pod: its flags, volumes (with the web
 * config from 0.22.0 and the cluster TLS config from 0.24.0), the
 * `alertmanager` container and the config reloaders.
 */
function operand(am: Alertmanager, inputs: StatefulSetInputs, image: string, ctx: RenderContext, fail: Fail): OperandParts | undefined {
  const ref = ownerRef(am);
  const spec = specOf(am);
  const { plan } = inputs;
  const version = plan.version;
  const args: Argument[] = alertmanagerArgs(spec, plan, ctx.options);
  const set = alertmanagerVolumes(spec, { config: inputs.config, dataVolumeName: storageVolumeName(PREFIX, plan.name), tlsAssetSecretNames: inputs.tlsAssetSecretNames }, fail);
  if (!set) return undefined;

  // From 0.22.0 the web config file is always mounted, so switching between HTTP and HTTPS needs no new pods.
  let reloaderWebConfigFile: string | undefined;
  if (atLeast(version, '0.22.0')) {
    const web = webConfigMount(WEB_CONFIG_DIR, webConfigSecretName(PREFIX, plan.name), spec.web?.tlsConfig, fail, 'spec.web.tlsConfig');
    if (!web) return undefined;
    args.push(web.arg);
    set.volumes.push(...web.volumes);
    set.mounts.push(...web.mounts);
    reloaderWebConfigFile = web.arg.value;
    set.reloaderMounts.push(...web.mounts.map((m) => ({ ...m })));
  } else if (spec.web?.tlsConfig || spec.web?.httpConfig) {
    ctx.report.warn(`spec.web is ignored: Alertmanager ${formatVersion(version)} reads no web config file (supported from 0.22.0)`, ref, 'spec.web');
  }

  if (atLeast(version, '0.24.0')) {
    const cluster = clusterTlsMount(plan.name, spec.clusterTLS, fail);
    if (!cluster) return undefined;
    if (cluster.arg) args.push(cluster.arg);
    set.volumes.push(...cluster.volumes);
    set.mounts.push(...cluster.mounts);
  } else if (spec.clusterTLS) {
    ctx.report.warn(`spec.clusterTLS is ignored: Alertmanager ${formatVersion(version)} has no cluster TLS (supported from 0.24.0)`, ref, 'spec.clusterTLS');
  }

  const https = isHttps(spec, plan);
  const env: NonNullable<V1Container['env']> = [{ name: 'POD_IP', valueFrom: { fieldRef: { fieldPath: 'status.podIP' } } }];
  if (atLeast(version, '0.30.0')) env.push({ name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } });
  return {
    args,
    container: (built) => ({
      name: 'alertmanager',
      image,
      imagePullPolicy: spec.imagePullPolicy || undefined,
      ports: containerPorts(spec),
      args: built,
      env,
      volumeMounts: set.mounts,
      ...probes(spec, https),
      resources: resourcesWithMemoryRequest(spec.resources, DEFAULT_MEMORY_REQUEST),
      terminationMessagePolicy: 'FallbackToLogsOnError',
      securityContext: restrictedSecurityContext(),
    }),
    reloader: {
      common: {
        imagePullPolicy: spec.imagePullPolicy,
        logFormat: spec.logFormat,
        logLevel: spec.logLevel,
        volumeMounts: set.reloaderMounts,
        watchedDirectories: set.watchedDirectories,
        configFile: `${CONFIG_DIR}/${CONFIG_FILE_COMPRESSED}`,
        configEnvsubstFile: `${CONFIG_OUT_DIR}/${CONFIG_ENVSUBST_FILE}`,
        // The operator marks Alertmanager's reloaders as unsharded.
        shard: -1,
      },
      reload: {
        listenLocal: spec.listenLocal === true,
        reloadUrl: operandUrl(https, ctx.options.localhost, WEB_PORT, webRoutePrefix(spec), '/-/reload'),
        ...(reloaderWebConfigFile ? { webConfigFile: reloaderWebConfigFile } : {}),
      },
      init: true,
    },
    volumes: set.volumes,
  };
}

/**
 * The StatefulSet `alertmanager-<name>`, as the operator's makeStatefulSet
 * builds it. Returns undefined after reporting an error result when the spec
 * cannot be rendered (conflicting flags, an unparsable image, bad TLS, …).
 */
export function makeStatefulSet(am: Alertmanager, inputs: StatefulSetInputs, ctx: RenderContext): StatefulSetObject | undefined {
  const { plan } = inputs;
  const spec = specOf(am);
  return assembleStatefulSet(workloadOwner(am), plan, {
    spec,
    image: operandImage('alertmanager', spec, plan.versionText, ctx.options),
    labels: { selector: selectorLabels(APP_NAME, plan.name, { alertmanager: plan.name }), defaultContainer: 'alertmanager' },
    operand: (image, fail) => operand(am, inputs, image, ctx, fail),
    settings: statefulSetSettings(spec, serviceNameOf(spec), plan.replicas),
    dataVolumeName: storageVolumeName(PREFIX, plan.name),
    referencedSecrets: inputs.referenced && { collected: inputs.referenced, mountDir: REFERENCED_SECRETS_DIR },
    claimRetentionPolicy: spec.persistentVolumeClaimRetentionPolicy,
    hash: { http2: spec.web?.httpConfig?.http2 ?? null, tlsAssetSecrets: inputs.tlsAssetSecretNames.length },
  }, ctx);
}
