// kube-prometheus's PrometheusRules through the renderer and into the real
// `promtool check rules` (Debian's promtool 2.42; --lint=none because
// kube-prometheus itself carries one duplicate recording rule the linter
// flags). Every rule kube-prometheus ships parses with 2.42, so no construct
// had to be left out for the old promtool.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseYamlStream } from '../src/core/yaml.js';
import type { KubeObject } from '../src/krm/types.js';
import { defaultOptions } from '../src/options/options.js';
import { render } from '../src/render/render.js';
import { describeRun, run, withTools } from './support/integration.js';
import { kubePrometheus, kubePrometheusTest } from './support/stacks.js';

const kpTest = kubePrometheusTest(test);

interface RuleDoc {
  groups: Array<{ name: string; rules: Array<{ alert?: string; record?: string; expr: unknown; labels?: Record<string, string> }> }>;
}

/** Renders kube-prometheus (optionally with a namespace label enforced) and writes the rule files of Prometheus k8s to a directory. */
function renderRuleFiles(enforcedNamespaceLabel?: string): { dir: string; files: Map<string, RuleDoc>; inputs: KubeObject[]; warnings: string[] } {
  const inputs = kubePrometheus();
  if (enforcedNamespaceLabel) {
    for (const o of inputs) if (o.kind === 'Prometheus') (o as unknown as { spec: Record<string, unknown> }).spec.enforcedNamespaceLabel = enforcedNamespaceLabel;
  }
  const out = render(inputs, defaultOptions());
  const dir = mkdtempSync(join(tmpdir(), 'prometheus-krm-rules-'));
  const files = new Map<string, RuleDoc>();
  for (const cm of out.items.filter((o) => o.kind === 'ConfigMap' && o.metadata.name.startsWith('prometheus-k8s-rulefiles-'))) {
    for (const [key, text] of Object.entries((cm.data ?? {}) as Record<string, string>)) {
      writeFileSync(join(dir, key), text);
      files.set(key, parseYamlStream(text)[0] as RuleDoc);
    }
  }
  const warnings = out.results.filter((r) => r.severity !== 'info' && r.resourceRef?.kind === 'PrometheusRule').map((r) => r.message);
  return { dir, files, inputs, warnings };
}

const ruleId = (group: string, r: { alert?: string; record?: string }, i: number) => `${group}/${i}/${r.alert ?? r.record}`;

kpTest('every PrometheusRule of kube-prometheus is selected by Prometheus k8s, parses, and each rule is present once', () => {
  const { dir, files, inputs, warnings } = renderRuleFiles();
  try {
    assert.equal(warnings, []);
    const sources = inputs.filter((o) => o.kind === 'PrometheusRule');
    assert.ok(sources.length >= 8, `${sources.length} PrometheusRules`);
    assert.equal([...files.keys()].sort(), sources.map((s) => `${s.metadata.namespace}_${s.metadata.name}.yaml`).sort());
    let total = 0;
    for (const src of sources) {
      const doc = files.get(`${src.metadata.namespace}_${src.metadata.name}.yaml`) as RuleDoc;
      const want = ((src as unknown as { spec: RuleDoc }).spec.groups).flatMap((g) => g.rules.map((r, i) => ruleId(g.name, r, i)));
      const got = doc.groups.flatMap((g) => g.rules.map((r, i) => ruleId(g.name, r, i)));
      assert.equal(got, want, src.metadata.name);
      total += got.length;
    }
    assert.ok(total > 200, `${total} rules`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

withTools(kpTest, ['promtool'], 'the rule files generated for kube-prometheus pass promtool check rules', () => {
  const { dir, files } = renderRuleFiles();
  try {
    const r = run('promtool', ['check', 'rules', '--lint=none', ...[...files.keys()].map((k) => join(dir, k))]);
    assert.is(r.status, 0, describeRun('promtool check rules', r));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

withTools(kpTest, ['promtool'], 'with enforcedNamespaceLabel the re-printed expressions still pass promtool check rules', () => {
  const { dir, files, warnings } = renderRuleFiles('namespace');
  try {
    assert.equal(warnings, []);
    const sample = files.get('monitoring_node-exporter-rules.yaml')?.groups[0]?.rules[0];
    assert.match(String(sample?.expr), 'namespace="monitoring"');
    assert.equal(sample?.labels?.namespace, 'monitoring');
    const r = run('promtool', ['check', 'rules', '--lint=none', ...[...files.keys()].map((k) => join(dir, k))]);
    assert.is(r.status, 0, describeRun('promtool check rules', r));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test.run();
