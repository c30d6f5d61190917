import type { LabelSelector, Labels } from '../core/labels.js';
import { mapOf } from '../core/objects.js';
import type { KubeObject } from '../krm/types.js';

/** The label the API server sets on every namespace, to its name. */
export const NAME_LABEL = 'kubernetes.io/metadata.name';

/**
 * Namespace labels from the input's Namespace objects, including those
 * annotated `config.kubernetes.io/local-config: "true"`: a package declares
 * the labels of a namespace it does not own that way, and such an object is
 * never applied (kpt live apply and kustomize skip it, `render` leaves it out).
 */
export interface NamespaceIndex {
  /** Labels of a namespace; `undefined` when the input has no Namespace object for it. */
  labels(namespace: string): Labels | undefined;
  /** Every namespace the input mentions: Namespace objects and namespaces of namespaced objects. */
  readonly known: readonly string[];
}

export function buildNamespaceIndex(items: readonly KubeObject[]): NamespaceIndex {
  const labels = new Map<string, Labels>();
  const known = new Set<string>();
  for (const item of items) {
    if (item.apiVersion === 'v1' && item.kind === 'Namespace') {
      // The API server always sets this label; objects in git rarely carry it.
      labels.set(item.metadata.name, mapOf([...Object.entries(item.metadata.labels ?? {}), [NAME_LABEL, item.metadata.name]]));
      known.add(item.metadata.name);
    } else if (item.metadata.namespace) {
      known.add(item.metadata.namespace);
    }
  }
  return { labels: (ns) => labels.get(ns), known: [...known].sort() };
}

/**
 * The requirements of a selector on NAME_LABEL alone, and whether they are
 * all of it. Against a namespace whose other labels are unknown, that part
 * decides on its own when it fails, and decides everything when it is whole.
 */
export function nameOnlyPart(selector: LabelSelector): { readonly part: LabelSelector; readonly whole: boolean } {
  const labels = Object.entries(selector.matchLabels ?? {});
  const expressions = selector.matchExpressions ?? [];
  const byName = labels.filter(([k]) => k === NAME_LABEL);
  const expressionsByName = expressions.filter((e) => e.key === NAME_LABEL);
  return {
    part: { matchLabels: Object.fromEntries(byName), matchExpressions: expressionsByName },
    whole: byName.length === labels.length && expressionsByName.length === expressions.length,
  };
}
