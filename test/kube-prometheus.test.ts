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
import { find, readList, runBin, secretText, type CommandRun } from './support/harness.js';
import { kubePrometheus, kubePrometheusTest } from './support/stacks.js';
import { parseYamlStream } from '../src/core/yaml.js';

interface Rendered {
  readonly items: KubeObject[];
  readonly run: CommandRun;
  readonly out: ReturnType<typeof readList>;
  readonly config: { scrape_configs: Array<{ job_name: string; kubernetes_sd_configs?: Array<{ namespaces?: { names: string[] } }> }> };
}

let rendered: Rendered | undefined;
/** kube-prometheus through the built command, once for all the tests below. */
function kubePrometheusRendered(): Rendered {
  if (rendered) return rendered;
  const items = kubePrometheus();
  const run = runBin([], toYaml({ apiVersion: 'config.kubernetes.io/v1', kind: 'ResourceList', items }));
  const out = readList(run.stdout);
  const config = parseYamlStream(secretText(find(out.items, 'Secret', 'monitoring', 'prometheus-k8s'), 'prometheus.yaml.gz'))[0] as Rendered['config'];
  rendered = { items, run, out, config };
  return rendered;
}

const kpTest = kubePrometheusTest(test);

kpTest('kube-prometheus renders with exit 0 and no warnings', () => {
  const { run, out } = kubePrometheusRendered();
  assert.is(run.status, 0, run.stderr);
  assert.equal(out.results.filter((r) => r.severity !== 'info').map((r) => r.message), []);
});

kpTest('Prometheus k8s has one job per ServiceMonitor endpoint, sorted by namespace/name, named serviceMonitor/<ns>/<name>/<i>', () => {
  const { items, config } = kubePrometheusRendered();
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

kpTest('generated Roles are in exactly the namespaces the scrape jobs discover', () => {
  const { out, config } = kubePrometheusRendered();
  const discovered = new Set(config.scrape_configs.flatMap((j) => (j.kubernetes_sd_configs ?? []).flatMap((sd) => sd.namespaces?.names ?? [])));
  const roles = out.items.filter(
    (o: KubeObject) => o.kind === 'Role' && (o.metadata.annotations ?? {})['prometheus-krm.dev/generated-from'] === 'Prometheus/monitoring/k8s',
  );
  assert.equal(roles.map((r) => r.metadata.namespace).sort(), [...discovered].sort());
});

test.run();
