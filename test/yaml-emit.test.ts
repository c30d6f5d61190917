/**
 * emitYaml (src/core/yaml-emit.ts) must write exactly what js-yaml's dump
 * writes with toYaml's options: table tests for the quoting rules, fast-check
 * properties over adversarial values (25,000 cases), and the real
 * kube-prometheus render, object by object and its decoded prometheus.yaml.
 */
import fc from 'fast-check';
import { dump } from 'js-yaml';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { generatePackage, SIZES } from '../bench/generate.js';
import { DUMP_OPTIONS, EmitCache, emitYaml } from '../src/core/yaml-emit.js';
import { gunzipText, gzipText } from '../src/core/gzip.js';
import { sha256Hex } from '../src/core/hash.js';
import { parseYamlStream, toYamlGzip } from '../src/core/yaml.js';
import { loadOptions } from '../src/options/options.js';
import { render } from '../src/render/render.js';
import { find, secretText } from './support/harness.js';
import { kubePrometheus, kubePrometheusTest } from './support/stacks.js';

const jsYaml = (value: unknown) => dump(value, DUMP_OPTIONS);

/** Asserts the exact text, and that js-yaml agrees with it. */
function same(value: unknown, expected: string) {
  assert.is(jsYaml(value), expected, 'js-yaml itself');
  assert.is(emitYaml(value), expected);
}

// Table tests: each case as a map value, a sequence item and a key.

const STRINGS: ReadonlyArray<readonly [string, string]> = [
  ['plain', 'plain'],
  ['', "''"],
  ['yes', "'yes'"],
  ['On', "'On'"],
  ['n', "'n'"],
  ['y', "'y'"],
  ['True', "'True'"],
  ['~', "'~'"],
  ['null', "'null'"],
  ['NULL', "'NULL'"],
  ['0x1F', "'0x1F'"],
  ['0755', "'0755'"],
  ['0o17', "'0o17'"],
  ['0b101', "'0b101'"],
  ['1_000', "'1_000'"],
  ['1e3', "'1e3'"],
  ['1.5', "'1.5'"],
  ['-12', "'-12'"],
  ['+12', "'+12'"],
  ['190:20:30', "'190:20:30'"],
  ['.inf', "'.inf'"],
  ['-.Inf', "'-.Inf'"],
  ['.NaN', "'.NaN'"],
  ['2001-12-14', "'2001-12-14'"],
  ['2001-12-14t21:59:43.10-05:00', "'2001-12-14t21:59:43.10-05:00'"],
  ['2001-13-45', '2001-13-45'], // not a date: plain
  ['9'.repeat(400), '9'.repeat(400)], // an int that overflows to Infinity is not resolved: plain
  ['<<', "'<<'"],
  ['=', "'='"],
  [':', "':'"],
  ['-', "'-'"],
  ['?', "'?'"],
  ['- a', "'- a'"],
  ['-a', '-a'],
  ['? a', "'? a'"],
  ['?a', '?a'],
  [':a', ':a'],
  ['::', "'::'"],
  ['a:', "'a:'"],
  ['a: b', "'a: b'"],
  ['a:b', 'a:b'],
  ['http://x:9090/a', 'http://x:9090/a'],
  ['a #b', "'a #b'"],
  ['a#b', 'a#b'],
  ['#a', "'#a'"],
  ['*a', "'*a'"],
  ['&a', "'&a'"],
  ['!a', "'!a'"],
  ['|', "'|'"],
  ['>', "'>'"],
  ["'a'", "'''a'''"],
  ['"a"', `'"a"'`],
  ["it's", "it's"],
  ['%a', "'%a'"],
  ['@a', "'@a'"],
  ['`a', "'`a'"],
  ['[a]', "'[a]'"],
  ['{a}', "'{a}'"],
  [',a', "',a'"],
  ['a,[b]{c}', 'a,[b]{c}'],
  ['$1', '$1'],
  ['(.+)', '(.+)'],
  ['---', '---'], // only a root scalar must not look like a document marker
  ['...', '...'],
  ['--- a', "'--- a'"], // as a top-level key, plain, it would start a new document
  ['... a', "'... a'"],
  ['---a', '---a'],
  [' a', "' a'"],
  ['a ', "'a '"],
  [' ', '" "'],
  ['\u3000', '"\u3000"'], // whitespace-only (Unicode too): double quotes
  ['a\u3000', 'a\u3000'],
  ['a\tb', '"a\\tb"'],
  ['a\x85b', '"a\\Nb"'],
  ['a\xa0b', '"a\\_b"'],
  ['\u2028', '"\\L"'],
  ['\ufeffa', '"\\uFEFFa"'],
  ['a\x7f', '"a\\x7F"'],
  ['a\rb', '"a\\rb"'],
  ['\x00\x07\x1b', '"\\0\\a\\e"'],
  ['\ud800', '"\\uD800"'],
  ['a\\b"', 'a\\b"'],
  ['日本語 🚀', '日本語 🚀'],
  ['é', 'é'],
];

test('strings: the quote style js-yaml picks, as a map value and a sequence item', () => {
  for (const [s, text] of STRINGS) {
    same({ k: s }, `k: ${text}\n`);
    same([s], `- ${text}\n`);
    same({ a: { b: [s] } }, `a:\n  b:\n    - ${text}\n`);
  }
});

test('strings as keys are quoted the same way', () => {
  for (const [s, text] of STRINGS) same({ [s]: 1 }, `${text}: 1\n`);
});

test('multi-line strings: literal blocks, chomping, indentation indicators', () => {
  same({ k: 'a\nb' }, 'k: |-\n  a\n  b\n');
  same({ k: 'a\nb\n' }, 'k: |\n  a\n  b\n');
  same({ k: 'a\n\nb\n\n', z: 1 }, 'k: |+\n  a\n\n  b\n\nz: 1\n');
  same({ k: ' a\nb' }, 'k: |2-\n   a\n  b\n');
  same({ k: '\n a' }, 'k: |2-\n\n   a\n');
  same({ k: '\na' }, 'k: |-\n\n  a\n');
  same({ a: [{ b: 'x\n  y\n' }] }, 'a:\n  - b: |\n      x\n        y\n');
  same(['a #b\nc: d'], '- |-\n  a #b\n  c: d\n');
  // A keep-chomped block last in the document: js-yaml closes it with `...`.
  same({ k: 'a\n\n' }, 'k: |+\n  a\n\n...\n');
  same(['x', ['a\n\n']], '- x\n- - |+\n    a\n\n...\n');
  // No block style with a tab, \r or whitespace only: double quotes.
  same({ k: 'a\tb\nc' }, 'k: "a\\tb\\nc"\n');
  same({ k: 'a\r\nb' }, 'k: "a\\r\\nb"\n');
  same({ k: '\n' }, 'k: "\\n"\n');
  same({ k: ' \n ' }, 'k: " \\n "\n');
});

test('numbers, booleans, null and undefined', () => {
  same(
    [0, -1, 42, 2 ** 53, 1e21, 123456789012345678901, -0, 0.5, -1.25, 1e-7, 1.5e-7, 5e-324, 1.7976931348623157e308, NaN, Infinity, -Infinity],
    [
      '- 0', '- -1', '- 42', '- 9007199254740992', '- 1.e+21', '- 123456789012345680000', '- -0.0', '- 0.5', '- -1.25',
      '- 1.e-7', '- 1.5e-7', '- 5.e-324', '- 1.7976931348623157e+308', '- .nan', '- .inf', '- -.inf', '',
    ].join('\n'),
  );
  same({ t: true, f: false, n: null, u: undefined }, "t: true\nf: false\n'n': null\n");
  same([undefined, null], '- null\n- null\n');
  same([1, , 2], '- 1\n- null\n- 2\n');
  same({ a: { b: undefined } }, 'a: {}\n');
});

test('collections: empty ones inline, sequences in mappings and in sequences', () => {
  same({ a: [], b: {}, c: [[]], d: [{}] }, 'a: []\nb: {}\nc:\n  - []\nd:\n  - {}\n');
  same({ a: ['x', 'y'] }, "a:\n  - x\n  - 'y'\n");
  same({ a: { b: { c: 1 } } }, 'a:\n  b:\n    c: 1\n');
  same([[1, [2, 3]], [[]]], '- - 1\n  - - 2\n    - 3\n- - []\n');
  same([{ a: 1, b: [{ c: 2, d: 3 }] }], '- a: 1\n  b:\n    - c: 2\n      d: 3\n');
  same(Object.assign(Object.create(null) as object, { a: 1 }), 'a: 1\n');
});

test('roots and shapes handed to js-yaml', () => {
  same('---', "'---'\n");
  same('a', 'a\n');
  same({}, '{}\n');
  same([], '[]\n');
  same(undefined, '');
  same({ 'a\nb': 1 }, '? "a\\nb"\n: 1\n');
  same({ ['k'.repeat(1100)]: 1 }, `? ${'k'.repeat(1100)}\n: 1\n`);
  same({ d: new Date(0) }, 'd: 1970-01-01T00:00:00.000Z\n');
  assert.throws(() => emitYaml({ f: () => 1 }));
});

// The emitter's shortcuts: what is remembered per render (quoting per
// string, line starts per key and level, shared list items), the regular
// expressions that classify long strings, and for…in over mappings.

/** One value in every position: root key, nested key, map value, list item, at several indents. */
const everywhere = (s: string): unknown => ({
  [s]: s,
  a: { [s]: [s, { [s]: s }, [s, [s]]], b: { c: { d: { [s]: [s] } } } },
  list: [s, { [s]: s, k: s }, [[s]]],
});

test('a remembered string: the same text as key, value and item, at every indent', () => {
  for (const [s] of STRINGS) {
    if (s.includes('\n')) continue;
    // Twice in one document (the second time from the memo), then through a shared EmitCache.
    agrees([everywhere(s), everywhere(s)]);
    const cache = new EmitCache();
    for (let i = 0; i < 3; i++) assert.is(emitYaml(everywhere(s), cache), jsYaml(everywhere(s)));
  }
});

test('strings that need quoting next to lookalikes that do not', () => {
  const pairs = [
    ['keep', 'keep:', 'keep: x', 'keep #x', 'keep#x', 'keep ', ' keep'],
    ['n', 'no', 'No', 'na', 'nul', 'null', 'nulls', 'Node', 'Node;(.*)', 'node'],
    ['y', 'yes', 'yess', 'yes!', 'true', 'truex', 'off', 'offset'],
    ['1', '1a', '1.', '1.5', '1.5.6', '0x', '0x1', '0xg', '1:2', '1:2:3', '30s', '2001-12-14', '2001-12-14x'],
    ['$1', '${1}', '$(SHARD)', '$(SHARD);|.+;.+', '(.+);', '0|1', '(Failed|Succeeded)', '=', '==', '<<', '<<<'],
    ['-', '-a', '- a', '-1', '--', '---', '?', '?a', '? a', ':', ':a', ': a', 'a:b', 'a:', '::'],
  ];
  for (const group of pairs) {
    const doc = { ...Object.fromEntries(group.map((s) => [s, s])), items: group, nested: group.map((s) => ({ [s]: [s] })) };
    same(doc, jsYaml(doc));
    same([...group].reverse(), jsYaml([...group].reverse()));
  }
});

test('the same key at every level, deeper than the precomputed line starts', () => {
  let doc: unknown = { key: 'v', 'key two': ['v'], "it's": 1 };
  // One reference to the level below: the text grows linearly.
  for (let i = 0; i < 40; i++) doc = i % 2 ? { key: doc, "it's": i, list: [{ key: 'x', "it's": [i] }] } : { 'key two': [doc], key: i };
  agrees(doc);
});

test('long strings (classified with regular expressions): every quoting rule', () => {
  const pad = 'x'.repeat(60);
  const cases = [
    pad, `${pad}: y`, `${pad}:y`, `${pad}:`, `${pad} #y`, `${pad}#y`, `${pad} `, ` ${pad}`, `-${pad}`, `- ${pad}`, `:${pad}`, `: ${pad}`,
    `#${pad}`, `?${pad}`, `'${pad}'`, `"${pad}"`, `${pad}\t`, `${pad}\r`, `${pad}\x85`, `${pad}\xa0`, `${pad}\u2028`, `${pad}\ufeff`,
    `${pad}\x7f`, `${pad}\x00`, `${pad}\ud83d\ude80`, `${pad}\ud83d`, `\ude80${pad}`, `${pad}é日本`, `${pad}\u3000`, '\u3000'.repeat(60),
    ' '.repeat(60), `${' '.repeat(60)}\n`, `1${'0'.repeat(60)}`, `0x${'f'.repeat(60)}`, `${'9'.repeat(60)}.5`, `yes${pad}`,
    `${pad}\n${pad}`, `${pad}\n${pad}\n`, `${pad}\n\n`, ` ${pad}\n${pad}`, `\n\n ${pad}`, `${pad}\n\t${pad}`, `${pad}\r\n${pad}`,
    `${pad}: y\nz #w\n`, `${pad}\n\u2028`, 'A'.repeat(47), `${'A'.repeat(47)}:`, `${'A'.repeat(48)}:`, `${'A'.repeat(47)} `,
  ];
  for (const s of cases) {
    same({ k: s }, jsYaml({ k: s }));
    same([s, [s]], jsYaml([s, [s]]));
    if (!s.includes('\n')) same({ [s]: s }, jsYaml({ [s]: s }));
  }
});

test('repeated multi-line strings at different indents, in one document and across documents', () => {
  const blocks = ['a\nb', 'a\nb\n', 'a\n\nb\n\n', ' a\nb', '\n a', 'x: y\n  - z\n', `${'rule '.repeat(20)}\n${'expr '.repeat(20)}\n`];
  for (const b of blocks) {
    const doc = { a: b, b: [b, { c: b, d: [[b]] }], e: { f: { g: b } }, h: b };
    agrees(doc);
    const cache = new EmitCache();
    for (const d of [doc, [doc], { x: [doc] }, doc]) assert.is(emitYaml(d, cache), jsYaml(d));
  }
  // The `|+` ending of a block that was remembered elsewhere still closes the document.
  agrees({ a: 'x\n\n', b: ['x\n\n'], c: 'x\n\n' });
  agrees([{ a: 'x\n\n' }, 'x\n\n']);
});

test('more distinct strings than the memo holds: it is emptied, the text stays the same', () => {
  const values = Array.from({ length: 70_000 }, (_, i) => (i % 3 === 0 ? `v${i}` : i % 3 === 1 ? `${i}` : `n${i}: x`));
  const doc = { values, again: values.slice(0, 5_000), keys: Object.fromEntries(values.slice(0, 70_000).map((v) => [v, v])) };
  agrees(doc);
});

test('shared list items at several levels, and one item under two levels in one cache', () => {
  const job = { job_name: 'a', relabel: [{ action: 'keep', regex: 'yes' }, { source_labels: ['n', '__meta'] }], text: 'x\n\n' };
  const cache = new EmitCache();
  const docs = [{ scrape_configs: [job, job] }, [job, [job]], { scrape_configs: [job], other: [[job]] }, [[job], job]];
  for (const doc of [...docs, ...docs]) assert.is(emitYaml(doc, cache), jsYaml(doc));
});

test('an enumerable property on Object.prototype: js-yaml (Object.keys) ignores it, so does the emitter', () => {
  const proto = Object.prototype as Record<string, unknown>;
  proto.polluted = 'x';
  try {
    same({ a: 1, b: { c: [{ d: 2 }] } }, 'a: 1\nb:\n  c:\n    - d: 2\n');
  } finally {
    delete proto.polluted;
  }
});

test('property: documents built from a pool of strings, emitted with one shared cache (1,500 runs)', () => {
  const pooled = fc.array(anyString, { minLength: 1, maxLength: 8 }).chain((pool) => {
    const s = fc.constantFrom(...pool);
    const { doc } = fc.letrec((tie) => ({
      doc: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        { weight: 3, arbitrary: s },
        fc.array(tie('doc'), { maxLength: 4 }),
        fc.dictionary(s, tie('doc'), { maxKeys: 4 }),
      ),
    }));
    return fc.array(doc, { minLength: 1, maxLength: 4 });
  });
  fc.assert(
    fc.property(pooled, (docs) => {
      const cache = new EmitCache();
      for (const d of docs) {
        const wrapped = { items: [d, d], d };
        assert.is(emitYaml(wrapped, cache), jsYaml(wrapped));
      }
    }),
    { numRuns: 1_500 },
  );
});

// Properties: adversarial strings in every position.

const TRICKY = [
  '', ' ', '  ', 'yes', 'No', 'On', 'off', 'y', 'N', 'true', 'False', 'null', 'Null', '~', '0x1F', '0755', '0o7', '0b101', '1e3', '1E+3',
  '1_000', '1:20', '1:20.5', '.inf', '-.INF', '.nan', '.5', '5.', '-0', '+1', '2001-12-14', '2001-12-14 21:59:43.10 -5', '<<', '=',
  ':', '-', '?', '- ', '? ', ': ', '#', ' #', '*', '&', '!', '|', '>', "'", '"', '%', '@', '`', ',', '[', ']', '{', '}', '---', '...',
  '\t', '\n', '\r', '\x85', '\xa0', '\u2028', '\ufeff', '\uffff', '\u3000', '\ud83d', '\ude80', '🚀', '\\', 'a', 'key', '9'.repeat(330),
];
const GLUE = ['', ' ', '  ', '\n', '\n\n', ' \n', '\n ', '\t', ':', '#', '-'];
const trickyString = fc.oneof(
  fc.constantFrom(...TRICKY),
  fc.tuple(fc.constantFrom(...TRICKY), fc.constantFrom(...GLUE), fc.constantFrom(...TRICKY)).map(([a, g, b]) => a + g + b),
  fc.array(fc.constantFrom(...TRICKY, ...GLUE), { maxLength: 6 }).map((parts) => parts.join('')),
);
const anyString = fc.oneof(
  { weight: 3, arbitrary: trickyString },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 12 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 12 }) },
  { weight: 2, arbitrary: fc.string({ unit: fc.constantFrom(...'a0 :#-?\n\t\'"|>[]{},&*!%@`.~=<\r\x85\u3000\ud800\udc00'), maxLength: 10 }) },
);
const scalar = fc.oneof(
  { weight: 6, arbitrary: anyString },
  fc.double(),
  fc.integer(),
  fc.constantFrom(null, true, false, 1e21, -0, 2 ** 64, Number.MAX_SAFE_INTEGER),
);

const { json } = fc.letrec((tie) => ({
  json: fc.oneof(
    { depthSize: 'medium', withCrossShrink: true },
    { weight: 3, arbitrary: scalar },
    fc.array(fc.oneof({ weight: 6, arbitrary: tie('json') }, fc.constant(undefined)), { maxLength: 5 }),
    fc.dictionary(anyString, fc.oneof({ weight: 6, arbitrary: tie('json') }, fc.constant(undefined)), { maxKeys: 5 }),
  ),
}));

/** A value wrapped in `depth` alternating mappings and sequences, some of them with siblings. */
const deep = fc
  .tuple(fc.array(fc.tuple(fc.boolean(), fc.boolean(), anyString), { minLength: 10, maxLength: 60 }), json)
  .map(([wraps, leaf]) => wraps.reduce<unknown>((v, [asMap, sibling, s]) => (asMap ? { [s]: v, ...(sibling ? { z: s } : {}) } : sibling ? [s, v] : [v]), leaf));

const agrees = (value: unknown) => {
  assert.is(emitYaml(value), jsYaml(value));
};

test('property: arbitrary JSON-like values (15,000 runs)', () => {
  fc.assert(fc.property(json, agrees), { numRuns: 15_000 });
});

test('property: adversarial strings as root keys, values and items at several depths (6,000 runs)', () => {
  fc.assert(
    fc.property(anyString, anyString, (a, b) => {
      agrees({ [a]: b, x: [b, { [b]: a }], y: { z: [[a]] } });
      agrees([a, [b], { [a]: [b] }]);
    }),
    { numRuns: 6_000 },
  );
});

test('property: deep nesting and empty containers (4,000 runs)', () => {
  fc.assert(fc.property(deep, agrees), { numRuns: 4_000 });
});

test('property: with a shared cache, list items reused across documents and levels are written as without it (3,000 runs)', () => {
  fc.assert(
    fc.property(fc.array(json, { minLength: 1, maxLength: 4 }), (items) => {
      const cache = new EmitCache();
      // The same item objects at level 1 and 2 (the cached levels) and deeper, in three documents.
      const docs = [items, { jobs: items, other: [items] }, { a: { b: items }, jobs: [...items].reverse() }];
      for (const doc of [...docs, ...docs]) assert.is(emitYaml(doc, cache), jsYaml(doc));
    }),
    { numRuns: 3_000 },
  );
});

// The generated configuration is written gzip-compressed, piece by piece (toYamlGzip).

/** Asserts that toYamlGzip gives gzipText's exact bytes of the emitted text, and its SHA-256. */
const gzipAgrees = (value: unknown, cache?: EmitCache) => {
  const text = jsYaml(value);
  const { gzip, sha256 } = toYamlGzip(value, cache, { sha256: true });
  assert.ok(gzip.equals(gzipText(text)), 'the same bytes as gzip of the whole text');
  assert.is(gunzipText(gzip), text);
  assert.is(sha256, sha256Hex(text));
};

test('gzip piece by piece: the bytes of gzip over the whole text, for arbitrary values (2,000 runs)', () => {
  fc.assert(fc.property(json, (value) => gzipAgrees(value)), { numRuns: 2_000 });
});

test('gzip piece by piece: a document of several MiB, with characters of 2, 3 and 4 UTF-8 bytes across every piece boundary', () => {
  const words = ['ascii', 'é', 'ß→', '€uro', '😀', 'x😀y', '\u{10ffff}'];
  const jobs = Array.from({ length: 30_000 }, (_, i) => ({ job_name: `job-${i}-${words[i % words.length]}`, labels: { [words[(i + 3) % words.length] as string]: words[i % words.length]?.repeat(1 + (i % 40)) } }));
  const doc = { scrape_configs: jobs };
  assert.ok(Buffer.byteLength(jsYaml(doc)) > 3 * 1024 * 1024, 'larger than several encoding pieces');
  gzipAgrees(doc, new EmitCache());
});

test('gzip piece by piece: a document the fast emitter hands to js-yaml after writing pieces restarts the gzip', () => {
  // Over a MiB of ordinary text first, then a multi-line key, which only js-yaml writes (as a `? ` entry).
  const doc = { a: Array.from({ length: 20_000 }, (_, i) => ({ name: `item-${i}`, value: 'v'.repeat(50) })), z: { 'two\nlines': 1 } };
  gzipAgrees(doc);
});

// Real documents.

test('a synthetic package (bench size M) as one ResourceList', () => {
  const items = generatePackage(SIZES.M);
  agrees({ apiVersion: 'config.kubernetes.io/v1', kind: 'ResourceList', items });
});

kubePrometheusTest(test)('kube-prometheus: every output object, the ResourceList and the decoded prometheus.yaml', () => {
  const loaded = loadOptions({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'options' }, data: {} });
  if (!loaded.options) throw new Error(loaded.problems.map((p) => p.message).join('; '));
  const out = render(kubePrometheus(), loaded.options);
  assert.ok(out.items.length > 100);
  for (const obj of out.items) agrees(obj);
  agrees({ apiVersion: 'config.kubernetes.io/v1', kind: 'ResourceList', items: out.items, results: out.results });
  const text = secretText(find(out.items, 'Secret', 'monitoring', 'prometheus-k8s'), 'prometheus.yaml.gz');
  const config = parseYamlStream(text)[0] as { scrape_configs: unknown[] };
  assert.ok(config.scrape_configs.length > 10);
  agrees(config);
});

test.run();
