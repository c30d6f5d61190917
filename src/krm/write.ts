import { toYaml } from '../core/yaml.js';
import type { Envelope } from './read.js';
import type { KubeObject, Result } from './types.js';

/**
 * Serialises a ResourceList: items, then the functionConfig it came with, then
 * results. A failed run writes nothing, so its info results (which describe
 * what a run wrote, "generated N objects") are left out.
 */
export function writeResourceList(items: readonly KubeObject[], allResults: readonly Result[], envelope: Envelope): string {
  const results = allResults.some((r) => r.severity === 'error') ? allResults.filter((r) => r.severity !== 'info') : allResults;
  const list: Record<string, unknown> = {
    apiVersion: 'config.kubernetes.io/v1',
    kind: 'ResourceList',
    items,
  };
  if (envelope.functionConfig) list.functionConfig = envelope.functionConfig;
  if (results.length > 0) list.results = results;
  return toYaml(list);
}

/** Serialises objects as a multi-document YAML stream, for `render` mode and plugins. */
export function writeManifestStream(items: readonly KubeObject[]): string {
  return items.map((item) => `---\n${toYaml(item)}`).join('');
}
