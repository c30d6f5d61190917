/**
 * A label selector's requirements one at a time, in one fixed order (its
 * matchLabels entries, then its matchExpressions), so that the selection
 * stage can record which of them an object missed, by index, and whatever
 * explains a render can name them. Built only for candidates that miss, so
 * selection costs what it did for the objects it picks.
 */
import { selectorPredicate, type LabelPredicate, type LabelSelector, type Labels } from '../core/labels.js';

export interface Requirement {
  readonly key: string;
  /** `=` for a matchLabels entry, else the expression's operator (In, NotIn, Exists, DoesNotExist). */
  readonly operator: string;
  readonly values: readonly string[];
}

/** The requirements of a selector, in the order `missesOf` numbers them. */
export function requirementsOf(selector: LabelSelector): Requirement[] {
  return [
    ...Object.entries(selector.matchLabels ?? {}).map(([key, value]) => ({ key, operator: '=', values: [value] })),
    ...(selector.matchExpressions ?? []).map((e) => ({ key: e.key, operator: e.operator, values: e.values ?? [] })),
  ];
}

/**
 * For a selector already known to be valid: the indices (in `requirementsOf`
 * order) of the requirements a set of labels fails; empty when it matches.
 */
export function missesOf(selector: LabelSelector): (labels: Labels) => number[] {
  const checks: LabelPredicate[] = [
    ...Object.entries(selector.matchLabels ?? {}).map(([key, value]) => selectorPredicate({ matchLabels: { [key]: value } })),
    ...(selector.matchExpressions ?? []).map((e) => selectorPredicate({ matchExpressions: [e] })),
  ];
  return (labels) => {
    const missed: number[] = [];
    for (let i = 0; i < checks.length; i++) if (!(checks[i] as LabelPredicate)(labels)) missed.push(i);
    return missed;
  };
}
