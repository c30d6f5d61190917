import type { V1Container, V1PodSpec, V1Probe, V1StatefulSet, V1Volume } from '@kubernetes/client-node';
import type { Alertmanager } from '../../api/types.js';
import { clone, mergeMaps, sortedMap } from '../../core/objects.js';
import { refOf, type KubeObject } from '../../krm/types.js';
import type { RenderContext } from '../../selection/context.js';
import { atLeast, formatVersion } from '../../version/semver.js';
import { buildArgs, conflictMessage, type Argument } from '../../workload/flags.js';
import { makeConfigReloader, restrictedSecurityContext } from '../../workload/config-reloader.js';
import { mergePatchContainers } from '../../workload/container-merge.js';
import { valueOr } from '../../version/products.js';
import { buildImagePath } from '../../workload/image-path.js';
import { inputHash } from '../../workload/input-hash.js';
import {
  APP_INSTANCE_LABEL,
  APP_NAME_LABEL,
  APP_VERSION_LABEL,
  DEFAULT_CONTAINER_ANNOTATION,
  INPUT_HASH_ANNOTATION,
  MANAGED_BY_LABEL,
  MANAGED_BY_VALUE,
  MANAGED_LABELS,
  withoutKubectlAnnotations,
} from '../../workload/metadata.js';
import { storageVolumeName, webConfigSecretName } from '../../workload/names.js';
import { cleanPath } from '../../workload/paths.js';
import { podSpecSettings, statefulSetUpdateStrategy } from '../../workload/pod-settings.js';
import { probeHandler } from '../../workload/probes.js';
import { placeStorage } from '../../workload/storage.js';
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

export type StatefulSetObject = KubeObject & V1StatefulSet;

export interface StatefulSetInputs {
  readonly plan: AlertmanagerPlan;
  /** The Secret the pods read their configuration from. */
  readonly config: ConfigVolumeSource;
  /** Names of the TLS assets Secrets projected into the tls-assets volume. */
  readonly tlsAssetSecretNames: readonly string[];
}

const DEFAULT_TERMINATION_GRACE_PERIOD_SECONDS = 120;
const PROBE_TIMEOUT_SECONDS = 3;
const DEFAULT_MEMORY_REQUEST = '200Mi';

/** Labels that select an Alertmanager's pods. Immutable on a StatefulSet, so they never change. */
export function selectorLabels(name: string): Record<string, string> {
  return sortedMap({
    [APP_NAME_LABEL]: APP_NAME,
    [MANAGED_BY_LABEL]: MANAGED_BY_VALUE,
    [APP_INSTANCE_LABEL]: name,
    alertmanager: name,
  });
}

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

/** spec.resources with a 200Mi memory request when none is given. */
function resources(spec: AlertmanagerSpec): V1Container['resources'] {
  const out = clone(spec.resources ?? {}) as NonNullable<V1Container['resources']>;
  const requests = { ...(out.requests ?? {}) };
  if (requests.memory === undefined) requests.memory = DEFAULT_MEMORY_REQUEST;
  return { ...out, requests: sortedMap(requests as Record<string, string>) };
}

function containerPorts(spec: AlertmanagerSpec): V1Container['ports'] {
  const mesh = [
    { name: MESH_TCP_PORT_NAME, containerPort: MESH_PORT, protocol: 'TCP' },
    { name: MESH_UDP_PORT_NAME, containerPort: MESH_PORT, protocol: 'UDP' },
  ];
  return spec.listenLocal ? mesh : [{ name: portName(spec), containerPort: WEB_PORT, protocol: 'TCP' }, ...mesh];
}

/**
 * The StatefulSet `alertmanager-<name>`, as the operator's makeStatefulSet
 * builds it. Returns undefined after reporting an error result when the spec
 * cannot be rendered (conflicting flags, an unparsable image, bad TLS, …).
 */
export function makeStatefulSet(am: Alertmanager, inputs: StatefulSetInputs, ctx: RenderContext): StatefulSetObject | undefined {
  const ref = refOf(am as unknown as KubeObject);
  const fail = (message: string, field: string): undefined => {
    ctx.report.error(message, ref, field);
    return undefined;
  };
  const spec = specOf(am);
  const { plan } = inputs;
  const version = plan.version;

  const image = buildImagePath({
    image: spec.image,
    baseImage: valueOr(spec.baseImage, ctx.options.alertmanagerDefaultBaseImage),
    version: plan.versionText,
    tag: valueOr(spec.tag, ''),
    sha: valueOr(spec.sha, ''),
  });
  if (!image.ok) return fail(`${image.reason}; fix spec.image or spec.baseImage`, 'spec.image');

  const managed: Argument[] = alertmanagerArgs(spec, plan, ctx.options);
  const dataVolume = storageVolumeName(PREFIX, plan.name);
  const set = alertmanagerVolumes(spec, {
    config: inputs.config,
    dataVolumeName: dataVolume,
    tlsAssetSecretNames: inputs.tlsAssetSecretNames,
  });
  if (typeof set === 'string') return fail(`${set}; use a name that is a valid DNS-1123 label`, set.slice(0, set.indexOf(':')));

  // From 0.22.0 the web config file is always mounted, so switching between HTTP and HTTPS needs no new pods.
  let reloaderWebConfigFile: string | undefined;
  if (atLeast(version, '0.22.0')) {
    const web = webConfigMount(WEB_CONFIG_DIR, webConfigSecretName(PREFIX, plan.name), spec.web?.tlsConfig);
    if (typeof web === 'string') return fail(`spec.web.tlsConfig: ${web}`, 'spec.web.tlsConfig');
    managed.push(web.arg);
    set.volumes.push(...web.volumes);
    set.mounts.push(...web.mounts);
    reloaderWebConfigFile = web.arg.value;
    set.reloaderMounts.push(...web.mounts.map((m) => ({ ...m })));
  } else if (spec.web?.tlsConfig || spec.web?.httpConfig) {
    ctx.report.warn(`spec.web is ignored: Alertmanager ${formatVersion(version)} reads no web config file (supported from 0.22.0)`, ref, 'spec.web');
  }

  if (atLeast(version, '0.24.0')) {
    const cluster = clusterTlsMount(plan.name, spec.clusterTLS);
    if (typeof cluster === 'string') return fail(`spec.clusterTLS: ${cluster}`, 'spec.clusterTLS');
    if (cluster.arg) managed.push(cluster.arg);
    set.volumes.push(...cluster.volumes);
    set.mounts.push(...cluster.mounts);
  } else if (spec.clusterTLS) {
    ctx.report.warn(`spec.clusterTLS is ignored: Alertmanager ${formatVersion(version)} has no cluster TLS (supported from 0.24.0)`, ref, 'spec.clusterTLS');
  }

  const args = buildArgs(managed, (spec.additionalArgs ?? []) as Argument[]);
  if (!args.ok) return fail(conflictMessage('spec.additionalArgs', args.conflicts), 'spec.additionalArgs');

  const https = isHttps(spec, plan);
  const env: NonNullable<V1Container['env']> = [{ name: 'POD_IP', valueFrom: { fieldRef: { fieldPath: 'status.podIP' } } }];
  if (atLeast(version, '0.30.0')) env.push({ name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } });
  const alertmanager: V1Container = {
    name: 'alertmanager',
    image: image.image,
    imagePullPolicy: spec.imagePullPolicy || undefined,
    ports: containerPorts(spec),
    args: args.args,
    env,
    volumeMounts: set.mounts,
    ...probes(spec, https),
    resources: resources(spec),
    terminationMessagePolicy: 'FallbackToLogsOnError',
    securityContext: restrictedSecurityContext(),
  };

  const localHost = ctx.options.localhost;
  const reloaderCommon = {
    imagePullPolicy: spec.imagePullPolicy,
    logFormat: spec.logFormat,
    logLevel: spec.logLevel,
    volumeMounts: set.reloaderMounts,
    watchedDirectories: set.watchedDirectories,
    configFile: `${CONFIG_DIR}/${CONFIG_FILE_COMPRESSED}`,
    configEnvsubstFile: `${CONFIG_OUT_DIR}/${CONFIG_ENVSUBST_FILE}`,
    // The operator marks Alertmanager's reloaders as unsharded.
    shard: -1,
  };
  const reloader = makeConfigReloader(
    {
      ...reloaderCommon,
      name: 'config-reloader',
      listenLocal: spec.listenLocal === true,
      reloadUrl: `${https ? 'https' : 'http'}://${localHost}:${WEB_PORT}${cleanPath(`${webRoutePrefix(spec)}/-/reload`)}`,
      ...(reloaderWebConfigFile ? { webConfigFile: reloaderWebConfigFile } : {}),
    },
    ctx.options,
  );
  const containers = mergePatchContainers([alertmanager, reloader], spec.containers as V1Container[] | undefined);
  if (!containers.ok) return fail(`spec.containers cannot be merged with the generated containers: ${containers.reason}`, 'spec.containers');
  const initReloader = makeConfigReloader({ ...reloaderCommon, name: 'init-config-reloader', initContainer: true }, ctx.options);
  const initContainers = mergePatchContainers([initReloader], spec.initContainers as V1Container[] | undefined);
  if (!initContainers.ok) return fail(`spec.initContainers cannot be merged with the generated init containers: ${initContainers.reason}`, 'spec.initContainers');

  // The operator's --labels go into the selector too, and win over every other pod label.
  const selector = mergeMaps(selectorLabels(plan.name), ctx.options.labels);
  const podLabels = mergeMaps({ [APP_VERSION_LABEL]: formatVersion(version) }, spec.podMetadata?.labels, selector);
  const podAnnotations = mergeMaps(spec.podMetadata?.annotations, { [DEFAULT_CONTAINER_ANNOTATION]: 'alertmanager' });

  const podSpec: V1PodSpec = {
    ...podSpecSettings(spec, DEFAULT_TERMINATION_GRACE_PERIOD_SECONDS),
    initContainers: initContainers.containers,
    containers: containers.containers,
    volumes: set.volumes,
  };
  if (spec.imagePullSecrets && spec.imagePullSecrets.length > 0) podSpec.imagePullSecrets = clone(spec.imagePullSecrets) as V1PodSpec['imagePullSecrets'];
  const storage = placeStorage(spec.storage, dataVolume);
  if (storage.volume) podSpec.volumes = [...(podSpec.volumes ?? []), storage.volume];
  if (spec.volumes) podSpec.volumes = [...(podSpec.volumes ?? []), ...(clone(spec.volumes) as V1Volume[])];

  const stsSpec: NonNullable<V1StatefulSet['spec']> = {
    serviceName: serviceNameOf(spec),
    replicas: plan.replicas,
    podManagementPolicy: spec.podManagementPolicy ?? 'Parallel',
    updateStrategy: statefulSetUpdateStrategy(spec.updateStrategy),
    ...(spec.minReadySeconds ? { minReadySeconds: spec.minReadySeconds } : {}),
    selector: { matchLabels: selector },
    template: {
      metadata: { labels: podLabels, annotations: podAnnotations },
      spec: podSpec,
    },
  };
  if (storage.claimTemplate) stsSpec.volumeClaimTemplates = [storage.claimTemplate];
  if (spec.persistentVolumeClaimRetentionPolicy) {
    stsSpec.persistentVolumeClaimRetentionPolicy = clone(spec.persistentVolumeClaimRetentionPolicy) as typeof stsSpec.persistentVolumeClaimRetentionPolicy;
  }

  return { apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: statefulSetMetadata(am, inputs, selector, stsSpec), spec: stsSpec };
}

/**
 * The StatefulSet's own metadata: the resource's labels and annotations
 * (without kubectl's), the operator's labels, the selector labels, and a hash
 * of everything the StatefulSet was generated from.
 */
function statefulSetMetadata(
  am: Alertmanager,
  inputs: StatefulSetInputs,
  selector: Record<string, string>,
  spec: V1StatefulSet['spec'],
): { name: string; namespace: string; labels: Record<string, string>; annotations: Record<string, string> } {
  const ownLabels = am.metadata?.labels ?? {};
  const ownAnnotations = am.metadata?.annotations ?? {};
  const hash = inputHash({
    labels: ownLabels,
    annotations: ownAnnotations,
    http2: am.spec?.web?.httpConfig?.http2 ?? null,
    tlsAssetSecrets: inputs.tlsAssetSecretNames.length,
    spec,
  });
  return {
    name: inputs.plan.prefixedName,
    namespace: inputs.plan.namespace,
    labels: mergeMaps(MANAGED_LABELS, ownLabels, selector),
    annotations: withoutKubectlAnnotations({ ...ownAnnotations, [INPUT_HASH_ANNOTATION]: hash }),
  };
}
