import { keepKeyOrder } from '../core/key-order.js';
import { dropUndefined, mergeMaps } from '../core/objects.js';
import { GENERATED_FROM } from '../krm/annotations.js';
import type { KubeObject } from '../krm/types.js';
import type { Options } from '../options/options.js';

/**
 * The one place that gives a generated object its wire shape: apiVersion,
 * kind and metadata first, undefined values dropped, the labels and
 * annotations of the options (the operator's --labels and --annotations,
 * which win over the object's own, as the operator applies them last), and
 * the marker that names the resources it was generated from.
 */
export function finalizeGenerated(obj: KubeObject, sources: readonly string[], options: Pick<Options, 'labels' | 'annotations'>): KubeObject {
  const { apiVersion, kind, metadata, ...rest } = obj;
  const extraLabels = Object.keys(options.labels).length > 0;
  const labels = extraLabels ? mergeMaps(metadata.labels, options.labels) : metadata.labels;
  const own = Object.keys(options.annotations).length > 0 ? mergeMaps(metadata.annotations, options.annotations) : metadata.annotations;
  const annotations = keepKeyOrder({ ...own, [GENERATED_FROM]: [...sources].sort().join(',') }, own ?? {});
  // Last: maps built without a prototype inside the renderers come out as plain objects.
  return dropUndefined({ apiVersion, kind, metadata: { ...metadata, ...(labels ? { labels } : {}), annotations }, ...rest });
}
