// `prometheus-krm diff OLD NEW`, through the built command, on two copies of
// a package: what changes, what does not, secrets, and the exit status.
import { randomBytes } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { runBin } from './support/harness.js';
import { KUBE_PROMETHEUS_DIR, kubePrometheusTest } from './support/stacks.js';

const kpTest = kubePrometheusTest(test);

/** Two copies of a package folder, old/ and new/, under one temporary root. */
function twoTrees(source: string | Record<string, string>): { root: string; before: string; after: string } {
  const root = mkdtempSync(join(tmpdir(), 'prometheus-krm-diff-'));
  const [before, after] = [join(root, 'old'), join(root, 'new')];
  for (const dir of [before, after]) {
    if (typeof source === 'string') cpSync(source, dir, { recursive: true });
    else {
      cpSync(mkdtempSync(join(root, 'empty-')), dir, { recursive: true });
      for (const [file, text] of Object.entries(source)) writeFileSync(join(dir, file), text);
    }
  }
  return { root, before, after };
}

const edit = (file: string, from: string, to: string) => {
  const text = readFileSync(file, 'utf8');
  assert.ok(text.includes(from), `${file} has no ${from}`);
  writeFileSync(file, text.replace(from, to));
};

/** The changed lines of a unified diff, without the file headers. */
const changedLines = (patch: string) => patch.split('\n').filter((l) => /^[-+]/.test(l) && !/^(---|\+\+\+) /.test(l));

kpTest("one ServiceMonitor's interval changed: the scrape_interval line and the StatefulSet's input hash, nothing else", () => {
  const { root, before, after } = twoTrees(KUBE_PROMETHEUS_DIR);
  try {
    edit(join(after, 'nodeExporter-serviceMonitor.yaml'), 'interval: 15s', 'interval: 20s');
    const r = runBin(['diff', before, after]);
    assert.is(r.status, 1, r.stderr);
    assert.is(r.stderr, '');
    const headers = r.stdout.split('\n').filter((l) => /^(---|\+\+\+) /.test(l));
    // kube-prometheus's configuration holds no value read from a Secret, so the input hash covers it.
    assert.equal(headers, [
      '--- a/monitoring/Secret/prometheus-k8s.yaml',
      '+++ b/monitoring/Secret/prometheus-k8s.yaml',
      '--- a/monitoring/StatefulSet.apps/prometheus-k8s.yaml',
      '+++ b/monitoring/StatefulSet.apps/prometheus-k8s.yaml',
    ]);
    const changed = changedLines(r.stdout);
    assert.equal(changed.slice(0, 2), ['-        scrape_interval: 15s', '+        scrape_interval: 20s']);
    assert.equal(
      changed.slice(2).map((l) => l.replace(/[0-9a-f]{64}/, 'HASH')),
      ['-    prometheus-operator-input-hash: HASH', '+    prometheus-operator-input-hash: HASH'],
    );
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

kpTest('identical trees: exit 0 and no output at all', () => {
  const { root, before, after } = twoTrees(KUBE_PROMETHEUS_DIR);
  try {
    const r = runBin(['diff', before, after]);
    assert.is(r.status, 0, r.stderr);
    assert.is(r.stdout, '');
    assert.is(r.stderr, '');
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

const PACKAGE = (password: string) => `
apiVersion: monitoring.coreos.com/v1
kind: Prometheus
metadata: {name: main, namespace: monitoring}
spec:
  serviceMonitorSelector: {}
---
apiVersion: v1
kind: Secret
metadata: {name: creds, namespace: monitoring}
stringData:
  password: ${password}
---
apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata: {name: app, namespace: monitoring}
spec:
  selector: {matchLabels: {app: x}}
  endpoints:
  - port: web
    basicAuth:
      username: {name: creds, key: password}
      password: {name: creds, key: password}
`;

test('a changed Secret value shows as a changed marker, never as either value', () => {
  const [was, now] = [`old-${randomBytes(10).toString('hex')}`, `new-${randomBytes(10).toString('hex')}`];
  const { root, before, after } = twoTrees({ 'all.yaml': PACKAGE(was) });
  try {
    writeFileSync(join(after, 'all.yaml'), PACKAGE(now));
    const r = runBin(['diff', before, after]);
    assert.is(r.status, 1, r.stderr);
    assert.not.ok(r.stdout.includes(was) || r.stdout.includes(now), r.stdout);
    const lines = changedLines(r.stdout);
    // The input Secret, then the configuration that took the value.
    assert.equal(lines.slice(0, 6), [
      '-  password: <secret:monitoring/creds/password#old>',
      '+  password: <secret:monitoring/creds/password#new>',
      '-          username: <secret:monitoring/creds/password#old>',
      '-          password: <secret:monitoring/creds/password#old>',
      '+          username: <secret:monitoring/creds/password#new>',
      '+          password: <secret:monitoring/creds/password#new>',
    ]);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('an object only in NEW is diffed against /dev/null, under its identity', () => {
  const { root, before, after } = twoTrees({ 'all.yaml': PACKAGE('same-value') });
  try {
    writeFileSync(join(after, 'extra.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: extra, namespace: monitoring}\ndata: {a: b}\n');
    const r = runBin(['diff', before, after]);
    assert.is(r.status, 1, r.stderr);
    assert.is(
      r.stdout,
      [
        '--- /dev/null',
        '+++ b/monitoring/ConfigMap/extra.yaml',
        '@@ -0,0 +1,7 @@',
        '+apiVersion: v1',
        '+kind: ConfigMap',
        '+metadata:',
        '+  name: extra',
        '+  namespace: monitoring',
        '+data:',
        '+  a: b',
        '',
      ].join('\n'),
    );
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('a tree that does not render: exit 2, and the errors name the tree', () => {
  const { root, before, after } = twoTrees({ 'all.yaml': PACKAGE('same-value') });
  try {
    edit(join(after, 'all.yaml'), 'serviceMonitorSelector: {}', 'serviceMonitorSelector: {}\n  replicas: two');
    const r = runBin(['diff', before, after]);
    assert.is(r.status, 2);
    assert.is(r.stdout, '');
    assert.match(r.stderr, `${after}: error: Prometheus/monitoring/main: spec.replicas`);
    assert.match(r.stderr, `error: diff: ${after} does not render, so there is nothing to compare`);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('diff needs exactly two trees: exit 2', () => {
  const r = runBin(['diff', 'only-one']);
  assert.is(r.status, 2);
  assert.match(r.stderr, 'diff needs two PATHs, OLD and NEW; got 1');
});

test.run();
