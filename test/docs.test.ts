import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { withHelpBlock, withOptionsTable } from '../src/cli/docs.js';
import { OPTION_DEFINITIONS } from '../src/options/definitions.js';
import { ROOT, runBin } from './support/harness.js';

const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');

test('the README options table is the one generated from the option definitions (npm run docs)', () => {
  assert.ok(withOptionsTable(readme) === readme, 'README.md is out of date: run npm run docs');
});

test('README holds --help as the command prints it, which is what kpt fn doc shows (npm run docs)', () => {
  const help = runBin(['--help']);
  assert.is(help.status, 0);
  assert.ok(readme.includes(`\`\`\`text\n${help.stdout}\`\`\``), 'README.md has another --help: run npm run docs');
  assert.ok(withHelpBlock(readme) === readme, 'README.md is out of date: run npm run docs');
});

test('--help names every option with its default', () => {
  const help = runBin(['--help']).stdout;
  for (const d of OPTION_DEFINITIONS) assert.match(help, `  ${d.name} (`);
});

test('the README gives the two fresh-machine commands near its top', () => {
  const top = readme.slice(0, 2500);
  assert.match(top, 'npm ci && bin/prometheus-krm render fixtures/kube-prometheus-k8s');
  assert.match(top, 'npm ci && npm test');
});

test.run();
