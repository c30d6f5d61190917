import { dropUndefined } from '../core/objects.js';
import { GENERATED_FROM } from '../krm/annotations.js';
import type { KubeObject } from '../krm/types.js';

/**
 * The one place that gives a generated object its wire shape: apiVersion,
 * kind and metadata first, undefined values dropped, and the marker that
 * names the resources it was generated from.
 */
export function finalizeGenerated(obj: KubeObject, sources: readonly string[]): KubeObject {
  const { apiVersion, kind, metadata, ...rest } = dropUndefined(obj);
  const annotations = { ...(metadata.annotations ?? {}), [GENERATED_FROM]: [...sources].sort().join(',') };
  return { apiVersion, kind, metadata: { ...metadata, annotations }, ...rest };
}
