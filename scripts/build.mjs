// Bundles the CLI into one file so that start-up loads a single script (with
// V8's code cache, made by a warm-up render at the end), the rule-check
// worker into another, and the --help/--version answers into a third. First it generates
// src/api/schema-validators.gen.js (not committed), which both the bundle
// and the tests (tsx) import: the precompiled schema validators, with their
// CRD patterns moved onto our RE2 engine.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { Ajv } from 'ajv';
import standaloneCode from 'ajv/dist/standalone/index.js';
import { build } from 'esbuild';

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

/** A small package for the code cache's warm-up render: one of each common kind, selected. */
const WARM_UP = JSON.stringify({
  apiVersion: 'config.kubernetes.io/v1',
  kind: 'ResourceList',
  items: [
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'monitoring' } },
    { apiVersion: 'monitoring.coreos.com/v1', kind: 'Prometheus', metadata: { name: 'k8s', namespace: 'monitoring' }, spec: { replicas: 2, serviceMonitorSelector: {}, podMonitorSelector: {}, probeSelector: {}, ruleSelector: {}, alerting: { alertmanagers: [{ namespace: 'monitoring', name: 'alertmanager-main', port: 'web' }] } } },
    { apiVersion: 'monitoring.coreos.com/v1', kind: 'ServiceMonitor', metadata: { name: 'app', namespace: 'monitoring' }, spec: { selector: { matchLabels: { app: 'app' } }, endpoints: [{ port: 'web', interval: '30s', relabelings: [{ sourceLabels: ['__meta_kubernetes_pod_node_name'], targetLabel: 'node' }] }] } },
    { apiVersion: 'monitoring.coreos.com/v1', kind: 'PodMonitor', metadata: { name: 'pods', namespace: 'monitoring' }, spec: { selector: { matchLabels: { app: 'pods' } }, podMetricsEndpoints: [{ port: 'metrics' }] } },
    { apiVersion: 'monitoring.coreos.com/v1', kind: 'PrometheusRule', metadata: { name: 'rules', namespace: 'monitoring' }, spec: { groups: [{ name: 'g', rules: [{ alert: 'Down', expr: 'up{job="app"} == 0', for: '5m', labels: { severity: 'critical' } }, { record: 'job:up:sum', expr: 'sum by (job) (up)' }] }] } },
    { apiVersion: 'monitoring.coreos.com/v1', kind: 'Alertmanager', metadata: { name: 'main', namespace: 'monitoring' }, spec: { replicas: 1, alertmanagerConfigSelector: {} } },
    { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'alertmanager-main', namespace: 'monitoring' }, stringData: { 'alertmanager.yaml': 'route: {receiver: default}\nreceivers: [{name: default}]\n' } },
    { apiVersion: 'monitoring.coreos.com/v1alpha1', kind: 'AlertmanagerConfig', metadata: { name: 'team', namespace: 'monitoring' }, spec: { route: { receiver: 'hook', groupBy: ['job'] }, receivers: [{ name: 'hook', webhookConfigs: [{ url: 'https://hooks.example.com/x' }] }] } },
  ],
});

/** The models whose validators src/api/schema-check.ts uses. */
const MODELS = [
  'v1/Alertmanager',
  'v1/PodMonitor',
  'v1/Probe',
  'v1/Prometheus',
  'v1/PrometheusRule',
  'v1/ServiceMonitor',
  'v1/ThanosRuler',
  'v1alpha1/AlertmanagerConfig',
  'v1alpha1/PrometheusAgent',
  'v1alpha1/ScrapeConfig',
  'v1beta1/AlertmanagerConfig',
];

/** The export name of a model: its kind, with the version appended for the second served version of a kind. */
const exportName = (m) => (m.startsWith('v1beta1/') ? `${m.split('/')[1]}V1beta1` : m.split('/')[1]);

// Relative to src/api/, where the generated module lives; kept as an import, so the
// bundle and the tests share the one engine module rather than a copy of it.
const ENGINE = '../core/regex/crd-pattern.js';

/**
 * Routes the validators' regular expressions to our RE2 module: each
 * `RegExp(pattern, "u")` in the generated schema files becomes
 * `crdPattern(pattern)`, and re2-wasm (their engine for `(?i)` patterns)
 * becomes our RE2 class.
 */
const crdPatternsOnRe2 = {
  name: 'crd-patterns-on-re2',
  setup(b) {
    b.onResolve({ filter: /^(re2-wasm|@kubernetes-models\/validate\/runtime\/re2)$/ }, () => ({ path: 're2', namespace: 'crd-re2' }));
    b.onLoad({ filter: /.*/, namespace: 'crd-re2' }, () => ({ contents: `export { RE2 as default, RE2 } from '${ENGINE}';`, resolveDir: 'src/api' }));
    b.onResolve({ filter: /^\.\.\/core\/regex\// }, (args) => ({ path: args.path, external: true }));
    // Only the operator's models and schemas are rewritten; every other package stays an import.
    b.onResolve({ filter: /^[^./]/ }, (args) => (args.path.startsWith('@kubernetes-models/prometheus-operator/') ? undefined : { path: args.path, external: true }));
    b.onLoad({ filter: /[\\/]@kubernetes-models[\\/]prometheus-operator[\\/]_schemas[\\/].*\.js$/ }, (args) => {
      const text = readFileSync(args.path, 'utf8');
      const routed = text.replace(/\bRegExp\(/g, '__crdPattern(');
      const contents = routed === text ? text : `import { crdPattern as __crdPattern } from '${ENGINE}';\n${routed}`;
      return { contents, loader: 'js', resolveDir: dirname(args.path) };
    });
  },
};

await build({
  stdin: {
    contents: MODELS.map((m) => `export { ${m.split('/')[1]} as ${exportName(m)} } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/${m}';`).join('\n'),
    resolveDir: '.',
    sourcefile: 'schema-validators.js',
  },
  outfile: 'src/api/schema-validators.gen.js',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  legalComments: 'none',
  logLevel: 'warning',
  banner: { js: '// Generated by scripts/build.mjs from @kubernetes-models/prometheus-operator; not committed.' },
  plugins: [crdPatternsOnRe2],
});

// The functionConfig's schema, compiled here rather than when the command
// starts: ajv's standalone code for src/options/schema.ts, in
// src/options/options-validator.gen.js (not committed).
{
  const schemaModule = await build({ entryPoints: ['src/options/schema.ts'], bundle: true, write: false, platform: 'node', format: 'esm', logLevel: 'warning' });
  const { OPTIONS_SCHEMA } = await import(`data:text/javascript;base64,${Buffer.from(schemaModule.outputFiles[0].text).toString('base64')}`);
  const ajv = new Ajv({ allErrors: true, code: { source: true, esm: true } });
  const code = standaloneCode(ajv, ajv.compile(OPTIONS_SCHEMA));
  writeFileSync('src/options/options-validator.gen.js', `// Generated by scripts/build.mjs from src/options/schema.ts; not committed.\n${code}`);
}

// dist/ holds only what this build writes.
rmSync('dist', { recursive: true, force: true });

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  minify: true,
  sourcemap: false,
  legalComments: 'none',
  logLevel: 'warning',
  define: { PROMETHEUS_KRM_VERSION: JSON.stringify(version) },
};

// The command, as CommonJS: bin/prometheus-krm compiles it with V8's code
// cache (below), which node offers for scripts, not for ES modules. Strict,
// as the ES modules it is bundled from are.
await build({
  ...common,
  entryPoints: ['src/cli/main.ts'],
  outfile: 'dist/prometheus-krm.cjs',
  format: 'cjs',
  define: { ...common.define, 'import.meta.url': '__import_meta_url' },
  banner: { js: "'use strict';\nconst __import_meta_url = require('node:url').pathToFileURL(__filename).href;" },
});

await build({
  ...common,
  // The rule-check worker (src/cli/promql-pool.ts) is a file of its own beside the command.
  entryPoints: { 'promql-worker': 'src/cli/promql-worker.ts' },
  outdir: 'dist',
  outExtension: { '.js': '.mjs' },
  format: 'esm',
  // Bundled CommonJS dependencies may call require() for Node built-ins.
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
});

// The answers to --help and --version (src/cli/quick.ts), which bin/prometheus-krm gives without loading the command.
await build({ ...common, entryPoints: ['src/cli/quick.ts'], outfile: 'dist/quick.cjs', format: 'cjs' });

// bin/prometheus-krm reads the bundle as latin1, which for ASCII text is a
// copy rather than a UTF-8 decode; esbuild escapes non-ASCII characters in
// code, and minification drops the comments that held some.
if (/[^\x00-\x7f]/.test(readFileSync('dist/prometheus-krm.cjs', 'latin1'))) throw new Error('dist/prometheus-krm.cjs is not ASCII');

// V8's code cache for the command: bin/prometheus-krm renders a small
// package once with PROMETHEUS_KRM_WRITE_CODE_CACHE set and writes what V8
// compiled (the top level and every function that render ran) beside the
// bundle. A later start reads it instead of parsing and compiling 2 MB of
// JavaScript; a node whose V8 does not match the cache rejects it and
// compiles as usual, with the same result.
{
  const cache = 'dist/prometheus-krm.cjs.cache';
  rmSync(cache, { force: true });
  const run = spawnSync(process.execPath, ['bin/prometheus-krm'], {
    input: WARM_UP,
    env: { ...process.env, PROMETHEUS_KRM_WRITE_CODE_CACHE: cache },
    encoding: 'utf8',
  });
  if (run.status !== 0 || !existsSync(cache)) throw new Error(`the warm-up render for the code cache failed: ${run.stderr || run.stdout.slice(run.stdout.indexOf('results:'))}`);
}
