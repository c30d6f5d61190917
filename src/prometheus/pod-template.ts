/**
 * The pod template every Prometheus workload runs: the server's and the
 * agent's StatefulSets and the agent's DaemonSet. The operator writes this
 * three times (server/statefulset.go, agent/statefulset.go,
 * agent/daemonset.go); here it is written once, and each place where the
 * copies disagree is a branch on the plan's mode, with a comment.
 */
import type { V1Container, V1EnvVar, V1PodSpec, V1PodTemplateSpec } from '@kubernetes/client-node';
import type { Prometheus } from '../api/types.js';
import { clone, mergeMaps } from '../core/objects.js';
import { refOf, type KubeObject, type ObjectRef } from '../krm/types.js';
import type { RenderContext } from '../selection/context.js';
import { atLeast, formatVersion } from '../version/semver.js';
import { buildArgs, conflictMessage, Flags, type Argument } from '../workload/flags.js';
import { makeConfigReloader, restrictedSecurityContext } from '../workload/config-reloader.js';
import { mergePatchContainers } from '../workload/container-merge.js';
import { valueOr } from '../version/products.js';
import { buildImagePath } from '../workload/image-path.js';
import { APP_VERSION_LABEL, DEFAULT_CONTAINER_ANNOTATION } from '../workload/metadata.js';
import { storageVolumeName, webConfigSecretName } from '../workload/names.js';
import { cleanPath } from '../workload/paths.js';
import { webConfigMount } from '../workload/web-config-volumes.js';
import { addAgentFlags, addCommonFlags, addServerFlags } from './args.js';
import { podTemplateSettings, selectorLabels, topologyZone } from './pod-settings.js';
import type { PrometheusPlan } from './plan.js';
import { prometheusProbes } from './probes.js';
import {
  CONFIG_DIR,
  CONFIG_ENVSUBST_FILENAME,
  CONFIG_FILENAME,
  CONFIG_OUT_DIR,
  RULES_DIR,
  WEB_CONFIG_DIR,
  portName,
  specOf,
  uriScheme,
  webRoutePrefix,
  type WorkloadSpec,
} from './spec-view.js';
import { compactionFlags, compactionMode, makeThanosSidecar } from './thanos-sidecar.js';
import { addServerVolumes, commonVolumes, configReloaderMounts, dataSubPath, dataVolumeClaimName } from './volumes.js';

export interface PodInputs {
  readonly plan: PrometheusPlan;
  /** The shard this pod template belongs to; undefined for the agent's DaemonSet, which is not sharded. */
  readonly shard: number | undefined;
  /** Names of the TLS assets Secrets to project into the tls-assets volume. */
  readonly tlsAssetSecretNames: readonly string[];
  /** The ServiceAccount generated for pods whose spec names none (option rbac: generate). */
  readonly defaultServiceAccountName?: string;
}

export interface PodTemplate {
  readonly template: V1PodTemplateSpec & { spec: V1PodSpec };
  /** The workload's selector labels. */
  readonly selector: Record<string, string>;
  /** The data volume's default name, `<prefix>-<name>-db`. */
  readonly dataVolumeName: string;
}

/** Reports an error naming the field and returns undefined, so callers can `return fail(...)`. */
export function failer(ctx: RenderContext, ref: ObjectRef): (message: string, field: string) => undefined {
  return (message, field) => {
    ctx.report.error(message, ref, field);
    return undefined;
  };
}

/**
 * Builds the pod template, or returns undefined after reporting an error
 * result when the spec cannot be rendered (conflicting flags, an unparsable
 * image, …).
 */
export function makePodTemplate(p: Prometheus, inputs: PodInputs, ctx: RenderContext): PodTemplate | undefined {
  const ref = refOf(p as unknown as KubeObject);
  const fail = failer(ctx, ref);
  const spec = specOf(p);
  const { plan } = inputs;
  const server = plan.mode === 'server';
  // The DaemonSet is built as shard 0 where a shard number is needed (SHARD env of the reloader).
  const shard = inputs.shard ?? 0;
  const version = plan.version;
  const localHost = ctx.options.localhost;

  const image = buildImagePath({
    image: spec.image,
    baseImage: valueOr(spec.baseImage, ctx.options.prometheusDefaultBaseImage),
    version: `v${formatVersion(version)}`,
    // The agent's image ignores the deprecated spec.tag and spec.sha (BuildImagePathForAgent).
    tag: server ? valueOr(spec.tag, '') : '',
    sha: server ? valueOr(spec.sha, '') : '',
  });
  if (!image.ok) return fail(`${image.reason}; fix spec.image or spec.baseImage`, 'spec.image');

  const flags = new Flags(plan.gate);
  addCommonFlags(flags, spec);
  if (server) addServerFlags(flags, spec);
  else addAgentFlags(flags, spec);
  const promArgs: Argument[] = [...flags.args];

  const dataVolume = storageVolumeName(plan.prefix, plan.name);
  const set = commonVolumes(
    spec,
    { configSecretName: plan.prefixedName, dataVolumeName: dataVolume, tlsAssetSecretNames: inputs.tlsAssetSecretNames },
    !plan.daemonSet,
  );
  if (typeof set === 'string') return fail(`${set}; use a name that is a valid DNS-1123 label`, set.slice(0, set.indexOf(':')));
  if (server) addServerVolumes(set, spec, plan.ruleConfigMapNames);
  const reloaderMounts = configReloaderMounts();

  // The web config file is always mounted (from 2.24.0), so switching between HTTP and HTTPS needs no new pods.
  // The agent's DaemonSet mounts it without a version check and always hands it to the reloader.
  let reloaderWebConfigFile: string | undefined;
  if (plan.daemonSet || atLeast(version, '2.24.0')) {
    const web = webConfigMount(WEB_CONFIG_DIR, webConfigSecretName(plan.prefix, plan.name), spec.web?.tlsConfig);
    if (typeof web === 'string') return fail(`spec.web.tlsConfig: ${web}`, 'spec.web.tlsConfig');
    promArgs.push(web.arg);
    set.volumes.push(...web.volumes);
    set.mounts.push(...web.mounts);
    if (spec.web || plan.daemonSet) {
      reloaderWebConfigFile = web.arg.value;
      reloaderMounts.push(...web.mounts.map((m) => ({ ...m })));
    }
  } else if (spec.web) {
    ctx.report.warn(`spec.web is ignored: Prometheus ${formatVersion(version)} reads no web config file (supported from 2.24.0)`, ref, 'spec.web');
  }

  const extraContainers: V1Container[] = [];
  if (server) {
    const sidecar = addThanos(spec, plan, dataVolume, promArgs, set.volumes, ctx);
    if (!sidecar.ok) return fail(sidecar.message, sidecar.field);
    extraContainers.push(...sidecar.containers);
  }

  const watched: string[] = [];
  for (const name of plan.ruleConfigMapNames) {
    const mountPath = `${RULES_DIR}/${name}`;
    reloaderMounts.push({ name, mountPath });
    watched.push(mountPath);
  }

  const topologyGate = !plan.daemonSet && ctx.options.featureGates.PrometheusTopologySharding;
  const zone = topologyZone(spec, shard, topologyGate);
  const reloaderCommon = {
    imagePullPolicy: spec.imagePullPolicy,
    logFormat: spec.logFormat,
    logLevel: spec.logLevel,
    volumeMounts: reloaderMounts,
    configFile: `${CONFIG_DIR}/${CONFIG_FILENAME}`,
    configEnvsubstFile: `${CONFIG_OUT_DIR}/${CONFIG_ENVSUBST_FILENAME}`,
    watchedDirectories: watched,
    shard,
    // DaemonSet pods discover the targets of their own node, named by $(NODE_NAME).
    ...(plan.daemonSet ? { nodeNameEnv: true } : {}),
    ...(zone ? { zone: zone.zone, inzoneShard: zone.inzoneShard } : {}),
  };
  const initReloader = makeConfigReloader({ ...reloaderCommon, name: 'init-config-reloader', initContainer: true }, ctx.options);
  const initContainers = mergePatchContainers([initReloader], spec.initContainers as V1Container[] | undefined);
  if (!initContainers.ok) return fail(`spec.initContainers cannot be merged with the generated init containers: ${initContainers.reason}`, 'spec.initContainers');

  const args = buildArgs(promArgs, (spec.additionalArgs ?? []) as Argument[]);
  if (!args.ok) return fail(conflictMessage('spec.additionalArgs', args.conflicts), 'spec.additionalArgs');

  const env: V1EnvVar[] = [];
  // Server only: from 2.53.0 GOGC is set in the configuration file's runtime block instead; the agent's container gets no env.
  if (server && spec.runtime?.goGC !== undefined && !atLeast(version, '2.53.0')) env.push({ name: 'GOGC', value: String(spec.runtime.goGC) });

  const signal = spec.reloadStrategy === 'ProcessSignal';
  const reloader = makeConfigReloader(
    {
      ...reloaderCommon,
      name: 'config-reloader',
      ...(signal
        ? { useSignal: true, runtimeInfoUrl: `${uriScheme(spec)}://${localHost}:9090${cleanPath(`${webRoutePrefix(spec)}/api/v1/status/runtimeinfo`)}` }
        : { listenLocal: spec.listenLocal === true, reloadUrl: `${uriScheme(spec)}://${localHost}:9090${cleanPath(`${webRoutePrefix(spec)}/-/reload`)}` }),
      ...(reloaderWebConfigFile ? { webConfigFile: reloaderWebConfigFile } : {}),
    },
    ctx.options,
  );
  const prometheus = prometheusContainer(spec, image.image, args.args, env, set.mounts);
  const containers = mergePatchContainers([prometheus, reloader, ...extraContainers], spec.containers as V1Container[] | undefined);
  if (!containers.ok) return fail(`spec.containers cannot be merged with the generated containers: ${containers.reason}`, 'spec.containers');

  // The operator's --labels go into the selector too, and win over every other pod label.
  const selector = mergeMaps(selectorLabels(plan.name, inputs.shard, plan.mode), ctx.options.labels);
  const podLabels = mergeMaps({ [APP_VERSION_LABEL]: formatVersion(version) }, spec.podMetadata?.labels, selector);
  const podAnnotations = mergeMaps({ [DEFAULT_CONTAINER_ANNOTATION]: 'prometheus' }, spec.podMetadata?.annotations);

  const podSpec: V1PodSpec = {
    ...podTemplateSettings(
      spec.serviceAccountName || !inputs.defaultServiceAccountName ? spec : { ...spec, serviceAccountName: inputs.defaultServiceAccountName },
      shard,
      selector,
      topologyGate,
    ),
    initContainers: initContainers.containers,
    containers: containers.containers,
    volumes: set.volumes,
  };
  return { template: { metadata: { labels: podLabels, annotations: podAnnotations }, spec: podSpec }, selector, dataVolumeName: dataVolume };
}

/** Appends the user's imagePullSecrets to a pod spec, as every copy in the operator does after building it. */
export function addImagePullSecrets(podSpec: V1PodSpec, spec: WorkloadSpec): void {
  if (spec.imagePullSecrets && spec.imagePullSecrets.length > 0) podSpec.imagePullSecrets = clone(spec.imagePullSecrets) as V1PodSpec['imagePullSecrets'];
}

type ThanosOutcome = { ok: true; containers: V1Container[] } | { ok: false; message: string; field: string };

/** Server only: the Thanos sidecar container and volumes, and the compaction flags it implies. */
function addThanos(spec: WorkloadSpec, plan: PrometheusPlan, dataVolume: string, promArgs: Argument[], volumes: NonNullable<V1PodSpec['volumes']>, ctx: RenderContext): ThanosOutcome {
  const version = plan.version;
  const thanos = plan.thanos;
  const mode = compactionMode(spec, version, thanos?.version);
  const containers: V1Container[] = [];
  if (thanos) {
    const sidecar = makeThanosSidecar({
      spec,
      prefixedName: plan.prefixedName,
      thanos,
      mode,
      dataVolumeName: dataVolumeClaimName(spec, dataVolume),
      dataSubPath: dataSubPath(spec),
      options: ctx.options,
    });
    if (!sidecar.ok) return { ok: false, message: sidecar.message, field: sidecar.field };
    containers.push(sidecar.container);
    volumes.push(...sidecar.volumes);
  }
  promArgs.push(...compactionFlags(spec, mode, version));
  return { ok: true, containers };
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
