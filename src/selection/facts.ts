/**
 * What each owner (Prometheus, PrometheusAgent, ThanosRuler, Alertmanager)
 * selected, computed once per render and read by the renderers, the
 * "selected by no resource" results and, later, anything that explains a
 * render. Per owner and kind: the objects its selectors match, the candidates
 * they do not match with the reason, and the selected objects a renderer then
 * left out as invalid, with the problem.
 */
import { sortBy } from '../core/compare.js';
import { identityKey, type KubeObject } from '../krm/types.js';

/** Why a candidate is not selected by an owner. */
export type NotSelectedReason =
  /** The owner's selector field for this kind is unset, which selects nothing. */
  | 'selector-unset'
  /** The object's namespace is not one the owner looks in (its own, or those its namespace selector matches). */
  | 'namespace'
  /** The object's labels do not match the owner's selector. */
  | 'labels';

export interface NotSelected {
  readonly object: KubeObject;
  readonly reason: NotSelectedReason;
}

/** A selected object that the owner's renderer left out. */
export interface LeftOut {
  readonly object: KubeObject;
  /** The problem, in the words of the result that reported it. */
  readonly problem: string;
  readonly field?: string;
}

export interface KindSelection {
  readonly kind: string;
  /** `spec.serviceMonitorSelector`, say. */
  readonly selectorField: string;
  /** `spec.serviceMonitorNamespaceSelector`, say. */
  readonly namespaceSelectorField: string;
  /** Matched by both selectors, de-duplicated and sorted by `namespace/name`, as the operator walks them. */
  readonly selected: readonly KubeObject[];
  readonly notSelected: readonly NotSelected[];
  /** Selected, then left out by the renderer (failed validation, a missing Secret...). */
  readonly leftOut: readonly LeftOut[];
}

export interface OwnerSelection {
  readonly owner: KubeObject;
  /** One entry per kind the owner selects, in the order of its renderer. */
  readonly kinds: readonly KindSelection[];
  /** Objects the owner uses by name rather than by selector (the global AlertmanagerConfig of `spec.alertmanagerConfiguration`). */
  readonly referenced: readonly KubeObject[];
  /** False when one of its selectors is invalid: an error result says which, and nothing is rendered for it. */
  readonly valid: boolean;
}

export interface SelectionFacts {
  /** Every owner, in render order. */
  readonly owners: readonly OwnerSelection[];
  /** The objects of `kind` the owner selects; undefined when one of its selectors is invalid. */
  selected(owner: KubeObject, kind: string): readonly KubeObject[] | undefined;
  /** Records that the owner's renderer left a selected object out. */
  leaveOut(owner: KubeObject, object: KubeObject, problem: string, field?: string): void;
  /** Objects of the selectable kinds that no owner selects or references, sorted by kind, namespace and name. */
  unselected(): readonly KubeObject[];
}

interface MutableKindSelection extends KindSelection {
  readonly leftOut: LeftOut[];
}

interface MutableOwnerSelection extends OwnerSelection {
  readonly kinds: MutableKindSelection[];
}

/** The facts as the selection stage records them. */
export class SelectionLedger implements SelectionFacts {
  readonly #owners: MutableOwnerSelection[] = [];
  readonly #byOwner = new Map<string, MutableOwnerSelection>();
  /** Candidates of every selectable kind, in the order they were offered. */
  readonly #candidates = new Map<string, KubeObject>();

  /** Offers the candidates of one kind; each is reported unselected unless some owner selects or references it. */
  offer(candidates: readonly KubeObject[]): void {
    for (const c of candidates) if (!this.#candidates.has(identityKey(c))) this.#candidates.set(identityKey(c), c);
  }

  record(owner: KubeObject, kinds: readonly KindSelection[], referenced: readonly KubeObject[], valid: boolean): void {
    const entry: MutableOwnerSelection = { owner, kinds: kinds.map((k) => ({ ...k, leftOut: [...k.leftOut] })), referenced, valid };
    this.#owners.push(entry);
    this.#byOwner.set(identityKey(owner), entry);
  }

  get owners(): readonly OwnerSelection[] {
    return this.#owners;
  }

  selected(owner: KubeObject, kind: string): readonly KubeObject[] | undefined {
    const entry = this.#byOwner.get(identityKey(owner));
    if (!entry?.valid) return undefined;
    return entry.kinds.find((k) => k.kind === kind)?.selected ?? [];
  }

  leaveOut(owner: KubeObject, object: KubeObject, problem: string, field?: string): void {
    const kind = this.#byOwner.get(identityKey(owner))?.kinds.find((k) => k.kind === object.kind);
    kind?.leftOut.push(field === undefined ? { object, problem } : { object, problem, field });
  }

  unselected(): readonly KubeObject[] {
    const used = new Set<string>();
    for (const o of this.#owners) {
      for (const k of o.kinds) for (const s of k.selected) used.add(identityKey(s));
      for (const r of o.referenced) used.add(identityKey(r));
    }
    const left = [...this.#candidates.entries()].filter(([key]) => !used.has(key)).map(([, obj]) => obj);
    return sortBy(left, (o) => `${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`);
  }
}
