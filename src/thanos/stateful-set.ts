import type { V1Container, V1Volume, V1VolumeMount } from '@kubernetes/client-node';
import type { ReferencedSecrets } from '../assets/referenced-secrets.js';
import type { ThanosRuler } from '../api/types.js';
import { clone } from '../core/objects.js';
import type { ObjectRef } from '../krm/types.js';
import type { RenderContext } from '../context/render-context.js';
import type { Fail } from '../core/fail.js';
import { atLeast, formatVersion } from '../version/semver.js';
import { operandUrl, restrictedSecurityContext } from '../workload/config-reloader.js';
import { selectorLabels } from '../workload/metadata.js';
import type { Argument } from '../workload/flags.js';
import { webConfigSecretName } from '../workload/names.js';
import { operandImage } from '../workload/image-path.js';
import { resourcesWithMemoryRequest, statefulSetUpdateStrategy } from '../workload/pod-settings.js';
import type { OperandParts, ReloaderParts } from '../workload/pod-template.js';
import { makeStatefulSet as assembleStatefulSet, type StatefulSetObject } from '../workload/stateful-set.js';
import { storageClaimName } from '../workload/storage.js';
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
  REFERENCED_SECRETS_DIR,
  serviceNameOf,
  specOf,
  type ThanosRulerSpec,
} from './spec-view.js';
import { SecretFileMounts, ruleVolumes } from './volumes.js';

export type { StatefulSetObject };

export interface StatefulSetInputs {
  readonly plan: ThanosRulerPlan;
  /** Rule ConfigMap names, sorted as the operator lists them. */
  readonly ruleConfigMapNames: readonly string[];
  readonly tlsAssetSecretNames: readonly string[];
  /** The Secrets remote-write.yaml reads by file (option secrets). */
  readonly referenced?: ReferencedSecrets;
}

const DEFAULT_MEMORY_REQUEST = '200Mi';

function containerPorts(spec: ThanosRulerSpec): V1Container['ports'] {
  const grpc = { name: 'grpc', containerPort: GRPC_PORT, protocol: 'TCP' };
  // Listening on localhost, the HTTP port is not exposed.
  return spec.listenLocal ? [grpc] : [grpc, { name: portName(spec), containerPort: HTTP_PORT, protocol: 'TCP' }];
}

/**
 * The ruler's own part of the pod: `thanos rule` with its flags, the
 * configuration files it reads from Secrets, the TLS assets, the data
 * directory and the rule ConfigMaps; the config reloader only when there are
 * rule ConfigMaps to watch, and with it (from 0.21.0) the web config, whose
 * `--http.config` follows the user's additional arguments.
 */
function operand(tr: ThanosRuler, inputs: StatefulSetInputs, image: string, ctx: RenderContext, ref: ObjectRef, fail: Fail): OperandParts | undefined {
  const spec = specOf(tr);
  const { plan } = inputs;
  const version = plan.version;
  const files = new SecretFileMounts(rulerConfigSecretName(plan.prefixedName));
  const args = thanosRulerArgs(spec, plan, files);
  const volumes: V1Volume[] = [...files.volumes, { name: TLS_ASSETS_VOLUME, projected: { sources: inputs.tlsAssetSecretNames.map((name) => ({ secret: { name } })) } }];
  const mounts: V1VolumeMount[] = [...files.mounts, { name: TLS_ASSETS_VOLUME, readOnly: true, mountPath: TLS_ASSETS_DIR }];
  const trailingArgs: Argument[] = [];

  // The web config only takes effect from 0.21.0; before that the ruler serves plain HTTP.
  const https = spec.web?.tlsConfig !== undefined && atLeast(version, '0.21.0');
  const rules = ruleVolumes(inputs.ruleConfigMapNames);
  let reloader: ReloaderParts | undefined;
  if (inputs.ruleConfigMapNames.length > 0) {
    const reloaderMounts = [...rules.reloaderMounts];
    let webConfigFile: string | undefined;
    if (atLeast(version, '0.21.0')) {
      const web = webConfigMount(WEB_CONFIG_DIR, webConfigSecretName(PREFIX, plan.name), spec.web?.tlsConfig, fail, 'spec.web.tlsConfig');
      if (!web) return undefined;
      // Thanos names the flag --http.config; it goes after the user's additional arguments.
      trailingArgs.push({ name: 'http.config', value: web.arg.value ?? '' });
      volumes.push(...web.volumes);
      mounts.push(...web.mounts);
      webConfigFile = web.arg.value;
      reloaderMounts.push(...web.mounts.map((m) => ({ ...m })));
    } else if (spec.web) {
      ctx.report.warn(`spec.web is ignored: Thanos ${formatVersion(version)} reads no web config file (supported from 0.21.0)`, ref, 'spec.web');
    }
    reloader = {
      // The operator marks the ruler's reloader as unsharded, and passes it no image pull policy.
      common: { logFormat: spec.logFormat, logLevel: spec.logLevel, watchedDirectories: rules.dirs, volumeMounts: reloaderMounts, shard: -1 },
      reload: {
        listenLocal: spec.listenLocal === true,
        reloadUrl: operandUrl(https, ctx.options.localhost, HTTP_PORT, spec.routePrefix ?? '', '/-/reload'),
        ...(webConfigFile ? { webConfigFile } : {}),
      },
      init: false,
    };
  }

  mounts.push({ name: storageClaimName(spec.storage, dataVolumeName(plan.prefixedName)), mountPath: STORAGE_DIR });
  volumes.push(...rules.volumes);
  mounts.push(...rules.mounts);
  for (const m of spec.volumeMounts ?? []) mounts.push(clone(m) as V1VolumeMount);
  return {
    args,
    // `thanos rule …`: the sub-command comes first.
    command: 'rule',
    trailingArgs,
    container: (built) => ({
      name: CONTAINER_NAME,
      image,
      imagePullPolicy: spec.imagePullPolicy || undefined,
      args: built,
      env: [{ name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } }],
      volumeMounts: mounts,
      resources: resourcesWithMemoryRequest(spec.resources, DEFAULT_MEMORY_REQUEST),
      ports: containerPorts(spec),
      terminationMessagePolicy: 'FallbackToLogsOnError',
      securityContext: restrictedSecurityContext(),
    }),
    reloader,
    volumes,
  };
}

/**
 * The StatefulSet `thanos-ruler-<name>`, as the operator's makeStatefulSet
 * builds it. Returns undefined after reporting an error result when the spec
 * cannot be rendered (conflicting flags, an unparsable image, bad web TLS, …).
 */
export function makeStatefulSet(tr: ThanosRuler, inputs: StatefulSetInputs, ctx: RenderContext, ref: ObjectRef): StatefulSetObject | undefined {
  const spec = specOf(tr);
  // The ruler writes replicas only when set, and minReadySeconds before the pod management policy.
  const settings = {
    serviceName: serviceNameOf(spec),
    ...(spec.replicas !== undefined && spec.replicas !== null ? { replicas: spec.replicas } : {}),
    ...(spec.minReadySeconds ? { minReadySeconds: spec.minReadySeconds } : {}),
    podManagementPolicy: spec.podManagementPolicy ?? 'Parallel',
    updateStrategy: statefulSetUpdateStrategy(spec.updateStrategy),
  };
  const { plan } = inputs;
  return assembleStatefulSet({ ref, metadata: tr.metadata }, plan, {
    spec,
    settings,
    image: operandImage('thanos', spec, plan.versionText, ctx.options),
    operand: (image, fail) => operand(tr, inputs, image, ctx, ref, fail),
    // The selector carries the pod metadata labels too, as the operator builds it.
    labels: { selector: selectorLabels(APP_NAME, plan.name, { 'thanos-ruler': plan.name }), podMetadataInSelector: true, defaultContainer: CONTAINER_NAME },
    dataVolumeName: dataVolumeName(plan.prefixedName),
    referencedSecrets: inputs.referenced && { collected: inputs.referenced, mountDir: REFERENCED_SECRETS_DIR },
    hash: { ruleConfigMaps: inputs.ruleConfigMapNames, tlsAssetSecrets: inputs.tlsAssetSecretNames.length },
  }, ctx);
}
