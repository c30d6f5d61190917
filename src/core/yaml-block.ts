import type { Schema } from 'js-yaml';

/**
 * A fast reader for the block YAML that kpt, kustomize, kubectl and YAML
 * libraries write: one document of block mappings and sequences, plain and
 * quoted one-line scalars, literal block scalars (`|`, `|-`, `|+`), empty
 * `{}` and `[]`, and comments on lines of their own.
 *
 * It reads such a text to exactly the value js-yaml reads with the same
 * schema (plain scalars, keys included, are resolved by the schema itself),
 * several times faster and without js-yaml's event list. Anything else (a
 * document marker, an anchor, an alias, a tag, a flow collection with
 * content, an escape, a folded or multi-line scalar, a trailing comment, a
 * tab, a duplicate or `__proto__` key, a non-printable character, nesting
 * deeper than MAX_FAST_DEPTH) makes it give up with undefined, and
 * core/yaml.ts reads the text with js-yaml instead, which also reports every
 * error: this reader never does.
 */
export interface BlockDocument {
  readonly value: unknown;
  /** The 1-based line the root node starts on. */
  readonly line: number;
  /** When the root is a mapping with an `items` sequence: the line each item that is a collection starts on. */
  readonly itemLines?: readonly number[];
}

/**
 * How the caller reads, on its own, one item of a List's root `items`
 * sequence that this reader gives up on: the item's lines (its `- ` line
 * first, up to the next line indented no more than that dash), read as a
 * sequence of that one item. Its value, and where its node starts in those
 * lines (undefined for a scalar item); undefined when the item cannot be
 * read alone exactly as within the whole text (then the whole text is
 * js-yaml's). So one unusual item among thousands costs only itself.
 */
export type ItemReader = (itemText: string) => { readonly value: unknown; readonly nodeOffset: number | undefined } | undefined;

/** Deeper documents are left to js-yaml, which enforces the nesting limit and names it. */
const MAX_FAST_DEPTH = 64;

const MERGE_TAG = 'tag:yaml.org,2002:merge';

const LF = 0x0a;
const SPACE = 0x20;
const HASH = 0x23;
const DASH = 0x2d;
const PLUS = 0x2b;
const COLON = 0x3a;
const SQUOTE = 0x27;
const DQUOTE = 0x22;
const BACKSLASH = 0x5c;

/** Thrown inside the reader when the text is not of the form above. */
class NotBlockYaml extends Error {}
const GIVE_UP = new NotBlockYaml();

/** The text's one document, or undefined when the text is not of the plain block form (js-yaml then reads it). */
export function readBlockYaml(text: string, schema: Schema, maxScalarChars: number, readItem?: ItemReader): BlockDocument | undefined {
  if (!printable(text)) return undefined;
  const reader = new BlockReader(text, schema, maxScalarChars, readItem);
  try {
    return reader.document();
  } catch {
    // GIVE_UP, or anything unexpected: js-yaml reads the text, and decides.
    return undefined;
  }
}

/**
 * No character that js-yaml refuses or treats specially outside the subset:
 * control characters other than newline (tabs and carriage returns
 * included), C1 controls other than NEL, U+FFFE, U+FFFF, unpaired
 * surrogates, and a byte-order mark.
 */
function printable(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x20 && c < 0x7f) continue;
    if (c === LF) continue;
    if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || c === 0xfeff || c === 0xfffe || c === 0xffff) return false;
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (!(next >= 0xdc00 && next <= 0xdfff)) return false;
      i++;
      continue;
    }
    if (c >= 0xdc00 && c <= 0xdfff) return false;
  }
  return true;
}

class BlockReader {
  /** The current position: the first character of the node or line part being read. */
  private pos = 0;
  /** The 1-based line of pos, and where that line starts. */
  private line = 1;
  private lineStart = 0;
  /** The indentation of the current content line (-1 at the end of the text). */
  private indent = 0;
  private depth = 0;
  /** The line the value read last starts on (for itemLines). */
  private valueLine = 0;

  constructor(
    private readonly text: string,
    private readonly schema: Schema,
    private readonly maxScalarChars: number,
    private readonly readItem: ItemReader | undefined,
  ) {}

  document(): BlockDocument | undefined {
    this.skipToContent();
    if (this.indent !== 0) return undefined;
    const line = this.line;
    let itemLines: number[] | undefined;
    let value: unknown;
    if (this.isDashEntry(this.pos)) value = this.sequence(0, undefined);
    else {
      itemLines = [];
      value = this.mapping(0, itemLines);
    }
    if (!this.atEnd()) throw GIVE_UP;
    return itemLines && itemLines.length > 0 ? { value, line, itemLines } : { value, line };
  }

  private atEnd(): boolean {
    return this.indent === -1;
  }

  /**
   * From the start of a line (pos), past blank and comment lines to the first
   * content character of the next content line, setting indent (-1 at the end).
   */
  private skipToContent(): void {
    const t = this.text;
    for (;;) {
      if (this.pos >= t.length) {
        this.indent = -1;
        return;
      }
      this.lineStart = this.pos;
      let i = this.pos;
      while (t.charCodeAt(i) === SPACE) i++;
      const c = t.charCodeAt(i);
      if (i >= t.length) {
        this.pos = i;
        this.indent = -1;
        return;
      }
      if (c === LF || c === HASH) {
        const end = t.indexOf('\n', i);
        this.pos = end < 0 ? t.length : end + 1;
        if (end >= 0) this.line++;
        continue;
      }
      if (i === this.pos && this.isMarker(i)) throw GIVE_UP;
      this.pos = i;
      this.indent = i - this.lineStart;
      return;
    }
  }

  /** From within a line whose content is read: past the rest of it (spaces only), then to the next content line. */
  private endLine(): void {
    const t = this.text;
    let i = this.pos;
    while (t.charCodeAt(i) === SPACE) i++;
    if (i < t.length && t.charCodeAt(i) !== LF) throw GIVE_UP;
    this.pos = i + 1;
    if (i < t.length) this.line++;
    else this.pos = t.length;
    this.skipToContent();
  }

  /** `---`, `...` or `%` at the start of a line: a document marker or a directive. */
  private isMarker(i: number): boolean {
    const t = this.text;
    if (t.charCodeAt(i) === 0x25) return true;
    if (!t.startsWith('---', i) && !t.startsWith('...', i)) return false;
    const after = t.charCodeAt(i + 3);
    return i + 3 >= t.length || after === SPACE || after === LF;
  }

  /** `- ` or a `-` that ends its line. */
  private isDashEntry(i: number): boolean {
    const t = this.text;
    if (t.charCodeAt(i) !== DASH) return false;
    return this.separates(i + 1);
  }

  private enter(): void {
    if (++this.depth > MAX_FAST_DEPTH) throw GIVE_UP;
  }

  /** A block sequence whose first `-` is at pos, in column col. */
  private sequence(col: number, itemLines: number[] | undefined): unknown[] {
    this.enter();
    const items: unknown[] = [];
    for (;;) {
      const dash = { line: this.line, lineStart: this.lineStart, depth: this.depth };
      this.pos++; // the dash
      let item: unknown;
      try {
        item = this.value(col, false);
        if (itemLines && item !== null && typeof item === 'object') itemLines.push(this.valueLine);
      } catch (e) {
        if (e !== GIVE_UP || !itemLines || !this.readItem) throw e;
        item = this.itemAlone(dash, col, itemLines);
      }
      items.push(item);
      if (this.indent === col && this.isDashEntry(this.pos)) continue;
      if (this.indent > col) throw GIVE_UP;
      // Less indented, or a key of the mapping this sequence is a value of (at the same column).
      this.depth--;
      return items;
    }
  }

  /**
   * An item of the root `items` sequence read by the caller's ItemReader:
   * from the start of its dash's line to the next content line indented col
   * or less, which the reader then goes on from.
   */
  private itemAlone(dash: { line: number; lineStart: number; depth: number }, col: number, itemLines: number[]): unknown {
    const t = this.text;
    // The lines after the dash's, up to the first content line indented col or less.
    let end = t.length;
    let endLine = dash.line;
    let lineStart = t.indexOf('\n', dash.lineStart) + 1;
    let line = dash.line + 1;
    while (lineStart > 0 && lineStart < t.length) {
      let i = lineStart;
      while (t.charCodeAt(i) === SPACE) i++;
      const c = t.charCodeAt(i);
      if (i < t.length && c !== LF && c !== HASH && i - lineStart <= col) {
        end = lineStart;
        endLine = line;
        break;
      }
      const nl = t.indexOf('\n', i);
      if (nl < 0) break;
      lineStart = nl + 1;
      line++;
    }
    const read = this.readItem?.(t.slice(dash.lineStart, end));
    if (!read) throw GIVE_UP;
    if (read.nodeOffset !== undefined) {
      let line = dash.line;
      for (let nl = t.indexOf('\n', dash.lineStart); nl >= 0 && nl < dash.lineStart + read.nodeOffset; nl = t.indexOf('\n', nl + 1)) line++;
      itemLines.push(line);
    }
    this.depth = dash.depth;
    this.pos = end;
    this.line = endLine;
    this.skipToContent();
    return read.value;
  }

  /** A block mapping whose first key is at pos, in column col. */
  private mapping(col: number, itemLines: number[] | undefined): Record<string, unknown> {
    this.enter();
    const map: Record<string, unknown> = {};
    for (;;) {
      const key = this.key();
      if (key === '__proto__' || Object.hasOwn(map, key)) throw GIVE_UP;
      const value = this.value(col, true, key === 'items' ? itemLines : undefined);
      map[key] = value;
      if (this.indent === col) {
        if (this.isDashEntry(this.pos)) throw GIVE_UP;
        continue;
      }
      if (this.indent > col) throw GIVE_UP;
      this.depth--;
      return map;
    }
  }

  /** A mapping key at pos and its `:`; pos ends after the colon. */
  private key(): string {
    const t = this.text;
    const c = t.charCodeAt(this.pos);
    if (c === SQUOTE || c === DQUOTE) {
      const key = c === SQUOTE ? this.singleQuoted() : this.doubleQuoted();
      if (t.charCodeAt(this.pos) !== COLON) throw GIVE_UP;
      this.pos++;
      this.needSpaceOrEnd();
      return key;
    }
    const end = this.plainKeyEnd(this.pos);
    if (end < 0) throw GIVE_UP;
    const source = t.slice(this.pos, end);
    this.pos = end + 1;
    const resolved = this.resolve(source);
    if (resolved !== null && typeof resolved === 'object') throw GIVE_UP;
    return String(resolved);
  }

  /** Where the `:` after a plain key starting at `from` is, or -1 if the line holds no plain key there. */
  private plainKeyEnd(from: number): number {
    const t = this.text;
    if (!startsPlain(t.charCodeAt(from))) return -1;
    for (let i = from + 1; i < t.length; i++) {
      const c = t.charCodeAt(i);
      if (c === LF) return -1;
      if (c === COLON) {
        if (this.separates(i + 1)) return t.charCodeAt(i - 1) === SPACE ? -1 : i;
      } else if (c === HASH && t.charCodeAt(i - 1) === SPACE) return -1;
    }
    return -1;
  }

  /** After a key's colon: a space, or the end of the line. */
  private needSpaceOrEnd(): void {
    if (!this.separates(this.pos)) throw GIVE_UP;
  }

  /** A space, a newline or the end of the text at i: what must follow an indicator (`-`, `:`). */
  private separates(i: number): boolean {
    const c = this.text.charCodeAt(i);
    return c === SPACE || c === LF || i >= this.text.length;
  }

  /**
   * The value after a key's `:` (inMapping) or a sequence's `-`, at pos: on
   * the rest of the line, or as a block on the lines below. Ends at the next
   * content line.
   */
  private value(col: number, inMapping: boolean, itemLines?: number[]): unknown {
    const t = this.text;
    let i = this.pos;
    while (t.charCodeAt(i) === SPACE) i++;
    const c = t.charCodeAt(i);
    if (i >= t.length || c === LF || (c === HASH && i > this.pos)) {
      // Nothing on this line: a block below, or null.
      const end = t.indexOf('\n', i);
      this.pos = end < 0 ? t.length : end + 1;
      if (end >= 0) this.line++;
      this.skipToContent();
      const line = this.line;
      let node: unknown = null;
      if (this.indent > col) node = this.blockNode(itemLines);
      else if (inMapping && this.indent === col && this.isDashEntry(this.pos)) node = this.sequence(col, itemLines);
      this.valueLine = line;
      return node;
    }
    this.pos = i;
    const line = this.line;
    let node: unknown;
    // A compact collection on the dash's line: `- - a` or `- key: value`.
    if (!inMapping && this.isDashEntry(i)) node = this.sequence(i - this.lineStart, undefined);
    else if (!inMapping && this.startsKey(i)) node = this.mapping(i - this.lineStart, undefined);
    else node = this.scalar(col);
    this.valueLine = line;
    return node;
  }

  /** A block collection starting at the current content line. */
  private blockNode(itemLines: number[] | undefined): unknown {
    if (this.isDashEntry(this.pos)) return this.sequence(this.indent, itemLines);
    if (this.startsKey(this.pos)) return this.mapping(this.indent, undefined);
    throw GIVE_UP; // a multi-line plain scalar
  }

  /** A plain scalar's value as the schema resolves it; a merge key (`<<`) is js-yaml's to handle. */
  private resolve(source: string): unknown {
    const { value, tag } = this.schema.resolveImplicitScalarTag(source);
    if (tag.tagName === MERGE_TAG) throw GIVE_UP;
    return value;
  }

  /** Whether a mapping key starts at i (a quoted key directly followed by `: `, or a plain one). */
  private startsKey(i: number): boolean {
    const t = this.text;
    const c = t.charCodeAt(i);
    if (c === SQUOTE || c === DQUOTE) {
      const close = quotedEnd(t, i);
      return close > 0 && t.charCodeAt(close) === COLON && this.separates(close + 1);
    }
    return this.plainKeyEnd(i) >= 0;
  }

  /** A scalar value at pos, on one line (a block scalar: on the lines below), then to the next content line. */
  private scalar(col: number): unknown {
    const t = this.text;
    const c = t.charCodeAt(this.pos);
    if (c === SQUOTE || c === DQUOTE) {
      const value = c === SQUOTE ? this.singleQuoted() : this.doubleQuoted();
      this.endLine();
      return value;
    }
    if (c === 0x7c) return this.literal(col);
    if ((c === 0x7b && t.charCodeAt(this.pos + 1) === 0x7d) || (c === 0x5b && t.charCodeAt(this.pos + 1) === 0x5d)) {
      this.pos += 2;
      this.endLine();
      return c === 0x7b ? {} : [];
    }
    // A plain scalar may not start with an indicator, nor with `-` before a space (a sequence entry, misplaced here).
    if (!startsPlain(c) || this.isDashEntry(this.pos)) throw GIVE_UP;
    let end = t.indexOf('\n', this.pos);
    if (end < 0) end = t.length;
    let last = end;
    while (last > this.pos && t.charCodeAt(last - 1) === SPACE) last--;
    const source = t.slice(this.pos, last);
    if (source.includes(': ') || source.includes(' #') || source.charCodeAt(source.length - 1) === COLON || source.length > this.maxScalarChars) throw GIVE_UP;
    this.pos = last;
    this.endLine();
    return this.resolve(source);
  }

  /** `'…'` on one line, pos at the quote; pos ends after the closing quote. */
  private singleQuoted(): string {
    const t = this.text;
    const close = quotedEnd(t, this.pos);
    if (close < 0) throw GIVE_UP;
    const body = t.slice(this.pos + 1, close - 1);
    this.pos = close;
    if (body.length + 2 > this.maxScalarChars) throw GIVE_UP;
    return body.includes("''") ? body.replaceAll("''", "'") : body;
  }

  /** `"…"` on one line and without escapes, pos at the quote; pos ends after the closing quote. */
  private doubleQuoted(): string {
    const close = quotedEnd(this.text, this.pos);
    if (close < 0) throw GIVE_UP;
    const body = this.text.slice(this.pos + 1, close - 1);
    this.pos = close;
    if (body.length + 2 > this.maxScalarChars) throw GIVE_UP;
    return body;
  }

  /**
   * A literal block scalar (`|`, `|-`, `|+`) at pos, with its content on the
   * lines below indented more than col; ends at the next content line.
   */
  private literal(col: number): string {
    const t = this.text;
    let i = this.pos + 1;
    const chomp = t.charCodeAt(i);
    if (chomp === DASH || chomp === PLUS) i++;
    while (t.charCodeAt(i) === SPACE) i++;
    // Nothing else on the header line: an indentation indicator, a comment or a header that ends the text is js-yaml's.
    if (i >= t.length || t.charCodeAt(i) !== LF) throw GIVE_UP;
    const first = i + 1;
    // The lines without their indentation; blank lines may hold no more spaces than the content's indentation.
    const lines: string[] = [];
    let contentIndent = -1;
    let blankSpaces = 0;
    let at = first;
    let line = this.line + 1;
    while (at < t.length) {
      let s = at;
      while (t.charCodeAt(s) === SPACE) s++;
      const spaces = s - at;
      const nl = t.indexOf('\n', s);
      if (s === nl) {
        blankSpaces = Math.max(blankSpaces, spaces);
        if (contentIndent >= 0 && spaces > contentIndent) throw GIVE_UP;
        lines.push('');
      } else {
        if (contentIndent < 0) {
          // An empty block scalar, or leading blank lines with more spaces than the content: js-yaml's.
          if (spaces <= col || blankSpaces > spaces) throw GIVE_UP;
          contentIndent = spaces;
        }
        if (spaces < contentIndent && s < t.length) break;
        // A last line without a newline (spaces only, or content) is js-yaml's too.
        if (nl < 0) throw GIVE_UP;
        lines.push(t.slice(at + contentIndent, nl));
      }
      at = nl + 1;
      line++;
    }
    // The content ends at its last non-blank line; the blank lines after it are chomped.
    let trailing = 0;
    while (lines.length > 0 && lines[lines.length - 1] === '') {
      lines.pop();
      trailing++;
    }
    if (lines.length === 0 || at - first > this.maxScalarChars) throw GIVE_UP;
    const body = lines.join('\n');
    const text = chomp === DASH ? body : chomp === PLUS ? body + '\n'.repeat(trailing + 1) : `${body}\n`;
    // On to the line that ended the content (skipToContent passes blank and comment lines).
    this.pos = Math.min(at, t.length);
    this.line = line;
    this.skipToContent();
    return text;
  }
}

/** Plain scalars and keys may not start with an indicator (`-` is handled by the callers; `?` and `:` are left to js-yaml). */
function startsPlain(c: number): boolean {
  switch (c) {
    case 0x21: // !
    case 0x22: // "
    case 0x23: // #
    case 0x25: // %
    case 0x26: // &
    case 0x27: // '
    case 0x2a: // *
    case 0x2c: // ,
    case 0x3a: // :
    case 0x3e: // >
    case 0x3f: // ?
    case 0x40: // @
    case 0x5b: // [
    case 0x5d: // ]
    case 0x60: // `
    case 0x7b: // {
    case 0x7c: // |
    case 0x7d: // }
    case SPACE:
    case LF:
      return false;
    default:
      return !Number.isNaN(c);
  }
}

/** Where a quoted scalar starting at i ends (just after its closing quote), on the same line; -1 otherwise. */
function quotedEnd(t: string, i: number): number {
  const quote = t.charCodeAt(i);
  for (let j = i + 1; j < t.length; j++) {
    const c = t.charCodeAt(j);
    if (c === LF) return -1;
    if (quote === DQUOTE && c === BACKSLASH) return -1;
    if (c === quote) {
      if (quote === SQUOTE && t.charCodeAt(j + 1) === SQUOTE) {
        j++;
        continue;
      }
      return j + 1;
    }
  }
  return -1;
}
