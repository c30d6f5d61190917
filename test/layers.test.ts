/**
 * The folder layering of src/ (README, "Design"): each folder imports only
 * itself and the folders below it, and the kind folders never import one
 * another.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ROOT } from './support/harness.js';

/** Bottom first. Folders on one line share a layer and may not import each other. */
const LAYERS: readonly (readonly string[])[] = [
  ['core'],
  ['api'],
  ['krm'],
  ['version'],
  ['options'],
  ['assets'],
  ['selection'],
  ['context'],
  ['workload'],
  ['rules'],
  ['promconfig'],
  ['prometheus', 'alertmanager', 'thanos', 'rbac'],
  ['render'],
  ['cli'],
  ['index.ts'],
];

const SRC = join(ROOT, 'src');
const layerOf = new Map(LAYERS.flatMap((folders, i) => folders.map((f) => [f, i] as const)));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return e.name.endsWith('.ts') ? [p] : [];
  });
}

/** The top folder of src/ a path is in (`index.ts` for the file itself). */
const topOf = (path: string) => relative(SRC, path).split('/')[0] as string;

const imports = sourceFiles(SRC).flatMap((file) =>
  [...readFileSync(file, 'utf8').matchAll(/(?:from|import\() '(\.[^']+)'/g)].map((m) => ({
    file: relative(SRC, file),
    from: topOf(file),
    to: topOf(resolve(dirname(file), m[1] as string)),
  })),
);

test('every top folder of src/ has a layer', () => {
  const folders = readdirSync(SRC).filter((f) => !f.startsWith('.'));
  assert.equal(folders.filter((f) => !layerOf.has(f)), []);
});

test('imports only go down the layers, and the kind folders never import one another', () => {
  assert.ok(imports.length > 500, `only ${imports.length} imports found`);
  const upward = imports.filter(({ from, to }) => from !== to && (layerOf.get(to) ?? Infinity) >= (layerOf.get(from) ?? -1));
  assert.equal(upward.map(({ file, to }) => `${file} imports src/${to}`), []);
});

test.run();
