import {
  EVENT_ID,
  Schema,
  YAMLException,
  boolYaml11Tag,
  constructFromEvents,
  floatYaml11Tag,
  getScalarValue,
  intYaml11Tag,
  mapTag,
  mergeTag,
  nullYaml11Tag,
  parseEvents,
  seqTag,
  strTag,
  type Event,
} from 'js-yaml';
import { GzipTextWriter, type GzippedText } from './gzip.js';
import { readBlockYaml } from './yaml-block.js';
import { emitYaml, emitYamlTo, type EmitCache } from './yaml-emit.js';

/**
 * Kubernetes reads manifests as YAML 1.1 (sigs.k8s.io/yaml): `0644` is octal,
 * `yes` is a boolean, merge keys work. Timestamps stay strings: the API server
 * never turns them into dates, so neither do we.
 */
export const KUBE_READ_SCHEMA = new Schema([
  strTag,
  seqTag,
  mapTag,
  nullYaml11Tag,
  boolYaml11Tag,
  intYaml11Tag,
  floatYaml11Tag,
  mergeTag,
]);

/**
 * Limits on what one YAML text may make us build, so that a few hundred bytes
 * cannot take the process down (README, "Input limits").
 *
 * - Nesting: at most MAX_DEPTH collections deep (js-yaml's own default),
 *   counted through aliases too, since an alias puts its anchor's whole depth
 *   where it stands.
 * - Aliases: js-yaml shares an aliased node by reference, so parsing a
 *   "billion laughs" is cheap, but every later walk (schema checks, render,
 *   output) visits each reference again. We refuse a document whose aliases
 *   expand to a disproportionate share of its nodes with the rule Kubernetes
 *   itself reads manifests with (go-yaml, via sigs.k8s.io/yaml): more than 100
 *   nodes from aliases in a document of more than 1,000, and a share above 99%
 *   for documents up to 400,000 nodes, falling to 10% at 4,000,000. What
 *   kubectl accepts, we accept, except that the same rule also holds for the
 *   stream as a whole, so that many small documents cannot add up to what one
 *   may not be.
 */
export const MAX_DEPTH = 100;
/**
 * - Size: at most MAX_NODES nodes per text, counted before parsing (parsing
 *   holds an event per node, about 130 bytes each) as an upper bound: every
 *   node but a document's root begins after a `:` (a key and its value), a
 *   `-`, a `,`, a `[`, a `{` or a `?`. 50,000 ServiceMonitors are about 3
 *   million; adversarial text (`[a,a,a,...]`) is refused before it costs
 *   gigabytes.
 * - Scalars: at most MAX_SCALAR_BYTES of source each, the most the
 *   Kubernetes API server accepts in one request, so no object that holds a
 *   larger one can ever be applied.
 */
export const MAX_NODES = 10_000_000;
export const MAX_SCALAR_BYTES = 3 * 1024 * 1024;
const ALIAS_RATIO_LOW = 400_000;
const ALIAS_RATIO_HIGH = 4_000_000;

/** go-yaml's test: nodes that come from expanding aliases, against all the nodes decoded. */
function excessive(aliased: number, decoded: number): boolean {
  return aliased > 100 && decoded > 1000 && aliased / decoded > allowedAliasRatio(decoded);
}

function allowedAliasRatio(decoded: number): number {
  if (decoded <= ALIAS_RATIO_LOW) return 0.99;
  if (decoded >= ALIAS_RATIO_HIGH) return 0.1;
  return 0.99 - 0.89 * ((decoded - ALIAS_RATIO_LOW) / (ALIAS_RATIO_HIGH - ALIAS_RATIO_LOW));
}

/** One document of a stream, with the 1-based line its root node starts on. */
export interface YamlDocument {
  readonly value: unknown;
  readonly line: number;
  /** When the root is a mapping with an `items` sequence (a List): the line of each item. */
  readonly itemLines?: readonly number[];
}

/** Parses a (multi-document) YAML stream. Throws js-yaml's YAMLException on bad syntax or input over the limits. */
export function parseYamlStream(text: string, filename?: string): unknown[] {
  return load(text, filename, false).map((d) => d.value);
}

/** parseYamlStream, with the line of each document (and of each item of a List document). */
export function parseYamlDocuments(text: string, filename?: string): YamlDocument[] {
  return load(text, filename, true);
}

/** An upper bound on the nodes a YAML text holds (see MAX_NODES); cheap, without parsing. */
export function estimateNodes(text: string): number {
  let n = 1 + occurrences(text, ':');
  for (const c of [':', '-', ',', '[', '{', '?']) n += occurrences(text, c);
  return n;
}

function occurrences(text: string, c: string): number {
  let n = 0;
  for (let i = text.indexOf(c); i >= 0; i = text.indexOf(c, i + 1)) n++;
  return n;
}

function load(raw: string, filename: string | undefined, withLines: boolean): YamlDocument[] {
  const text = raw.replace(/\r\n/g, '\n');
  checkSize(text, filename);
  const block = readBlockYaml(text, KUBE_READ_SCHEMA, MAX_SCALAR_BYTES, readItemWithJsYaml);
  if (block) {
    // As js-yaml's path below: lines only when asked for (else 1), item lines only when there are some.
    const line = withLines ? block.line : 1;
    return [withLines && block.itemLines ? { value: block.value, line, itemLines: block.itemLines } : { value: block.value, line }];
  }
  return loadWithJsYaml(text, filename, withLines);
}

/**
 * One item of a List that the fast reader leaves to js-yaml (see ItemReader
 * in core/yaml-block.ts): its lines read as a sequence of exactly that item,
 * or undefined, and the whole text goes to js-yaml, when they are not: an
 * anchor or an alias (one may name another item's, and the alias limits
 * count the whole document), nesting near the limit, or any error, which is
 * then reported with its position in the whole text.
 */
function readItemWithJsYaml(itemText: string): { value: unknown; nodeOffset: number | undefined } | undefined {
  try {
    // The whole text has the root mapping and the items sequence around the item; this text only the sequence.
    const events = parseEvents(itemText, { maxDepth: MAX_DEPTH - 2 });
    const node = soleEntry(events);
    if (node === undefined) return undefined;
    inspect(events, itemText, undefined, false);
    const [sequence, ...rest] = constructFromEvents(events, { schema: KUBE_READ_SCHEMA, source: itemText });
    if (rest.length > 0 || !Array.isArray(sequence) || sequence.length !== 1) return undefined;
    return { value: sequence[0], nodeOffset: node.type === EVENT_ID.SCALAR ? undefined : startOf(node) };
  } catch {
    return undefined;
  }
}

/** The first event of the one entry of a document that is a sequence of one entry, without anchors or aliases. */
function soleEntry(events: readonly Event[]): Event | undefined {
  if (events[0]?.type !== EVENT_ID.DOCUMENT || events[1]?.type !== EVENT_ID.SEQUENCE) return undefined;
  let entry: Event | undefined;
  let depth = 1;
  for (let i = 2; i < events.length; i++) {
    const e = events[i] as Event;
    if (e.type === EVENT_ID.DOCUMENT || e.type === EVENT_ID.ALIAS) return undefined;
    if (e.type === EVENT_ID.POP) {
      depth--;
      continue;
    }
    if (e.anchorStart >= 0) return undefined;
    if (depth === 1) {
      if (entry !== undefined) return undefined;
      entry = e;
    }
    if (e.type !== EVENT_ID.SCALAR) depth++;
  }
  return entry;
}

/**
 * parseYamlDocuments through js-yaml alone, never the fast reader of
 * core/yaml-block.ts: the reference that reader is tested against.
 */
export function parseYamlDocumentsWithJsYaml(raw: string, filename?: string): YamlDocument[] {
  const text = raw.replace(/\r\n/g, '\n');
  checkSize(text, filename);
  return loadWithJsYaml(text, filename, true);
}

function checkSize(text: string, filename: string | undefined): void {
  const nodes = estimateNodes(text);
  if (nodes > MAX_NODES) {
    throw new YAMLException(`the input may hold up to ${formatCount(nodes)} YAML nodes; the limit is ${formatCount(MAX_NODES)}${filename ? ` in "${filename}"` : ''}`);
  }
}

function loadWithJsYaml(text: string, filename: string | undefined, withLines: boolean): YamlDocument[] {
  const events = parseEvents(text, { maxDepth: MAX_DEPTH, ...(filename ? { filename } : {}) });
  const shape = inspect(events, text, filename, withLines);
  const values = constructFromEvents(events, { schema: KUBE_READ_SCHEMA, source: text, ...(filename ? { filename } : {}) });
  return values.map((value, i) => {
    const doc = shape[i];
    return doc?.itemLines ? { value, line: doc.line, itemLines: doc.itemLines } : { value, line: doc?.line ?? 1 };
  });
}

/** Where a node event starts in the text, as js-yaml reports positions. */
function startOf(e: Event): number {
  if (e.type === EVENT_ID.DOCUMENT || e.type === EVENT_ID.POP) return -1;
  if (e.type === EVENT_ID.ALIAS) return e.anchorStart;
  if (e.tagStart >= 0) return e.tagStart;
  if (e.anchorStart >= 0) return e.anchorStart;
  return e.type === EVENT_ID.SCALAR ? e.valueStart : e.start;
}

/** An open collection during the pass. */
interface Frame {
  /** Nodes in its subtree so far, itself included, an alias counted as its anchor's expansion. */
  nodes: number;
  /** Deepest collection nesting among its children (0: only scalars). */
  childDepth: number;
  anchor: string | undefined;
  isMapping: boolean;
  /** For lines: this is the `items` sequence of a root mapping. */
  isItems: boolean;
  /** For lines, in a mapping: the next child is a key, and the last key read was `items`. */
  expectKey: boolean;
  lastKeyIsItems: boolean;
}

interface DocumentShape {
  line: number;
  itemLines?: number[];
}

/**
 * One pass over the events, before any value is built: the alias, recursion
 * and depth accounting of the limits above, and, when asked, the line each
 * document and each item of a List document starts on.
 */
function inspect(events: readonly Event[], text: string, filename: string | undefined, withLines: boolean): DocumentShape[] {
  const fail = (position: number, message: string): never => YAMLException.throwAt(text, Math.max(position, 0), message, filename);
  const docs: DocumentShape[] = [];
  // Events come in text order, so lines are counted walking forward once.
  let counted = 0;
  let line = 1;
  const lineOf = (offset: number): number => {
    for (let i = text.indexOf('\n', counted); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
      line++;
      counted = i + 1;
    }
    counted = Math.max(counted, offset);
    return line;
  };

  let anchors = new Map<string, { nodes: number; depth: number }>();
  /** Per anchor name, its latest definition when that is a collection still open. */
  const latest = new Map<string, Frame | undefined>();
  const stack: Frame[] = [];
  let decoded = 0;
  let aliased = 0;
  let streamDecoded = 0;
  let streamAliased = 0;
  let doc: DocumentShape = { line: 1 };

  /** A complete child node (scalar, alias or closed collection) joins the collection on top. */
  const addChild = (nodes: number, depth: number, isKeyItems: boolean) => {
    const parent = stack[stack.length - 1];
    if (!parent) return;
    parent.nodes += nodes;
    parent.childDepth = Math.max(parent.childDepth, depth);
    parent.lastKeyIsItems = parent.expectKey && isKeyItems;
    parent.expectKey = !parent.expectKey;
  };

  for (const e of events) {
    if (e.type === EVENT_ID.DOCUMENT) {
      anchors = new Map();
      latest.clear();
      stack.length = 0;
      streamDecoded += decoded;
      streamAliased += aliased;
      decoded = 0;
      aliased = 0;
      doc = { line: 1 };
      docs.push(doc);
      continue;
    }
    if (e.type === EVENT_ID.POP) {
      const frame = stack.pop();
      if (!frame) continue;
      const depth = frame.childDepth + 1;
      if (frame.anchor !== undefined) {
        anchors.set(frame.anchor, { nodes: frame.nodes, depth });
        if (latest.get(frame.anchor) === frame) latest.set(frame.anchor, undefined);
      }
      addChild(frame.nodes, depth, false);
      continue;
    }
    if (withLines) {
      if (stack.length === 0) doc.line = lineOf(startOf(e));
      else if (stack.length === 2 && stack[1]?.isItems && e.type !== EVENT_ID.SCALAR) (doc.itemLines ??= []).push(lineOf(startOf(e)));
    }
    if (e.type === EVENT_ID.ALIAS) {
      const name = text.slice(e.anchorStart, e.anchorEnd);
      // An alias inside the node it names would make a cycle: every walk over it would never end.
      const position = e.anchorStart;
      if (latest.get(name) !== undefined) fail(position, `alias *${name} is inside the node it refers to; recursive aliases are not supported`);
      // An unknown anchor is js-yaml's to report.
      const target = anchors.get(name) ?? { nodes: 0, depth: 0 };
      if (stack.length + target.depth > MAX_DEPTH) fail(position, `nesting exceeded maxDepth (${MAX_DEPTH}) through alias *${name}`);
      decoded += 1 + target.nodes;
      aliased += target.nodes;
      if (excessive(aliased, decoded)) {
        fail(position, `document contains excessive aliasing: aliases expand to ${formatCount(aliased)} of its ${formatCount(decoded)} nodes`);
      }
      if (excessive(streamAliased + aliased, streamDecoded + decoded)) {
        fail(position, `the stream contains excessive aliasing: aliases expand to ${formatCount(streamAliased + aliased)} of its ${formatCount(streamDecoded + decoded)} nodes`);
      }
      addChild(1 + target.nodes, target.depth, false);
      continue;
    }
    decoded++;
    const anchor = e.anchorStart >= 0 ? text.slice(e.anchorStart, e.anchorEnd) : undefined;
    if (e.type === EVENT_ID.SCALAR) {
      if (e.valueEnd - e.valueStart > MAX_SCALAR_BYTES) {
        fail(startOf(e), `a scalar of ${formatCount(e.valueEnd - e.valueStart)} characters is larger than ${MAX_SCALAR_BYTES / 1048576} MiB, the most the Kubernetes API server accepts in one request`);
      }
      if (anchor !== undefined) {
        anchors.set(anchor, { nodes: 1, depth: 0 });
        latest.set(anchor, undefined);
      }
      const isItemsKey = withLines && stack.length === 1 && stack[0]?.isMapping === true && getScalarValue(text, e) === 'items';
      addChild(1, 0, isItemsKey);
      continue;
    }
    const parent = stack[stack.length - 1];
    const isItems = withLines && stack.length === 1 && e.type === EVENT_ID.SEQUENCE && parent?.isMapping === true && !parent.expectKey && parent.lastKeyIsItems;
    const isMapping = e.type === EVENT_ID.MAPPING;
    const frame: Frame = { nodes: 1, childDepth: 0, anchor, isMapping, isItems, expectKey: isMapping, lastKeyIsItems: false };
    if (anchor !== undefined) latest.set(anchor, frame);
    stack.push(frame);
  }
  return docs;
}

function formatCount(n: number): string {
  return Number.isFinite(n) && n < 1e15 ? Math.round(n).toLocaleString('en-US') : n.toExponential(1);
}

/**
 * Serialises one document. The dump schema quotes every string that a YAML 1.1
 * or 1.2 reader would take for another type (`'yes'`, `'0755'`, `'1e3'`), so
 * kubectl, Go's yaml.v2 and yaml.v3 all read back the same value.
 * Key order is the object's insertion order, callers deciding it, except for
 * a map that recorded another (core/key-order.ts: JavaScript lists
 * integer-like keys first, Go does not).
 *
 * The text is exactly js-yaml's `dump` with DUMP_SCHEMA, lineWidth -1, noRefs
 * and indent 2, except that strings starting with a document marker and a
 * space are quoted (yaml-emit.ts, DUMP_OPTIONS); emitYaml writes it several
 * times faster.
 * With a cache, list items that several documents share are written once.
 */
export function toYaml(value: unknown, cache?: EmitCache): string {
  return emitYaml(value, cache);
}

/**
 * toYaml's text, gzip-compressed (core/gzip.ts), with the SHA-256 of the
 * text when asked: written piece by piece, so that a generated configuration
 * of 100 MB is never held as one string, nor as one buffer.
 */
export function toYamlGzip(value: unknown, cache: EmitCache | undefined, options: { readonly sha256?: boolean } = {}): GzippedText {
  let writer = new GzipTextWriter(options);
  emitYamlTo(value, cache, {
    write: (chunk) => writer.write(chunk),
    restart: () => {
      writer = new GzipTextWriter(options);
    },
  });
  return writer.finish();
}
