/**
 * Fuzzing: valid packages mutated at random (wrong types, missing and extra
 * fields, huge and negative numbers, unicode and control characters, deep
 * nesting, duplicates, conflicting names, broken YAML text). Whatever comes
 * in, the step answers with a parseable ResourceList, never an internal
 * error or a stack trace; the built command exits 0 or 1.
 * Keys named like inherited properties (`__proto__`, `constructor`...) are
 * part of the dictionary: no input may add a property to Object.prototype.
 * FUZZ_RUNS sets the number of in-process inputs (default 10,000).
 * Inputs that once broke the function live in test/cases/fuzz/ and run first.
 */
import fc from 'fast-check';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseYamlStream, toYaml } from '../src/core/yaml.js';
import { INTERNAL_ERROR, renderResourceListText } from '../src/render/resource-list.js';
import { monitoringPackage, PROTOTYPE_KEYS } from './support/arbitraries.js';
import { ROOT, runBin } from './support/harness.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 10_000);
const REGRESSIONS = join(ROOT, 'test/cases/fuzz');
/** A hang guard, not a speed test: the benchmark measures speed. */
const HANG_MS = 10_000;

type Json = unknown;

/** Values that break assumptions: wrong types, extremes, odd text, deep nesting. */
const nasty: fc.Arbitrary<Json> = fc.oneof(
  fc.constantFrom(null, true, false, 0, -1, -2147483649, 2 ** 53, 1e308, -1e308, 0.5, '', ' ', '-', '*', '$(SHARD)', '{{', '\u0000', '\u202e', '💥', 'a'.repeat(300)),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.integer(),
  fc.double(),
  fc.array(fc.string(), { maxLength: 3 }),
  fc.dictionary(fc.oneof(fc.constantFrom(...PROTOTYPE_KEYS), fc.string({ maxLength: 8 })), fc.string({ maxLength: 8 }), { maxKeys: 3 }),
  fc.integer({ min: 1, max: 60 }).map((depth) => {
    let v: Json = 'deep';
    for (let i = 0; i < depth; i++) v = i % 2 ? [v] : { nested: v };
    return v;
  }),
);

/** Paths into an object: every key and index, depth first. */
function paths(value: Json, prefix: Array<string | number> = []): Array<Array<string | number>> {
  const out: Array<Array<string | number>> = [prefix];
  if (Array.isArray(value)) value.forEach((v, i) => out.push(...paths(v, [...prefix, i])));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) out.push(...paths(v, [...prefix, k]));
  return out;
}

function setAt(root: Json, path: ReadonlyArray<string | number>, value: Json | typeof DELETE): Json {
  if (path.length === 0) return value === DELETE ? null : value;
  const copy: Json = structuredClone(root);
  let cur = copy as Record<string | number, Json>;
  for (const key of path.slice(0, -1)) cur = cur[key] as Record<string | number, Json>;
  const last = path[path.length - 1] as string | number;
  if (value === DELETE) {
    if (Array.isArray(cur)) cur.splice(Number(last), 1);
    else delete cur[last];
  } else Object.defineProperty(cur, last, { value, enumerable: true, writable: true, configurable: true }); // `__proto__` too, as an own key
  return copy;
}
const DELETE = Symbol('delete');

type Mutation =
  | { kind: 'set'; pick: number; value: Json }
  | { kind: 'delete'; pick: number }
  | { kind: 'extra'; pick: number; key: string; value: Json }
  | { kind: 'duplicate'; pick: number }
  | { kind: 'rename'; pick: number; other: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('set' as const), pick: fc.nat(), value: nasty }),
  fc.record({ kind: fc.constant('delete' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('extra' as const), pick: fc.nat(), key: fc.oneof(fc.constantFrom(...PROTOTYPE_KEYS), fc.string({ maxLength: 12 })), value: nasty }),
  fc.record({ kind: fc.constant('duplicate' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('rename' as const), pick: fc.nat(), other: fc.nat() }),
);

function mutate(items: Json[], m: Mutation): Json[] {
  const all = paths(items).filter((p) => p.length > 0);
  const target = all[m.pick % all.length] ?? [0];
  switch (m.kind) {
    case 'set':
      return setAt(items, target, m.value) as Json[];
    case 'delete':
      return setAt(items, target, DELETE) as Json[];
    case 'extra': {
      const objects = all.filter((p) => {
        let v: Json = items;
        for (const k of p) v = (v as Record<string | number, Json>)[k];
        return v !== null && typeof v === 'object' && !Array.isArray(v);
      });
      const at = objects[m.pick % Math.max(objects.length, 1)] ?? [0];
      return setAt(items, [...at, m.key], m.value) as Json[];
    }
    case 'duplicate':
      return [...items, structuredClone(items[m.pick % items.length])];
    case 'rename': {
      // Give one object the name of another: conflicting identities and references.
      const i = m.pick % items.length;
      const a = items[i];
      const b = items[m.other % items.length] as { metadata?: { name?: Json } } | null;
      const hasMetadata = a !== null && typeof a === 'object' && (a as { metadata?: unknown }).metadata !== null && typeof (a as { metadata?: unknown }).metadata === 'object';
      if (!hasMetadata) return items;
      return setAt(items, [i, 'metadata', 'name'], b?.metadata?.name ?? null) as Json[];
    }
  }
}

const resourceList = (items: Json) => toYaml({ apiVersion: 'config.kubernetes.io/v1', kind: 'ResourceList', items });

/** Text-level damage on top: cut the stream short, or splice in bytes. */
const textDamage = fc.option(
  fc.oneof(
    fc.record({ cut: fc.double({ min: 0, max: 1, noNaN: true }) }).map(({ cut }) => (t: string) => t.slice(0, Math.floor(t.length * cut))),
    fc.record({ at: fc.double({ min: 0, max: 1, noNaN: true }), junk: fc.string({ unit: 'binary', maxLength: 8 }) }).map(
      ({ at, junk }) =>
        (t: string) => {
          const i = Math.floor(t.length * at);
          return t.slice(0, i) + junk + t.slice(i);
        },
    ),
  ),
  { freq: 8, nil: undefined },
);

const fuzzInput = fc
  .tuple(monitoringPackage, fc.array(mutation, { minLength: 1, maxLength: 4 }), textDamage)
  .map(([items, mutations, damage]) => {
    const mutated = mutations.reduce<Json[]>((acc, m) => {
      const next = mutate(acc, m);
      return Array.isArray(next) && next.length > 0 ? next : acc;
    }, items as Json[]);
    const text = resourceList(mutated);
    return damage ? damage(text) : text;
  });

/** What every answer must be: a ResourceList, no internal error, no stack trace. */
function checkAnswer(input: string): void {
  const start = performance.now();
  const out = renderResourceListText(input);
  const ms = performance.now() - start;
  assert.ok(ms < HANG_MS, `took ${ms.toFixed(0)} ms`);
  const doc = parseYamlStream(out.text)[0] as { kind?: string; results?: Array<{ message: string }> };
  assert.is(doc.kind, 'ResourceList');
  const messages = (doc.results ?? []).map((r) => r.message).join('\n');
  assert.not.ok(messages.includes(INTERNAL_ERROR), `internal error for input:\n${input.slice(0, 3000)}`);
  assert.not.match(messages, /\n\s+at .+:\d+:\d+/);
}

test('inputs that once broke the function now get a proper answer', () => {
  let files: string[] = [];
  try {
    files = readdirSync(REGRESSIONS).filter((f) => f.endsWith('.yaml'));
  } catch {
    files = [];
  }
  for (const f of files) checkAnswer(readFileSync(join(REGRESSIONS, f), 'utf8'));
});

test(`${RUNS} mutated packages: always a ResourceList, never an internal error or a stack trace, Object.prototype untouched`, () => {
  const before = Object.getOwnPropertyNames(Object.prototype).sort();
  fc.assert(fc.property(fuzzInput, checkAnswer), { numRuns: RUNS });
  assert.equal(Object.getOwnPropertyNames(Object.prototype).sort(), before);
});

test('the built command exits 0 or 1 with a ResourceList on stdout and no stack trace on stderr', () => {
  const samples = fc.sample(fuzzInput, { numRuns: 40, seed: 7 });
  for (const input of samples) {
    const run = runBin([], input);
    assert.ok(run.status === 0 || run.status === 1, `exit ${run.status}`);
    assert.is((parseYamlStream(run.stdout)[0] as { kind?: string }).kind, 'ResourceList');
    assert.not.match(run.stderr, /\n\s+at .+:\d+:\d+/);
  }
});

test.run();
