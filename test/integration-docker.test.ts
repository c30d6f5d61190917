// The container image, without a Docker engine: the Dockerfile's structure,
// the build context .dockerignore lets through, and the runtime stage's files
// assembled in a temporary folder and run there (no node_modules, no sources).
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, delimiter, dirname, join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseYamlStream } from '../src/core/yaml.js';
import { resourceList, ROOT } from './support/harness.js';
import { copyFixture, describeRun, objectsOf, run, withTools } from './support/integration.js';

interface Instruction {
  op: string;
  args: string;
}

/** Dockerfile instructions, comments dropped and continuation lines joined, split into stages. */
function stages(): Instruction[][] {
  const text = readFileSync(join(ROOT, 'Dockerfile'), 'utf8').replace(/\\\n/g, ' ');
  const out: Instruction[][] = [];
  for (const line of text.split('\n')) {
    const t = line.trim();
    if (!t || t.startsWith('#')) continue;
    const [op, ...rest] = t.split(/\s+/);
    const ins = { op: op!.toUpperCase(), args: rest.join(' ') };
    if (ins.op === 'FROM') out.push([]);
    out[out.length - 1]?.push(ins);
  }
  return out;
}

interface Copy {
  from?: string;
  sources: string[];
  dest: string;
}
function copies(stage: Instruction[]): Copy[] {
  return stage
    .filter((i) => i.op === 'COPY')
    .map((i) => {
      const words = i.args.split(/\s+/);
      const from = words.find((w) => w.startsWith('--from='))?.slice('--from='.length);
      const paths = words.filter((w) => !w.startsWith('--'));
      return { ...(from ? { from } : {}), sources: paths.slice(0, -1), dest: paths[paths.length - 1]! };
    });
}

/** .dockerignore semantics for plain names: the last pattern that matches decides. */
function contextAllows(path: string): boolean {
  const patterns = readFileSync(join(ROOT, '.dockerignore'), 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
  let allowed = true;
  const clean = path.replace(/\/$/, '');
  for (const p of patterns) {
    const negated = p.startsWith('!');
    const pat = (negated ? p.slice(1) : p).replace(/\/$/, '');
    if (pat === '*' || pat === clean || clean.startsWith(`${pat}/`)) allowed = negated;
  }
  return allowed;
}

const final = () => stages()[stages().length - 1]!;
const last = (stage: Instruction[], op: string) => stage.filter((i) => i.op === op).pop();

test('the Dockerfile builds in two stages and the image keeps only dist/, bin/ and package.json', () => {
  const all = stages();
  assert.is(all.length, 2);
  assert.match(all[0]![0]!.args, /^node:20-alpine AS build$/i);
  assert.ok(all[0]!.some((i) => i.op === 'RUN' && /npm ci/.test(i.args)), 'build stage runs npm ci');
  assert.ok(all[0]!.some((i) => i.op === 'RUN' && /scripts\/build\.mjs|npm run build/.test(i.args)), 'build stage builds dist/');
  const c = copies(final());
  assert.ok(c.some((x) => x.from === 'build' && x.sources.some((s) => /\/dist\/?$/.test(s))), 'final stage copies dist/ from the build stage');
  const local = c.filter((x) => !x.from).flatMap((x) => x.sources);
  assert.equal(local.sort(), ['bin/', 'package.json', 'plugin.yaml']);
});

test('the image runs as a non-root user with the function as its entrypoint', () => {
  const user = last(final(), 'USER')?.args ?? '';
  assert.ok(user && !/^(root|0)(:|$)/.test(user), `USER is "${user}"`);
  const entry = JSON.parse(last(final(), 'ENTRYPOINT')?.args ?? 'null') as string[];
  const workdir = last(final(), 'WORKDIR')?.args ?? '/';
  assert.equal(entry, [join(workdir, 'bin/prometheus-krm')]);
  assert.match(last(final(), 'ENV')?.args ?? '', `PATH=${join(workdir, 'bin')}:`);
});

test('the image carries plugin.yaml where argocd-cmp-server reads it', () => {
  assert.ok(copies(final()).some((x) => x.sources.includes('plugin.yaml') && x.dest === '/home/argocd/cmp-server/config/plugin.yaml'));
});

test('every file the Dockerfile copies exists and passes .dockerignore; nothing else does', () => {
  for (const stage of stages()) {
    for (const c of copies(stage).filter((x) => !x.from)) {
      for (const s of c.sources) {
        assert.ok(existsSync(join(ROOT, s)), `${s} does not exist`);
        assert.ok(contextAllows(s), `.dockerignore keeps ${s} out of the build context`);
      }
    }
  }
  for (const kept of ['node_modules', 'dist', '.git', 'test', 'fixtures']) assert.not.ok(contextAllows(kept), `${kept} is sent to the build`);
});

withTools(test, ['sh'], "the runtime stage's files alone run the function and the Argo CD generate command", () => {
  const root = mkdtempSync(join(tmpdir(), 'prometheus-krm-image-'));
  try {
    const workdir = last(final(), 'WORKDIR')?.args ?? '/';
    const inImage = (p: string) => join(root, p.startsWith('/') ? p : join(workdir, p));
    for (const c of copies(final())) {
      for (const s of c.sources) {
        // --from=build: the build stage's /src/dist is this checkout's dist/.
        const from = c.from ? join(ROOT, s.replace(/^\/src\//, '')) : join(ROOT, s);
        const target = c.dest.endsWith('/') && !s.endsWith('/') ? join(inImage(c.dest), basename(s)) : inImage(c.dest);
        mkdirSync(dirname(target), { recursive: true });
        cpSync(from, target, { recursive: true });
      }
    }
    const entry = inImage((JSON.parse(last(final(), 'ENTRYPOINT')!.args) as string[])[0]!);
    const input = resourceList(readFileSync(join(ROOT, 'fixtures/kube-prometheus-k8s/prometheus.yaml'), 'utf8'));
    const krm = run(entry, [], { cwd: root, input, env: { NODE_PATH: '' } });
    assert.is(krm.status, 0, describeRun('image entrypoint', krm));
    assert.ok(objectsOf(krm.stdout).some((o) => o.kind === 'StatefulSet' && o.metadata.name === 'prometheus-k8s'));

    const plugin = parseYamlStream(readFileSync(inImage('/home/argocd/cmp-server/config/plugin.yaml'), 'utf8'))[0] as {
      spec: { generate: { command: string[] } };
    };
    const ws = copyFixture('kube-prometheus-k8s');
    try {
      const [cmd, ...args] = plugin.spec.generate.command;
      const path = [inImage('bin'), dirname(process.execPath), '/usr/bin', '/bin'].join(delimiter);
      const gen = run(cmd!, args, { cwd: ws.dir, env: { PATH: path, NODE_PATH: '' } });
      assert.is(gen.status, 0, describeRun('generate in the image layout', gen));
      assert.ok(objectsOf(gen.stdout).some((o) => o.kind === 'StatefulSet'));
    } finally {
      ws.remove();
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test.run();
