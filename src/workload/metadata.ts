import { emptyMap, mergeMaps, sortedMap } from '../core/objects.js';
import { inputHash, type InputHashInputs } from './input-hash.js';

/**
 * Labels and annotations of generated objects. The operator builds them as Go
 * maps, which serialise with their keys in byte order; we write them the same
 * way (sortedMap, mergeMaps in core/objects, which record the order for the
 * YAML emitter, number-like keys included) so output is stable whatever
 * order the user wrote them in.
 */
export type StringMap = Readonly<Record<string, string>>;

export const MANAGED_BY_LABEL = 'app.kubernetes.io/managed-by';
export const MANAGED_BY_LEGACY_LABEL = 'managed-by';
export const MANAGED_BY_VALUE = 'prometheus-operator';
export const APP_NAME_LABEL = 'app.kubernetes.io/name';
export const APP_INSTANCE_LABEL = 'app.kubernetes.io/instance';
export const APP_VERSION_LABEL = 'app.kubernetes.io/version';
export const DEFAULT_CONTAINER_ANNOTATION = 'kubectl.kubernetes.io/default-container';
export const INPUT_HASH_ANNOTATION = 'prometheus-operator-input-hash';

/** The labels every object the operator manages starts with. */
export const MANAGED_LABELS: StringMap = {
  [MANAGED_BY_LEGACY_LABEL]: MANAGED_BY_VALUE,
  [MANAGED_BY_LABEL]: MANAGED_BY_VALUE,
};

/**
 * Annotations copied from the owning resource, without kubectl's own
 * (`kubectl.kubernetes.io/…`), so `kubectl apply --prune` on the owner never
 * prunes the generated object.
 */
export function withoutKubectlAnnotations(annotations: StringMap): Record<string, string> {
  const out = emptyMap<string>();
  for (const [k, v] of Object.entries(annotations)) if (!k.startsWith('kubectl.kubernetes.io/')) out[k] = v;
  return sortedMap(out);
}

/**
 * The labels that select a workload's pods. Immutable on a StatefulSet, so
 * they never change: the kind's application name, the managed-by label, the
 * resource's name as instance, and what the kind adds (its `<kind>: <name>`
 * label, Prometheus's name label).
 */
export function selectorLabels(app: string, instance: string, extra: StringMap): Record<string, string> {
  return sortedMap({ [APP_NAME_LABEL]: app, [MANAGED_BY_LABEL]: MANAGED_BY_VALUE, [APP_INSTANCE_LABEL]: instance, ...extra });
}

/** The metadata of a generated workload (StatefulSet or DaemonSet). */
export interface WorkloadMetadata {
  readonly name: string;
  readonly namespace: string;
  readonly labels: Record<string, string>;
  readonly annotations: Record<string, string>;
}

export interface WorkloadMetadataProps {
  readonly name: string;
  readonly namespace: string;
  /** The owning resource's own metadata. */
  readonly owner: { readonly labels?: StringMap; readonly annotations?: StringMap } | undefined;
  /** Labels the kind adds between the owner's and the selector (Prometheus's mode label). */
  readonly kindLabels?: StringMap;
  readonly selector: StringMap;
  /**
   * What the input-hash annotation is computed from, beyond the owner's
   * labels and annotations and the workload spec; undefined for a workload
   * the operator puts no hash on (the agent's DaemonSet).
   */
  readonly hash: Omit<InputHashInputs, 'labels' | 'annotations'> | undefined;
}

/**
 * One builder for every kind: the resource's labels and annotations (without
 * kubectl's), the operator's labels, the kind's, the selector labels, and
 * the hash of everything the workload was generated from.
 */
export function workloadMetadata(props: WorkloadMetadataProps): WorkloadMetadata {
  const ownLabels = props.owner?.labels ?? {};
  const ownAnnotations = props.owner?.annotations ?? {};
  const labels = mergeMaps(MANAGED_LABELS, ownLabels, props.kindLabels, props.selector);
  const base = { name: props.name, namespace: props.namespace, labels };
  if (!props.hash) return { ...base, annotations: withoutKubectlAnnotations({ ...ownAnnotations }) };
  const hash = inputHash({ labels: ownLabels, annotations: ownAnnotations, ...props.hash });
  return { ...base, annotations: withoutKubectlAnnotations({ ...ownAnnotations, [INPUT_HASH_ANNOTATION]: hash }) };
}
