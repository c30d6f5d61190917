/**
 * Unknown fields, found with the precompiled validators themselves.
 *
 * The validators carry no `additionalProperties: false`, so they accept any
 * extra key. But ajv's compiled code reads `data.<prop>` for every property
 * its schema declares, and enumerates the keys of a map (a schema with
 * `additionalProperties`). So the validator is run on the object seen
 * through recording proxies, one per nested map and list, each knowing its
 * path. At a path where the validator read some properties and enumerated
 * none, a key it never read is unknown to the schema, as the API server's
 * strict field validation would report it. A map the validator never looked
 * into is free-form (`x-kubernetes-preserve-unknown-fields`, an embedded raw
 * object) and is not checked.
 *
 * Proxies are slow, so the shape learned from each object that passed is
 * kept per kind and path pattern (list indices and map keys stripped). An
 * object whose every key is already known there skips the proxies; any other
 * goes through them, so an unknown field is always confirmed on the object
 * itself, and the learned shapes only ever save time.
 */

import { isDigits } from '../core/regex/scan.js';

/** One step of a field path: a map key or a list index. */
export type Step = string | number;

export interface UnknownField {
  /** The path of the unknown key, the key included. */
  readonly path: readonly Step[];
  /** The keys the schema declares at that place. */
  readonly known: readonly string[];
}

/** What the validator did with one map or list of the input. */
interface Visit {
  readonly path: readonly Step[];
  readonly parent: Visit | undefined;
  readonly target: object;
  readonly reads: Set<string>;
  enumerated: boolean;
  /** Whether the validator reached any map or list inside this one. */
  entered: boolean;
}

type Validator = (data: unknown) => boolean;

/**
 * Runs `validate` on `obj` through recording proxies. Returns the validator's
 * answer and a visit per map or list it reached, each after its parent.
 */
function recordedRun(validate: Validator, obj: object): { valid: boolean; visits: Visit[] } {
  const visits: Visit[] = [];
  // A YAML alias puts one node at two paths: one proxy per place.
  const proxies = new Map<Visit | undefined, Map<Step, object>>();
  const wrap = (value: unknown, parent: Visit | undefined, step: Step | undefined): unknown => {
    if (typeof value !== 'object' || value === null) return value;
    let byStep = proxies.get(parent);
    const known = byStep?.get(step ?? '');
    if (known) return known;
    const visit: Visit = { path: parent && step !== undefined ? [...parent.path, step] : [], parent, target: value, reads: new Set(), enumerated: false, entered: false };
    if (parent) parent.entered = true;
    visits.push(visit);
    const source = value as Record<string | symbol, unknown>;
    const isList = Array.isArray(value);
    const proxy = new Proxy(isList ? [] : {}, {
      get: (_t, prop) => {
        if (typeof prop === 'symbol') return source[prop];
        if (!isList) visit.reads.add(prop);
        if (!Object.hasOwn(source, prop)) return source[prop];
        return wrap(source[prop], visit, isList && isDigits(prop) ? Number(prop) : prop);
      },
      has: (_t, prop) => {
        if (typeof prop === 'string' && !isList) visit.reads.add(prop);
        return prop in source;
      },
      ownKeys: () => {
        visit.enumerated = true;
        return Reflect.ownKeys(source);
      },
      // The stand-in target has no properties but a list's length: report the rest as configurable, as proxies must.
      getOwnPropertyDescriptor: (_t, prop) => {
        const d = Reflect.getOwnPropertyDescriptor(source, prop);
        return d && (isList && prop === 'length' ? d : { ...d, configurable: true });
      },
      getPrototypeOf: () => Object.getPrototypeOf(source),
    });
    if (!byStep) {
      byStep = new Map();
      proxies.set(parent, byStep);
    }
    byStep.set(step ?? '', proxy);
    return proxy;
  };
  const valid = validate(wrap(obj, undefined, undefined));
  return { valid, visits };
}

/**
 * What the validator does at one place of a kind's objects, learned from
 * the objects it accepted: a struct with its known keys, a map, or a
 * free-form object; and the shapes of what lies inside.
 */
interface Shape {
  kind: 'struct' | 'map' | 'free' | undefined;
  /** Struct fields the schema declares (every key the validator read). */
  readonly fields: Map<string, Shape>;
  /** The values of a map, the items of a list. */
  value?: Shape;
  item?: Shape;
}

const newShape = (): Shape => ({ kind: undefined, fields: new Map() });

/** Learned shapes, per kind. Created per render. */
export class FieldShapes {
  readonly #byKind = new Map<string, Shape>();

  /**
   * The unknown fields of `obj`, checked with `validate` (its kind's
   * validator). Also returns whether the validator accepted the object, when
   * it had to run it (undefined when the learned shapes answered alone).
   */
  check(kind: string, validate: Validator, obj: object): { unknown: UnknownField[]; valid?: boolean } {
    const root = this.#byKind.get(kind);
    if (root && allKnown(obj, root)) return { unknown: [] };
    const { valid, visits } = recordedRun(validate, obj);
    if (valid) {
      const learnedRoot = root ?? newShape();
      this.#byKind.set(kind, learnedRoot);
      learn(visits, learnedRoot);
    }
    return { unknown: unknownKeys(visits), valid };
  }
}

/** Whether every key of `value` is known where it stands (false also where nothing has been learned yet). */
function allKnown(value: object, shape: Shape): boolean {
  if (Array.isArray(value)) {
    for (const item of value) {
      if (typeof item !== 'object' || item === null) continue;
      if (!shape.item || !allKnown(item, shape.item)) return false;
    }
    return true;
  }
  if (shape.kind === 'free') return true;
  if (shape.kind === undefined) return false;
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    const child = shape.kind === 'map' ? shape.value : shape.fields.get(key);
    if (shape.kind === 'struct' && !child) return false;
    const v = record[key];
    if (typeof v !== 'object' || v === null) continue;
    if (!child || !allKnown(v, child)) return false;
  }
  return true;
}

/**
 * Keys the validator never read in a map where it read others and
 * enumerated none: not in the schema.
 */
function unknownKeys(visits: readonly Visit[]): UnknownField[] {
  const unknown: UnknownField[] = [];
  for (const visit of visits) {
    if (Array.isArray(visit.target) || visit.enumerated || visit.reads.size === 0) continue;
    const missing = Object.keys(visit.target).filter((key) => !visit.reads.has(key));
    if (missing.length === 0) continue;
    const known = [...visit.reads].sort();
    for (const key of missing) unknown.push({ path: [...visit.path, key], known });
  }
  return unknown;
}

/**
 * Adds what one run showed to the learned shapes. A struct wins over
 * free-form wherever the two meet: the shapes may only ever send an object
 * to the proxies, never spare it wrongly.
 */
function learn(visits: readonly Visit[], root: Shape): void {
  const shapes = new Map<Visit, Shape>();
  for (const visit of visits) {
    const shape = visit.parent ? childShape(shapes.get(visit.parent) as Shape, visit) : root;
    shapes.set(visit, shape);
    if (Array.isArray(visit.target)) {
      // A list whose items the validator never read holds free-form items.
      if (!visit.entered && visit.target.some((v) => typeof v === 'object' && v !== null)) {
        shape.item ??= newShape();
        shape.item.kind ??= 'free';
      }
      continue;
    }
    const kind = visit.enumerated ? 'map' : visit.reads.size > 0 ? 'struct' : 'free';
    if (shape.kind === undefined || (shape.kind === 'free' && kind === 'struct')) shape.kind = kind;
    if (kind === 'struct') for (const key of visit.reads) if (!shape.fields.has(key)) shape.fields.set(key, newShape());
  }
}

function childShape(parent: Shape, visit: Visit): Shape {
  const step = visit.path[visit.path.length - 1];
  if (typeof step === 'number') return (parent.item ??= newShape());
  if (parent.kind === 'map') return (parent.value ??= newShape());
  let shape = parent.fields.get(String(step));
  if (!shape) {
    shape = newShape();
    parent.fields.set(String(step), shape);
  }
  return shape;
}
