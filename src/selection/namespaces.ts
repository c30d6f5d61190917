import type { Labels } from '../core/labels.js';
import { mapOf } from '../core/objects.js';
import type { KubeObject } from '../krm/types.js';

/** Namespace labels from the input's Namespace objects. */
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
      labels.set(item.metadata.name, mapOf([...Object.entries(item.metadata.labels ?? {}), ['kubernetes.io/metadata.name', item.metadata.name]]));
      known.add(item.metadata.name);
    } else if (item.metadata.namespace) {
      known.add(item.metadata.namespace);
    }
  }
  return { labels: (ns) => labels.get(ns), known: [...known].sort() };
}
