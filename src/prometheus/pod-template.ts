/**
 * The pod template every Prometheus workload runs: the server's and the
 * agent's StatefulSets and the agent's DaemonSet. The operator writes this
 * three times (server/statefulset.go, agent/statefulset.go,
 * agent/daemonset.go); here it is the props of the one pod assembler
 * (workload/pod-template.ts), and each place where the operator's copies
 * disagree is a branch on the plan's mode, with a comment.
 */
import type { V1Container, V1EnvVar, V1Volume } from '@kubernetes/client-node';
import { clone, mergeMaps } from '../core/objects.js';
import type { RenderContext } from '../context/render-context.js';
import type { Fail } from '../core/fail.js';
import { atLeast, formatVersion } from '../version/semver.js';
import { operandUrl, restrictedSecurityContext } from '../workload/config-reloader.js';
import { Flags, type Argument } from '../workload/flags.js';
import { operandImage } from '../workload/image-path.js';
import { selectorLabels } from '../workload/metadata.js';
import { storageVolumeName, webConfigSecretName } from '../workload/names.js';
import type { OperandParts, PodTemplateProps } from '../workload/pod-template.js';
import { webConfigMount } from '../workload/web-config-volumes.js';
import { addAgentFlags, addCommonFlags, addServerFlags } from './args.js';
import { MODES } from './modes.js';
import { podTemplateSettings, topologyZone } from './pod-settings.js';
import type { PrometheusPlan } from './plan.js';
import { prometheusProbes } from './probes.js';
import {
  CONFIG_DIR,
  CONFIG_ENVSUBST_FILENAME,
  CONFIG_FILENAME,
  CONFIG_OUT_DIR,
  NAME_LABEL,
  REFERENCED_SECRETS_DIR,
  RULES_DIR,
  SHARD_LABEL,
  WEB_CONFIG_DIR,
  portName,
  specOf,
  uriScheme,
  webRoutePrefix,
  serverSpecOf,
  type CommonSpec,
  type PrometheusResource,
  type ServerSpec,
} from './spec-view.js';
import { compactionFlags, compactionMode, makeThanosSidecar } from './thanos-sidecar.js';
import { addServerVolumes, commonVolumes, configReloaderMounts, dataSubPath, dataVolumeClaimName } from './volumes.js';
import { ownerRef } from '../workload/owner.js';
import type { ReferencedSecrets } from '../assets/referenced-secrets.js';

export interface PodInputs {
  readonly plan: PrometheusPlan;
  /** The shard this pod template belongs to; undefined for the agent's DaemonSet, which is not sharded. */
  readonly shard: number | undefined;
  /** Names of the TLS assets Secrets to project into the tls-assets volume. */
  readonly tlsAssetSecretNames: readonly string[];
  /** The ServiceAccount generated for pods whose spec names none (option rbac: generate). */
  readonly defaultServiceAccountName?: string;
  /** The Secrets the configuration reads by file (option secrets). */
  readonly referenced?: ReferencedSecrets;
}

/**
 * The selector of one shard's pods. A DaemonSet (shard undefined) is not
 * sharded and has no shard label. The operator's two copies of
 * makeSelectorLabels differ: only the server's adds `prometheus: <name>`.
 */
function podSelectorLabels(plan: PrometheusPlan, shard: number | undefined): Record<string, string> {
  const labels = selectorLabels(MODES[plan.mode].appName, plan.name, { [NAME_LABEL]: plan.name, ...(plan.mode === 'server' ? { prometheus: plan.name } : {}) });
  return shard === undefined ? labels : mergeMaps(labels, { [SHARD_LABEL]: String(shard) });
}

/** The props of the pod assembler for one shard (or the DaemonSet) of a Prometheus server or agent. */
export function prometheusPod(resource: PrometheusResource, inputs: PodInputs, ctx: RenderContext): Omit<PodTemplateProps, 'version'> {
  const spec = specOf(resource);
  const { plan } = inputs;
  // The DaemonSet is built as shard 0 where a shard number is needed (SHARD env of the reloader, topology).
  const shard = inputs.shard ?? 0;
  const topologyGate = !plan.daemonSet && ctx.options.featureGates.PrometheusTopologySharding;
  return {
    spec,
    // The agent's image ignores the deprecated spec.tag and spec.sha (BuildImagePathForAgent).
    image: operandImage('prometheus', serverSpecOf(resource) ?? { image: spec.image }, `v${formatVersion(plan.version)}`, ctx.options),
    operand: (image, fail) => operand(resource, inputs, image, ctx, fail),
    // The user's pod annotations win over the default-container annotation (only in the Prometheus copies).
    labels: { selector: podSelectorLabels(plan, inputs.shard), userAnnotationsWin: true, defaultContainer: 'prometheus' },
    referencedSecrets: inputs.referenced && { collected: inputs.referenced, mountDir: REFERENCED_SECRETS_DIR },
    podSettings: (selector) =>
      podTemplateSettings(
        spec.serviceAccountName || !inputs.defaultServiceAccountName ? spec : { ...spec, serviceAccountName: inputs.defaultServiceAccountName },
        shard,
        selector,
        topologyGate,
      ),
  };
}

/**
 * The Prometheus's own part of the pod: its flags, volumes (with the web
 * config from 2.24.0), the `prometheus` container, the config reloaders and,
 * for a server with `spec.thanos`, the Thanos sidecar.
 */
function operand(resource: PrometheusResource, inputs: PodInputs, image: string, ctx: RenderContext, fail: Fail): OperandParts | undefined {
  const spec = specOf(resource);
  const server = serverSpecOf(resource);
  const { plan } = inputs;
  const shard = inputs.shard ?? 0;
  const version = plan.version;

  const flags = new Flags(plan.gate);
  addCommonFlags(flags, spec);
  if (server) addServerFlags(flags, server);
  else addAgentFlags(flags, spec);
  const args: Argument[] = [...flags.args];

  const dataVolume = storageVolumeName(plan.prefix, plan.name);
  const set = commonVolumes(
    spec,
    { configSecretName: plan.prefixedName, dataVolumeName: dataVolume, tlsAssetSecretNames: inputs.tlsAssetSecretNames },
    !plan.daemonSet,
    fail,
  );
  if (!set) return undefined;
  if (server) addServerVolumes(set, server, plan.ruleConfigMapNames);
  const reloaderMounts = configReloaderMounts();

  // The web config file is always mounted (from 2.24.0), so switching between HTTP and HTTPS needs no new pods.
  // The agent's DaemonSet mounts it without a version check and always hands it to the reloader.
  let reloaderWebConfigFile: string | undefined;
  if (plan.daemonSet || atLeast(version, '2.24.0')) {
    const web = webConfigMount(WEB_CONFIG_DIR, webConfigSecretName(plan.prefix, plan.name), spec.web?.tlsConfig, fail, 'spec.web.tlsConfig');
    if (!web) return undefined;
    args.push(web.arg);
    set.volumes.push(...web.volumes);
    set.mounts.push(...web.mounts);
    if (spec.web || plan.daemonSet) {
      reloaderWebConfigFile = web.arg.value;
      reloaderMounts.push(...web.mounts.map((m) => ({ ...m })));
    }
  } else if (spec.web) {
    ctx.report.warn(`spec.web is ignored: Prometheus ${formatVersion(version)} reads no web config file (supported from 2.24.0)`, ownerRef(resource.object), 'spec.web');
  }

  const sidecars: V1Container[] = [];
  if (server) {
    const sidecar = addThanos(server, plan, dataVolume, args, set.volumes, ctx, fail);
    if (!sidecar) return undefined;
    sidecars.push(...sidecar);
  }

  const watched: string[] = [];
  for (const name of plan.ruleConfigMapNames) {
    const mountPath = `${RULES_DIR}/${name}`;
    reloaderMounts.push({ name, mountPath });
    watched.push(mountPath);
  }

  const env: V1EnvVar[] = [];
  // Server only: from 2.53.0 GOGC is set in the configuration file's runtime block instead; the agent's container gets no env.
  if (server && spec.runtime?.goGC !== undefined && !atLeast(version, '2.53.0')) env.push({ name: 'GOGC', value: String(spec.runtime.goGC) });

  const zone = topologyZone(spec, shard, !plan.daemonSet && ctx.options.featureGates.PrometheusTopologySharding);
  const localhost = ctx.options.localhost;
  const https = uriScheme(spec) === 'https';
  return {
    args,
    container: (built) => prometheusContainer(spec, image, built, env, set.mounts),
    reloader: {
      common: {
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
      },
      reload: {
        ...(spec.reloadStrategy === 'ProcessSignal'
          ? { useSignal: true, runtimeInfoUrl: operandUrl(https, localhost, 9090, webRoutePrefix(spec), '/api/v1/status/runtimeinfo') }
          : { listenLocal: spec.listenLocal === true, reloadUrl: operandUrl(https, localhost, 9090, webRoutePrefix(spec), '/-/reload') }),
        ...(reloaderWebConfigFile ? { webConfigFile: reloaderWebConfigFile } : {}),
      },
      init: true,
    },
    sidecars,
    volumes: set.volumes,
  };
}

/** Server only: the Thanos sidecar container and volumes, and the compaction flags it implies. */
function addThanos(spec: ServerSpec, plan: PrometheusPlan, dataVolume: string, promArgs: Argument[], volumes: V1Volume[], ctx: RenderContext, fail: Fail): V1Container[] | undefined {
  const version = plan.version;
  const thanos = plan.thanos;
  const mode = compactionMode(spec, version, thanos?.version);
  const containers: V1Container[] = [];
  if (thanos) {
    const sidecar = makeThanosSidecar(
      {
        spec,
        prefixedName: plan.prefixedName,
        thanos,
        mode,
        dataVolumeName: dataVolumeClaimName(spec, dataVolume),
        dataSubPath: dataSubPath(spec),
        options: ctx.options,
      },
      fail,
    );
    if (!sidecar) return undefined;
    containers.push(sidecar.container);
    volumes.push(...sidecar.volumes);
  }
  promArgs.push(...compactionFlags(spec, mode, version));
  return containers;
}

function prometheusContainer(spec: CommonSpec, image: string, args: string[], env: V1EnvVar[], mounts: V1Container['volumeMounts']): V1Container {
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
