// The progress line: on a terminal in render, show and diff; never in KRM
// function mode, never when stderr is a pipe. `script` (util-linux) gives
// the built command a pseudo-terminal; its own output is what the command
// wrote to that terminal, which is stderr, stdout being sent to a file.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { BIN, ROOT, runBin } from './support/harness.js';
import { run, withTools } from './support/integration.js';

const PACKAGE = join(ROOT, 'fixtures/example-default');
const CLEAR = '\r\x1b[2K';

const shellQuote = (s: string) => `'${s.replace(/'/g, "'\\''")}'`;

/** Runs a shell command line with stderr on a pseudo-terminal; returns what reached the terminal. */
function onTerminal(commandLine: string): string {
  const r = run('script', ['-qec', commandLine, '/dev/null']);
  assert.is(r.status, 0, r.stdout + r.stderr);
  return r.stdout;
}

withTools(test, ['script'], 'render on a terminal: one progress line per owner, cleared before the results', () => {
  const dir = mkdtempSync(join(tmpdir(), 'prometheus-krm-progress-'));
  try {
    const out = join(dir, 'out.yaml');
    const terminal = onTerminal(`${shellQuote(BIN)} render ${shellQuote(PACKAGE)} > ${shellQuote(out)}`);
    const result = 'fixtures/example-default/prometheus.yaml:1: info: Prometheus/default/example: generated';
    assert.ok(terminal.startsWith(`${CLEAR}rendering 1/1 Prometheus/default/example${CLEAR}${result}`), JSON.stringify(terminal));
    // The stream itself is the one a pipe gets.
    assert.is(readFileSync(out, 'utf8'), runBin(['render', PACKAGE]).stdout);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

withTools(test, ['script'], 'diff on a terminal names the tree it is rendering', () => {
  // Relative paths (script runs in the repository): the line must fit 80 columns.
  const terminal = onTerminal(`${shellQuote(BIN)} diff fixtures/example-default ./fixtures/example-default > /dev/null`);
  const line = (label: string) => `${CLEAR}${label}: rendering 1/1 Prometheus/default/example${CLEAR}`;
  assert.is(terminal, line('fixtures/example-default') + line('./fixtures/example-default'));
});

withTools(test, ['script'], 'KRM function mode writes no progress, even on a terminal', () => {
  const dir = mkdtempSync(join(tmpdir(), 'prometheus-krm-progress-'));
  try {
    const input = join(dir, 'in.yaml');
    const list = `apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems:\n${readFileSync(join(PACKAGE, 'prometheus.yaml'), 'utf8').replace(/^/gm, '  ').replace(/^ {2}apiVersion/, '- apiVersion')}`;
    writeFileSync(input, list);
    const terminal = onTerminal(`${shellQuote(BIN)} < ${shellQuote(input)} > ${shellQuote(join(dir, 'out.yaml'))}`);
    assert.is(terminal, '');
    assert.match(readFileSync(join(dir, 'out.yaml'), 'utf8'), 'kind: StatefulSet');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('render with stderr on a pipe writes no progress', () => {
  const r = runBin(['render', PACKAGE]);
  assert.is(r.status, 0);
  assert.not.match(r.stderr, 'rendering');
  assert.not.match(r.stderr, '\r');
});

test.run();
