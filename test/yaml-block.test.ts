/**
 * The fast block-YAML reader (src/core/yaml-block.ts) behind
 * parseYamlDocuments must read every text it accepts exactly as js-yaml does
 * (values, key order, lines) and leave every other text to js-yaml: tables
 * of the forms it reads and the ones it leaves, then fast-check texts written
 * by several dumpers and then disturbed line by line, each compared with the
 * js-yaml reading (parseYamlDocumentsWithJsYaml), errors included.
 */
import fc from 'fast-check';
import { dump } from 'js-yaml';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readBlockYaml } from '../src/core/yaml-block.js';
import { KUBE_READ_SCHEMA, MAX_SCALAR_BYTES, parseYamlDocuments, parseYamlDocumentsWithJsYaml, toYaml, type YamlDocument } from '../src/core/yaml.js';

type Reading = { ok: true; docs: YamlDocument[] } | { ok: false; message: string };

function read(parse: (text: string) => YamlDocument[], text: string): Reading {
  try {
    return { ok: true, docs: parse(text) };
  } catch (e) {
    return { ok: false, message: e instanceof Error ? e.message : String(e) };
  }
}

/** Values with key order, -0 and NaN made visible. */
function shape(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) => (typeof v === 'number' && (Number.isNaN(v) || Object.is(v, -0) || !Number.isFinite(v)) ? `number:${String(v)}:${Object.is(v, -0)}` : v));
}

/** Asserts the same reading both ways. */
function sameReading(text: string): void {
  const reference = read(parseYamlDocumentsWithJsYaml, text);
  const actual = read(parseYamlDocuments, text);
  if (!reference.ok) {
    assert.not.ok(actual.ok, `js-yaml refuses this text, the reader read it:\n${text}`);
    if (!actual.ok) assert.is(actual.message, reference.message);
    return;
  }
  assert.ok(actual.ok, `js-yaml reads this text, the reader failed: ${actual.ok ? '' : actual.message}\n${text}`);
  if (!actual.ok) return;
  assert.is(actual.docs.length, reference.docs.length);
  for (const [i, doc] of reference.docs.entries()) {
    const mine = actual.docs[i] as YamlDocument;
    assert.is(shape(mine.value), shape(doc.value), `value of document ${i} in:\n${text}`);
    assert.is(mine.line, doc.line, `line of document ${i} in:\n${text}`);
    assert.equal(mine.itemLines, doc.itemLines, `item lines of document ${i} in:\n${text}`);
  }
}

test('reads a ResourceList as kpt writes it: the values, key order and item lines of js-yaml', () => {
  const text = [
    'apiVersion: config.kubernetes.io/v1',
    'kind: ResourceList',
    '# a comment line',
    'items:',
    '- apiVersion: v1',
    '  kind: ConfigMap',
    '  metadata:',
    '    name: c',
    '    annotations:',
    "      config.kubernetes.io/index: '0'",
    '      internal.config.kubernetes.io/path: "a/b.yaml"',
    '  data:',
    '    on: yes',
    '    "0x1F": 0x1F',
    '    octal: 0644',
    '    float: 1.5e3',
    '    empty:',
    '    nul: ~',
    "    quote: 'it''s'",
    '    list: []',
    '    map: {}',
    '    script: |',
    '      line one',
    '',
    '        indented # not a comment',
    '    kept: |+',
    '      a',
    '',
    '    stripped: |-',
    '      b',
    '-',
    '  apiVersion: v1',
    '  kind: Namespace',
    '  metadata: {name: x}',
    'functionConfig:',
    '  data:',
    '    - - nested',
    '      - - deeper',
    '    - key: value',
    '      other: -1',
    '',
  ].join('\n');
  sameReading(text);
  const [doc] = parseYamlDocuments(text);
  assert.equal(doc?.itemLines, [5, 32]);
  const data = (doc?.value as { items: Array<{ data?: Record<string, unknown> }> }).items[0]?.data;
  assert.equal(Object.keys(data ?? {}), ['true', '0x1F', 'octal', 'float', 'empty', 'nul', 'quote', 'list', 'map', 'script', 'kept', 'stripped']);
  assert.is(data?.octal, 420);
  assert.is(data?.script, 'line one\n\n  indented # not a comment\n');
  assert.is(data?.kept, 'a\n\n');
});

test('texts outside the plain block form are read by js-yaml, with the same values and errors', () => {
  const cases = [
    '---\na: 1\n',
    'a: &x 1\nb: *x\n',
    'a: !!str 1\n',
    'a: [1, 2]\n',
    'a: {b: 1}\n',
    'a: "esc\\u0041"\n',
    'a: >\n  folded\n  text\n',
    'a: plain\n  continued\n',
    'a: 1 # trailing\n',
    'a:\tb\n',
    'a: 1\na: 2\n',
    '__proto__: {polluted: true}\n',
    '<<: {a: 1}\nb: 2\n',
    'a: b: c\n',
    'a: |2\n   x\n',
    '  indented: root\n',
    'a:\n  - 1\n - 2\n',
    'just a scalar\n',
    'a: "multi\n  line"\n',
    "a: 'x' y\n",
    'k: -\n',
    'k: - \n',
    'a: x\u2028b: y\n',
    'a: \u00a0x\n',
    'a: |\n    x\n  y\n',
    'a:\n  |\n  x\n',
    'a: x\n b\n',
    'a: |\nb: 1\n',
    'a: |\n  x',
    '? complex\n: key\n',
    'a: 1\n---\nb: 2\n',
    'a: "\u0085"\n',
    'a: \ufeffx\n',
  ];
  for (const text of cases) sameReading(text);
});

test('an item the fast reader cannot read is read alone by js-yaml, and the rest stays fast', () => {
  const odd = [
    'apiVersion: v1',
    'kind: List',
    'items:',
    '  - kind: A',
    '    metadata: {name: flow}',
    '    description: >',
    '      folded',
    '      text',
    '# a comment at the left margin, inside the items',
    '  - kind: B',
    '    spec:',
    '      x: 1',
    '  -',
    '    kind: C',
    'trailer: true',
    '',
  ].join('\n');
  sameReading(odd);
  const alone: string[] = [];
  const block = readBlockYaml(odd, KUBE_READ_SCHEMA, MAX_SCALAR_BYTES, (itemText) => {
    alone.push(itemText);
    const [doc] = parseYamlDocumentsWithJsYaml(itemText);
    return { value: (doc?.value as unknown[])[0], nodeOffset: itemText.indexOf('kind') };
  });
  assert.equal(alone, ['  - kind: A\n    metadata: {name: flow}\n    description: >\n      folded\n      text\n# a comment at the left margin, inside the items\n']);
  assert.equal(block?.itemLines, [4, 10, 14]);
  assert.equal((block?.value as { items: unknown[] }).items[0], { kind: 'A', metadata: { name: 'flow' }, description: 'folded text\n' });
  // An alias across items, and an error inside an item: the whole text is js-yaml's, with js-yaml's message.
  sameReading('items:\n- &a {x: 1}\n- *a\n');
  sameReading('items:\n- a: 1\n- {b: 1, b: 2}\n- c: 3\n');
  sameReading('items:\n- a: "unterminated\n- b: 1\n');
});

// Generated texts: structures with awkward keys and strings, written by js-yaml (several styles) and our
// emitter, then disturbed line by line.

const awkward = fc.constantFrom(
  '', 'a', 'on', 'yes', 'Y', 'n', 'true', 'null', '~', '1', '-1', '0644', '0x1F', '1:20', '1.5', '.inf', '.NaN', '1e3', '<<',
  'a b', 'a#b', 'a #b', 'a:b', 'a: b', 'a:', ':a', '-a', '- a', '-', "it's", '"q"', '\\', '[x]', '{x}', '#x', '&x', '*x', '!x', '|', '>', '%x', '@x', '`x',
  ' lead', 'trail ', 'line\nbreak', 'two\n\nblank\n', 'end\n', '\n', 'tab\tin', 'é😀', 'items', 'k8s.io/name', '__proto__', 'constructor',
);
const key = fc.oneof(awkward, fc.string({ maxLength: 8 }));
const scalar = fc.oneof(awkward, fc.string({ maxLength: 12 }), fc.integer(), fc.double(), fc.boolean(), fc.constant(null));
const tree = fc.letrec((tie) => ({
  node: fc.oneof({ depthSize: 'small', withCrossShrink: true }, scalar, tie('list'), tie('map')),
  list: fc.array(tie('node'), { maxLength: 4 }),
  map: fc.dictionary(key, tie('node'), { maxKeys: 4 }),
}));
const documentValue = fc.oneof(tree.map as fc.Arbitrary<Record<string, unknown>>, fc.array(tree.node, { minLength: 1, maxLength: 4 }).map((items) => ({ apiVersion: 'v1', kind: 'List', items })));

const writers: ReadonlyArray<(v: unknown) => string> = [
  (v) => toYaml(v),
  (v) => dump(v, { lineWidth: -1 }),
  (v) => dump(v, { indent: 4, lineWidth: -1, seqNoIndent: true }),
  (v) => dump(v, { lineWidth: -1, seqInlineFirst: false }),
  (v) => dump(v, { lineWidth: 20, quoteStyle: 'double' }),
  (v) => dump(v, { forceQuotes: true, lineWidth: -1 }),
  (v) => dump(v, { flowLevel: 2, lineWidth: -1 }),
];

/** A change to one line: a comment or blank line before it, a trailing comment, an indentation change, a character replaced. */
const disturbance = fc.record({
  line: fc.nat(),
  kind: fc.constantFrom('none', 'comment-line', 'blank-line', 'spaces-line', 'trailing-comment', 'indent+', 'indent-', 'tab', 'char'),
  char: fc.constantFrom('#', ':', '-', "'", '"', ' ', '|', '{', '&', '\t', '\r', '\u0085'),
  at: fc.nat(),
});

function disturb(text: string, d: { line: number; kind: string; char: string; at: number }): string {
  const lines = text.split('\n');
  const i = d.line % lines.length;
  const line = lines[i] as string;
  const indent = line.length - line.trimStart().length;
  switch (d.kind) {
    case 'comment-line':
      lines.splice(i, 0, `${' '.repeat(d.at % 6)}# note`);
      break;
    case 'blank-line':
      lines.splice(i, 0, '');
      break;
    case 'spaces-line':
      lines.splice(i, 0, ' '.repeat(d.at % 8));
      break;
    case 'trailing-comment':
      lines[i] = `${line} # note`;
      break;
    case 'indent+':
      lines[i] = ` ${line}`;
      break;
    case 'indent-':
      lines[i] = indent > 0 ? line.slice(1) : line;
      break;
    case 'tab':
      lines[i] = `\t${line}`;
      break;
    case 'char': {
      const at = line.length === 0 ? 0 : d.at % line.length;
      lines[i] = line.slice(0, at) + d.char + line.slice(at + 1);
      break;
    }
  }
  return lines.join('\n');
}

test('property: written by several dumpers and disturbed, every text reads as js-yaml reads it (6,000 runs)', () => {
  let fast = 0;
  let runs = 0;
  fc.assert(
    fc.property(documentValue, fc.nat({ max: writers.length - 1 }), fc.array(disturbance, { maxLength: 3 }), (value, w, ds) => {
      const text = ds.reduce(disturb, (writers[w] as (v: unknown) => string)(value));
      runs++;
      sameReading(text);
      if (readBlockYaml(text, KUBE_READ_SCHEMA, MAX_SCALAR_BYTES) !== undefined) fast++;
    }),
    { numRuns: 6_000 },
  );
  // Not a vacuous comparison: the fast reader takes a good share of the texts.
  assert.ok(fast > runs / 4, `the fast reader took ${fast} of ${runs}`);
});

/** Lines of the shapes block YAML is made of, misplaced and mis-indented at random. */
const LINE_SHAPES = [
  'a:', 'a: x', 'b: y', '- ', '-', '- a', '- a: x', 'a: -', 'a: |', 'a: |-', 'a: |+', 'x', 'x y', '#c', '', 'a: "x"', "a: 'x'", 'a: {}', 'a: []',
  'b:', '- - x', '- b:', ':', 'a: x #c', 'a: -x', 'a: - x', 'a:  x', 'a: ~', 'a: 1', 'items:', '- c: 1', 'c: 2', 'a: >', "'k': v", '"k": v', 'a: x:',
  'a: "x', 'y"', '- |', '-  x', 'a:   ', 'a:  - x', '...', '---',
];

test('property: texts of a few block-YAML lines, misplaced and mis-indented, read as js-yaml reads them (20,000 runs)', () => {
  const line = fc.tuple(fc.nat({ max: 4 }), fc.constantFrom(...LINE_SHAPES)).map(([indent, shape]) => ' '.repeat(indent) + shape);
  fc.assert(
    fc.property(fc.array(line, { minLength: 1, maxLength: 6 }), fc.boolean(), (lines, newline) => sameReading(lines.join('\n') + (newline ? '\n' : ''))),
    { numRuns: 20_000 },
  );
});

test.run();
