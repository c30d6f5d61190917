/**
 * The selection stage: for every owner, the objects of each kind its
 * selectors pick, run once per render before any owner is rendered. The
 * renderers read the result (SelectionFacts); nothing selects a second way.
 */
import type { LabelSelector } from '../core/labels.js';
import type { KubeObject } from '../krm/types.js';
import { SelectionLedger, type KindSelection, type LedgerRecord, type SelectionFacts } from './facts.js';
import { namespaceMatcher, namespaceMisses, selectObjects, type SelectionScope } from './select.js';
import { notNil } from '../core/objects.js';

type Spec = Readonly<Record<string, unknown>>;

/** One kind an owner selects, and the spec fields that select it. */
interface SelectedKind {
  readonly kind: string;
  readonly selector: string;
  readonly namespaceSelector: string;
  /**
   * Whether the owner selects this kind at all. When it does not, neither
   * selector is read (so an invalid namespace selector there is no error),
   * as the operator skips them.
   */
  readonly active: (spec: Spec) => boolean;
}


const monitorKind = (kind: string, field: string): SelectedKind => ({
  kind,
  selector: `${field}Selector`,
  namespaceSelector: `${field}NamespaceSelector`,
  active: (spec) => notNil(spec[`${field}Selector`]),
});

/** The monitor kinds, in the order their jobs appear in prometheus.yaml. */
const MONITORS: readonly SelectedKind[] = [
  monitorKind('ServiceMonitor', 'serviceMonitor'),
  monitorKind('PodMonitor', 'podMonitor'),
  monitorKind('Probe', 'probe'),
  monitorKind('ScrapeConfig', 'scrapeConfig'),
];

/** The rule namespace selector is read even without a rule selector. */
const RULES: SelectedKind = { kind: 'PrometheusRule', selector: 'ruleSelector', namespaceSelector: 'ruleNamespaceSelector', active: () => true };

/** With neither a selector nor a global configuration the Alertmanager's configuration is the user's: nothing is selected. */
const ALERTMANAGER_CONFIGS: SelectedKind = {
  kind: 'AlertmanagerConfig',
  selector: 'alertmanagerConfigSelector',
  namespaceSelector: 'alertmanagerConfigNamespaceSelector',
  active: (spec) => notNil(spec.alertmanagerConfigSelector) || notNil(spec.alertmanagerConfiguration),
};

/** What each owner kind selects. */
const OWNER_KINDS: Readonly<Record<string, readonly SelectedKind[]>> = {
  Prometheus: [...MONITORS, RULES],
  PrometheusAgent: MONITORS,
  ThanosRuler: [RULES],
  Alertmanager: [ALERTMANAGER_CONFIGS],
};

/** The kinds that some owner selects, in a fixed order. */
export const SELECTABLE_KINDS: readonly string[] = [...new Set(Object.values(OWNER_KINDS).flatMap((kinds) => kinds.map((k) => k.kind)))];

/** Who selects a kind, and through which spec fields (the same in every owner kind that selects it). */
export interface SelectorsOf {
  /** e.g. ["Prometheus", "PrometheusAgent"] for ServiceMonitor. */
  readonly owners: readonly string[];
  readonly selector: string;
  readonly namespaceSelector: string;
}

export function selectorsOf(kind: string): SelectorsOf {
  const entries = Object.entries(OWNER_KINDS).filter(([, kinds]) => kinds.some((k) => k.kind === kind));
  const fields = entries[0]?.[1].find((k) => k.kind === kind);
  return { owners: entries.map(([owner]) => owner), selector: fields?.selector ?? '', namespaceSelector: fields?.namespaceSelector ?? '' };
}

/**
 * Runs every owner's selectors over the input. An invalid selector is an
 * error result naming the field; that owner then has no selection and is not
 * rendered. Owners that select nothing of a kind still list its candidates,
 * as not selected because the selector is unset. `record` adds the
 * monitoring objects left out before selection, for the record.
 */
export function selectAll(owners: readonly KubeObject[], scope: SelectionScope, record: LedgerRecord = {}): SelectionFacts {
  const ledger = new SelectionLedger(record);
  for (const kind of SELECTABLE_KINDS) ledger.offer(scope.inputs.ofKind(kind));
  for (const owner of owners) {
    const spec = (owner.spec ?? {}) as Spec;
    const kinds: KindSelection[] = [];
    let valid = true;
    for (const k of OWNER_KINDS[owner.kind] ?? []) {
      const selectorField = `spec.${k.selector}`;
      const namespaceSelectorField = `spec.${k.namespaceSelector}`;
      const candidates = scope.inputs.ofKind(k.kind);
      let outcome: Pick<KindSelection, 'selected' | 'notSelected'> | undefined = {
        selected: [],
        notSelected: candidates.map((object) => ({ object, reason: 'selector-unset' as const })),
      };
      const selector = spec[k.selector] as LabelSelector | null | undefined;
      const namespaceSelector = spec[k.namespaceSelector] as LabelSelector | null | undefined;
      if (k.active(spec)) {
        const namespaces = namespaceMatcher(owner, namespaceSelector, namespaceSelectorField, scope);
        outcome = namespaces && selectObjects(owner, candidates, selector, selectorField, namespaces, scope, namespaceMisses(namespaceSelector, scope));
      }
      // Every selector is checked, so that one render reports every invalid one.
      if (!outcome) {
        valid = false;
        continue;
      }
      kinds.push({ kind: k.kind, selectorField, namespaceSelectorField, selector, namespaceSelector, ...outcome, leftOut: [], produced: new Map() });
    }
    ledger.record(owner, kinds, referencedBy(owner, spec, scope), valid);
  }
  return ledger;
}

/** The global AlertmanagerConfig an Alertmanager names in `spec.alertmanagerConfiguration`, when the input has it. */
function referencedBy(owner: KubeObject, spec: Spec, scope: SelectionScope): KubeObject[] {
  if (owner.kind !== 'Alertmanager') return [];
  const name = (spec.alertmanagerConfiguration as { name?: unknown } | null | undefined)?.name;
  const namespace = owner.metadata.namespace ?? 'default';
  return scope.inputs.ofKind('AlertmanagerConfig').filter((o) => (o.metadata.namespace ?? 'default') === namespace && o.metadata.name === name);
}
