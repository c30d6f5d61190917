/**
 * Helpers for the integration suites, which drive the real kpt, kubectl and
 * sh: tool detection (a missing tool skips loudly), temporary copies of the
 * fixture packages, whole-tree snapshots, and each fixture's pinned facts.
 */
import { spawnSync } from 'node:child_process';
import { accessSync, constants, cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join, relative, resolve } from 'node:path';
import { parseYamlStream } from '../../src/core/yaml.js';
import type { KubeObject } from '../../src/krm/types.js';
import { BIN, ROOT, type CommandRun } from './harness.js';

export const FIXTURES = resolve(ROOT, 'fixtures');

/** The absolute path of an executable on PATH, or undefined. */
export function onPath(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

type Test = ((name: string, fn: () => void | Promise<void>) => void) & { skip: (name: string, fn?: () => void) => void };

/**
 * Registers a test that needs external tools. When one is missing the test is
 * counted as skipped, never as passed, and a line naming the tool says so.
 */
export function withTools(test: Test, tools: readonly string[], name: string, fn: () => void | Promise<void>): void {
  const missing = tools.filter((t) => !onPath(t));
  if (missing.length === 0) {
    test(name, fn);
    return;
  }
  process.stderr.write(`\n!! SKIPPED (${missing.join(', ')} not on PATH): ${name}\n`);
  test.skip(name, fn as () => void);
}

/** Runs a command without a shell. */
export function run(cmd: string, args: readonly string[], opts: { cwd?: string; env?: Record<string, string>; input?: string } = {}): CommandRun {
  const r = spawnSync(cmd, args, {
    cwd: opts.cwd ?? ROOT,
    env: { ...process.env, ...(opts.env ?? {}) },
    input: opts.input ?? '',
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  return { status: r.status ?? -1, stdout: r.stdout ?? '', stderr: r.stderr ?? (r.error ? String(r.error) : '') };
}

/** Formats a failed run for an assertion message. */
export function describeRun(what: string, r: CommandRun): string {
  return `${what} exited ${r.status}\n--- stdout\n${r.stdout.slice(0, 4000)}\n--- stderr\n${r.stderr.slice(0, 4000)}`;
}

export interface Workspace {
  /** The temporary root: it mirrors the repository, with bin/prometheus-krm a link to the real one. */
  readonly root: string;
  /** The copy of the fixture: root/fixtures/<name>. */
  readonly dir: string;
  remove(): void;
}

/**
 * Copies fixtures/<name> to a temporary folder laid out like the repository
 * (root/fixtures/<name> beside root/bin/prometheus-krm), so that the relative
 * exec paths in Kptfiles and transformer configs resolve as they do in a
 * checkout, and nothing is ever written into fixtures/.
 */
export function copyFixture(name: string): Workspace {
  const root = mkdtempSync(join(tmpdir(), `prometheus-krm-${name}-`));
  const dir = join(root, 'fixtures', name);
  mkdirSync(join(root, 'bin'));
  symlinkSync(BIN, join(root, 'bin', 'prometheus-krm'));
  cpSync(join(FIXTURES, name), dir, { recursive: true });
  return { root, dir, remove: () => rmSync(root, { recursive: true, force: true }) };
}

/** Every file below dir (hidden ones included), by relative path, with its bytes as text. */
export function snapshotTree(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const full = join(d, entry.name);
      if (entry.isDirectory()) walk(full);
      else out.set(relative(dir, full), readFileSync(full, 'utf8'));
    }
  };
  walk(dir);
  return new Map([...out].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** The differences between two snapshots, one line each; empty when equal. */
export function treeDiff(before: Map<string, string>, after: Map<string, string>): string[] {
  const lines: string[] = [];
  for (const [path, text] of before) {
    if (!after.has(path)) lines.push(`removed ${path}`);
    else if (after.get(path) !== text) lines.push(`changed ${path}`);
  }
  for (const path of after.keys()) if (!before.has(path)) lines.push(`added ${path}`);
  return lines;
}

export interface ObjectRef {
  readonly kind: string;
  readonly namespace?: string;
  readonly name: string;
  readonly path?: string;
}

/** The facts a fixture pins in .expected/config.yaml. */
export interface Expected {
  readonly exitCode: number;
  readonly runCount: number;
  readonly fnConfig: string;
  readonly mustGenerate: readonly ObjectRef[];
  /** Inputs passed through as they are. */
  readonly mustKeep: readonly ObjectRef[];
  /** Inputs kept in the package as local configuration, and so never in what is applied. */
  readonly localConfig: readonly ObjectRef[];
  readonly mustDrop: readonly ObjectRef[];
  readonly unchanged: readonly string[];
}

export function expectedOf(fixture: string): Expected {
  const pinned = parseYamlStream(readFileSync(join(FIXTURES, fixture, '.expected', 'config.yaml'), 'utf8'))[0] as Partial<Expected>;
  return { localConfig: [], mustDrop: [], unchanged: [], ...pinned } as Expected;
}

/** Objects of a YAML stream (plain manifests or the items of a ResourceList). */
export function objectsOf(text: string): KubeObject[] {
  const docs = parseYamlStream(text).filter((d): d is KubeObject => typeof d === 'object' && d !== null);
  if (docs.length === 1 && docs[0]?.kind === 'ResourceList') return ((docs[0] as { items?: KubeObject[] }).items ?? []).filter((d) => d);
  return docs;
}

/** Objects in every YAML file below dir (hidden folders skipped), with the file each came from. */
export function objectsInTree(dir: string): Array<{ file: string; obj: KubeObject }> {
  const out: Array<{ file: string; obj: KubeObject }> = [];
  for (const [file, text] of snapshotTree(dir)) {
    if (file.split('/').some((part) => part.startsWith('.')) || !/\.ya?ml$/.test(file)) continue;
    for (const obj of objectsOf(text)) out.push({ file, obj });
  }
  return out;
}

export const refText = (r: ObjectRef) => `${r.kind} ${r.namespace ?? ''}/${r.name}`;

export function matches(obj: KubeObject, ref: ObjectRef): boolean {
  return obj.kind === ref.kind && obj.metadata?.name === ref.name && (obj.metadata?.namespace ?? undefined) === (ref.namespace ?? undefined);
}

const isLocalConfig = (o: KubeObject) => (o.metadata?.annotations ?? {})['config.kubernetes.io/local-config'] === 'true';

/**
 * Each pinned object that is missing or present against the pins, one line
 * each. In a package (kpt's files, a function's ResourceList) the inputs
 * listed under localConfig are there, marked; in what is applied (a
 * kustomize build, a `render` stream) they are not.
 */
export function checkObjects(items: readonly KubeObject[], expected: Expected, where: 'package' | 'applied' = 'package'): string[] {
  const problems: string[] = [];
  const once = (ref: ObjectRef) => {
    const n = items.filter((o) => matches(o, ref)).length;
    if (n !== 1) problems.push(`${refText(ref)} appears ${n} times, want 1`);
  };
  for (const ref of [...expected.mustGenerate, ...expected.mustKeep]) once(ref);
  for (const ref of expected.localConfig) {
    if (where === 'applied') {
      if (items.some((o) => matches(o, ref))) problems.push(`${refText(ref)} is local configuration and should not be applied`);
      continue;
    }
    once(ref);
    if (items.some((o) => matches(o, ref) && !isLocalConfig(o))) problems.push(`${refText(ref)} is not marked local-config`);
  }
  for (const ref of expected.mustDrop) if (items.some((o) => matches(o, ref))) problems.push(`${refText(ref)} should be gone`);
  return problems;
}

const MARK = "config.kubernetes.io/local-config: 'true'";

/**
 * Every file of the source package that a render must keep, compared with
 * the package after it: each one still there and byte for byte the same,
 * apart from the local-config annotation that each monitoring.coreos.com
 * object without it gains (with the `annotations:` key that holds it where
 * the object had none). One line per difference.
 */
export function sourceChanges(source: ReadonlyMap<string, string>, after: ReadonlyMap<string, string>): string[] {
  const problems: string[] = [];
  const mark = MARK.replace(/\./g, '\\.');
  const strip = (text: string) => text.replace(new RegExp(`\n  annotations:\n    ${mark}(?=\n)`, 'g'), '').replace(new RegExp(`\n    ${mark}(?=\n)`, 'g'), '');
  const marks = (text: string) => text.split(MARK).length - 1;
  for (const [file, text] of source) {
    if (file.startsWith('.expected/')) continue;
    const now = after.get(file);
    if (now === undefined) {
      problems.push(`${file} was deleted`);
      continue;
    }
    const unmarked = /\.ya?ml$/.test(file) ? objectsOf(text).filter((o) => o.apiVersion?.startsWith('monitoring.coreos.com/') && !isLocalConfig(o)).length : 0;
    if (strip(now) !== strip(text) || marks(now) !== marks(text) + unmarked) problems.push(`${file} changed beyond the local-config annotation:\n${now}`);
  }
  return problems;
}

/** Identity keys that occur more than once. */
export function duplicates(items: readonly KubeObject[]): string[] {
  const seen = new Map<string, number>();
  for (const o of items) {
    const key = `${o.apiVersion} ${o.kind} ${o.metadata?.namespace ?? ''}/${o.metadata?.name}`;
    seen.set(key, (seen.get(key) ?? 0) + 1);
  }
  return [...seen].filter(([, n]) => n > 1).map(([k]) => k);
}
