/** Real and synthetic input stacks shared by the tests. */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseYamlStream } from '../../src/core/yaml.js';
import type { KubeObject } from '../../src/krm/types.js';
import { SHARED } from './harness.js';

export const KUBE_PROMETHEUS_DIR = join(SHARED, 'real-world/kube-prometheus');

/** Every object of ../shared/real-world/kube-prometheus (Lists expanded), in file order; undefined where it is absent. */
export function kubePrometheusItems(): KubeObject[] | undefined {
  let entries;
  try {
    entries = readdirSync(KUBE_PROMETHEUS_DIR, { withFileTypes: true });
  } catch {
    return undefined;
  }
  if (entries.length === 0) return undefined;
  const items: KubeObject[] = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.yaml')) {
        for (const d of parseYamlStream(readFileSync(p, 'utf8'))) {
          const doc = d as (KubeObject & { items?: KubeObject[] }) | null;
          if (!doc) continue;
          if (doc.kind?.endsWith('List') && Array.isArray(doc.items)) items.push(...doc.items);
          else items.push(doc);
        }
      }
    }
  };
  walk(KUBE_PROMETHEUS_DIR);
  return items;
}
