/** Real and synthetic input stacks shared by the tests: the one loader of kube-prometheus. */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Test } from 'uvu';
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

/** Whether ../shared/real-world/kube-prometheus holds the stack. */
export const KUBE_PROMETHEUS_AVAILABLE = (() => {
  try {
    return readdirSync(KUBE_PROMETHEUS_DIR).length > 0;
  } catch {
    return false;
  }
})();

/**
 * The `test` to register the tests that need kube-prometheus with: `test`
 * itself, or, where the stack is absent, `test.skip` after a line saying so,
 * so that those tests count as skipped, never as passed.
 */
export function kubePrometheusTest(test: Test): Test {
  if (KUBE_PROMETHEUS_AVAILABLE) return test;
  process.stderr.write(`\n!! SKIPPED: ${KUBE_PROMETHEUS_DIR} not found: the tests that need kube-prometheus are not run\n`);
  // Registering through it, or through its `skip` (as withTools does when a tool is missing), skips.
  return Object.assign((name: string, fn?: () => void) => test.skip(name, fn), { skip: test.skip, only: test.skip }) as unknown as Test;
}

/** kube-prometheus's objects, fresh for each call, in a test registered through kubePrometheusTest. */
export function kubePrometheus(): KubeObject[] {
  const items = kubePrometheusItems();
  if (!items) throw new Error(`${KUBE_PROMETHEUS_DIR} not found`);
  return items;
}
