/**
 * A fast YAML emitter for JSON-like values whose output is byte-identical to
 * `toYaml` (js-yaml 5 `dump` with DUMP_OPTIONS: DUMP_SCHEMA, lineWidth -1,
 * noRefs, indent 2, and one scalar rule of ours, quoteDocumentMarkers).
 *
 * js-yaml builds an AST, then tests every scalar against several regular
 * expressions and every implicit resolver to pick its style. Here one pass
 * over the characters classifies a string, and only strings whose first
 * character could start a null, bool, int, float, timestamp or merge key go
 * through DUMP_SCHEMA's own resolvers. Whatever this file does not reproduce
 * (root scalars, empty roots, keys that need an explicit `? ` entry, values
 * that are not JSON-like) goes to js-yaml for the whole document.
 *
 * A large render writes millions of scalars but few distinct ones (the same
 * relabeling keys and values in every scrape job), so short strings are
 * classified once per render (StringMemo, on the EmitCache), and a key is
 * remembered with its whole line start (`\n`, indentation, `key: `) so that
 * an entry costs two appends.
 * Long strings (base64 data, rule files) are classified with native regular
 * expressions rather than the character loop.
 *
 * A mapping's keys are written in the object's order, except where the map
 * recorded the order Go writes it in (key-order.ts): JavaScript lists
 * integer-like keys first. js-yaml, for the documents handed to it whole,
 * knows no such record.
 */
import { DEFAULT_SCALAR_STYLE_RULES, DUMP_SCHEMA, NOT_RESOLVED, SCALAR_STYLE, dump, type ScalarLayout, type ScalarTagDefinition } from 'js-yaml';
import { isIndexKey, keyOrderOf } from './key-order.js';

/**
 * A string that starts with a document marker and a space (`--- x`, `... y`)
 * is quoted. js-yaml's own rules write it plain, which is valid YAML except
 * at the start of a line: as a top-level key (`--- x: 1`) it ends the
 * document and starts another, so input text could add objects to the
 * output stream.
 */
const MARKER_START = /^(?:---|\.\.\.) /;

function quoteDocumentMarkers(layout: ScalarLayout): void {
  if (layout.style !== SCALAR_STYLE.PLAIN || !MARKER_START.test(layout.node.value)) return;
  layout.style = (layout.allowedStylesMask & (1 << SCALAR_STYLE.SINGLE_QUOTED)) !== 0 ? SCALAR_STYLE.SINGLE_QUOTED : SCALAR_STYLE.DOUBLE_QUOTED;
}

/** js-yaml's dump options that toYaml means: its default scalar rules plus quoteDocumentMarkers. */
export const DUMP_OPTIONS = {
  schema: DUMP_SCHEMA,
  lineWidth: -1,
  noRefs: true,
  indent: 2,
  scalarStyleRules: Object.entries(DEFAULT_SCALAR_STYLE_RULES).flatMap(([name, rule]) =>
    name === 'quoteInvalidPlain' ? [quoteDocumentMarkers, rule] : [rule],
  ),
} as const;
const OPTIONS = DUMP_OPTIONS;

/** DUMP_SCHEMA's implicit scalar resolvers, in schema order (null, bool, int, float, timestamp, merge). */
const IMPLICIT: readonly ScalarTagDefinition[] = DUMP_SCHEMA.tags.filter(
  (t): t is ScalarTagDefinition => t.nodeKind === 'scalar' && t.implicit,
);
const STR_TAG = 'tag:yaml.org,2002:str';
const FLOAT_TAG = 'tag:yaml.org,2002:float';
/**
 * js-yaml tries a resolver only on strings whose first character it lists
 * (null when it takes any). Per ASCII code, the resolvers to try, in order.
 */
const CANDIDATES: ReadonlyArray<readonly ScalarTagDefinition[]> = Array.from({ length: 0x80 }, (_, code) =>
  IMPLICIT.filter((t) => t.implicitFirstChars === null || t.implicitFirstChars.includes(String.fromCharCode(code))),
);

/** The resolvers that may take a non-ASCII first character (none in DUMP_SCHEMA). */
const NON_ASCII = IMPLICIT.filter((t) => t.implicitFirstChars === null || t.implicitFirstChars.some((c) => c.charCodeAt(0) >= 0x80));

/** The tag js-yaml reads a non-empty plain scalar as: its own resolvers, in its order. */
function implicitTag(s: string): string {
  const code = s.charCodeAt(0);
  const tags = code < 0x80 ? CANDIDATES[code] : NON_ASCII.filter((t) => t.implicitFirstChars === null || t.implicitFirstChars.includes(s.charAt(0)));
  for (const tag of tags ?? []) if (tag.resolve(s, false, tag.tagName) !== NOT_RESOLVED) return tag.tagName;
  return STR_TAG;
}

/** Thrown (never escapes) to hand the whole document to js-yaml. */
class Delegate extends Error {}

// Flags of one pass over a string.
const INVISIBLE = 1; // \t, U+007F-U+00A0, U+2028/9, U+FEFF/FFFE/FFFF: js-yaml double-quotes these first
const CONTROL = 2; // another C0 control (\r too) or a lone surrogate: no plain, single-quoted or block style
const NEWLINE = 4;
const NOT_PLAIN = 8; // breaks the ns-plain-one-line grammar (only meaningful without the two above)

/** Per ASCII code: 1 for `!`..`~` but `:`, the characters the scan skips. */
const ASCII = (() => {
  const table = new Uint8Array(0x80);
  for (let c = 0x21; c < 0x7f; c++) table[c] = c === 0x3a ? 0 : 1;
  return table;
})();
/**
 * Characters that cannot start a plain scalar (YAML c-indicator); `-`, `?`
 * and `:` can when a non-space follows (`-1`, `?x`, `:x`).
 */
const INDICATORS = new Set('-?:,[]{}#&*!|>\'"%@`'.split('').map((c) => c.charCodeAt(0)));

/**
 * Whether s[i] exists and is not a space or \n. Within the strings that can
 * reach plain style every other character is an ns-char, so this is YAML's
 * "followed by a non-space".
 */
function nsAt(s: string, i: number): boolean {
  const c = s.charCodeAt(i); // NaN past the end
  return c === c && c !== 0x20 && c !== 0x0a;
}

/** NOT_PLAIN when the start of a non-empty string rules out plain style (a document marker too: see MARKER_START). */
function startFlags(s: string): number {
  const c0 = s.charCodeAt(0);
  if (c0 === 0x20 || (INDICATORS.has(c0) && !((c0 === 0x2d || c0 === 0x3f || c0 === 0x3a) && nsAt(s, 1)))) return NOT_PLAIN;
  return (c0 === 0x2d || c0 === 0x2e) && MARKER_START.test(s) ? NOT_PLAIN : 0;
}

function scan(s: string): number {
  const n = s.length;
  if (n === 0) return NOT_PLAIN;
  let flags = startFlags(s);
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80 && ASCII[c] === 1) continue;
    // `: ` or a final `:` would read as a mapping; ` #` as a comment; a final space is lost.
    if (c === 0x3a) {
      if (i > 0 && !nsAt(s, i + 1)) flags |= NOT_PLAIN;
    } else if (c === 0x20) {
      if (i === n - 1 || s.charCodeAt(i + 1) === 0x23) flags |= NOT_PLAIN;
    } else if (c === 0x0a) flags |= NEWLINE;
    else if (c === 0x09 || (c >= 0x7f && c <= 0xa0) || c === 0x2028 || c === 0x2029 || c >= 0xfffe || c === 0xfeff) flags |= INVISIBLE;
    else if (c < 0x20) flags |= CONTROL;
    else if (c >= 0xd800 && c <= 0xdfff) {
      // A high surrogate followed by a low one is one astral character.
      const next = s.charCodeAt(i + 1);
      if (c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) i++;
      else flags |= CONTROL;
    }
  }
  return flags;
}

/** From this length on, a few native regular-expression passes beat the loop of scan. */
const LONG = 48;
/** The characters that set INVISIBLE or CONTROL, and every surrogate (paired ones are left to scan). */
const UNUSUAL = /[\x00-\x09\x0B-\x1F\x7F-\xA0\u2028\u2029\uD800-\uDFFF\uFEFF\uFFFE\uFFFF]/;
/** Within one line, the NOT_PLAIN rules of scan after the first character. */
const PLAIN_BREAK = /: | #|[: ]$/;

/** scan's flags; long strings (base64 data, rule files) without unusual characters skip its loop. */
function classify(s: string): number {
  if (s.length < LONG || UNUSUAL.test(s)) return scan(s);
  // NOT_PLAIN does not matter with a newline: such strings are literal blocks.
  if (s.includes('\n')) return NEWLINE;
  return startFlags(s) | (PLAIN_BREAK.test(s) ? NOT_PLAIN : 0);
}

const ESCAPES: Readonly<Record<string, string>> = {
  '\0': '\\0', '\x07': '\\a', '\b': '\\b', '\t': '\\t', '\n': '\\n', '\v': '\\v', '\f': '\\f', '\r': '\\r',
  '\x1b': '\\e', '"': '\\"', '\\': '\\\\', '\x85': '\\N', '\xa0': '\\_', '\u2028': '\\L', '\u2029': '\\P',
};
/** js-yaml's escape set: with the `u` flag the surrogate range matches lone surrogates only. */
const TO_ESCAPE = /["\\\x00-\x1F\x7F-\xA0\u2028\u2029\uD800-\uDFFF\uFEFF\uFFFE\uFFFF]/gu;

function escape(ch: string): string {
  const named = ESCAPES[ch];
  if (named !== undefined) return named;
  const code = ch.charCodeAt(0);
  const hex = code.toString(16).toUpperCase();
  return code <= 0xff ? `\\x${hex.padStart(2, '0')}` : `\\u${hex.padStart(4, '0')}`;
}

const doubleQuoted = (s: string): string => `"${s.replace(TO_ESCAPE, escape)}"`;

/** Only these can start a string that matches `/^\s+$/` (js-yaml double-quotes whitespace-only strings). */
const isWhiteStart = (c: number): boolean => c <= 0x20 || c >= 0xa0;

/** Invisible or control characters, or only (Unicode) whitespace: js-yaml double-quotes the string. */
const isDouble = (s: string, flags: number): boolean =>
  (flags & (INVISIBLE | CONTROL)) !== 0 || (isWhiteStart(s.charCodeAt(0)) && s.trim() === '');

/**
 * A string written on one line: double-quoted, plain or single-quoted. Never
 * called for a multi-line string that is not double-quoted (a literal block).
 */
function inlineText(s: string, flags: number): string {
  if (isDouble(s, flags)) return doubleQuoted(s);
  // `=` is YAML 1.1's value key; others must not read back as null/bool/number/timestamp/`<<`.
  if (!(flags & NOT_PLAIN) && s !== '=' && implicitTag(s) === STR_TAG) return s;
  return `'${s.replace(/'/g, "''")}'`;
}

/** Precomputed line starts ("\n" + 2·level spaces) for the usual depths. */
const BREAKS: readonly string[] = Array.from({ length: 32 }, (_, level) => `\n${' '.repeat(2 * level)}`);
const lineBreak = (level: number): string => BREAKS[level] ?? `\n${' '.repeat(2 * level)}`;
/** The same followed by a sequence entry's `- `. */
const ITEM_BREAKS: readonly string[] = BREAKS.map((b) => `${b}- `);
const itemBreak = (level: number): string => ITEM_BREAKS[level] ?? `${lineBreak(level)}- `;

/** The `|` block of a multi-line string at `level`: indentation indicator when the first line starts with a space, chomping from the ending. */
/** Whether the text opens with a space after any line breaks (`^\n* `): its block needs an indentation indicator. */
function indentedAfterBreaks(s: string): boolean {
  let i = 0;
  while (s.charCodeAt(i) === 0x0a) i++;
  return s.charCodeAt(i) === 0x20;
}

function literalText(s: string, level: number): string {
  const n = s.length;
  const chomp = s.charCodeAt(n - 1) !== 0x0a ? '-' : s.charCodeAt(n - 2) === 0x0a ? '+' : '';
  const lines = s.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  // split and one append per line: faster than a global replace of the line starts.
  const start = lineBreak(level);
  let body = '';
  for (const line of lines) body += line === '' ? '\n' : start + line;
  return `|${indentedAfterBreaks(s) ? '2' : ''}${chomp}${body}`;
}

/** A non-empty array or an object with a defined value: written as a block collection. */
function isBlockRoot(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  if (Array.isArray(value)) return value.length > 0;
  return Object.values(value).some((v) => v !== undefined);
}

function isPlainObject(value: object): boolean {
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === null || proto === Object.prototype;
}

/** js-yaml's float representation: `.nan`, `.inf`, `-0.0`, and `1.e+21` for an exponent without a dot. */
function floatText(n: number): string {
  if (Number.isNaN(n)) return '.nan';
  if (n === Infinity) return '.inf';
  if (n === -Infinity) return '-.inf';
  if (Object.is(n, -0)) return '-0.0';
  const text = String(n);
  const out = /^[-+]?[0-9]+e/.test(text) ? text.replace('e', '.e') : text;
  // Always true for Number#toString output; js-yaml would quote and tag it otherwise.
  if (implicitTag(out) !== FLOAT_TAG) throw new Delegate();
  return out;
}

function numberText(n: number): string {
  if (Number.isInteger(n) && !Object.is(n, -0)) {
    const text = String(n);
    if (!text.includes('e')) return text; // 1e21 and up are floats to js-yaml
  }
  return floatText(n);
}

/** A mapping key as written (its quoting decided once), with the line starts built from it. */
class KeyText {
  /** `key: ` and `key:` (a block collection follows) for the first key of a sequence entry or of the root. */
  readonly inline: string;
  readonly inlineOpen: string;
  /** Per level, "\n", the indentation and `key: ` (index 2·level) or `key:` (2·level + 1), built on first use. */
  readonly #lines: string[] = [];

  constructor(readonly text: string) {
    this.inline = `${text}: `;
    this.inlineOpen = `${text}:`;
  }

  line(level: number, open: boolean): string {
    const i = 2 * level + (open ? 1 : 0);
    return this.#lines[i] ?? (this.#lines[i] = lineBreak(level) + (open ? this.inlineOpen : this.inline));
  }
}

/** Strings up to this length are remembered: longer ones rarely repeat, and cost more to hash and compare. */
const MAX_MEMO_LENGTH = 64;
/** Entries per table: a table that fills up is emptied, so a render of unique strings does not grow it forever. */
const MAX_MEMO_ENTRIES = 1 << 16;

/**
 * What is known about short strings: how each is written as a scalar (on one
 * line, so the same at every level) and as a key. A pure function of the
 * string, so it may live as long as the EmitCache that holds it.
 */
class StringMemo {
  readonly scalars = new Map<string, string>();
  readonly keys = new Map<string, KeyText>();

  scalar(s: string, text: string): void {
    remember(this.scalars, s, text);
  }

  key(s: string, key: KeyText): void {
    remember(this.keys, s, key);
  }
}

function remember<V>(table: Map<string, V>, s: string, value: V): void {
  if (table.size >= MAX_MEMO_ENTRIES) table.clear();
  table.set(s, value);
}

/**
 * Text already written for list items that several documents share (a
 * scrape job in the configurations of several Prometheus), keyed by the
 * item object and its nesting level. One cache per render; the items must not
 * change after their first serialisation.
 */
export class EmitCache {
  /** Per item, its text at each level it was written at (in practice one). */
  readonly #texts = new WeakMap<object, SharedText>();
  /** The documents of one render share what is known about their strings (internal to this file). */
  readonly memo = new StringMemo();

  get(item: object, level: number): SharedText | undefined {
    let known = this.#texts.get(item);
    while (known !== undefined && known.level !== level) known = known.next;
    return known;
  }

  set(item: object, level: number, text: string, openEnded: boolean): SharedText {
    const known = { level, text, openEnded, next: this.#texts.get(item) };
    this.#texts.set(item, known);
    return known;
  }
}

interface SharedText {
  readonly level: number;
  readonly text: string;
  readonly openEnded: boolean;
  readonly next: SharedText | undefined;
}

/** Only items of the top-level lists (a document's `scrape_configs`, say) go through the cache. */
const MAX_CACHED_LEVEL = 2;
/**
 * The rope is flattened into a chunk from this length: one rope for the whole
 * document keeps the garbage collector busy. Chunks this large go straight to
 * V8's large-object space instead of being copied out of the young generation.
 */
const FLUSH_AT = 0x20000;

class Emitter {
  constructor(
    readonly cache: EmitCache | undefined,
    readonly memo: StringMemo,
    /** Where each flattened chunk goes, in order. */
    readonly write: (chunk: string) => void,
  ) {}

  /** The text since the last flush: a rope of small strings. */
  out = '';
  /** Whether the last scalar written was a `|+` block: js-yaml then ends the document with `...`. */
  openEnded = false;

  /** A string at `level` (≥ 1) as a value in block context. */
  string(s: string, level: number): string {
    const short = s.length <= MAX_MEMO_LENGTH;
    if (short) {
      const known = this.memo.scalars.get(s);
      if (known !== undefined) {
        this.openEnded = false;
        return known;
      }
    }
    const flags = classify(s);
    if (flags & NEWLINE && !isDouble(s, flags)) {
      this.openEnded = s.charCodeAt(s.length - 1) === 0x0a && s.charCodeAt(s.length - 2) === 0x0a;
      return literalText(s, level); // depends on the level: not remembered
    }
    this.openEnded = false;
    const text = inlineText(s, flags);
    if (short) this.memo.scalar(s, text);
    return text;
  }

  /** A mapping key, or a Delegate for one that js-yaml writes as an explicit `? ` entry. */
  key(s: string): KeyText {
    const short = s.length <= MAX_MEMO_LENGTH;
    const known = short ? this.memo.keys.get(s) : undefined;
    if (known !== undefined) return known;
    const flags = classify(s);
    if (flags & NEWLINE) throw new Delegate(); // multi-line keys become `? "…"` entries
    const text = inlineText(s, flags);
    if (text.length > 1024) throw new Delegate(); // may need an explicit `? ` entry
    const key = new KeyText(text);
    if (short) this.memo.key(s, key);
    return key;
  }

  /** A scalar item or value at `level`; undefined is not one (callers drop or replace it). */
  scalar(value: unknown, level: number): string {
    if (typeof value === 'string') return this.string(value, level);
    this.openEnded = false;
    if (typeof value === 'number') return numberText(value);
    if (typeof value === 'boolean') return value ? 'true' : 'false';
    if (value === null) return 'null';
    throw new Delegate(); // functions, symbols, bigints
  }

  /** A list item through the cache: written once, then copied. */
  shared(item: object, level: number, cache: EmitCache): void {
    let known = cache.get(item, level);
    if (!known) {
      const chunks: string[] = [];
      const sub = new Emitter(undefined, this.memo, (chunk) => chunks.push(chunk));
      sub.collection(item, level, true, false);
      sub.flush();
      known = cache.set(item, level, chunks.join(''), sub.openEnded);
    }
    this.flush();
    this.write(known.text);
    this.openEnded = known.openEnded;
  }

  flush(): void {
    this.out.charCodeAt(0); // flattens the rope
    this.write(this.out);
    this.out = '';
  }

  /**
   * Writes an object or array at `level`. `compact` when it starts on its
   * parent's line (after `- ` or at the root). `inMap` when it is a mapping
   * value, written after `key:`: an empty one then takes a space (`key: []`).
   */
  collection(value: object, level: number, compact: boolean, inMap: boolean): void {
    if (Array.isArray(value)) {
      if (value.length > 0) return this.sequence(value, level, compact);
      this.openEnded = false;
      this.out += inMap ? ' []' : '[]';
    } else if (isPlainObject(value)) {
      if (this.mapping(value as Record<string, unknown>, level, compact)) return;
      this.openEnded = false;
      this.out += inMap ? ' {}' : '{}';
    } else throw new Delegate(); // Date, Map, Set, Uint8Array, boxed primitives, class instances
  }

  sequence(items: readonly unknown[], level: number, compact: boolean): void {
    const cache = level + 1 <= MAX_CACHED_LEVEL ? this.cache : undefined;
    for (let i = 0; i < items.length; i++) {
      if (this.out.length > FLUSH_AT) this.flush();
      const item: unknown = items[i];
      this.out += compact && i === 0 ? '- ' : itemBreak(level);
      if (typeof item === 'object' && item !== null) {
        if (cache !== undefined) this.shared(item, level + 1, cache);
        else this.collection(item, level + 1, true, false);
      } else this.out += this.scalar(item === undefined ? null : item, level + 1); // holes and undefined items are null
    }
  }

  /** Writes the entries of a mapping; false when it has none (every value undefined). */
  mapping(map: Record<string, unknown>, level: number, compact: boolean): boolean {
    let first = true;
    let checked = false;
    // for…in, unlike Object.keys, reads each value without a lookup by name; emitYaml checks that nothing is inherited.
    for (const name in map) {
      // Integer-like keys come first in JavaScript: a map that holds one may have recorded the order Go writes it in.
      if (!checked) {
        checked = true;
        const order = isIndexKey(name) ? keyOrderOf(map) : undefined;
        if (order) return this.orderedMapping(map, order, level, compact);
      }
      if (this.entry(name, map[name], level, compact && first)) first = false;
    }
    return !first;
  }

  /** The entries of a mapping in a recorded order (key-order.ts); keys added after it was recorded follow. */
  orderedMapping(map: Record<string, unknown>, order: readonly string[], level: number, compact: boolean): boolean {
    let first = true;
    const listed = new Set(order);
    for (const name of [...order.filter((k) => Object.hasOwn(map, k)), ...Object.keys(map).filter((k) => !listed.has(k))]) {
      if (this.entry(name, map[name], level, compact && first)) first = false;
    }
    return !first;
  }

  /** One `key: value` entry; false when the value is undefined (js-yaml drops the pair). `inline` for the first entry of a compact mapping. */
  entry(name: string, item: unknown, level: number, inline: boolean): boolean {
    if (item === undefined) return false;
    if (this.out.length > FLUSH_AT) this.flush();
    const key = this.key(name);
    if (typeof item === 'object' && item !== null) {
      this.out += inline ? key.inlineOpen : key.line(level, true);
      this.collection(item, level + 1, false, true);
    } else {
      this.out += inline ? key.inline : key.line(level, false);
      this.out += this.scalar(item, level + 1);
    }
    return true;
  }
}

/** Whether Object.prototype has an enumerable property (someone added one): for…in would list it, js-yaml does not. */
function prototypeHasEnumerable(): boolean {
  for (const _ in Object.prototype) return true;
  return false;
}

/**
 * Serialises one document exactly as `toYaml` does (see src/core/yaml.ts),
 * for plain objects, arrays, strings, numbers, booleans and null.
 */
export function emitYaml(value: unknown, cache?: EmitCache): string {
  let chunks: string[] = [];
  emitYamlTo(value, cache, {
    write: (chunk) => chunks.push(chunk),
    restart: () => {
      chunks = [];
    },
  });
  return chunks.join('');
}

/** Where emitYamlTo writes: the pieces in order, and a restart that drops all written so far. */
export interface YamlSink {
  write(chunk: string): void;
  restart(): void;
}

/**
 * emitYaml's text written piece by piece to a sink, so that nothing holds
 * all of it. Where the fast emitter gives the document to js-yaml part way
 * (see Delegate), the sink is restarted and given js-yaml's whole text.
 */
export function emitYamlTo(value: unknown, cache: EmitCache | undefined, sink: YamlSink): void {
  // Scalars and empty roots: nothing to gain. A polluted Object.prototype: see Emitter.mapping.
  if (!isBlockRoot(value) || prototypeHasEnumerable()) {
    sink.write(dump(value, OPTIONS));
    return;
  }
  const emitter = new Emitter(cache, cache?.memo ?? new StringMemo(), (chunk) => sink.write(chunk));
  try {
    emitter.collection(value as object, 0, true, false);
  } catch {
    // A Delegate, or anything unexpected (a getter throwing, a cycle): js-yaml decides, or throws its own error.
    sink.restart();
    sink.write(dump(value, OPTIONS));
    return;
  }
  sink.write(emitter.out);
  sink.write(emitter.openEnded ? '\n...\n' : '\n');
}
