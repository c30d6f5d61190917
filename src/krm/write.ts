import { toYaml } from '../core/yaml.js';
import type { Envelope } from './read.js';
import type { KubeObject, Result } from './types.js';

/** Serialises a ResourceList: items, then the functionConfig it came with, then results. */
export function writeResourceList(items: readonly KubeObject[], results: readonly Result[], envelope: Envelope): string {
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
