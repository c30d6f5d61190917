/**
 * Runs the conformance corpus in ../shared/conformance: each case is an input
 * ResourceList, the operator's expected output and a compare mode (see the
 * corpus README). Read in place; never copied into the project.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipText } from '../../src/core/gzip.js';
import { isPlainObject } from '../../src/core/objects.js';
import { parseYamlStream } from '../../src/core/yaml.js';
import { readResourceList } from '../../src/krm/read.js';
import type { KubeObject, Result } from '../../src/krm/types.js';
import { loadOptions } from '../../src/options/options.js';
import { render } from '../../src/render/render.js';

export const CONFORMANCE_DIR = resolve(fileURLToPath(import.meta.url), '../../../../shared/conformance');

export interface CaseSpec {
  compare: { kind: string; namespace?: string; name: string; key?: string; mode: 'exact' | 'subset' | 'error' };
}

export interface CaseOutcome {
  suite: string;
  name: string;
  pass: boolean;
  reason?: string;
}

export function conformanceAvailable(): boolean {
  return existsSync(CONFORMANCE_DIR);
}

export function listCases(suite: string, filter: (name: string) => boolean = () => true): string[] {
  const dir = join(CONFORMANCE_DIR, suite);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((n) => existsSync(join(dir, n, 'case.yaml')))
    .filter(filter)
    .sort();
}

function loadYaml(path: string): unknown {
  return parseYamlStream(readFileSync(path, 'utf8'))[0];
}

export function runCase(suite: string, name: string): CaseOutcome {
  const dir = join(CONFORMANCE_DIR, suite, name);
  try {
    const spec = loadYaml(join(dir, 'case.yaml')) as CaseSpec;
    const expected = loadYaml(join(dir, 'expected.yaml'));
    const input = readResourceList(readFileSync(join(dir, 'input.yaml'), 'utf8'));
    if (input.problems.length > 0) return fail(suite, name, `input: ${input.problems.map((p) => p.message).join('; ')}`);
    // The corpus is the operator's output, which copies Secret values: compare in the operator's mode.
    const loaded = loadOptions(input.envelope.functionConfig, { secrets: { value: 'inline', from: 'the conformance harness' } });
    if (!loaded.options) return fail(suite, name, `options: ${loaded.problems.map((p) => p.message).join('; ')}`);
    const out = render(input.items, loaded.options);
    const c = spec.compare;
    if (c.mode === 'error') return checkError(suite, name, expected, out.items, out.results);
    const obj = out.items.find(
      (o) => o.kind === c.kind && o.metadata.name === c.name && (c.namespace === undefined || o.metadata.namespace === c.namespace),
    );
    if (!obj) {
      const errors = out.results.filter((r) => r.severity === 'error').map((r) => r.message);
      return fail(suite, name, `no ${c.kind} ${c.namespace}/${c.name} in output${errors.length ? `; errors: ${errors.join('; ')}` : ''}`);
    }
    let actual: unknown = obj;
    if (c.key) {
      const data = (obj.data ?? {}) as Record<string, string>;
      const raw = data[c.key];
      if (raw === undefined) return fail(suite, name, `output has no key ${c.key}`);
      const bytes = Buffer.from(raw, obj.kind === 'Secret' ? 'base64' : 'utf8');
      const text = c.key.endsWith('.gz') ? gunzipText(bytes) : bytes.toString('utf8');
      actual = parseYamlStream(text)[0];
    }
    const diff = c.mode === 'exact' ? exactDiff(expected, actual, '') : subsetDiff(expected, actual, '');
    return diff ? fail(suite, name, diff) : { suite, name, pass: true };
  } catch (e) {
    return fail(suite, name, `threw: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
  }
}

function fail(suite: string, name: string, reason: string): CaseOutcome {
  return { suite, name, pass: false, reason };
}

function checkError(suite: string, name: string, expected: unknown, items: KubeObject[], results: Result[]): CaseOutcome {
  const rejected = isPlainObject(expected) && typeof expected.rejected === 'string' ? expected.rejected : undefined;
  if (!rejected) {
    return results.some((r) => r.severity === 'error') ? { suite, name, pass: true } : fail(suite, name, 'expected an error result, got none');
  }
  const [kind, ns, objName] = rejected.split('/');
  const named = results.some(
    (r) => (r.severity === 'warning' || r.severity === 'error') && r.resourceRef?.kind === kind && r.resourceRef?.namespace === ns && r.resourceRef?.name === objName,
  );
  if (!named) return fail(suite, name, `expected a warning naming ${rejected}`);
  void items;
  return { suite, name, pass: true };
}

/** YAML scalars compare by value and type; maps by keys (any order); lists in order. */
export function exactDiff(expected: unknown, actual: unknown, path: string): string | undefined {
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return `${path || '.'}: expected a list, got ${brief(actual)}`;
    if (expected.length !== actual.length) return `${path || '.'}: expected ${expected.length} items, got ${actual.length}: ${brief(actual)}`;
    for (let i = 0; i < expected.length; i++) {
      const d = exactDiff(expected[i], actual[i], `${path}[${i}]`);
      if (d) return d;
    }
    return undefined;
  }
  if (isPlainObject(expected)) {
    if (!isPlainObject(actual)) return `${path || '.'}: expected a map, got ${brief(actual)}`;
    for (const k of Object.keys(expected)) {
      if (!(k in actual)) return `${path}.${k}: missing`;
      const d = exactDiff(expected[k], actual[k], `${path}.${k}`);
      if (d) return d;
    }
    for (const k of Object.keys(actual)) if (!(k in expected)) return `${path}.${k}: unexpected (${brief(actual[k])})`;
    return undefined;
  }
  return expected === actual ? undefined : `${path || '.'}: expected ${brief(expected)}, got ${brief(actual)}`;
}

/** Every expected key present with a matching value; each expected list item matches a distinct actual item. */
export function subsetDiff(expected: unknown, actual: unknown, path: string): string | undefined {
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return `${path || '.'}: expected a list, got ${brief(actual)}`;
    const used = new Set<number>();
    for (const [i, e] of expected.entries()) {
      const j = actual.findIndex((a, k) => !used.has(k) && subsetDiff(e, a, '') === undefined);
      if (j < 0) {
        const hint = isPlainObject(e) && 'name' in e ? actual.find((a) => isPlainObject(a) && a.name === e.name) : undefined;
        return `${path}[${i}]: no match for ${brief(e)}${hint ? `; closest: ${subsetDiff(e, hint, `${path}[name=${String((e as { name: unknown }).name)}]`)}` : ''}`;
      }
      used.add(j);
    }
    return undefined;
  }
  if (isPlainObject(expected)) {
    if (!isPlainObject(actual)) return `${path || '.'}: expected a map, got ${brief(actual)}`;
    for (const k of Object.keys(expected)) {
      if (!(k in actual)) return `${path}.${k}: missing`;
      const d = subsetDiff(expected[k], actual[k], `${path}.${k}`);
      if (d) return d;
    }
    return undefined;
  }
  return expected === actual ? undefined : `${path || '.'}: expected ${brief(expected)}, got ${brief(actual)}`;
}

function brief(v: unknown): string {
  const s = JSON.stringify(v);
  return s === undefined ? 'undefined' : s.length > 300 ? `${s.slice(0, 300)}…` : s;
}
