import type { V1Container, V1EnvVar, V1PodSpec, V1StatefulSet, V1Volume } from '@kubernetes/client-node';
import type { Prometheus } from '../api/types.js';
import { clone } from '../core/objects.js';
import { refOf, type KubeObject, type ObjectRef } from '../krm/types.js';
import type { RenderContext } from '../selection/context.js';
import { atLeast, formatVersion } from '../version/semver.js';
import { buildArgs, conflictMessage, type Argument } from '../workload/arguments.js';
import { makeConfigReloader, restrictedSecurityContext } from '../workload/config-reloader.js';
import { mergePatchContainers } from '../workload/container-merge.js';
import { buildImagePath, valueOr } from '../workload/image-path.js';
import { APP_VERSION_LABEL, DEFAULT_CONTAINER_ANNOTATION, mergeMaps } from '../workload/metadata.js';
import { storageVolumeName, webConfigSecretName } from '../workload/names.js';
import { cleanPath } from '../workload/paths.js';
import { statefulSetUpdateStrategy } from '../workload/pod-settings.js';
import { placeStorage } from '../workload/storage.js';
import { webConfigMount } from '../workload/web-config-volumes.js';
import { addCommonFlags, addServerFlags, FlagList } from './args.js';
import { podTemplateSettings, selectorLabels, statefulSetMetadata, topologyZone } from './pod-settings.js';
import type { PrometheusPlan } from './plan.js';
import { prometheusProbes } from './probes.js';
import {
  CONFIG_DIR,
  CONFIG_ENVSUBST_FILENAME,
  CONFIG_FILENAME,
  CONFIG_OUT_DIR,
  GOVERNING_SERVICE_NAME,
  RULES_DIR,
  WEB_CONFIG_DIR,
  portName,
  specOf,
  uriScheme,
  webRoutePrefix,
  type WorkloadSpec,
} from './spec-view.js';
import { compactionFlags, compactionMode, makeThanosSidecar, thanosVersionOf } from './thanos-sidecar.js';
import { addServerVolumes, commonVolumes, configReloaderMounts, dataSubPath, dataVolumeClaimName } from './volumes.js';

export interface ShardInputs {
  readonly plan: PrometheusPlan;
  readonly shard: number;
  /** StatefulSet name for this shard. */
  readonly name: string;
  /** Hash of the generated config, for the input-hash annotation. */
  readonly configHash: string;
  /** Names of the TLS assets Secrets to project into the tls-assets volume. */
  readonly tlsAssetSecretNames: readonly string[];
  /** The ServiceAccount generated for pods whose spec names none (option rbac: generate). */
  readonly defaultServiceAccountName?: string;
}

export type StatefulSetObject = KubeObject & V1StatefulSet;

/** Reports an error naming the field and returns undefined, so callers can `return fail(...)`. */
function failer(ctx: RenderContext, ref: ObjectRef): (message: string, field: string) => undefined {
  return (message, field) => {
    ctx.report.error(message, ref, field);
    return undefined;
  };
}

/**
 * The StatefulSet of one shard, as the operator's makeStatefulSet builds it.
 * Returns undefined after reporting an error result when the spec cannot be
 * rendered (conflicting flags, an unparsable image, …).
 */
export function makeStatefulSet(p: Prometheus, inputs: ShardInputs, ctx: RenderContext): StatefulSetObject | undefined {
  const ref = refOf(p as unknown as KubeObject);
  const fail = failer(ctx, ref);
  const spec = specOf(p);
  const { plan, shard } = inputs;
  const version = plan.version;
  const localHost = 'localhost';

  const image = buildImagePath({
    image: spec.image,
    baseImage: valueOr(spec.baseImage, ctx.options.prometheusDefaultBaseImage),
    version: `v${formatVersion(version)}`,
    tag: valueOr(spec.tag, ''),
    sha: valueOr(spec.sha, ''),
  });
  if (!image.ok) return fail(`${image.reason}; fix spec.image or spec.baseImage`, 'spec.image');

  const flags = new FlagList(version, ctx, ref);
  addCommonFlags(flags, spec, version);
  addServerFlags(flags, spec, version);
  const promArgs: Argument[] = [...flags.args];

  const dataVolume = storageVolumeName(plan.prefix, plan.name);
  const set = commonVolumes(
    spec,
    { configSecretName: plan.prefixedName, dataVolumeName: dataVolume, tlsAssetSecretNames: inputs.tlsAssetSecretNames },
    true,
  );
  if (typeof set === 'string') return fail(`${set}; use a name that is a valid DNS-1123 label`, set.slice(0, set.indexOf(':')));
  addServerVolumes(set, spec, plan.ruleConfigMapNames);
  const reloaderMounts = configReloaderMounts();

  // The web config file is always mounted (from 2.24.0), so switching between HTTP and HTTPS needs no new pods.
  let reloaderWebConfigFile: string | undefined;
  if (atLeast(version, '2.24.0')) {
    const web = webConfigMount(WEB_CONFIG_DIR, webConfigSecretName(plan.prefix, plan.name), spec.web?.tlsConfig);
    if (typeof web === 'string') return fail(`spec.web.tlsConfig: ${web}`, 'spec.web.tlsConfig');
    promArgs.push(web.arg);
    set.volumes.push(...web.volumes);
    set.mounts.push(...web.mounts);
    if (spec.web) {
      reloaderWebConfigFile = web.arg.value;
      reloaderMounts.push(...web.mounts.map((m) => ({ ...m })));
    }
  } else if (spec.web) {
    ctx.report.warn(`spec.web is ignored: Prometheus ${formatVersion(version)} reads no web config file (supported from 2.24.0)`, ref, 'spec.web');
  }

  const thanosVersion = spec.thanos ? thanosVersionOf(spec.thanos, ctx.options) : undefined;
  if (spec.thanos && !thanosVersion) {
    return fail(`spec.thanos.version "${spec.thanos.version ?? ctx.options.thanosDefaultVersion}" is not a version; write it like v0.42.0`, 'spec.thanos.version');
  }
  const mode = compactionMode(spec, version, thanosVersion);
  const extraContainers: V1Container[] = [];
  if (spec.thanos && thanosVersion) {
    const sidecar = makeThanosSidecar({
      spec,
      prefixedName: plan.prefixedName,
      thanosVersion,
      mode,
      dataVolumeName: dataVolumeClaimName(spec, dataVolume),
      dataSubPath: dataSubPath(spec),
      options: ctx.options,
    });
    if (!sidecar.ok) return fail(sidecar.message, sidecar.field);
    extraContainers.push(sidecar.container);
    set.volumes.push(...sidecar.volumes);
  }
  promArgs.push(...compactionFlags(spec, mode, version));

  const watched: string[] = [];
  for (const name of plan.ruleConfigMapNames) {
    const mountPath = `${RULES_DIR}/${name}`;
    reloaderMounts.push({ name, mountPath });
    watched.push(mountPath);
  }

  const zone = topologyZone(spec, shard, ctx.options.featureGates.PrometheusTopologySharding);
  const reloaderCommon = {
    imagePullPolicy: spec.imagePullPolicy,
    logFormat: spec.logFormat,
    logLevel: spec.logLevel,
    volumeMounts: reloaderMounts,
    configFile: `${CONFIG_DIR}/${CONFIG_FILENAME}`,
    configEnvsubstFile: `${CONFIG_OUT_DIR}/${CONFIG_ENVSUBST_FILENAME}`,
    watchedDirectories: watched,
    shard,
    ...(zone ? { zone: zone.zone, inzoneShard: zone.inzoneShard } : {}),
  };
  const initReloader = makeConfigReloader({ ...reloaderCommon, name: 'init-config-reloader', initContainer: true }, ctx.options);
  const initContainers = mergePatchContainers([initReloader], spec.initContainers as V1Container[] | undefined);
  if (!initContainers.ok) return fail(`spec.initContainers cannot be merged with the generated init containers: ${initContainers.reason}`, 'spec.initContainers');

  const args = buildArgs(promArgs, (spec.additionalArgs ?? []) as Argument[]);
  if (!args.ok) return fail(conflictMessage('spec.additionalArgs', args.conflicts), 'spec.additionalArgs');

  const env: V1EnvVar[] = [];
  // From 2.53.0 GOGC is set in the configuration file's runtime block instead.
  if (spec.runtime?.goGC !== undefined && !atLeast(version, '2.53.0')) env.push({ name: 'GOGC', value: String(spec.runtime.goGC) });

  const signal = spec.reloadStrategy === 'ProcessSignal';
  const reloader = makeConfigReloader(
    {
      ...reloaderCommon,
      name: 'config-reloader',
      ...(signal
        ? { useSignal: true, runtimeInfoUrl: `${uriScheme(spec)}://${localHost}:9090${cleanPath(`${webRoutePrefix(spec)}/api/v1/status/runtimeinfo`)}` }
        : { listenLocal: spec.listenLocal === true, localHost, reloadUrl: `${uriScheme(spec)}://${localHost}:9090${cleanPath(`${webRoutePrefix(spec)}/-/reload`)}` }),
      ...(reloaderWebConfigFile ? { webConfigFile: reloaderWebConfigFile } : {}),
    },
    ctx.options,
  );
  const prometheus = prometheusContainer(spec, image.image, args.args, env, set.mounts);
  const containers = mergePatchContainers([prometheus, reloader, ...extraContainers], spec.containers as V1Container[] | undefined);
  if (!containers.ok) return fail(`spec.containers cannot be merged with the generated containers: ${containers.reason}`, 'spec.containers');

  const selector = selectorLabels(plan.name, shard);
  const podLabels = mergeMaps({ [APP_VERSION_LABEL]: formatVersion(version) }, spec.podMetadata?.labels, selector);
  const podAnnotations = mergeMaps({ [DEFAULT_CONTAINER_ANNOTATION]: 'prometheus' }, spec.podMetadata?.annotations);

  const podSpec: V1PodSpec = {
    ...podTemplateSettings(
      spec.serviceAccountName || !inputs.defaultServiceAccountName ? spec : { ...spec, serviceAccountName: inputs.defaultServiceAccountName },
      shard,
      selector,
      ctx.options.featureGates.PrometheusTopologySharding,
    ),
    initContainers: initContainers.containers,
    containers: containers.containers,
    volumes: set.volumes,
  };
  const storage = placeStorage(spec.storage, dataVolume);
  if (storage.volume) podSpec.volumes = [...(podSpec.volumes ?? []), storage.volume];
  if (spec.volumes) podSpec.volumes = [...(podSpec.volumes ?? []), ...(clone(spec.volumes) as V1Volume[])];
  if (spec.imagePullSecrets && spec.imagePullSecrets.length > 0) podSpec.imagePullSecrets = clone(spec.imagePullSecrets) as V1PodSpec['imagePullSecrets'];

  const replicas = spec.replicas === undefined || spec.replicas < 0 ? 1 : spec.replicas;
  const stsSpec: NonNullable<V1StatefulSet['spec']> = {
    serviceName: spec.serviceName ?? GOVERNING_SERVICE_NAME,
    replicas,
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

  const metadata = statefulSetMetadata(p, inputs, selector, stsSpec);
  return { apiVersion: 'apps/v1', kind: 'StatefulSet', metadata, spec: stsSpec };
}

function prometheusContainer(spec: WorkloadSpec, image: string, args: string[], env: V1EnvVar[], mounts: V1Container['volumeMounts']): V1Container {
  const probes = prometheusProbes(spec);
  return {
    name: 'prometheus',
    image,
    imagePullPolicy: spec.imagePullPolicy || undefined,
    ports: spec.listenLocal ? undefined : [{ name: portName(spec), containerPort: 9090, protocol: 'TCP' }],
    args,
    env: env.length > 0 ? env : undefined,
    volumeMounts: mounts,
    startupProbe: probes.startupProbe,
    livenessProbe: probes.livenessProbe,
    readinessProbe: probes.readinessProbe,
    resources: clone(spec.resources ?? {}) as V1Container['resources'],
    terminationMessagePolicy: 'FallbackToLogsOnError',
    securityContext: restrictedSecurityContext(),
  };
}
