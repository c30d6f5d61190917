/**
 * Namespaces the package has no Namespace object for (issue 15, observation
 * 12): they carry the label the API server gives every namespace; a label
 * selector that needs more is a warning naming the namespace and the
 * selector (an error under onInvalid: fail); a local-config Namespace object
 * declares the labels of a namespace the package does not own.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { errorResult, warningResult } from '../src/krm/results.js';
import { find, readList, renderYaml, runBin } from './support/harness.js';
import { parseYamlStream } from '../src/core/yaml.js';
import type { KubeObject } from '../src/krm/types.js';

const PROMETHEUS = `
apiVersion: monitoring.coreos.com/v1
kind: Prometheus
metadata: {name: k8s, namespace: monitoring}
spec:
  ruleSelector: {}
  ruleNamespaceSelector: {matchLabels: {monitoring: enabled}}
---
apiVersion: monitoring.coreos.com/v1
kind: PrometheusRule
metadata: {name: team-rules, namespace: team-x}
spec:
  groups: [{name: g, rules: [{alert: Down, expr: up == 0}]}]
`;
const ref = { apiVersion: 'monitoring.coreos.com/v1', kind: 'Prometheus', name: 'k8s', namespace: 'monitoring' };
const message =
  'namespace team-x has no Namespace object in the input, so its labels other than kubernetes.io/metadata.name are unknown and spec.ruleNamespaceSelector cannot be decided for it; its objects are left out as if it had no other label. Add its Namespace object, or declare its labels with a Namespace object annotated config.kubernetes.io/local-config: "true", which is read and never applied';

const ruleFiles = (items: readonly KubeObject[]) => Object.keys((find(items, 'ConfigMap', 'monitoring', 'prometheus-k8s-rulefiles-0').data ?? {}) as object);

test('a label namespace selector evaluated against a namespace without a Namespace object is a warning naming both', () => {
  const out = renderYaml(PROMETHEUS);
  assert.equal(
    out.results.filter((r) => r.severity !== 'info'),
    [warningResult(message, ref, 'spec.ruleNamespaceSelector')],
  );
  assert.equal(ruleFiles(out.items), []);
});

test('under onInvalid: fail the same is an error', () => {
  const out = renderYaml(PROMETHEUS, { onInvalid: 'fail' });
  assert.equal(
    out.results.filter((r) => r.severity !== 'info'),
    [errorResult(message, ref, 'spec.ruleNamespaceSelector')],
  );
});

test('a selector on kubernetes.io/metadata.name alone needs no Namespace object', () => {
  const byName = PROMETHEUS.replace('{matchLabels: {monitoring: enabled}}', "{matchLabels: {'kubernetes.io/metadata.name': team-x}}");
  const out = renderYaml(byName);
  assert.equal(out.results.filter((r) => r.severity !== 'info'), []);
  assert.equal(ruleFiles(out.items), ['team-x_team-rules.yaml']);
});

test('a local-config Namespace object declares the labels of a namespace the package does not own, and is never applied', () => {
  const declared = `${PROMETHEUS}
---
apiVersion: v1
kind: Namespace
metadata:
  name: team-x
  labels: {monitoring: enabled}
  annotations: {config.kubernetes.io/local-config: "true"}
`;
  const run = runBin(['render', '-'], declared);
  assert.is(run.status, 0, run.stderr);
  const items = parseYamlStream(run.stdout) as KubeObject[];
  assert.equal(ruleFiles(items), ['team-x_team-rules.yaml']);
  assert.not.ok(items.some((o) => o.kind === 'Namespace'), 'the declaration is not in the stream Argo CD applies');
  assert.not.match(run.stderr, /warning|error/);
  // Under kpt the object stays in the package, unchanged.
  const kpt = readList(runBin([], JSON.stringify({ apiVersion: 'config.kubernetes.io/v1', kind: 'ResourceList', items: parseYamlStream(declared) })).stdout);
  assert.equal(find(kpt.items, 'Namespace', undefined, 'team-x').metadata.annotations, { 'config.kubernetes.io/local-config': 'true' });
});

test.run();
