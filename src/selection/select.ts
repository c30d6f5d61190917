import { sortBy } from '../core/compare.js';
import { checkSelector, selectorPredicate, type LabelPredicate, type LabelSelector, type Labels } from '../core/labels.js';
import type { Reporter } from '../krm/report.js';
import { identityKey, refOf, type KubeObject } from '../krm/types.js';
import type { Options } from '../options/options.js';
import type { NotSelected } from './facts.js';
import type { InputIndex } from './inputs.js';
import { NAME_LABEL, nameOnlyPart, type NamespaceIndex } from './namespaces.js';
import { missesOf } from './requirements.js';

/** What selection reads of a render: the part of the render context built before selection runs. */
export interface SelectionScope {
  readonly options: Options;
  readonly namespaces: NamespaceIndex;
  readonly inputs: InputIndex;
  readonly report: Reporter;
}

/** Which namespaces an owner looks in, from one of its `…NamespaceSelector` fields. */
export type NamespaceMatcher = (namespace: string) => boolean;

/**
 * The operator's namespace semantics: an absent selector means the owner's
 * own namespace, `{}` means every namespace, otherwise namespaces whose labels
 * match. A namespace without a Namespace object in the input carries only the
 * label the API server gives every namespace, kubernetes.io/metadata.name.
 * When the selector asks for more than that label and that label alone does
 * not rule the namespace out, the answer depends on labels the package does
 * not show: a warning (an error under `onInvalid: fail`) names the namespace
 * and the selector, once per owner, field and namespace, and the namespace is
 * matched with that one label.
 */
export function namespaceMatcher(
  owner: KubeObject,
  selector: LabelSelector | null | undefined,
  fieldPath: string,
  ctx: SelectionScope,
): NamespaceMatcher | undefined {
  const own = owner.metadata.namespace ?? 'default';
  if (selector === undefined || selector === null) return (ns) => ns === own;
  const matches = compile(owner, selector, fieldPath, ctx);
  if (!matches) return undefined;
  const byName = nameOnlyPart(selector);
  const matchesByName = selectorPredicate(byName.part);
  const told = new Set<string>();
  return (ns) => {
    const labels = ctx.namespaces.labels(ns);
    if (labels !== undefined) return matches(labels);
    const known = { [NAME_LABEL]: ns };
    if (!matchesByName(known)) return false;
    if (byName.whole) return true;
    const matched = matches(known);
    if (!told.has(ns)) {
      told.add(ns);
      ctx.report.reject(ctx.options.onInvalid, unknownNamespaceMessage(ns, fieldPath, matched), refOf(owner), fieldPath);
    }
    return matched;
  };
}

/**
 * For a namespace the matcher refuses: the requirements of the namespace
 * selector that its labels miss (labels as the matcher reads them), once per
 * namespace; none when the selector is unset (own namespace only).
 */
export function namespaceMisses(selector: LabelSelector | null | undefined, ctx: Pick<SelectionScope, 'namespaces'>): (namespace: string) => readonly number[] {
  if (selector === undefined || selector === null) return () => [];
  const misses = missesOf(selector);
  const known = new Map<string, readonly number[]>();
  return (ns) => {
    let found = known.get(ns);
    if (found === undefined) {
      found = misses(ctx.namespaces.labels(ns) ?? { [NAME_LABEL]: ns });
      known.set(ns, found);
    }
    return found;
  };
}

function unknownNamespaceMessage(ns: string, fieldPath: string, matched: boolean): string {
  return (
    `namespace ${ns} has no Namespace object in the input, so its labels other than ${NAME_LABEL} are unknown and ${fieldPath} cannot be decided for it; ` +
    `its objects are ${matched ? 'selected' : 'left out'} as if it had no other label. ` +
    `Add its Namespace object, or declare its labels with a Namespace object annotated config.kubernetes.io/local-config: "true", which is read and never applied`
  );
}

/** What one owner's selectors make of the candidates of one kind. */
export interface Selection {
  /** De-duplicated by identity and sorted by `namespace/name`, as the operator walks them. */
  readonly selected: KubeObject[];
  readonly notSelected: NotSelected[];
}

/**
 * Objects of one kind that an owner selects: label selector (absent selects
 * nothing, `{}` everything) and namespace matcher. Every other candidate is
 * kept with the reason it is not selected and the requirements it misses
 * (those of the namespace selector from `missedByNamespace`).
 * Returns undefined (after an error result) when a selector is invalid.
 */
export function selectObjects(
  owner: KubeObject,
  candidates: readonly KubeObject[],
  selector: LabelSelector | null | undefined,
  selectorPath: string,
  namespaces: NamespaceMatcher,
  ctx: SelectionScope,
  missedByNamespace: (namespace: string) => readonly number[] = () => [],
): Selection | undefined {
  const matches = compile(owner, selector, selectorPath, ctx);
  if (!matches) return undefined;
  const unset = selector === undefined || selector === null;
  let misses: ((labels: Labels) => number[]) | undefined;
  const labelMisses = (labels: Labels) => (misses ??= missesOf(selector ?? {}))(labels);
  const seen = new Set<string>();
  const picked: KubeObject[] = [];
  const notSelected: NotSelected[] = [];
  for (const o of candidates) {
    const key = identityKey(o);
    if (seen.has(key)) continue;
    seen.add(key);
    const namespace = o.metadata.namespace ?? 'default';
    const labels = o.metadata.labels ?? {};
    if (unset) notSelected.push({ object: o, reason: 'selector-unset' });
    else if (!namespaces(namespace)) notSelected.push({ object: o, reason: 'namespace', labelMisses: labelMisses(labels), namespaceMisses: missedByNamespace(namespace) });
    else if (!matches(labels)) notSelected.push({ object: o, reason: 'labels', labelMisses: labelMisses(labels) });
    else picked.push(o);
  }
  return { selected: sortBy(picked, (o) => `${o.metadata.namespace ?? ''}/${o.metadata.name}`), notSelected };
}

/** The selector's predicate; undefined after an error result naming the selector field when it is invalid. */
function compile(owner: KubeObject, selector: LabelSelector | null | undefined, fieldPath: string, ctx: SelectionScope): LabelPredicate | undefined {
  const valid = checkSelector(selector, (message) => {
    ctx.report.error(`${fieldPath}.${message}`, refOf(owner), fieldPath);
    return undefined;
  });
  return valid ? selectorPredicate(selector) : undefined;
}
