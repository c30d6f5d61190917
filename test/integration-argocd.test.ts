// The Argo CD delivery path: plugin.yaml (a ConfigManagementPlugin for the
// repo-server sidecar) is generated from the option table, and its discover
// and generate commands are run the way argocd-cmp-server runs them: through
// their command array, in the application folder, with Argo CD's environment.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { delimiter, join, resolve } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { pluginYaml, PLUGIN_PATH } from '../scripts/gen-plugin.js';
import { parseYamlStream } from '../src/core/yaml.js';
import { OPTION_DEFINITIONS } from '../src/options/definitions.js';
import { defaultOptions } from '../src/options/options.js';
import { ROOT } from './support/harness.js';
import { checkObjects, copyFixture, describeRun, duplicates, expectedOf, objectsOf, run, withTools } from './support/integration.js';

interface Command {
  command: string[];
  args?: string[];
}
interface Plugin {
  apiVersion: string;
  kind: string;
  metadata: { name: string };
  spec: {
    version: string;
    discover: { find: Command };
    generate: Command;
    parameters: { static: Array<{ name: string; string?: string; tooltip: string; itemType: string; collectionType: string }> };
    preserveFileMode: boolean;
  };
}

const plugin = () => parseYamlStream(readFileSync(PLUGIN_PATH, 'utf8'))[0] as Plugin;

/** What argocd-cmp-server sets besides its own environment; prometheus-krm is on PATH, as in the image. */
function argoEnv(extra: Record<string, string> = {}): Record<string, string> {
  return {
    PATH: `${resolve(ROOT, 'bin')}${delimiter}${process.env.PATH ?? ''}`,
    ARGOCD_APP_NAME: 'prometheus',
    ARGOCD_APP_NAMESPACE: 'monitoring',
    ARGOCD_APP_REVISION: '0123456789abcdef0123456789abcdef01234567',
    ARGOCD_APP_SOURCE_PATH: 'fixtures/kube-prometheus-k8s',
    ARGOCD_APP_SOURCE_REPO_URL: 'https://example.invalid/prometheus.git',
    ARGOCD_APP_SOURCE_TARGET_REVISION: 'HEAD',
    KUBE_VERSION: '1.32.4',
    KUBE_API_VERSIONS: 'v1,apps/v1,monitoring.coreos.com/v1',
    ...extra,
  };
}

/** Runs one of the plugin's commands in the application folder, as the CMP server does. */
function runCommand(c: Command, appDir: string, env: Record<string, string>) {
  const [cmd, ...args] = c.command;
  return run(cmd!, [...args, ...(c.args ?? [])], { cwd: appDir, env });
}

test('plugin.yaml is what scripts/gen-plugin.ts generates (run it after changing the options)', () => {
  assert.is(readFileSync(PLUGIN_PATH, 'utf8'), pluginYaml());
});

test('plugin.yaml is a sidecar ConfigManagementPlugin announcing every option with its default', () => {
  const p = plugin();
  const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
  assert.is(p.apiVersion, 'argoproj.io/v1alpha1');
  assert.is(p.kind, 'ConfigManagementPlugin');
  assert.is(p.metadata.name, 'prometheus-krm');
  assert.is(p.spec.version, `v${version}`);
  assert.is(p.spec.preserveFileMode, false);
  assert.equal(p.spec.generate.command.slice(0, 2), ['sh', '-c']);
  assert.match(p.spec.generate.command[2] ?? '', /^prometheus-krm render \.$/);
  assert.equal(
    p.spec.parameters.static.map((s) => [s.name, s.string ?? '']),
    OPTION_DEFINITIONS.map((d) => [d.name, d.default]),
  );
  for (const s of p.spec.parameters.static) {
    assert.is(s.itemType, 'string');
    assert.is(s.collectionType, 'string');
    assert.ok(s.tooltip.length > 20, `${s.name} has no tooltip`);
  }
});

test('every field of the typed options is a plugin parameter, so the Argo CD UI can set each one', () => {
  const announced = plugin().spec.parameters.static.map((s) => s.name).sort();
  assert.equal(Object.keys(defaultOptions()).sort(), announced);
});

withTools(test, ['find', 'grep'], 'discover matches folders holding a monitoring.coreos.com Prometheus and nothing else', () => {
  const ws = copyFixture('kube-prometheus-k8s');
  try {
    const hit = runCommand(plugin().spec.discover.find, ws.dir, argoEnv());
    assert.is(hit.status, 0, describeRun('discover', hit));
    assert.equal(hit.stdout.trim().split('\n'), ['./prometheus.yaml']);

    // A Prometheus of another group is not ours; no Prometheus, no match.
    writeFileSync(join(ws.dir, 'prometheus.yaml'), readFileSync(join(ws.dir, 'prometheus.yaml'), 'utf8').replace('monitoring.coreos.com/v1', 'example.com/v1'));
    const other = runCommand(plugin().spec.discover.find, ws.dir, argoEnv());
    assert.is(other.stdout, '', 'matched a Prometheus of another API group');
    rmSync(join(ws.dir, 'prometheus.yaml'));
    const none = runCommand(plugin().spec.discover.find, ws.dir, argoEnv());
    assert.is(none.stdout, '');
  } finally {
    ws.remove();
  }
});

for (const fixture of ['kube-prometheus-k8s', 'example-default']) {
  withTools(test, ['sh'], `generate renders fixtures/${fixture} with plugin env and parameters into a plain YAML stream`, () => {
    const ws = copyFixture(fixture);
    try {
      const env = argoEnv({ ARGOCD_ENV_KEEP_INPUTS: 'false', PARAM_ONINVALID: 'fail', PARAM_CLUSTERDOMAIN: 'cluster.local' });
      const r = runCommand(plugin().spec.generate, ws.dir, env);
      assert.is(r.status, 0, describeRun('generate', r));
      assert.ok(r.stdout.startsWith('---\napiVersion: '), 'stdout is not a YAML stream');
      const items = objectsOf(r.stdout);
      for (const o of items) assert.ok(o.apiVersion && o.kind && o.metadata?.name, `incomplete object ${JSON.stringify(o).slice(0, 200)}`);
      // keepInputs=false from the plugin env: the Prometheus is consumed, not applied.
      assert.equal(checkObjects(items, expectedOf(fixture), 'applied'), [], 'pinned objects');
      assert.not.ok(items.some((o) => o.kind === 'Prometheus'), 'ARGOCD_ENV_KEEP_INPUTS=false was ignored');
      assert.not.ok(items.some((o) => o.metadata.annotations?.['config.kubernetes.io/local-config']), 'local config in the stream');
      assert.equal(duplicates(items), []);
      assert.not.match(r.stdout, 'config.kubernetes.io/path');
    } finally {
      ws.remove();
    }
  });
}

withTools(test, ['sh'], "generate accepts a managed cluster's KUBE_VERSION such as 1.29+", () => {
  const ws = copyFixture('example-default');
  try {
    const r = runCommand(plugin().spec.generate, ws.dir, argoEnv({ KUBE_VERSION: '1.29+' }));
    assert.is(r.status, 0, describeRun('generate', r));
  } finally {
    ws.remove();
  }
});

withTools(test, ['sh'], 'generate on an invalid Prometheus exits non-zero, prints nothing on stdout and the reason on stderr', () => {
  const ws = copyFixture('kube-prometheus-k8s');
  try {
    const file = join(ws.dir, 'prometheus.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('replicas: 2', 'replicas: two'));
    const r = runCommand(plugin().spec.generate, ws.dir, argoEnv());
    assert.is.not(r.status, 0);
    assert.is(r.stdout, '');
    assert.match(r.stderr, 'spec.replicas');
  } finally {
    ws.remove();
  }
});

withTools(test, ['sh'], 'generate refuses a parameter that names no option, with exit 1 and the valid names', () => {
  const ws = copyFixture('kube-prometheus-k8s');
  try {
    const r = runCommand(plugin().spec.generate, ws.dir, argoEnv({ PARAM_KEEPINPUT: 'true' }));
    assert.is(r.status, 1);
    assert.is(r.stdout, '');
    assert.match(r.stderr, 'keepInputs');
  } finally {
    ws.remove();
  }
});

test.run();
