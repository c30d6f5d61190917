// The kustomize delivery paths, with the real `kubectl kustomize` (kustomize
// v5) and kpt: the legacy exec plugin, the KRM exec transformer's contract
// (kubectl cannot run it, so kpt runs the same executable on the same input),
// and the pipe into `prometheus-krm render -`.
import { realpathSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseYamlStream } from '../src/core/yaml.js';
import { BIN } from './support/harness.js';
import { FIXTURES, checkObjects, copyFixture, describeRun, duplicates, expectedOf, objectsInTree, objectsOf, run, withTools } from './support/integration.js';

const PLUGIN_FIXTURE = join(FIXTURES, 'kustomize-plugin');
const EXEC_FIXTURE = join(FIXTURES, 'kustomize-exec');
const hasKind = (text: string, kind: string, name: string) => objectsOf(text).some((o) => o.kind === kind && o.metadata.name === name);

withTools(test, ['kubectl'], 'kubectl kustomize runs the legacy exec plugin and prints the generated objects', () => {
  // No PROMETHEUS_KRM: the shim finds bin/prometheus-krm relative to itself.
  const env: Record<string, string> = { KUSTOMIZE_PLUGIN_HOME: join(PLUGIN_FIXTURE, 'plugins'), PROMETHEUS_KRM: '' };
  const r = run('kubectl', ['kustomize', '--enable-alpha-plugins', PLUGIN_FIXTURE], { env });
  assert.is(r.status, 0, describeRun('kubectl kustomize', r));
  const items = objectsOf(r.stdout);
  assert.equal(checkObjects(items, expectedOf('kustomize-plugin'), 'applied'), [], 'pinned objects');
  assert.equal(duplicates(items), []);
  assert.not.match(r.stdout, 'config.kubernetes.io/path', 'file annotations leak into the build');
});

withTools(test, ['kubectl'], 'the legacy plugin honours PROMETHEUS_KRM, and an invalid Prometheus fails the build with the reason', () => {
  const ws = copyFixture('kustomize-plugin');
  try {
    const file = join(ws.dir, 'prometheus.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('replicas: 2', 'replicas: two'));
    const env = { KUSTOMIZE_PLUGIN_HOME: join(ws.dir, 'plugins'), PROMETHEUS_KRM: BIN };
    const r = run('kubectl', ['kustomize', '--enable-alpha-plugins', ws.dir], { env });
    assert.is.not(r.status, 0, describeRun('kubectl kustomize', r));
    assert.is(r.stdout, '');
    assert.match(r.stderr, 'spec.replicas');
  } finally {
    ws.remove();
  }
});

withTools(test, ['kubectl'], 'kubectl kustomize skips a KRM exec transformer without a word (so the README points to kustomize or the pipe)', () => {
  const r = run('kubectl', ['kustomize', '--enable-alpha-plugins', EXEC_FIXTURE]);
  assert.is(r.status, 0, describeRun('kubectl kustomize', r));
  assert.ok(hasKind(r.stdout, 'Prometheus', 'k8s'));
  assert.not.ok(hasKind(r.stdout, 'StatefulSet', 'prometheus-k8s'), 'kubectl ran the exec function: update the README and this test');
});

withTools(test, ['kubectl', 'kpt'], "the KRM exec transformer's executable renders kustomize's output with its RenderOptions as functionConfig", () => {
  const config = parseYamlStream(readFileSync(join(EXEC_FIXTURE, 'render-options.yaml'), 'utf8'))[0] as {
    metadata: { annotations: Record<string, string> };
  };
  const fn = parseYamlStream(config.metadata.annotations['config.kubernetes.io/function'] ?? '')[0] as { exec?: { path?: string } };
  const path = fn.exec?.path ?? '';
  // kustomize resolves the path against the kustomization's folder.
  assert.is(realpathSync(resolve(EXEC_FIXTURE, path)), realpathSync(BIN), `exec.path ${path} does not lead to bin/prometheus-krm`);

  const built = run('kubectl', ['kustomize', '--enable-alpha-plugins', EXEC_FIXTURE]);
  assert.is(built.status, 0, describeRun('kubectl kustomize', built));
  // kustomize runs the function with the kustomization folder as working directory.
  const r = run('kpt', ['fn', 'eval', '-', '--exec', path, '--fn-config', 'render-options.yaml'], { cwd: EXEC_FIXTURE, input: built.stdout });
  assert.is(r.status, 0, describeRun('kpt fn eval -', r));
  const items = objectsOf(r.stdout);
  // The function's output holds the Prometheus as local configuration, which kustomize leaves out of its build (see below).
  assert.equal(checkObjects(items, expectedOf('kustomize-exec')), [], 'pinned objects');
  assert.equal(duplicates(items), []);
});

withTools(test, ['kubectl'], 'the pipe: kubectl kustomize DIR | prometheus-krm render - prints StatefulSet prometheus-k8s', () => {
  const ws = copyFixture('kustomize-plugin');
  try {
    // A plain kustomization: no transformer, the function runs after kustomize.
    writeFileSync(join(ws.dir, 'kustomization.yaml'), 'resources:\n- namespace.yaml\n- prometheus.yaml\n');
    const r = run('sh', ['-c', 'kubectl kustomize "$1" | "$2" render -', 'sh', ws.dir, BIN]);
    assert.is(r.status, 0, describeRun('kubectl kustomize | prometheus-krm render -', r));
    const items = objectsOf(r.stdout);
    assert.equal(checkObjects(items, expectedOf('kustomize-plugin'), 'applied'), [], 'pinned objects');
    assert.ok(hasKind(r.stdout, 'StatefulSet', 'prometheus-k8s'));
  } finally {
    ws.remove();
  }
});

withTools(test, ['kubectl', 'kpt'], 'a package rendered by kpt, built by kubectl kustomize: the generated objects and no monitoring.coreos.com object', () => {
  const ws = copyFixture('gitops-package');
  try {
    const rendered = run('kpt', ['fn', 'render', '--allow-exec'], { cwd: ws.dir });
    assert.is(rendered.status, 0, describeRun('kpt fn render', rendered));
    // Every file of the package, the marked sources and generated/ alike.
    const files = objectsInTree(ws.dir).map((w) => w.file).filter((f, i, all) => all.indexOf(f) === i);
    // The sources are still there, their monitoring objects marked: kustomize is what leaves them out.
    for (const source of ['prometheus.yaml', 'shop.yaml', 'alertmanager.yaml']) assert.ok(files.includes(source), `${source} is gone`);
    writeFileSync(join(ws.dir, 'kustomization.yaml'), `resources:\n${files.map((f) => `- ${f}\n`).join('')}`);
    const r = run('kubectl', ['kustomize', ws.dir]);
    assert.is(r.status, 0, describeRun('kubectl kustomize', r));
    const items = objectsOf(r.stdout);
    assert.equal(items.filter((o) => o.apiVersion.startsWith('monitoring.coreos.com/')).map((o) => `${o.kind}/${o.metadata.name}`), []);
    assert.equal(checkObjects(items, expectedOf('gitops-package'), 'applied'), [], 'pinned objects');
    assert.not.match(r.stdout, 'config.kubernetes.io/local-config', 'a local-config object (or the mark on a generated one) reached the build');
  } finally {
    ws.remove();
  }
});

test.run();
