import { emptyMap, sortedMap } from '../core/objects.js';

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
