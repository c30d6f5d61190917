/**
 * The example packages of examples/, run as the kpt functions catalog runs
 * its examples: each is copied into a fresh git repository, the real
 * `kpt fn eval --exec` runs the built command on it (.expected/config.yaml
 * says how, and how many times), and the change it makes, as `git diff`
 * prints it, must equal .expected/diff.patch, its results .expected/results.yaml.
 * The second run must change nothing more. UPDATE=1 rewrites the two files.
 */
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseYamlStream, toYaml } from '../src/core/yaml.js';
import { BIN, ROOT } from './support/harness.js';
import { describeRun, run, withTools } from './support/integration.js';

const EXAMPLES = join(ROOT, 'examples');
const names = readdirSync(EXAMPLES, { withFileTypes: true })
  .filter((e) => e.isDirectory())
  .map((e) => e.name)
  .sort();

interface ExampleConfig {
  readonly testType: 'eval';
  readonly exitCode: number;
  readonly runCount: number;
  readonly fnConfig: string;
}

const git = (cwd: string, args: string[]) =>
  run('git', ['-c', 'user.name=examples', '-c', 'user.email=examples@example.org', '-c', 'core.abbrev=7', '-c', 'core.quotepath=false', ...args], { cwd });

/** The results kpt wrote, with the command's absolute path replaced by its name. */
function resultsOf(dir: string): string {
  const list = parseYamlStream(readFileSync(join(dir, 'results.yaml'), 'utf8'))[0] as { items?: Array<Record<string, unknown>> };
  for (const item of list.items ?? []) if (item.exec === BIN) item.exec = 'prometheus-krm';
  return toYaml(list);
}

test('metadata.yaml lists every example package, and the examples hold what a catalog example holds', () => {
  const meta = parseYamlStream(readFileSync(join(ROOT, 'metadata.yaml'), 'utf8'))[0] as Record<string, unknown>;
  assert.equal(Object.keys(meta), ['image', 'description', 'tags', 'sourceURL', 'examplePackageURLs', 'license']);
  assert.equal([...(meta.examplePackageURLs as string[])].sort(), names.map((n) => `examples/${n}`));
  assert.is(meta.license, JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).license);
  assert.ok(names.length >= 2, names.join(', '));
  for (const name of names) {
    for (const file of ['Kptfile', 'README.md', '.krmignore', '.expected/config.yaml', '.expected/diff.patch', '.expected/results.yaml']) {
      assert.ok(existsSync(join(EXAMPLES, name, file)), `examples/${name}/${file}`);
    }
    assert.is(readFileSync(join(EXAMPLES, name, '.krmignore'), 'utf8'), '.expected\n');
  }
});

for (const name of names) {
  withTools(test, ['kpt', 'git'], `examples/${name}: kpt fn eval --exec makes exactly .expected/diff.patch and .expected/results.yaml`, () => {
    const expected = join(EXAMPLES, name, '.expected');
    const config = parseYamlStream(readFileSync(join(expected, 'config.yaml'), 'utf8'))[0] as ExampleConfig;
    assert.is(config.testType, 'eval');
    const root = mkdtempSync(join(tmpdir(), `prometheus-krm-example-${name}-`));
    const pkg = join(root, name);
    try {
      cpSync(join(EXAMPLES, name), pkg, { recursive: true });
      for (const args of [['init', '-q'], ['add', '-A'], ['commit', '-q', '-m', 'input']]) assert.is(git(pkg, args).status, 0);
      let patch = '';
      let results = '';
      for (let i = 1; i <= config.runCount; i++) {
        const resultsDir = join(root, `results-${i}`);
        const r = run('kpt', ['fn', 'eval', pkg, '--exec', BIN, '--fn-config', join(pkg, config.fnConfig), '--results-dir', resultsDir]);
        assert.is(r.status, config.exitCode, describeRun(`kpt fn eval (run ${i})`, r));
        assert.is(git(pkg, ['add', '-A']).status, 0);
        const diff = git(pkg, ['diff', '--cached', '--no-color', '--no-ext-diff', '--src-prefix=a/', '--dst-prefix=b/']);
        assert.is(diff.status, 0, diff.stderr);
        if (i > 1) assert.is(diff.stdout, patch, `run ${i} changed the package again`);
        patch = diff.stdout;
        results = resultsOf(resultsDir);
      }
      if (process.env.UPDATE === '1') {
        writeFileSync(join(expected, 'diff.patch'), patch);
        writeFileSync(join(expected, 'results.yaml'), results);
      }
      assert.fixture(patch, readFileSync(join(expected, 'diff.patch'), 'utf8'));
      assert.fixture(results, readFileSync(join(expected, 'results.yaml'), 'utf8'));
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
}

test.run();
