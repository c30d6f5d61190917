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
  sourceChanges,
  treeDiff,
  withTools,
} from './support/integration.js';

const FIXTURE_NAMES = ['kube-prometheus-k8s', 'example-default', 'kustomize-exec', 'kustomize-plugin', 'gitops-package'];
const RENDER_FIXTURES = ['kube-prometheus-k8s', 'example-default', 'gitops-package'];

/**
 * What every run on a package must leave: each source file (monitoring
 * objects marked local-config, nothing else changed), each pinned object
 * once, each generated object in its own file under generated/.
 */
function checkPackage(fixture: string, dir: string): void {
  const expected = expectedOf(fixture);
  const source = snapshotTree(join(FIXTURES, fixture));
  const after = snapshotTree(dir);
  for (const file of expected.unchanged) assert.is(after.get(file), source.get(file), `${file} changed`);
  assert.equal(sourceChanges(source, after), [], 'source files');
  const written = objectsInTree(dir);
  const items = written.map((w) => w.obj);
  assert.equal(checkObjects(items, expected), [], 'pinned objects');
  assert.equal(duplicates(items), [], 'duplicated objects');
  for (const { file, obj } of written) {
    if (obj.metadata?.annotations?.['prometheus-krm.dev/generated-from']) assert.ok(file.startsWith('generated/'), `${file} is generated but outside generated/`);
  }
  for (const ref of expected.mustGenerate) {
    const at = written.find((w) => matches(w.obj, ref));
    assert.is(at?.file, ref.path, `file of ${refText(ref)}`);
  }
}

for (const fixture of FIXTURE_NAMES) {
  withTools(test, ['kpt'], `kpt fn eval --exec on fixtures/${fixture}, run twice: sources kept, pinned objects written once, the second run changes nothing`, () => {
    const expected = expectedOf(fixture);
    const ws = copyFixture(fixture);
    try {
      const snapshots = [];
      for (let i = 1; i <= expected.runCount; i++) {
        const r = run('kpt', ['fn', 'eval', ws.dir, '--exec', BIN, '--fn-config', join(ws.dir, expected.fnConfig)]);
        assert.is(r.status, expected.exitCode, describeRun(`kpt fn eval (run ${i})`, r));
        snapshots.push(snapshotTree(ws.dir));
      }
      assert.equal(treeDiff(snapshots[0]!, snapshots[snapshots.length - 1]!), [], 'the second run changed the package');
      checkPackage(fixture, ws.dir);
    } finally {
      ws.remove();
    }
  });
}

for (const fixture of RENDER_FIXTURES) {
  withTools(test, ['kpt'], `kpt fn render on fixtures/${fixture}, run twice: sources kept, pinned objects written once, the second run changes nothing`, () => {
    const expected = expectedOf(fixture);
    const ws = copyFixture(fixture);
    try {
      const snapshots = [];
      for (let i = 1; i <= expected.runCount; i++) {
        // kpt resolves the Kptfile's relative exec path from its working
        // directory, so it runs from inside the package, as the README says.
        const r = run('kpt', ['fn', 'render', '--allow-exec'], { cwd: ws.dir });
        assert.is(r.status, expected.exitCode, describeRun(`kpt fn render (run ${i})`, r));
        snapshots.push(snapshotTree(ws.dir));
      }
      assert.equal(treeDiff(snapshots[0]!, snapshots[snapshots.length - 1]!), [], 'the second render changed the package');
      const added = treeDiff(snapshotTree(join(FIXTURES, fixture)), snapshots[snapshots.length - 1]!).filter((l) => !l.startsWith('added generated/') && !l.startsWith('changed '));
      assert.equal(added, [], 'render added or removed files outside generated/');
      checkPackage(fixture, ws.dir);
    } finally {
      ws.remove();
    }
  });
}

withTools(test, ['kpt'], 'with keepInputs, kpt fn render leaves prometheus.yaml byte for byte as it was (the inputs are not marked)', () => {
  const ws = copyFixture('kube-prometheus-k8s');
  try {
    const options = join(ws.dir, 'render-options.yaml');
    writeFileSync(options, `${readFileSync(options, 'utf8')}  keepInputs: 'true'\n`);
    const r = run('kpt', ['fn', 'render', '--allow-exec'], { cwd: ws.dir });
    assert.is(r.status, 0, describeRun('kpt fn render', r));
    const files = snapshotTree(ws.dir);
    assert.is(files.get('prometheus.yaml'), readFileSync(join(FIXTURES, 'kube-prometheus-k8s', 'prometheus.yaml'), 'utf8'));
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
