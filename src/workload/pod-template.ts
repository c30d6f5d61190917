/**
 * The pod template of every workload the operator generates (Prometheus and
 * PrometheusAgent StatefulSets, the agent's DaemonSet, Alertmanager and
 * ThanosRuler StatefulSets), assembled once: image → the kind's own part
 * (flags, volumes, its container) → flag conflicts → config reloader →
 * container merge → labels → pod spec. A kind supplies only what is its own,
 * as props; every step that can fail reports through one Fail and the
 * template is undefined then.
 */
import type { V1Container, V1PodSpec, V1PodTemplateSpec, V1Volume } from '@kubernetes/client-node';
import { clone, mergeMaps } from '../core/objects.js';
import type { Options } from '../options/options.js';
import type { Fail } from '../core/fail.js';
import { formatVersion, type SemVer } from '../version/semver.js';
import { makeConfigReloader, type ConfigReloaderProps } from './config-reloader.js';
import { mergePatchContainers } from './container-merge.js';
import { buildArgs, formatArgument, type Argument } from './flags.js';
import { buildImagePath, type ImageInputs } from './image-path.js';
import { APP_VERSION_LABEL, DEFAULT_CONTAINER_ANNOTATION, type StringMap } from './metadata.js';
import { podSpecSettings, type PodSettingsInput } from './pod-settings.js';
import { mountReferencedSecrets, type ReferencedSecretsMount } from './referenced-secrets-volume.js';

/** The fields of a workload kind's spec that the shared steps read. */
export interface WorkloadSpecFields extends PodSettingsInput {
  readonly additionalArgs?: readonly Argument[];
  readonly containers?: readonly object[];
  readonly initContainers?: readonly object[];
  readonly podMetadata?: { readonly labels?: StringMap; readonly annotations?: StringMap };
  readonly imagePullSecrets?: readonly object[];
  readonly volumes?: readonly object[];
}

/** The config-reloader sidecar of a kind, and whether it also runs once as an init container. */
export interface ReloaderParts {
  /** What the sidecar and the init container share: mounts, watched directories, config files, shard. */
  readonly common: Omit<ConfigReloaderProps, 'name' | 'initContainer'>;
  /** How the sidecar triggers a reload (an HTTP URL or a signal) and the web config it uses for it. */
  readonly reload: Pick<ConfigReloaderProps, 'listenLocal' | 'reloadUrl' | 'useSignal' | 'runtimeInfoUrl' | 'webConfigFile'>;
  /** Run it as an init container first, so the operand starts with its configuration expanded. */
  readonly init: boolean;
}

/** The kind's own part of the pod, built once its image is known. */
export interface OperandParts {
  /** The managed flags, in the operator's order; the user's additionalArgs may not redefine them. */
  readonly args: readonly Argument[];
  /** Written before the flags (ThanosRuler's `rule` command). */
  readonly command?: string;
  /** Written after the user's additionalArgs (ThanosRuler's `--http.config`). */
  readonly trailingArgs?: readonly Argument[];
  /** The operand's container, given its command-line arguments. */
  readonly container: (args: string[]) => V1Container;
  readonly reloader: ReloaderParts | undefined;
  /** Containers after the reloader (Prometheus's Thanos sidecar). */
  readonly sidecars?: readonly V1Container[];
  /** The pod's volumes, before the data volume and the user's. */
  readonly volumes: V1Volume[];
}

/**
 * Where the kinds' pod labels differ (the operator's copies disagree; each
 * difference is kept as it is):
 * - ThanosRuler puts the pod metadata labels into the selector (the
 *   selector labels win), and its version label over them;
 * - Prometheus lets the user's pod annotations win over the default-container
 *   annotation, the others let the generated one win.
 */
export interface PodLabelParts {
  /** The kind's selector labels (sorted); the operator's --labels join them. */
  readonly selector: StringMap;
  readonly podMetadataInSelector?: boolean;
  readonly userAnnotationsWin?: boolean;
  /** The container `kubectl logs` and `exec` pick by default. */
  readonly defaultContainer: string;
}

export interface PodTemplateProps {
  readonly spec: WorkloadSpecFields;
  readonly version: SemVer;
  /** The image inputs; a problem names `field` and says what to `fix`. */
  readonly image: ImageInputs & { readonly fix: string };
  /** The kind's own part, built once the image is known; it reports its problems through `fail`. */
  readonly operand: (image: string, fail: Fail) => OperandParts | undefined;
  readonly labels: PodLabelParts;
  /**
   * Pod-level settings from the spec (everything but containers and
   * volumes), given the selector; by default as the operator copies them for
   * Alertmanager and ThanosRuler, with a grace period of 120 seconds.
   */
  readonly podSettings?: (selector: StringMap) => V1PodSpec;
  /** The Secrets the configuration reads by file, mounted into the main (default) container. */
  readonly referencedSecrets?: ReferencedSecretsMount;
}

const DEFAULT_TERMINATION_GRACE_PERIOD_SECONDS = 120;

export interface PodTemplate {
  readonly template: V1PodTemplateSpec & { spec: V1PodSpec };
  /** The workload's selector: the kind's labels with the operator's --labels. */
  readonly selector: Record<string, string>;
}

/** The pod template, or undefined after `fail` reported why it cannot be built. */
export function makePodTemplate(props: PodTemplateProps, options: Options, fail: Fail): PodTemplate | undefined {
  const { spec } = props;
  const image = buildImagePath(props.image, (message, field) => fail(`${message}; ${props.image.fix}`, field));
  if (image === undefined) return undefined;
  const operand = props.operand(image, fail);
  if (!operand) return undefined;

  const flags = buildArgs(operand.args, spec.additionalArgs ?? [], fail, 'spec.additionalArgs');
  if (!flags) return undefined;
  const args = [...(operand.command ? [operand.command] : []), ...flags, ...(operand.trailingArgs ?? []).map(formatArgument)];

  const reloader = operand.reloader;
  const generated = [operand.container(args)];
  if (reloader) generated.push(makeConfigReloader({ ...reloader.common, ...reloader.reload, name: 'config-reloader' }, options));
  generated.push(...(operand.sidecars ?? []));
  const containers = mergePatchContainers(generated, spec.containers as V1Container[] | undefined, (m, f) => fail(`${f} cannot be merged with the generated containers: ${m}`, f), 'spec.containers');
  if (!containers) return undefined;
  const volumes = [...operand.volumes];
  if (!mountReferencedSecrets(props.referencedSecrets, props.labels.defaultContainer, containers, volumes, spec.volumes, fail)) return undefined;
  let initContainers: V1Container[] | undefined;
  if (reloader?.init) {
    const init = makeConfigReloader({ ...reloader.common, name: 'init-config-reloader', initContainer: true }, options);
    initContainers = mergePatchContainers([init], spec.initContainers as V1Container[] | undefined, (m, f) => fail(`${f} cannot be merged with the generated init containers: ${m}`, f), 'spec.initContainers');
    if (!initContainers) return undefined;
  }

  const { selector, labels, annotations } = podMetadata(props, options);
  const settings = props.podSettings ? props.podSettings(selector) : podSpecSettings(spec, DEFAULT_TERMINATION_GRACE_PERIOD_SECONDS);
  const podSpec: V1PodSpec = { ...settings, ...(initContainers ? { initContainers } : {}), containers, volumes };
  // Without a reloader to run first, the user's init containers are copied as they are.
  if (!initContainers && spec.initContainers && spec.initContainers.length > 0) podSpec.initContainers = clone(spec.initContainers) as V1Container[];
  if (spec.imagePullSecrets && spec.imagePullSecrets.length > 0) podSpec.imagePullSecrets = clone(spec.imagePullSecrets) as V1PodSpec['imagePullSecrets'];
  return { template: { metadata: { labels, annotations }, spec: podSpec }, selector };
}

function podMetadata(props: PodTemplateProps, options: Options): { selector: Record<string, string>; labels: Record<string, string>; annotations: Record<string, string> } {
  const { labels: parts, spec } = props;
  const version = { [APP_VERSION_LABEL]: formatVersion(props.version) };
  const podLabels = spec.podMetadata?.labels;
  const podAnnotations = spec.podMetadata?.annotations;
  const defaultContainer = { [DEFAULT_CONTAINER_ANNOTATION]: parts.defaultContainer };
  const annotations = parts.userAnnotationsWin ? mergeMaps(defaultContainer, podAnnotations) : mergeMaps(podAnnotations, defaultContainer);
  if (parts.podMetadataInSelector) {
    // ThanosRuler: the selector carries the pod metadata labels and the operator's --labels (those win over the pod metadata, its own labels over both).
    const selector = mergeMaps(podLabels, options.labels, parts.selector);
    return { selector, labels: mergeMaps(selector, version), annotations };
  }
  // The operator's --labels go into the selector too, and win over every other pod label.
  const selector = mergeMaps(parts.selector, options.labels);
  return { selector, labels: mergeMaps(version, podLabels, selector), annotations };
}
