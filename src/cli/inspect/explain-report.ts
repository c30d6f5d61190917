/**
 * What `prometheus-krm explain` reports, as data (its `--output json` is this
 * object): for each Prometheus, PrometheusAgent, Alertmanager and
 * ThanosRuler, per kind it selects, the objects it selected and what each
 * became, and those it selected and then rejected, with the reasons; every
 * object that nothing selected, with its nearest miss; and the objects
 * refused before selection. Everything comes from the render's selection
 * facts and results: nothing is selected a second time here; the missed
 * requirements the selection stage recorded (by index) are put into words.
 */
import type { LabelSelector, Labels } from '../../core/labels.js';
import { describeRef, refOf, type KubeObject, type Result } from '../../krm/types.js';
import type { KindSelection, NotSelected, OwnerSelection, Produced, SelectionFacts } from '../../selection/facts.js';
import { selectorsOf } from '../../selection/owners.js';
import { requirementsOf, type Requirement } from '../../selection/requirements.js';

/** An object by identity; `namespace` is absent for an object written without one. */
export interface ObjectId {
  readonly kind: string;
  readonly namespace?: string;
  readonly name: string;
}

export interface Problem {
  readonly message: string;
  readonly field?: string;
}

export interface SelectedEntry extends ObjectId, Produced {}

export interface RejectedEntry extends ObjectId {
  /** The reasons, in the words of the results that reported them. */
  readonly problems: readonly Problem[];
}

export interface KindReport {
  readonly kind: string;
  readonly selector: string;
  readonly namespaceSelector: string;
  /** The selector field is unset, which selects nothing of this kind. */
  readonly selectorUnset: boolean;
  /** Selected and used, sorted by namespace and name. */
  readonly selected: readonly SelectedEntry[];
  /** Selected, then left out as invalid. */
  readonly rejected: readonly RejectedEntry[];
  /** How many objects of the kind it does not select. */
  readonly notSelected: number;
}

export interface OwnerReport extends ObjectId {
  /** False when one of its selectors is invalid: an error result says which, and nothing is rendered for it. */
  readonly valid: boolean;
  readonly kinds: readonly KindReport[];
  /** Objects it uses by name: the global AlertmanagerConfig of spec.alertmanagerConfiguration. */
  readonly references: ReadonlyArray<ObjectId & { readonly field: string }>;
}

export interface NearestMiss {
  readonly owner: ObjectId;
  readonly reason: NotSelected['reason'];
  /** The selector field that keeps the object out: the namespace selector's for `namespace`. */
  readonly field: string;
  /** The requirements of the owner's label selector the object's labels miss, as `key: value`, `key in (a, b)`... */
  readonly missedLabels: readonly string[];
  /** The requirements of the owner's namespace selector its namespace misses. */
  readonly missedNamespaceLabels: readonly string[];
  /** The whole miss in words, prefixed by the owner. */
  readonly message: string;
}

export interface UnselectedEntry extends ObjectId {
  /** The owner whose selectors come closest; absent when the input has no owner that selects this kind. */
  readonly nearestMiss?: NearestMiss;
  /** With no nearest miss: why. */
  readonly message?: string;
}

export interface ExplainReport {
  readonly owners: readonly OwnerReport[];
  readonly unselected: readonly UnselectedEntry[];
  readonly refused: readonly RejectedEntry[];
}

const idOf = (o: KubeObject): ObjectId =>
  o.metadata.namespace === undefined ? { kind: o.kind, name: o.metadata.name } : { kind: o.kind, namespace: o.metadata.namespace, name: o.metadata.name };

export function explainReport(facts: SelectionFacts, results: readonly Result[]): ExplainReport {
  return {
    owners: facts.owners.map(ownerReport),
    unselected: unselectedEntries(facts),
    refused: facts.refused.map((o) => ({ ...idOf(o), problems: problemsIn(results, o) })),
  };
}

function ownerReport(o: OwnerSelection): OwnerReport {
  const field = 'spec.alertmanagerConfiguration.name';
  return { ...idOf(o.owner), valid: o.valid, kinds: o.kinds.map(kindReport), references: o.referenced.map((r) => ({ ...idOf(r), field })) };
}

function kindReport(k: KindSelection): KindReport {
  const rejected = new Map<KubeObject, Problem[]>();
  for (const l of k.leftOut) {
    const list = rejected.get(l.object) ?? [];
    list.push(l.field === undefined ? { message: l.problem } : { message: l.problem, field: l.field });
    rejected.set(l.object, list);
  }
  return {
    kind: k.kind,
    selector: k.selectorField,
    namespaceSelector: k.namespaceSelectorField,
    selectorUnset: isUnset(k.selector),
    selected: k.selected.filter((o) => !rejected.has(o)).map((o) => ({ ...idOf(o), ...k.produced.get(o) })),
    rejected: [...rejected].map(([o, problems]) => ({ ...idOf(o), problems })),
    notSelected: k.notSelected.length,
  };
}

/** The results that name an object, as its problems. */
function problemsIn(results: readonly Result[], o: KubeObject): Problem[] {
  const name = describeRef(refOf(o));
  return results
    .filter((r) => r.severity !== 'info' && r.resourceRef !== undefined && describeRef(r.resourceRef) === name)
    .map((r) => (r.field ? { message: r.message, field: r.field.path } : { message: r.message }));
}

const isUnset = (s: LabelSelector | null | undefined): s is null | undefined => s === undefined || s === null;

interface Miss {
  readonly owner: KubeObject;
  readonly kind: KindSelection;
  readonly entry: NotSelected;
}

/** How far a miss is from a match: the requirements missed; an unset selector is farthest. */
function distance(m: Miss): number {
  const labels = m.entry.labelMisses?.length ?? 0;
  if (m.entry.reason === 'selector-unset') return Number.POSITIVE_INFINITY;
  if (m.entry.reason === 'namespace') return labels + Math.max(1, m.entry.namespaceMisses?.length ?? 0);
  return labels;
}

function unselectedEntries(facts: SelectionFacts): UnselectedEntry[] {
  const unselected = facts.unselected();
  const wanted = new Set(unselected);
  const nearest = new Map<KubeObject, Miss>();
  for (const o of facts.owners) {
    if (!o.valid) continue;
    for (const kind of o.kinds) {
      for (const entry of kind.notSelected) {
        if (!wanted.has(entry.object)) continue;
        const miss = { owner: o.owner, kind, entry };
        const best = nearest.get(entry.object);
        // Ties go to the first owner, in render order.
        if (!best || distance(miss) < distance(best)) nearest.set(entry.object, miss);
      }
    }
  }
  return unselected.map((obj) => {
    const miss = nearest.get(obj);
    if (miss) return { ...idOf(obj), nearestMiss: nearestMiss(miss) };
    return { ...idOf(obj), message: `the input has no ${selectorsOf(obj.kind).owners.join(' or ')} that could select it` };
  });
}

function nearestMiss(m: Miss): NearestMiss {
  const { entry, kind } = m;
  const labels = entry.object.metadata.labels ?? {};
  const namespace = entry.object.metadata.namespace ?? 'default';
  const missedLabels = described(kind.selector, entry.labelMisses);
  const missedNamespaceLabels = described(kind.namespaceSelector, entry.namespaceMisses);
  let field = kind.selectorField;
  let words: string;
  if (entry.reason === 'selector-unset') {
    words = `${kind.selectorField} is unset, which selects no ${kind.kind}`;
  } else {
    const labelWords = labelMiss(kind.selectorField, requirementsOf(kind.selector ?? {}), entry.labelMisses ?? [], labels);
    if (entry.reason === 'namespace') {
      field = kind.namespaceSelectorField;
      words = isUnset(kind.namespaceSelector)
        ? `its namespace ${literal(namespace)} is not ${literal(m.owner.metadata.namespace ?? 'default')}, the only namespace it looks in while ${field} is unset`
        : `its namespace ${literal(namespace)} is not matched by ${field}, which requires ${missedNamespaceLabels.map(literal).join(' and ')}`;
      if (labelWords) words += `; also, ${labelWords}`;
    } else {
      words = labelWords;
    }
  }
  return {
    owner: idOf(m.owner),
    reason: entry.reason,
    field,
    missedLabels,
    missedNamespaceLabels,
    message: `${m.owner.kind} ${objectName(m.owner)}: ${words}`,
  };
}

function described(selector: LabelSelector | null | undefined, misses: readonly number[] | undefined): string[] {
  if (isUnset(selector) || !misses || misses.length === 0) return [];
  const requirements = requirementsOf(selector);
  return misses.map((i) => requirementText(requirements[i] as Requirement));
}

/** `spec.x matches all labels but `team: a` (the object has `team: b`)`, and the like; empty when nothing is missed. */
function labelMiss(field: string, requirements: readonly Requirement[], misses: readonly number[], labels: Labels): string {
  if (misses.length === 0) return '';
  const each = misses.map((i) => {
    const r = requirements[i] as Requirement;
    return `${literal(requirementText(r))} (${objectSide(r.key, labels)})`;
  });
  if (misses.length === 1 && requirements.length > 1) return `${field} matches all labels but ${each[0]}`;
  if (misses.length === 1) return `${field} requires ${each[0]}`;
  return `${field} matches ${requirements.length - misses.length} of its ${requirements.length} requirements; it misses ${each.join(', ')}`;
}

function objectSide(key: string, labels: Labels): string {
  return Object.hasOwn(labels, key) ? `the object has ${literal(`${key}: ${labels[key]}`)}` : `the object has no label ${literal(key)}`;
}

/** A requirement as a person writes it: `team: a`, `team in (a, b)`, `team notin (a)`, `team exists`, `team does not exist`. */
export function requirementText(r: Requirement): string {
  switch (r.operator) {
    case '=':
      return `${r.key}: ${r.values[0] ?? ''}`;
    case 'In':
      return `${r.key} in (${r.values.join(', ')})`;
    case 'NotIn':
      return `${r.key} notin (${r.values.join(', ')})`;
    case 'Exists':
      return `${r.key} exists`;
    default:
      return `${r.key} does not exist`;
  }
}

/** `namespace/name`, or the name alone. */
export function objectName(o: KubeObject | ObjectId): string {
  const namespace = 'metadata' in o ? o.metadata.namespace : o.namespace;
  const name = 'metadata' in o ? o.metadata.name : o.name;
  return namespace === undefined ? name : `${namespace}/${name}`;
}

/** Text in backquotes; as a JSON string inside them when it holds a backquote or a character that is not printable ASCII. */
export function literal(text: string): string {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20 || c > 0x7e || c === 0x60) return `\`${JSON.stringify(text)}\``;
  }
  return `\`${text}\``;
}
