// What the command reads and how it stops: `render` reads regular files
// under the paths it is given, input has limits (README, "Input limits"),
// hostile YAML is refused quickly with a parseable answer, and a closed pipe
// ends the run quietly. Everything through the built command.
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, openSync, symlinkSync, truncateSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseYamlStream } from '../src/core/yaml.js';
import { withFolder } from './support/folders.js';
import { BIN, readList } from './support/harness.js';

const PROMETHEUS = `apiVersion: monitoring.coreos.com/v1
kind: Prometheus
metadata: {name: k8s, namespace: monitoring}
spec: {replicas: 1}
`;
const configMap = (name: string) => `apiVersion: v1
kind: ConfigMap
metadata: {name: ${name}, namespace: monitoring}
data: {a: b}
`;

/** Runs the command, timed, and killed after 30 s: a hostile input that hangs it fails the test instead of stalling the suite. */
function timed(args: string[], stdin = '', cwd?: string) {
  const start = Date.now();
  const r = spawnSync(BIN, args, { input: stdin, encoding: 'utf8', cwd, timeout: 30_000, maxBuffer: 256 * 1024 * 1024 });
  return { status: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? '', seconds: (Date.now() - start) / 1000 };
}

const KINDS = (stdout: string) => parseYamlStream(stdout).filter(Boolean).map((o) => `${(o as { kind: string }).kind}/${(o as { metadata: { name: string } }).metadata.name}`);

// render reads regular files under its roots.

test('render: a link that leaves the folder is an error naming it, and nothing of its target is read', () => {
  withFolder({ 'app/prometheus.yaml': PROMETHEUS, 'other-team/secret.yaml': configMap('their-secret') }, (dir) => {
    symlinkSync(join(dir, 'other-team/secret.yaml'), join(dir, 'app/borrowed.yaml'));
    const r = timed(['render', 'app'], '', dir);
    assert.is(r.status, 1);
    assert.is(r.stdout, '');
    assert.match(r.stderr, `error: app/borrowed.yaml is a link to ${join(dir, 'other-team/secret.yaml')}, outside app; render reads only files under the paths it is given`);
    assert.not.match(r.stderr, 'their-secret');
  });
});

test('render: a link to a device is refused without reading it', () => {
  withFolder({ 'prometheus.yaml': PROMETHEUS }, (dir) => {
    symlinkSync('/dev/zero', join(dir, 'zero.yaml'));
    const r = timed(['render', dir]);
    assert.is(r.status, 1);
    assert.match(r.stderr, /zero\.yaml is a link to \/dev\/zero, outside /);
    assert.ok(r.seconds < 5, `took ${r.seconds} s`);
  });
});

test('render: a FIFO named like a manifest is an error, and the run does not wait for a writer', () => {
  withFolder({ 'prometheus.yaml': PROMETHEUS }, (dir) => {
    spawnSync('mkfifo', [join(dir, 'pipe.yaml')]);
    const r = timed(['render', '.'], '', dir);
    assert.is(r.status, 1);
    assert.match(r.stderr, 'error: cannot read pipe.yaml: it is a FIFO; render reads regular files only');
    assert.ok(r.seconds < 5, `took ${r.seconds} s`);
  });
});

test('render: a link inside the folder is followed, and a file reached twice (by a link, or by two PATHs) is read once', () => {
  withFolder({ 'shared/settings.yaml': configMap('settings'), 'prometheus.yaml': PROMETHEUS }, (dir) => {
    symlinkSync(join(dir, 'shared/settings.yaml'), join(dir, 'a-link.yaml'));
    for (const args of [['render', '.'], ['render', 'shared/settings.yaml', '.']]) {
      const r = timed(args, '', dir);
      assert.is(r.status, 0, r.stderr);
      assert.equal(KINDS(r.stdout).filter((k) => k === 'ConfigMap/settings'), ['ConfigMap/settings'], args.join(' '));
    }
  });
});

test('render: a file over 64 MiB is an error naming it and its size, before it is read', () => {
  withFolder({ 'prometheus.yaml': PROMETHEUS, 'huge.yaml': '' }, (dir) => {
    truncateSync(join(dir, 'huge.yaml'), 65 * 1024 * 1024);
    const r = timed(['render', '.'], '', dir);
    assert.is(r.status, 1);
    assert.match(r.stderr, 'error: huge.yaml is 65.0 MiB, more than the 64 MiB one render reads');
    assert.ok(r.seconds < 5, `took ${r.seconds} s`);
  });
});

test('KRM mode: endless stdin (/dev/zero) stops at the limit with a ResourceList that says so', () => {
  const zero = openSync('/dev/zero', 'r');
  try {
    const start = Date.now();
    const r = spawnSync(BIN, [], { stdio: [zero, 'pipe', 'pipe'], encoding: 'utf8', timeout: 30_000 });
    assert.is(r.status, 1, r.stderr);
    assert.ok((Date.now() - start) / 1000 < 10, 'took too long');
    assert.equal(readList(r.stdout).results, [{ message: 'stdin holds more than 64 MiB, the most one run reads', severity: 'error' }]);
  } finally {
    closeSync(zero);
  }
});

// Streams.

test('render -: an empty stdin is an error, not an empty success', () => {
  const r = timed(['render', '-'], '');
  assert.is(r.status, 1);
  assert.is(r.stdout, '');
  assert.match(r.stderr, /^error: nothing to render: stdin holds no Kubernetes object/);
});

/** Runs the command with its stdout read by a reader that leaves after `bytes` bytes, as `| head -c N` does. */
function closedPipe(args: string[], stdin: string, bytes: number): Promise<{ status: number | null; signal: string | null; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(BIN, args, { stdio: ['pipe', 'pipe', 'pipe'], timeout: 30_000 });
    let stderr = '';
    let seen = 0;
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      seen += d.length;
      if (seen >= bytes) child.stdout.destroy();
    });
    child.on('close', (status, signal) => done({ status, signal, stderr }));
    child.stdin.end(stdin);
  });
}

test('a reader that closes the pipe early ends the run quietly, with the status of a broken pipe, in both modes', async () => {
  const many = Array.from({ length: 4000 }, (_, i) => configMap(`c${i}`)).join('---\n');
  const list = JSON.stringify({ apiVersion: 'config.kubernetes.io/v1', kind: 'ResourceList', items: parseYamlStream(many) });
  for (const [args, input] of [[[], list], [['render', '-'], many]] as const) {
    const r = await closedPipe([...args], input, 10);
    assert.equal([r.status, r.signal, r.stderr], [141, null, ''], `prometheus-krm ${args.join(' ')}`);
  }
});

// Hostile YAML: refused quickly, with a clear error and a parseable answer.

const LAUGHS = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
  .concat('bcdefghi'.split('').map((c, i) => `${c}: &${c} [${Array(9).fill(`*${'abcdefghi'[i]}`).join(',')}]`))
  .map((line) => `    ${line}`)
  .join('\n');

test('KRM mode: an alias bomb is refused within seconds, in a parseable ResourceList', () => {
  const bomb = `apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems:\n- apiVersion: v1\n  kind: ConfigMap\n  metadata: {name: lol, namespace: x}\n  data:\n${LAUGHS}\n`;
  const r = timed([], bomb);
  assert.is(r.status, 1);
  assert.ok(r.seconds < 5, `took ${r.seconds} s`);
  assert.equal(readList(r.stdout).results, [
    { message: 'input is not valid YAML or JSON: document contains excessive aliasing: aliases expand to 6,450 of its 6,511 nodes (11:28)', severity: 'error' },
  ]);
});

test('render: an alias bomb in a file is refused within seconds, naming the file', () => {
  withFolder({ 'lol.yaml': `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: lol, namespace: x}\ndata:\n${LAUGHS}\n` }, (dir) => {
    const r = timed(['render', 'lol.yaml'], '', dir);
    assert.is(r.status, 1);
    assert.ok(r.seconds < 5, `took ${r.seconds} s`);
    assert.match(r.stderr, 'lol.yaml: error: lol.yaml is not valid YAML: document contains excessive aliasing');
  });
});

test('an alias inside the node it names (a cycle) is refused', () => {
  const r = timed([], 'apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems:\n- &a {apiVersion: v1, kind: ConfigMap, metadata: {name: x}, data: {self: *a}}\n');
  assert.is(r.status, 1);
  assert.ok(r.seconds < 5, `took ${r.seconds} s`);
  assert.match(readList(r.stdout).results[0]?.message ?? '', 'alias *a is inside the node it refers to; recursive aliases are not supported');
});

test('nesting is limited through aliases too', () => {
  const chain = Array.from({ length: 30 }, (_, i) => `    k${i}: &a${i} ${'['.repeat(20)}${i === 0 ? 'x' : `*a${i - 1}`}${']'.repeat(20)}`).join('\n');
  const r = timed(['render', '-'], `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: deep, namespace: x}\ndata:\n  d:\n${chain}\n`);
  assert.is(r.status, 1);
  assert.match(r.stderr, /error: <stdin> is not valid YAML: nesting exceeded maxDepth \(100\) through alias \*a\d+/);
});

test('a scalar over 3 MiB is refused, naming where it starts', () => {
  const r = timed(['render', '-'], `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: big, namespace: x}\ndata:\n  k: ${'x'.repeat(4 * 1024 * 1024)}\n`);
  assert.is(r.status, 1);
  assert.ok(r.seconds < 5, `took ${r.seconds} s`);
  assert.match(r.stderr, 'a scalar of 4,194,304 characters is larger than 3 MiB, the most the Kubernetes API server accepts in one request in "<stdin>" (5:6)');
});

test('a monitoring object whose name no cluster accepts is refused before anything is built from it', () => {
  const r = timed([], JSON.stringify({ apiVersion: 'config.kubernetes.io/v1', kind: 'ResourceList', items: [{ apiVersion: 'monitoring.coreos.com/v1', kind: 'Prometheus', metadata: { name: 'p'.repeat(2_000_000), namespace: 'x' }, spec: {} }] }));
  assert.is(r.status, 1);
  assert.ok(r.seconds < 5, `took ${r.seconds} s`);
  assert.equal(readList(r.stdout).results, [
    { message: "items[0]: metadata.name of the Prometheus is 2000000 characters long; a custom resource's name is at most 253 (a DNS subdomain)", severity: 'error', field: { path: 'items[0]' } },
  ]);
});

test('an input of more than 10 million nodes is refused before it is parsed', () => {
  const r = timed([], `apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems: []\nx: [${'a,'.repeat(10_000_000)}a]\n`);
  assert.is(r.status, 1);
  assert.equal(readList(r.stdout).results, [
    { message: 'input is not valid YAML or JSON: the input may hold up to 10,000,011 YAML nodes; the limit is 10,000,000', severity: 'error' },
  ]);
});

test('render: a key that reads as a document marker cannot add an object to the output stream', () => {
  const input = `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: inject, namespace: x}\n"--- kind": Secret\n"... b": c\ndata:\n  "--- x": "--- y"\n`;
  const r = timed(['render', '-'], input);
  assert.is(r.status, 0, r.stderr);
  const docs = parseYamlStream(r.stdout).filter(Boolean);
  assert.equal(docs, parseYamlStream(input));
});

test.run();
