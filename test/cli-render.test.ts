// `render` mode as a new user and Argo CD meet it: empty renders are errors,
// Argo CD's namespace is applied, every result line says file:line, option
// errors say where the value came from, a terminal gets the help, a bare copy
// of bin/ says what it misses. Everything through the built command.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseYamlStream } from '../src/core/yaml.js';
import type { KubeObject } from '../src/krm/types.js';
import { withFolder } from './support/folders.js';
import { BIN, find, readList, resourceList, runBin, secretText } from './support/harness.js';
import { describeRun, run, withTools } from './support/integration.js';

const objects = (stdout: string) => parseYamlStream(stdout).filter(Boolean) as KubeObject[];

const PROMETHEUS = `apiVersion: monitoring.coreos.com/v1
kind: Prometheus
metadata:
  name: k8s
spec:
  replicas: 1
  serviceMonitorSelector: {}
`;
const SERVICE_MONITOR = `apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata:
  name: web
spec:
  selector: {matchLabels: {app: web}}
  endpoints:
  - port: http
`;
const KUSTOMIZATION = 'resources:\n- ../base\nnamespace: monitoring\n';

// An empty render is an error.

test('a folder with only a kustomization.yaml is an error that names the folder and says to build it with kustomize', () => {
  withFolder({ 'app/kustomization.yaml': KUSTOMIZATION }, (dir) => {
    const r = runBin(['render', 'app'], '', {}, dir);
    assert.equal([r.status, r.stdout], [1, '']);
    assert.is(
      r.stderr,
      'error: nothing to render: app holds no Kubernetes object (0 manifest files read); app/kustomization.yaml is kustomize\'s build file: ' +
        'build the folder first, `kustomize build DIR | prometheus-krm render -`. The output would be empty, and Argo CD with prune on would delete ' +
        'everything the application owns; for a package that is empty on purpose, set the option allowEmpty=true\n',
    );
  });
});

test('objects that are all consumed (monitors without their Prometheus) are an empty render too', () => {
  withFolder({ 'team/monitor.yaml': SERVICE_MONITOR }, (dir) => {
    const r = runBin(['render', 'team'], '', {}, dir);
    assert.is(r.status, 1);
    assert.match(r.stderr, 'error: nothing to render: the 1 object read from team are all consumed or local configuration');
  });
});

test('the option allowEmpty lets an empty package render to an empty stream', () => {
  withFolder({ 'app/kustomization.yaml': KUSTOMIZATION }, (dir) => {
    const r = runBin(['render', 'app', '--option', 'allowEmpty=true'], '', {}, dir);
    assert.equal([r.status, r.stdout, r.stderr], [0, '', '']);
  });
});

test('a kustomization.yaml beside objects is skipped with a warning naming it', () => {
  withFolder({ 'app/kustomization.yaml': 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: [prometheus.yaml]\n', 'app/prometheus.yaml': PROMETHEUS }, (dir) => {
    const r = runBin(['render', 'app'], '', {}, dir);
    assert.is(r.status, 0, r.stderr);
    assert.match(r.stderr, "app/kustomization.yaml: warning: app/kustomization.yaml is kustomize's build file and is not read");
  });
});

// Argo CD's namespace.

test('ARGOCD_APP_NAMESPACE: objects without a namespace are rendered, selected and discovered there; cluster-scoped ones stay without', () => {
  const clusterRole = 'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata: {name: reader}\nrules: []\n';
  const r = runBin(['render', '-'], `${PROMETHEUS}---\n${SERVICE_MONITOR}---\n${clusterRole}`, { ARGOCD_APP_NAMESPACE: 'team-a' });
  assert.is(r.status, 0, r.stderr);
  const items = objects(r.stdout);
  assert.is(find(items, 'StatefulSet', 'team-a', 'prometheus-k8s').metadata.namespace, 'team-a');
  const config = secretText(find(items, 'Secret', 'team-a', 'prometheus-k8s'), 'prometheus.yaml.gz');
  assert.match(config, 'job_name: serviceMonitor/team-a/web/0');
  assert.match(config, /\n +names:\n +- team-a\n/);
  assert.is(find(items, 'ClusterRole', undefined, 'reader').metadata.namespace, undefined);
});

// Messages a user can act on.

test('every result line starts with the file and line of its object, List items included', () => {
  const bad = (name: string) => `apiVersion: monitoring.coreos.com/v1\nkind: PodMonitor\nmetadata: {name: ${name}, namespace: monitoring}\nspec: {selector: {}, podMetricsEndpoints: [{port: x, interval: nope}]}\n`;
  const list = `apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: ConfigMap\n  metadata: {name: c, namespace: monitoring}\n- ${bad('listed').trimEnd().replace(/\n/g, '\n  ')}\n`;
  withFolder({ 'prometheus.yaml': `# the server\n${PROMETHEUS.replace('name: k8s', 'name: k8s\n  namespace: monitoring')}---\n${bad('first')}`, 'more/list.yaml': list }, (dir) => {
    const r = runBin(['render', '.'], '', {}, dir);
    assert.is(r.status, 0, r.stderr);
    const lines = r.stderr.trimEnd().split('\n');
    assert.equal(
      lines.map((l) => l.slice(0, l.indexOf(' ', l.indexOf(': ') + 2))),
      ['prometheus.yaml:11: warning:', 'more/list.yaml:7: warning:', 'prometheus.yaml:2: info:'],
    );
    assert.match(lines[1] ?? '', 'PodMonitor/monitoring/listed');
    assert.not.match(r.stdout, 'internal.config.kubernetes.io');
  });
});

test('an option error says where the value came from and echoes it', () => {
  const r = runBin(['render', '-', '--option', 'keepInputs=maybe'], PROMETHEUS, { ARGOCD_ENV_ON_INVALID: 'sometimes', PARAM_RBAC: 'all', ARGOCD_ENV_KEEP_INPTS: 'true' });
  assert.is(r.status, 1);
  assert.equal(r.stderr.trimEnd().split('\n'), [
    'error: option keepInputs "maybe" (from --option keepInputs=maybe) must be one of true, false',
    'error: option onInvalid "sometimes" (from ARGOCD_ENV_ON_INVALID) must be one of warn, fail',
    'error: option rbac "all" (from PARAM_RBAC) must be one of generate, none',
    `error: unknown option "KEEP_INPTS" (from ARGOCD_ENV_KEEP_INPTS); valid options: ${runBin(['--help']).stdout.match(/^ {2}(\w+) \(/gm)?.map((m) => m.trim().slice(0, -2)).join(', ')}`,
  ]);
});

test('a run that fails prints no "generated N objects" line, in render mode and in KRM mode', () => {
  const twice = `${PROMETHEUS.replace('name: k8s', 'name: k8s\n  namespace: monitoring')}---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, namespace: monitoring}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, namespace: monitoring}\n`;
  const r = runBin(['render', '-'], twice);
  assert.is(r.status, 1);
  // The error points at the second copy.
  assert.equal(r.stderr.trimEnd().split('\n'), [
    '<stdin>:14: error: ConfigMap/monitoring/c: this object is defined 2 times in <stdin>; keep one (the same kind, namespace and name cannot be applied twice)',
  ]);
  const krm = runBin([], resourceList(twice));
  assert.is(krm.status, 1);
  assert.equal(readList(krm.stdout).results.map((x) => x.severity), ['error']);
});

test('input text in a message cannot forge other stderr lines', () => {
  const r = runBin(['render', '-', '--bad\nerror: forged line'], PROMETHEUS);
  assert.is(r.status, 1);
  assert.equal(r.stderr.trimEnd().split('\n'), ['error: unknown flag --bad\\nerror: forged line; see prometheus-krm --help']);
});

// A new user's first hour.

withTools(test, ['script'], 'on a terminal with nothing piped in, the KRM mode prints the help instead of waiting', () => {
  const start = Date.now();
  const r = spawnSync('script', ['-qec', BIN, '/dev/null'], { input: '', encoding: 'utf8', timeout: 20_000 });
  assert.ok(Date.now() - start < 15_000, 'it waited');
  assert.is(r.status, 1, r.stdout);
  assert.match(r.stdout, 'prometheus-krm: nothing on stdin. Without arguments it is a KRM function');
  assert.match(r.stdout, 'prometheus-krm render PATH...');
});

test('a copy of bin/prometheus-krm without its bundle says what is missing, without a stack trace', () => {
  const dir = mkdtempSync(join(tmpdir(), 'prometheus-krm-bare-'));
  try {
    copyFileSync(BIN, join(dir, 'prometheus-krm'));
    const r = spawnSync(process.execPath, [join(dir, 'prometheus-krm'), '--version'], { encoding: 'utf8' });
    assert.is(r.status, 1);
    assert.match(r.stderr, /^error: prometheus-krm cannot find its bundle, dist\/prometheus-krm\.cjs beside its bin\/ folder\./);
    assert.not.match(r.stderr, '    at ');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

withTools(test, ['kubectl', 'sh'], 'Argo CD with a kustomize-structured repository: kustomize build of an overlay piped into render -', () => {
  withFolder(
    {
      'base/kustomization.yaml': 'resources: [prometheus.yaml, monitor.yaml]\n',
      'base/prometheus.yaml': PROMETHEUS,
      'base/monitor.yaml': SERVICE_MONITOR,
      'overlays/prod/kustomization.yaml': 'resources: [../../base]\npatches:\n- target: {kind: Prometheus, name: k8s}\n  patch: |\n    - op: replace\n      path: /spec/replicas\n      value: 2\n',
    },
    (dir) => {
      // The generate command of the README's kustomize plugin, with kubectl's kustomize for kustomize build.
      const r = run('sh', ['-c', 'kubectl kustomize . | "$0" render -', BIN], { cwd: join(dir, 'overlays/prod'), env: { ARGOCD_APP_NAMESPACE: 'team-a' } });
      assert.is(r.status, 0, describeRun('generate', r));
      const sts = find(objects(r.stdout), 'StatefulSet', 'team-a', 'prometheus-k8s') as KubeObject & { spec: { replicas: number } };
      assert.is(sts.spec.replicas, 2);
      // A failing kustomize build prints nothing: the empty stream fails the step, nothing is applied or pruned.
      const failed = run('sh', ['-c', 'kubectl kustomize does-not-exist | "$0" render -', BIN], { cwd: dir });
      assert.is(failed.status, 1);
      assert.is(failed.stdout, '');
    },
  );
});

test.run();
