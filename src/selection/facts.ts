/**
 * What each owner (Prometheus, PrometheusAgent, ThanosRuler, Alertmanager)
 * selected, computed once per render and read by the renderers, the
 * "selected by no resource" results and, later, anything that explains a
 * render. Per owner and kind: the objects its selectors match and what each
 * became in the output (its scrape jobs, its rule file, its receivers), the
 * candidates they do not match with the reason and the requirements missed,
 * and the selected objects a renderer then left out as invalid, with the
 * problem. Objects refused before selection (they fail their schema) are
 * listed too. `prometheus-krm explain` prints these facts.
 */
import { sortBy } from '../core/compare.js';
import type { LabelSelector } from '../core/labels.js';
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
  /**
   * With 'labels' and 'namespace': the requirements of the owner's selector
   * (indices in `requirementsOf` order) that the object's labels miss; empty
   * when only its namespace keeps it out.
   */
  readonly labelMisses?: readonly number[];
  /**
   * With 'namespace': the requirements of the owner's namespace selector
   * that the namespace's labels miss; empty when that selector is unset,
   * which limits the owner to its own namespace.
   */
  readonly namespaceMisses?: readonly number[];
}

/** What a selected object became in its owner's output. */
export interface Produced {
  /** A monitor's scrape job names, in prometheus.yaml order. */
  readonly jobs?: readonly string[];
  /** A PrometheusRule's rule file: the ConfigMap and key it ships in, and its group names. */
  readonly ruleFile?: { readonly configMap: string; readonly key: string; readonly groups: readonly string[] };
  /** An AlertmanagerConfig's top-level route: the receiver it routes to, as named in alertmanager.yaml. */
  readonly route?: string;
  /** An AlertmanagerConfig's receivers, as named in alertmanager.yaml. */
  readonly receivers?: readonly string[];
  /** How many inhibit rules an AlertmanagerConfig adds. */
  readonly inhibitRules?: number;
}

/** A selected object that the owner's renderer left out. */
export interface LeftOut {
  readonly object: KubeObject;
  /** The problem, in the words of the result that reported it (no Secret value, as in the result). */
  readonly problem: string;
  readonly field?: string;
}

export interface KindSelection {
  readonly kind: string;
  /** `spec.serviceMonitorSelector`, say. */
  readonly selectorField: string;
  /** `spec.serviceMonitorNamespaceSelector`, say. */
  readonly namespaceSelectorField: string;
  /** The owner's selectors for this kind, as written (undefined or null when unset). */
  readonly selector?: LabelSelector | null;
  readonly namespaceSelector?: LabelSelector | null;
  /** Matched by both selectors, de-duplicated and sorted by `namespace/name`, as the operator walks them. */
  readonly selected: readonly KubeObject[];
  readonly notSelected: readonly NotSelected[];
  /** Selected, then left out by the renderer (failed validation, a missing Secret...). */
  readonly leftOut: readonly LeftOut[];
  /** What the selected objects that the renderer used became, by object. */
  readonly produced: ReadonlyMap<KubeObject, Produced>;
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
  /** Records what a selected object became in the owner's output, where the renderer builds it. */
  produce(owner: KubeObject, object: KubeObject, produced: Produced): void;
  /** Objects of the selectable kinds that no owner selects or references, sorted by kind, namespace and name. */
  unselected(): readonly KubeObject[];
  /** Monitoring objects refused before selection (they fail their schema; results say why), in input order. */
  readonly refused: readonly KubeObject[];
}

interface MutableKindSelection extends KindSelection {
  readonly leftOut: LeftOut[];
  readonly produced: Map<KubeObject, Produced>;
}

interface MutableOwnerSelection extends OwnerSelection {
  readonly kinds: MutableKindSelection[];
}

/** What the ledger keeps besides what selection finds. */
export interface LedgerRecord {
  /** Monitoring objects refused before selection. */
  readonly refused?: readonly KubeObject[];
  /** Takes any Secret value out of a problem's words, as out of the results that report it. */
  readonly redact?: (message: string) => string;
}

/** The facts as the selection stage records them. */
export class SelectionLedger implements SelectionFacts {
  readonly #owners: MutableOwnerSelection[] = [];
  readonly #byOwner = new Map<string, MutableOwnerSelection>();
  /** Candidates of every selectable kind, in the order they were offered. */
  readonly #candidates = new Map<string, KubeObject>();

  readonly refused: readonly KubeObject[];
  readonly #redact: (message: string) => string;

  constructor(record: LedgerRecord = {}) {
    this.refused = record.refused ?? [];
    this.#redact = record.redact ?? ((m) => m);
  }

  /** Offers the candidates of one kind; each is reported unselected unless some owner selects or references it. */
  offer(candidates: readonly KubeObject[]): void {
    for (const c of candidates) if (!this.#candidates.has(identityKey(c))) this.#candidates.set(identityKey(c), c);
  }

  record(owner: KubeObject, kinds: readonly KindSelection[], referenced: readonly KubeObject[], valid: boolean): void {
    const entry: MutableOwnerSelection = { owner, kinds: kinds.map((k) => ({ ...k, leftOut: [...k.leftOut], produced: new Map(k.produced) })), referenced, valid };
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
    const words = this.#redact(problem);
    this.#kind(owner, object)?.leftOut.push(field === undefined ? { object, problem: words } : { object, problem: words, field });
  }

  produce(owner: KubeObject, object: KubeObject, produced: Produced): void {
    this.#kind(owner, object)?.produced.set(object, produced);
  }

  #kind(owner: KubeObject, object: KubeObject): MutableKindSelection | undefined {
    return this.#byOwner.get(identityKey(owner))?.kinds.find((k) => k.kind === object.kind);
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
