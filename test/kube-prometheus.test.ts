/**
 * The real kube-prometheus stack through the built command: Prometheus k8s
 * gets one scrape job per ServiceMonitor endpoint, in the operator's order
 * and naming, and generated Roles cover exactly the namespaces its
 * discovery reads.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { toYaml } from '../src/core/yaml.js';
import type { KubeObject } from '../src/krm/types.js';
import { find, readList, runBin, secretText } from './support/harness.js';
import { kubePrometheusItems } from './support/stacks.js';
import { parseYamlStream } from '../src/core/yaml.js';

const items = kubePrometheusItems();

if (!items) {
  console.log('  ../shared/real-world/kube-prometheus not found: its tests are not run (not counted as passed)');
} else {
  const run = runBin([], toYaml({ apiVersion: 'config.kubernetes.io/v1', kind: 'ResourceList', items }));
  const out = readList(run.stdout);
  const config = parseYamlStream(secretText(find(out.items, 'Secret', 'monitoring', 'prometheus-k8s'), 'prometheus.yaml.gz'))[0] as {
    scrape_configs: Array<{ job_name: string; kubernetes_sd_configs?: Array<{ namespaces?: { names: string[] } }> }>;
  };

  test('kube-prometheus renders with exit 0 and no warnings', () => {
    assert.is(run.status, 0, run.stderr);
    assert.equal(out.results.filter((r) => r.severity !== 'info').map((r) => r.message), []);
  });

  test('Prometheus k8s has one job per ServiceMonitor endpoint, sorted by namespace/name, named serviceMonitor/<ns>/<name>/<i>', () => {
    const monitors = items
      .filter((o) => o.kind === 'ServiceMonitor')
      .sort((a, b) => {
        const ka = `${a.metadata.namespace}/${a.metadata.name}`;
        const kb = `${b.metadata.namespace}/${b.metadata.name}`;
        return ka < kb ? -1 : ka > kb ? 1 : 0;
      });
    const expected = monitors.flatMap((m) =>
      ((m.spec as { endpoints: unknown[] }).endpoints ?? []).map((_, i) => `serviceMonitor/${m.metadata.namespace}/${m.metadata.name}/${i}`),
    );
    assert.ok(expected.length > 10);
    assert.equal(
      config.scrape_configs.map((j) => j.job_name),
      expected,
    );
  });

  test('generated Roles are in exactly the namespaces the scrape jobs discover', () => {
    const discovered = new Set(config.scrape_configs.flatMap((j) => (j.kubernetes_sd_configs ?? []).flatMap((sd) => sd.namespaces?.names ?? [])));
    const roles = out.items.filter(
      (o: KubeObject) => o.kind === 'Role' && (o.metadata.annotations ?? {})['prometheus-krm.dev/generated-from'] === 'Prometheus/monitoring/k8s',
    );
    assert.equal(roles.map((r) => r.metadata.namespace).sort(), [...discovered].sort());
  });
}

test.run();
