import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseYamlStream } from '../src/core/yaml.js';
import { identityKey, type KubeObject } from '../src/krm/types.js';
import { readList, runBin } from './support/harness.js';
import { kubePrometheusItems } from './support/stacks.js';

/** The kube-prometheus objects as one ResourceList, or a small stack where shared/ is absent. */
function inputItems(): unknown[] {
  const kubePrometheus = kubePrometheusItems();
  if (!kubePrometheus) {
    console.log('  (../shared/real-world/kube-prometheus not found: using a small built-in stack)');
    return parseYamlStream(`
apiVersion: monitoring.coreos.com/v1
kind: Prometheus
metadata: {name: k8s, namespace: monitoring}
spec: {replicas: 2, shards: 2, ruleSelector: {}}
---
apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata: {name: sm, namespace: monitoring}
spec: {selector: {}, endpoints: [{port: web}]}
---
apiVersion: v1
kind: Namespace
metadata: {name: monitoring}
---
apiVersion: v1
kind: Service
metadata: {name: other, namespace: monitoring}
`).filter(Boolean);
  }
  return kubePrometheus;
}

function list(items: unknown[], keepInputs: boolean): string {
  return JSON.stringify({
    apiVersion: 'config.kubernetes.io/v1',
    kind: 'ResourceList',
    items,
    functionConfig: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'fc' }, data: { keepInputs: String(keepInputs) } },
  });
}

/** Deterministic shuffle (a fixed linear congruential sequence), so a failure can be replayed. */
function shuffled<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let s = seed;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) % 2147483648;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

const items = inputItems();
const first = runBin([], list(items, true));

test('the stack renders with exit 0', () => {
  assert.is(first.status, 0, first.stderr + first.stdout.slice(-2000));
});

test('every input object that is not a monitoring resource comes out unchanged', () => {
  const plain = runBin([], list(items, false));
  assert.is(plain.status, 0, plain.stdout.slice(-2000));
  const out = readList(plain.stdout).items;
  const byKey = new Map(out.map((o) => [identityKey(o), o]));
  const passThrough = (items as KubeObject[]).filter((o) => !o.apiVersion.startsWith('monitoring.coreos.com/'));
  assert.ok(passThrough.length > 0);
  for (const o of passThrough) assert.equal(byKey.get(identityKey(o)), o, `${identityKey(o)} changed or missing`);
  const consumed = out.filter((o) => o.apiVersion.startsWith('monitoring.coreos.com/'));
  assert.ok(consumed.length > 0);
  for (const o of consumed) assert.is(o.metadata.annotations?.['config.kubernetes.io/local-config'], 'true', `${identityKey(o)} is not marked local-config`);
});

test("the stack's Prometheus k8s becomes StatefulSet monitoring/prometheus-k8s", () => {
  const sts = readList(first.stdout).items.find((o) => o.kind === 'StatefulSet' && o.metadata.name === 'prometheus-k8s');
  assert.is(sts?.metadata.namespace, 'monitoring');
});

test('shuffled input gives byte-identical output', () => {
  for (const seed of [1, 7]) {
    const again = runBin([], list(shuffled(items, seed), true));
    assert.ok(again.stdout === first.stdout, `output differs for shuffle seed ${seed}`);
  }
});

test('output fed back in gives the same output', () => {
  const out = readList(first.stdout);
  const again = runBin([], list(out.items, true));
  assert.is(again.status, 0);
  assert.ok(again.stdout === first.stdout, 'second pass changed the output');
});

test('no two output objects share group, kind, namespace and name', () => {
  const keys = readList(first.stdout).items.map(identityKey);
  assert.equal(keys.filter((k, i) => keys.indexOf(k) !== i), []);
});

test.run();
