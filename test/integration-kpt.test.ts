// The kpt delivery path, with the real kpt: `kpt fn eval --exec` on every
// fixture package and `kpt fn render` (the packages' own pipelines) twice.
// Every run works on a temporary copy; fixtures/ is never written.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { BIN } from './support/harness.js';
import {
  FIXTURES,
  checkObjects,
  copyFixture,
  describeRun,
  duplicates,
  expectedOf,
  matches,
  objectsInTree,
  refText,
  run,
  snapshotTree,
  treeDiff,
  withTools,
} from './support/integration.js';

const EVAL_FIXTURES = ['kube-prometheus-k8s', 'example-default', 'kustomize-exec', 'kustomize-plugin'];
const RENDER_FIXTURES = ['kube-prometheus-k8s', 'example-default'];

for (const fixture of EVAL_FIXTURES) {
  withTools(test, ['kpt'], `kpt fn eval --exec runs on fixtures/${fixture} and writes the pinned objects`, () => {
    const expected = expectedOf(fixture);
    const ws = copyFixture(fixture);
    try {
      const source = snapshotTree(join(FIXTURES, fixture));
      const r = run('kpt', ['fn', 'eval', ws.dir, '--exec', BIN, '--fn-config', join(ws.dir, expected.fnConfig)]);
      assert.is(r.status, expected.exitCode, describeRun('kpt fn eval', r));
      const after = snapshotTree(ws.dir);
      for (const file of expected.unchanged) assert.is(after.get(file), source.get(file), `${file} changed`);
      const written = objectsInTree(ws.dir);
      const items = written.map((w) => w.obj);
      assert.equal(checkObjects(items, expected), [], 'pinned objects');
      assert.equal(duplicates(items), [], 'duplicated objects');
      for (const ref of expected.mustGenerate) {
        const at = written.find((w) => matches(w.obj, ref));
        assert.is(at?.file, ref.path, `file of ${refText(ref)}`);
      }
    } finally {
      ws.remove();
    }
  });
}

for (const fixture of RENDER_FIXTURES) {
  withTools(test, ['kpt'], `kpt fn render on fixtures/${fixture}, run twice: the second run changes nothing`, () => {
    const expected = expectedOf(fixture);
    const ws = copyFixture(fixture);
    try {
      const source = snapshotTree(join(FIXTURES, fixture));
      const snapshots = [];
      for (let i = 1; i <= expected.runCount; i++) {
        // kpt resolves the Kptfile's relative exec path from its working
        // directory, so it runs from inside the package, as the README says.
        const r = run('kpt', ['fn', 'render', '--allow-exec'], { cwd: ws.dir });
        assert.is(r.status, expected.exitCode, describeRun(`kpt fn render (run ${i})`, r));
        snapshots.push(snapshotTree(ws.dir));
      }
      const [first, last] = [snapshots[0]!, snapshots[snapshots.length - 1]!];
      assert.equal(treeDiff(first, last), [], 'the second render changed the package');

      for (const file of expected.unchanged) assert.is(last.get(file), source.get(file), `${file} changed`);
      const added = treeDiff(source, last).filter((l) => !l.startsWith('added generated/'));
      assert.equal(added, [], 'render touched files outside generated/');

      const written = objectsInTree(ws.dir);
      const items = written.map((w) => w.obj);
      assert.equal(checkObjects(items, expected), [], 'pinned objects');
      assert.equal(duplicates(items), [], 'duplicated objects');
      for (const { file, obj } of written) {
        if (obj.metadata.annotations?.['prometheus-krm.dev/generated-from']) assert.ok(file.startsWith('generated/'), `${file} is generated but outside generated/`);
      }
      for (const ref of expected.mustGenerate) assert.ok(last.has(ref.path!), `${ref.path} not written`);
    } finally {
      ws.remove();
    }
  });
}

withTools(test, ['kpt'], 'without keepInputs, kpt fn render deletes the Prometheus source file (why the fixtures set it)', () => {
  const ws = copyFixture('kube-prometheus-k8s');
  try {
    const options = join(ws.dir, 'render-options.yaml');
    writeFileSync(options, readFileSync(options, 'utf8').replace("keepInputs: 'true'", "keepInputs: 'false'"));
    const r = run('kpt', ['fn', 'render', '--allow-exec'], { cwd: ws.dir });
    assert.is(r.status, 0, describeRun('kpt fn render', r));
    const files = snapshotTree(ws.dir);
    assert.not.ok(files.has('prometheus.yaml'));
    assert.ok(files.has('generated/monitoring/statefulset-prometheus-k8s.yaml'));
  } finally {
    ws.remove();
  }
});

withTools(test, ['kpt'], 'an invalid Prometheus fails kpt fn render and leaves the package as it was', () => {
  const ws = copyFixture('kube-prometheus-k8s');
  try {
    const file = join(ws.dir, 'prometheus.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('replicas: 2', 'replicas: two'));
    const before = snapshotTree(ws.dir);
    const r = run('kpt', ['fn', 'render', '--allow-exec'], { cwd: ws.dir });
    assert.is.not(r.status, 0, describeRun('kpt fn render', r));
    assert.match(r.stdout + r.stderr, 'spec.replicas');
    assert.equal(treeDiff(before, snapshotTree(ws.dir)), []);
  } finally {
    ws.remove();
  }
});

test.run();
