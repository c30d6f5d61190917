import { isPlainObject, scalarText, yamlV2Map } from '../../core/objects.js';
import { ConfigError, fail, type Doc } from './context.js';
import { normalizeDuration } from '../../core/duration.js';
import { normalizeTimeInterval } from './time-intervals.js';

/**
 * The shape of Alertmanager's configuration as the operator's Go types write
 * it, field by field: key order, and which fields are left out when empty
 * (Go's `omitempty` is per field; some fields have none and always appear).
 *
 * Scalar codes: `s` string, `b` bool, `i` integer — each left out when empty/
 * false/0; a `?` suffix marks a pointer (left out only when absent); a `!`
 * suffix marks a field without omitempty (always written). `d?` is a
 * model.Duration pointer (written normalised), `d` one without pointer.
 * `u?` a URL, `hp` a host:port, `ss` a string list, `m` a string map (keys
 * in gopkg.in/yaml.v2's order, as the operator's encoder writes a Go map), `ma` a map of any values, `any` a value passed through, `mss` a map
 * of string lists, `ti` a time interval.
 */
export type FieldType = string | Shape | ListOf;
export interface Shape {
  readonly fields: ReadonlyArray<readonly [string, FieldType]>;
  /** A struct held by value: left out when every field is empty. */
  readonly byValue?: boolean;
}
export interface ListOf {
  readonly list: FieldType;
}

export const shape = (fields: ReadonlyArray<readonly [string, FieldType]>, byValue = false): Shape => ({ fields, byValue });
export const listOf = (t: FieldType): ListOf => ({ list: t });

function isShape(t: FieldType): t is Shape {
  return typeof t === 'object' && 'fields' in t;
}

/** Writes a value of the given shape: keys in declared order, empty fields dropped per field. */
export function marshal(t: FieldType, v: unknown): unknown {
  if (typeof t === 'string') return scalarOut(t, v);
  if (isShape(t)) {
    if (!isPlainObject(v)) return undefined;
    const out: Doc = {};
    for (const [key, ft] of t.fields) {
      const value = marshal(ft, v[key]);
      if (value !== undefined) out[key] = value;
    }
    if (t.byValue && Object.keys(out).length === 0) return undefined;
    return out;
  }
  if (!Array.isArray(v) || v.length === 0) return undefined;
  return v.map((item) => marshal(t.list, item) ?? (isShapeList(t) ? {} : null));
}

function isShapeList(t: ListOf): boolean {
  return typeof t.list === 'object';
}

function scalarOut(code: string, v: unknown): unknown {
  const always = code.endsWith('!');
  const base = always ? code.slice(0, -1) : code;
  const pointer = base.endsWith('?');
  const kind = pointer ? base.slice(0, -1) : base;
  const absent = v === undefined || v === null;
  switch (kind) {
    case 's':
    case 'u':
    case 'hp':
      if (absent || v === '') return always ? (pointer && absent ? null : '') : pointer && !absent ? v : undefined;
      return v;
    case 'b':
      if (pointer) return absent ? (always ? null : undefined) : v;
      return v === true ? true : always ? false : undefined;
    case 'i':
      if (pointer) return absent ? undefined : v;
      return absent || v === 0 ? (always ? 0 : undefined) : v;
    case 'd':
      if (absent || v === '') return undefined;
      if (!pointer && (v === '0s' || v === '0')) return undefined;
      return v;
    case 'ss':
      if (!Array.isArray(v) || v.length === 0) return always ? [] : undefined;
      return v;
    case 'm':
    case 'ma':
    case 'mss':
      if (!isPlainObject(v) || Object.keys(v).length === 0) return undefined;
      return yamlV2Map(v);
    case 'any':
      return absent ? undefined : v;
    case 'ti':
      return v;
    default:
      throw new Error(`unknown field code ${code}`);
  }
}

/**
 * Reads a user-supplied configuration (the base Secret) as Go's strict YAML
 * decoding into these types does: unknown keys are an error, durations are
 * parsed (and later written normalised). Throws a ConfigError with the path.
 * The configuration is secret text: a message names the path and the key,
 * never a value.
 */
export function readAs(t: FieldType, v: unknown, path: string): unknown {
  if (v === undefined || v === null) return v;
  if (typeof t === 'string') return scalarIn(t, v, path);
  if (isShape(t)) {
    if (!isPlainObject(v)) fail(`${path}: expected a mapping`);
    const known = new Map(t.fields.map(([k, ft]) => [k, ft]));
    const out: Doc = {};
    for (const [key, value] of Object.entries(v)) {
      const ft = known.get(key);
      if (ft === undefined) fail(`${path}: field ${key} not found in type`);
      out[key] = readAs(ft, value, `${path}.${key}`);
    }
    return out;
  }
  if (!Array.isArray(v)) fail(`${path}: expected a sequence`);
  return v.map((item, i) => readAs(t.list, item, `${path}[${i}]`));
}

/** `^(\[[^\]]*\]|[^:]*):[^:]*$`: `[host]:port`, or exactly one `:`. */
function hasPort(text: string): boolean {
  const close = text.startsWith('[') ? text.indexOf(']') : -1;
  if (close >= 0 && text[close + 1] === ':' && !text.includes(':', close + 2)) return true;
  const colon = text.indexOf(':');
  return colon >= 0 && !text.includes(':', colon + 1);
}

function scalarIn(code: string, v: unknown, path: string): unknown {
  let kind = code;
  while (kind.endsWith('?') || kind.endsWith('!')) kind = kind.slice(0, -1);
  switch (kind) {
    case 's':
    case 'u':
      return scalarText(v) ?? fail(`${path}: expected a string`);
    case 'hp': {
      const text = scalarText(v) ?? fail(`${path}: expected a string`);
      if (text !== '' && !hasPort(text)) fail(`${path}: missing port in address`);
      return text;
    }
    case 'b':
      if (typeof v !== 'boolean') fail(`${path}: expected a boolean`);
      return v;
    case 'i':
      if (typeof v !== 'number') fail(`${path}: expected an integer`);
      return v;
    case 'd': {
      const text = scalarText(v);
      const d = text === undefined ? undefined : normalizeDuration(text);
      if (d === undefined) fail(`${path}: not a valid duration string`);
      return d;
    }
    case 'ss':
      if (!Array.isArray(v)) fail(`${path}: expected a sequence`);
      return v.map((x, i) => scalarText(x) ?? fail(`${path}[${i}]: expected a string`));
    case 'm':
    case 'ma':
    case 'mss':
      if (!isPlainObject(v)) fail(`${path}: expected a mapping`);
      return v;
    case 'ti':
      try {
        return normalizeTimeInterval(v);
      } catch (e) {
        if (e instanceof ConfigError) fail(`${path}: not a valid time interval`);
        throw e;
      }
    default:
      return v;
  }
}
