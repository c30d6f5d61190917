import type { V1Container, V1PodSpec, V1StatefulSet, V1Volume } from '@kubernetes/client-node';
import type { ThanosRuler } from '../api/types.js';
import { clone, mergeMaps, sortedMap } from '../core/objects.js';
import type { KubeObject, ObjectRef } from '../krm/types.js';
import type { RenderContext } from '../selection/context.js';
import { atLeast, formatVersion } from '../version/semver.js';
import { buildArgs, conflictMessage, formatArgument, type Argument } from '../workload/flags.js';
import { makeConfigReloader, restrictedSecurityContext } from '../workload/config-reloader.js';
import { mergePatchContainers } from '../workload/container-merge.js';
import { valueOr } from '../version/products.js';
import { buildImagePath } from '../workload/image-path.js';
import { inputHash } from '../workload/input-hash.js';
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
} from '../workload/metadata.js';
import { webConfigSecretName } from '../workload/names.js';
import { cleanPath } from '../workload/paths.js';
import { podSpecSettings, statefulSetUpdateStrategy } from '../workload/pod-settings.js';
import { placeStorage, storageClaimName } from '../workload/storage.js';
import { webConfigMount } from '../workload/web-config-volumes.js';
import { thanosRulerArgs } from './args.js';
import type { ThanosRulerPlan } from './plan.js';
import {
  APP_NAME,
  CONTAINER_NAME,
  GRPC_PORT,
  HTTP_PORT,
  PREFIX,
  STORAGE_DIR,
  TLS_ASSETS_DIR,
  TLS_ASSETS_VOLUME,
  WEB_CONFIG_DIR,
  dataVolumeName,
  portName,
  rulerConfigSecretName,
  serviceNameOf,
  specOf,
  type ThanosRulerSpec,
} from './spec-view.js';
import { SecretFileMounts, ruleVolumes } from './volumes.js';

export type StatefulSetObject = KubeObject & V1StatefulSet;

export interface StatefulSetInputs {
  readonly plan: ThanosRulerPlan;
  /** Rule ConfigMap names, sorted as the operator lists them. */
  readonly ruleConfigMapNames: readonly string[];
  readonly tlsAssetSecretNames: readonly string[];
}

const DEFAULT_TERMINATION_GRACE_PERIOD_SECONDS = 120;
const DEFAULT_MEMORY_REQUEST = '200Mi';

/** Labels that select a ThanosRuler's pods. Immutable on a StatefulSet, so they never change. */
export function selectorLabels(name: string): Record<string, string> {
  return sortedMap({
    [APP_NAME_LABEL]: APP_NAME,
    [MANAGED_BY_LABEL]: MANAGED_BY_VALUE,
    [APP_INSTANCE_LABEL]: name,
    'thanos-ruler': name,
  });
}

/** spec.resources with a 200Mi memory request when none is given. */
function resources(spec: ThanosRulerSpec): V1Container['resources'] {
  const out = clone(spec.resources ?? {}) as NonNullable<V1Container['resources']>;
  const requests = { ...(out.requests ?? {}) } as Record<string, string>;
  if (requests.memory === undefined) requests.memory = DEFAULT_MEMORY_REQUEST;
  return { ...out, requests: sortedMap(requests) };
}

function containerPorts(spec: ThanosRulerSpec): V1Container['ports'] {
  const grpc = { name: 'grpc', containerPort: GRPC_PORT, protocol: 'TCP' };
  // Listening on localhost, the HTTP port is not exposed.
  return spec.listenLocal ? [grpc] : [grpc, { name: portName(spec), containerPort: HTTP_PORT, protocol: 'TCP' }];
}

/**
 * The StatefulSet `thanos-ruler-<name>`, as the operator's makeStatefulSet
 * builds it. Returns undefined after reporting an error result when the spec
 * cannot be rendered (conflicting flags, an unparsable image, bad web TLS, …).
 */
export function makeStatefulSet(tr: ThanosRuler, inputs: StatefulSetInputs, ctx: RenderContext, ref: ObjectRef): StatefulSetObject | undefined {
  const fail = (message: string, field: string): undefined => {
    ctx.report.error(message, ref, field);
    return undefined;
  };
  const spec = specOf(tr);
  const { plan } = inputs;
  const version = plan.version;

  const image = buildImagePath({
    image: spec.image,
    baseImage: valueOr(ctx.options.thanosDefaultBaseImage, 'quay.io/thanos/thanos'),
    version: plan.versionText,
  });
  if (!image.ok) return fail(`${image.reason}; fix spec.image or spec.version`, 'spec.image');

  const files = new SecretFileMounts(rulerConfigSecretName(plan.prefixedName));
  const managed: Argument[] = thanosRulerArgs(spec, plan, files);
  const volumes: V1Volume[] = [...files.volumes, { name: TLS_ASSETS_VOLUME, projected: { sources: inputs.tlsAssetSecretNames.map((name) => ({ secret: { name } })) } }];
  const mounts = [...files.mounts, { name: TLS_ASSETS_VOLUME, readOnly: true, mountPath: TLS_ASSETS_DIR }];

  const built = buildArgs(managed, (spec.additionalArgs ?? []) as Argument[]);
  if (!built.ok) return fail(conflictMessage('spec.additionalArgs', built.conflicts), 'spec.additionalArgs');
  // `thanos rule …`: the sub-command comes first.
  const args = ['rule', ...built.args];

  // The web config only takes effect from 0.21.0; before that the ruler serves plain HTTP.
  const https = spec.web?.tlsConfig !== undefined && atLeast(version, '0.21.0');
  const rules = ruleVolumes(inputs.ruleConfigMapNames);
  const containers: V1Container[] = [];
  let reloader: V1Container | undefined;
  if (inputs.ruleConfigMapNames.length > 0) {
    const reloaderMounts = [...rules.reloaderMounts];
    let webConfigFile: string | undefined;
    if (atLeast(version, '0.21.0')) {
      const web = webConfigMount(WEB_CONFIG_DIR, webConfigSecretName(PREFIX, plan.name), spec.web?.tlsConfig);
      if (typeof web === 'string') return fail(`spec.web.tlsConfig: ${web}`, 'spec.web.tlsConfig');
      // Thanos names the flag --http.config; it goes after the user's additional arguments.
      args.push(formatArgument({ name: 'http.config', value: web.arg.value ?? '' }));
      volumes.push(...web.volumes);
      mounts.push(...web.mounts);
      webConfigFile = web.arg.value;
      reloaderMounts.push(...web.mounts.map((m) => ({ ...m })));
    } else if (spec.web) {
      ctx.report.warn(`spec.web is ignored: Thanos ${formatVersion(version)} reads no web config file (supported from 0.21.0)`, ref, 'spec.web');
    }
    reloader = makeConfigReloader(
      {
        name: 'config-reloader',
        listenLocal: spec.listenLocal === true,
        // The operator's --localhost: how the reloader reaches the ruler inside the pod.
        reloadUrl: `${https ? 'https' : 'http'}://${ctx.options.localhost}:${HTTP_PORT}${cleanPath(`${spec.routePrefix ?? ''}/-/reload`)}`,
        ...(webConfigFile ? { webConfigFile } : {}),
        logFormat: spec.logFormat,
        logLevel: spec.logLevel,
        watchedDirectories: rules.dirs,
        volumeMounts: reloaderMounts,
        // The operator marks the ruler's reloader as unsharded, and passes it no image pull policy.
        shard: -1,
      },
      ctx.options,
    );
  }

  const dataVolume = dataVolumeName(plan.prefixedName);
  mounts.push({ name: storageClaimName(spec.storage, dataVolume), mountPath: STORAGE_DIR });
  volumes.push(...rules.volumes);
  mounts.push(...rules.mounts);
  for (const m of spec.volumeMounts ?? []) mounts.push(clone(m) as (typeof mounts)[number]);

  containers.push({
    name: CONTAINER_NAME,
    image: image.image,
    imagePullPolicy: spec.imagePullPolicy || undefined,
    args,
    env: [{ name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } }],
    volumeMounts: mounts,
    resources: resources(spec),
    ports: containerPorts(spec),
    terminationMessagePolicy: 'FallbackToLogsOnError',
    securityContext: restrictedSecurityContext(),
  });
  if (reloader) containers.push(reloader);
  const merged = mergePatchContainers(containers, spec.containers as V1Container[] | undefined);
  if (!merged.ok) return fail(`spec.containers cannot be merged with the generated containers: ${merged.reason}`, 'spec.containers');

  // The selector carries the pod metadata labels and the operator's --labels too (those win over
  // the pod metadata, the selector labels over both), as the operator builds it.
  const selector = mergeMaps(spec.podMetadata?.labels, ctx.options.labels, selectorLabels(plan.name));
  const podLabels = mergeMaps(selector, { [APP_VERSION_LABEL]: formatVersion(version) });
  const podAnnotations = mergeMaps(spec.podMetadata?.annotations, { [DEFAULT_CONTAINER_ANNOTATION]: CONTAINER_NAME });

  const podSpec: V1PodSpec = { ...podSpecSettings(spec, DEFAULT_TERMINATION_GRACE_PERIOD_SECONDS), containers: merged.containers, volumes };
  if (spec.initContainers && spec.initContainers.length > 0) podSpec.initContainers = clone(spec.initContainers) as V1Container[];
  if (spec.imagePullSecrets && spec.imagePullSecrets.length > 0) podSpec.imagePullSecrets = clone(spec.imagePullSecrets) as V1PodSpec['imagePullSecrets'];
  const storage = placeStorage(spec.storage, dataVolume);
  if (storage.volume) podSpec.volumes = [...(podSpec.volumes ?? []), storage.volume];
  if (spec.volumes) podSpec.volumes = [...(podSpec.volumes ?? []), ...(clone(spec.volumes) as V1Volume[])];

  const stsSpec: NonNullable<V1StatefulSet['spec']> = {
    serviceName: serviceNameOf(spec),
    ...(spec.replicas !== undefined && spec.replicas !== null ? { replicas: spec.replicas } : {}),
    ...(spec.minReadySeconds ? { minReadySeconds: spec.minReadySeconds } : {}),
    podManagementPolicy: spec.podManagementPolicy ?? 'Parallel',
    updateStrategy: statefulSetUpdateStrategy(spec.updateStrategy),
    selector: { matchLabels: selector },
    template: { metadata: { labels: podLabels, annotations: podAnnotations }, spec: podSpec },
  };
  if (storage.claimTemplate) stsSpec.volumeClaimTemplates = [storage.claimTemplate];

  const ownLabels = tr.metadata?.labels ?? {};
  const ownAnnotations = tr.metadata?.annotations ?? {};
  const hash = inputHash({
    labels: ownLabels,
    annotations: ownAnnotations,
    ruleConfigMaps: inputs.ruleConfigMapNames,
    tlsAssetSecrets: inputs.tlsAssetSecretNames.length,
    spec: stsSpec,
  });
  return {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: {
      name: plan.prefixedName,
      namespace: plan.namespace,
      labels: mergeMaps(MANAGED_LABELS, ownLabels, selector),
      annotations: withoutKubectlAnnotations({ ...ownAnnotations, [INPUT_HASH_ANNOTATION]: hash }),
    },
    spec: stsSpec,
  };
}

