/**
 * A fast YAML emitter for JSON-like values whose output is byte-identical to
 * `toYaml` (js-yaml 5 `dump` with DUMP_SCHEMA, lineWidth -1, noRefs, indent 2).
 *
 * js-yaml builds an AST, then tests every scalar against several regular
 * expressions and every implicit resolver to pick its style. Here one pass
 * over the characters classifies a string, and only strings whose first
 * character could start a null, bool, int, float, timestamp or merge key go
 * through DUMP_SCHEMA's own resolvers. Whatever this file does not reproduce
 * (root scalars, empty roots, keys that need an explicit `? ` entry, values
 * that are not JSON-like) goes to js-yaml for the whole document.
 */
import { DUMP_SCHEMA, NOT_RESOLVED, dump, type ScalarTagDefinition } from 'js-yaml';

const OPTIONS = { schema: DUMP_SCHEMA, lineWidth: -1, noRefs: true, indent: 2 } as const;

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

function scan(s: string): number {
  const n = s.length;
  if (n === 0) return NOT_PLAIN;
  const c0 = s.charCodeAt(0);
  let flags = c0 === 0x20 || (INDICATORS.has(c0) && !((c0 === 0x2d || c0 === 0x3f || c0 === 0x3a) && nsAt(s, 1))) ? NOT_PLAIN : 0;
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

/** Precomputed line starts ("\n" + 2·level spaces) for the usual depths. */
const BREAKS: readonly string[] = Array.from({ length: 32 }, (_, level) => `\n${' '.repeat(2 * level)}`);
const lineBreak = (level: number): string => BREAKS[level] ?? `\n${' '.repeat(2 * level)}`;

/** A non-empty array or an object with a defined value: written as a block collection. */
function isBlockRoot(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  if (Array.isArray(value)) return value.length > 0;
  return Object.values(value).some((v) => v !== undefined);
}

/** Only these can start a string that matches `/^\s+$/` (js-yaml double-quotes whitespace-only strings). */
const isWhiteStart = (c: number): boolean => c <= 0x20 || c >= 0xa0;

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

/**
 * Text already written for list items that several documents share (a
 * scrape job in the configurations of several Prometheus), keyed by the
 * item object and its nesting level. One cache per render; the items must not
 * change after their first serialisation.
 */
export class EmitCache {
  readonly #texts = new WeakMap<object, Map<number, { readonly text: string; readonly openEnded: boolean }>>();

  get(item: object, level: number): { readonly text: string; readonly openEnded: boolean } | undefined {
    return this.#texts.get(item)?.get(level);
  }

  set(item: object, level: number, text: string, openEnded: boolean): void {
    let byLevel = this.#texts.get(item);
    if (!byLevel) {
      byLevel = new Map();
      this.#texts.set(item, byLevel);
    }
    byLevel.set(level, { text, openEnded });
  }
}

/** Only items of the top-level lists (a document's `scrape_configs`, say) go through the cache. */
const MAX_CACHED_LEVEL = 2;

class Emitter {
  constructor(
    readonly cache: EmitCache | undefined,
    /** Short single-line strings as written: the same keys and values repeat thousands of times. */
    readonly texts = new Map<string, string>(),
  ) {}

  /** The text since the last flush: a rope of small strings. */
  out = '';
  /** Flattened chunks: one rope for the whole document keeps the garbage collector busy. */
  readonly chunks: string[] = [];
  /** Whether the last scalar written was a `|+` block: js-yaml then ends the document with `...`. */
  openEnded = false;

  /** A string at `level` (≥ 1), as a mapping key or as a value in block context. */
  string(s: string, level: number, isKey: boolean): string {
    this.openEnded = false;
    const short = s.length <= 64;
    const known = short ? this.texts.get(s) : undefined;
    if (known !== undefined) return known;
    const flags = scan(s);
    // Invisible or control characters, or only (Unicode) whitespace: double quotes.
    const double = (flags & (INVISIBLE | CONTROL)) !== 0 || (isWhiteStart(s.charCodeAt(0)) && /^\s+$/.test(s));
    if (flags & NEWLINE) {
      if (isKey) throw new Delegate(); // multi-line keys become `? "…"` entries
      return double ? doubleQuoted(s) : this.literal(s, level);
    }
    // Single-line text does not depend on the level, nor on being a key.
    let text: string;
    if (double) text = doubleQuoted(s);
    // `=` is YAML 1.1's value key; others must not read back as null/bool/number/timestamp/`<<`.
    else if (!(flags & NOT_PLAIN) && s !== '=' && implicitTag(s) === STR_TAG) text = s;
    else text = `'${s.replace(/'/g, "''")}'`;
    if (short) this.texts.set(s, text);
    return text;
  }

  /** A `|` block: indentation indicator when the first line starts with a space, chomping from the ending. */
  literal(s: string, level: number): string {
    const n = s.length;
    const keep = s.charCodeAt(n - 1) === 0x0a && s.charCodeAt(n - 2) === 0x0a;
    const chomp = s.charCodeAt(n - 1) !== 0x0a ? '-' : keep ? '+' : '';
    this.openEnded = keep;
    const lines = s.split('\n');
    if (lines[lines.length - 1] === '') lines.pop();
    const pad = ' '.repeat(2 * level);
    let body = '';
    for (const line of lines) body += line === '' ? '\n' : `\n${pad}${line}`;
    return `|${/^\n* /.test(s) ? '2' : ''}${chomp}${body}`;
  }

  /** A list item through the cache: written once, then copied. */
  shared(item: object, level: number): void {
    let known = this.cache?.get(item, level);
    if (!known) {
      const sub = new Emitter(undefined, this.texts);
      sub.node(item, level, true, false);
      sub.flush();
      known = { text: sub.chunks.join(''), openEnded: sub.openEnded };
      this.cache?.set(item, level, known.text, known.openEnded);
    }
    this.flush();
    this.chunks.push(known.text);
    this.openEnded = known.openEnded;
  }

  flush(): void {
    this.out.charCodeAt(0); // flattens the rope
    this.chunks.push(this.out);
    this.out = '';
  }

  /**
   * Writes a node at `level`. `compact` when it starts on its parent's line
   * (after `- ` or at the root). `inMap` when it is a mapping value: a block
   * collection then starts on the next line (`key:` then `\n  - a`), anything
   * else after `: `.
   */
  node(value: unknown, level: number, compact: boolean, inMap: boolean): void {
    const sep = inMap ? ': ' : '';
    switch (typeof value) {
      case 'string':
        this.out += sep + this.string(value, level, false);
        return;
      case 'number':
        this.openEnded = false;
        this.out += sep + (Number.isInteger(value) && !Object.is(value, -0) && !String(value).includes('e') ? String(value) : floatText(value));
        return;
      case 'boolean':
        this.openEnded = false;
        this.out += value ? `${sep}true` : `${sep}false`;
        return;
      case 'object':
        break;
      default:
        throw new Delegate(); // functions, symbols, bigints
    }
    this.openEnded = false;
    if (value === null) this.out += `${sep}null`;
    else if (Array.isArray(value)) {
      if (value.length === 0) this.out += `${sep}[]`;
      else if (inMap) this.out += ':';
      for (let i = 0; i < value.length; i++) {
        if (!compact || i > 0) this.out += lineBreak(level);
        if (this.out.length > 0x4000) this.flush();
        this.out += '- ';
        const item: unknown = value[i];
        if (this.cache && item !== null && typeof item === 'object' && level + 1 <= MAX_CACHED_LEVEL) this.shared(item, level + 1);
        else this.node(item === undefined ? null : item, level + 1, true, false); // holes and undefined items are null
      }
    } else if (isPlainObject(value)) {
      const map = value as Record<string, unknown>;
      let first = true;
      for (const key of Object.keys(map)) {
        const item = map[key];
        if (item === undefined) continue; // js-yaml drops the pair
        if (first && inMap) this.out += ':';
        if (!compact || !first) this.out += lineBreak(level);
        if (this.out.length > 0x4000) this.flush();
        first = false;
        const keyText = this.string(key, level + 1, true);
        if (keyText.length > 1024) throw new Delegate(); // may need an explicit `? ` entry
        this.out += keyText;
        this.node(item, level + 1, false, true);
      }
      if (first) this.out += `${sep}{}`;
    } else throw new Delegate(); // Date, Map, Set, Uint8Array, boxed primitives, class instances
  }
}

/**
 * Serialises one document exactly as `toYaml` does (see src/core/yaml.ts),
 * for plain objects, arrays, strings, numbers, booleans and null.
 */
export function emitYaml(value: unknown, cache?: EmitCache): string {
  if (!isBlockRoot(value)) return dump(value, OPTIONS); // scalars and empty roots: nothing to gain
  const emitter = new Emitter(cache);
  try {
    emitter.node(value, 0, true, false);
  } catch {
    // A Delegate, or anything unexpected (a getter throwing, a cycle): js-yaml decides, or throws its own error.
    return dump(value, OPTIONS);
  }
  emitter.chunks.push(emitter.out, emitter.openEnded ? '\n...\n' : '\n');
  return emitter.chunks.join('');
}
