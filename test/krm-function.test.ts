import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { GENERATED_FROM } from '../src/krm/annotations.js';
import { errorResult } from '../src/krm/results.js';
import { parseYamlStream } from '../src/core/yaml.js';
import { readList, resourceList, runBin } from './support/harness.js';

const PROMETHEUS = `
apiVersion: monitoring.coreos.com/v1
kind: Prometheus
metadata: {name: k8s, namespace: monitoring}
spec: {replicas: 1}
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: untouched
  namespace: monitoring
  annotations:
    config.kubernetes.io/index: '0'
    internal.config.kubernetes.io/path: cm.yaml
data: {mode: '0755', enabled: 'yes', z: '1', a: '2'}
`;

test('a ResourceList in gives a ResourceList out, as YAML, with exit 0', () => {
  const run = runBin([], resourceList(PROMETHEUS));
  assert.is(run.status, 0, run.stderr);
  assert.ok(run.stdout.startsWith('apiVersion: config.kubernetes.io/v1\nkind: ResourceList\n'));
});

test('objects the function does not consume pass through unchanged, annotations included', () => {
  const out = readList(runBin([], resourceList(PROMETHEUS)).stdout);
  const cm = out.items.find((o) => o.kind === 'ConfigMap' && o.metadata.name === 'untouched');
  assert.equal(cm?.metadata.annotations, { 'config.kubernetes.io/index': '0', 'internal.config.kubernetes.io/path': 'cm.yaml' });
  assert.equal(cm?.data, { mode: '0755', enabled: 'yes', z: '1', a: '2' });
});

test('strings a YAML 1.1 reader would take for other types are quoted', () => {
  const run = runBin([], resourceList(PROMETHEUS));
  assert.match(run.stdout, "mode: '0755'");
  assert.match(run.stdout, "enabled: 'yes'");
});

const PROMETHEUS_IN_FILE = PROMETHEUS.replace(
  'metadata: {name: k8s, namespace: monitoring}',
  "metadata: {name: k8s, namespace: monitoring, annotations: {internal.config.kubernetes.io/path: prometheus.yaml, config.kubernetes.io/index: '0'}}",
);

test('the consumed Prometheus stays in the output, marked local-config, with its file and index, so kpt keeps its file', () => {
  const out = readList(runBin([], resourceList(PROMETHEUS_IN_FILE)).stdout);
  const prometheus = out.items.filter((o) => o.kind === 'Prometheus');
  assert.equal(
    prometheus.map((o) => o.metadata.annotations),
    [{ 'internal.config.kubernetes.io/path': 'prometheus.yaml', 'config.kubernetes.io/index': '0', 'config.kubernetes.io/local-config': 'true' }],
  );
  assert.equal(prometheus[0]?.spec, { replicas: 1 });
});

test('with keepInputs the consumed Prometheus stays exactly as it came, to be applied with the generated objects', () => {
  const fc = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: fc}\ndata: {keepInputs: "true"}';
  const out = readList(runBin([], resourceList(PROMETHEUS_IN_FILE, fc)).stdout);
  const prometheus = out.items.filter((o) => o.kind === 'Prometheus');
  assert.equal(prometheus.map((o) => o.metadata.annotations), [{ 'internal.config.kubernetes.io/path': 'prometheus.yaml', 'config.kubernetes.io/index': '0' }]);
});

test('`render` mode leaves the consumed Prometheus out of the stream it prints', () => {
  const run = runBin(['render', '-'], PROMETHEUS);
  assert.is(run.status, 0, run.stderr);
  const kinds = parseYamlStream(run.stdout).map((d) => (d as { kind: string }).kind);
  assert.ok(kinds.includes('StatefulSet'));
  assert.not.ok(kinds.includes('Prometheus'));
});

test('running the function on its own output changes nothing, results included', () => {
  const first = runBin([], resourceList(PROMETHEUS_IN_FILE));
  assert.is(first.status, 0, first.stderr);
  const second = runBin([], first.stdout);
  assert.is(second.status, 0, second.stderr);
  assert.is(second.stdout, first.stdout);
});

test('generated objects carry the generated-from marker and a kpt path annotation', () => {
  const out = readList(runBin([], resourceList(PROMETHEUS)).stdout);
  const sts = out.items.find((o) => o.kind === 'StatefulSet');
  assert.is(sts?.metadata.annotations?.[GENERATED_FROM], 'Prometheus/monitoring/k8s');
  assert.is(sts?.metadata.annotations?.['internal.config.kubernetes.io/path'], 'generated/monitoring/statefulset-prometheus-k8s.yaml');
});

test('JSON input is accepted and answered with YAML', () => {
  const run = runBin([], resourceList(PROMETHEUS));
  assert.is(run.status, 0);
  assert.not.ok(run.stdout.trimStart().startsWith('{'));
});

test('stdin that is not YAML gives an error result, exit 1 and no stack trace', () => {
  const run = runBin([], 'items: [unclosed\n  - {');
  assert.is(run.status, 1);
  const doc = parseYamlStream(run.stdout)[0] as { results: Array<{ severity: string; message: string }> };
  assert.is(doc.results[0]?.severity, 'error');
  assert.match(doc.results[0]?.message ?? '', /^input is not valid YAML or JSON: /);
  assert.not.match(run.stdout + run.stderr, /\n\s+at /);
});

test('a document that is not a ResourceList is refused with a hint at render mode', () => {
  const run = runBin([], 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n');
  assert.is(run.status, 1);
  const out = readList(run.stdout);
  assert.equal(out.results, [
    errorResult(
      'input has apiVersion "v1" and kind "ConfigMap"; a KRM function reads a ResourceList with apiVersion config.kubernetes.io/v1. To render plain manifest files, run `prometheus-krm render PATH`',
    ),
  ]);
});

test('an object with no kind or name is an error naming the item', () => {
  const run = runBin([], JSON.stringify({ apiVersion: 'config.kubernetes.io/v1', kind: 'ResourceList', items: [{ apiVersion: 'v1', metadata: {} }] }));
  assert.is(run.status, 1);
  assert.equal(readList(run.stdout).results, [
    errorResult('items[0]: the object has no kind, metadata.name; every object needs apiVersion, kind and metadata.name', undefined, 'items[0]'),
  ]);
});

test('a Prometheus field of the wrong type is an error naming the object and field, with nothing generated', () => {
  const bad = PROMETHEUS.replace('spec: {replicas: 1}', 'spec: {replicas: two}');
  const run = runBin([], resourceList(bad));
  assert.is(run.status, 1);
  const out = readList(run.stdout);
  assert.equal(out.results, [
    errorResult(
      'spec.replicas must be of type integer, not string "two"',
      { apiVersion: 'monitoring.coreos.com/v1', kind: 'Prometheus', name: 'k8s', namespace: 'monitoring' },
      'spec.replicas',
    ),
  ]);
  assert.not.ok(out.items.some((o) => o.kind === 'StatefulSet'));
});

test('an unknown enum value is an error that lists the accepted values', () => {
  const bad = PROMETHEUS.replace('spec: {replicas: 1}', 'spec: {logLevel: verbose}');
  const out = readList(runBin([], resourceList(bad)).stdout);
  assert.equal(out.results[0]?.field, { path: 'spec.logLevel' });
  assert.is(out.results[0]?.message, 'spec.logLevel is "verbose"; it must be one of "", "debug", "info", "warn", "error"');
});

test('an unknown option is an error that lists the valid ones, with exit 1', () => {
  const fc = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: fc}\ndata: {keepInput: "true"}';
  const run = runBin([], resourceList(PROMETHEUS, fc));
  assert.is(run.status, 1);
  const r = readList(run.stdout).results[0];
  assert.is(r?.field?.path, 'data.keepInput');
  assert.match(r?.message ?? '', /^unknown option "keepInput"; valid options: keepInputs, onInvalid, /);
});

test('an option with a bad value is an error naming the option', () => {
  const fc = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: fc}\ndata: {keepInputs: "maybe", featureGates: "Nope=true"}';
  const run = runBin([], resourceList(PROMETHEUS, fc));
  assert.is(run.status, 1);
  assert.equal(
    readList(run.stdout).results.map((r) => [r.field?.path, r.message]),
    [
      ['data.featureGates', 'option featureGates: feature gate "Nope" is unknown; known gates: PrometheusAgentDaemonSet, PrometheusShardRetentionPolicy, PrometheusTopologySharding, RemoteWriteCustomResourceDefinition, StatusForConfigurationResources'],
      ['data.keepInputs', 'option keepInputs "maybe" must be one of true, false'],
    ],
  );
});

test('--version and --help answer without reading stdin', () => {
  assert.match(runBin(['--version']).stdout, /^\d+\.\d+\.\d+\n$/);
  const help = runBin(['--help']).stdout;
  assert.match(help, 'prometheus-krm render PATH');
  assert.match(help, 'keepInputs (true|false, default: false)');
});

test.run();
