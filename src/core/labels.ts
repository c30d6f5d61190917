/**
 * Kubernetes label selectors, as metav1.LabelSelector, and their matching.
 * Keys are tested as own keys: a label set is a map that may carry a
 * prototype, and `constructor` is a label like any other.
 */
import { isLabelKey, isLabelValue } from './names.js';

export interface LabelSelectorRequirement {
  readonly key: string;
  readonly operator: string;
  readonly values?: readonly string[];
}

export interface LabelSelector {
  readonly matchLabels?: Readonly<Record<string, string>>;
  readonly matchExpressions?: readonly LabelSelectorRequirement[];
}

export type Labels = Readonly<Record<string, string>>;
export type LabelPredicate = (labels: Labels) => boolean;

const nothing: LabelPredicate = () => false;
const everything: LabelPredicate = () => true;

/**
 * Turns a selector into a predicate with the operator's semantics:
 * an absent (nil) selector selects nothing, `{}` selects everything.
 * Throws an Error whose message names the offending requirement when the
 * selector itself is invalid (unknown operator, values where none belong, a
 * key or value that is not a valid label key or value: the operator's
 * LabelSelectorAsSelector refuses those too).
 */
export function selectorPredicate(selector: LabelSelector | null | undefined): LabelPredicate {
  if (selector === undefined || selector === null) return nothing;
  const checks: LabelPredicate[] = [];
  for (const [key, value] of Object.entries(selector.matchLabels ?? {})) {
    checkKey(key, `matchLabels`);
    checkValue(value, `matchLabels.${key}`);
    checks.push((labels) => Object.hasOwn(labels, key) && labels[key] === value);
  }
  for (const [i, req] of (selector.matchExpressions ?? []).entries()) {
    checks.push(requirementPredicate(req, i));
  }
  if (checks.length === 0) return everything;
  return (labels) => checks.every((check) => check(labels));
}

function requirementPredicate(req: LabelSelectorRequirement, index: number): LabelPredicate {
  const values = req.values ?? [];
  const where = `matchExpressions[${index}]`;
  checkKey(req.key, `${where}.key`);
  values.forEach((v, i) => checkValue(v, `${where}.values[${i}]`));
  switch (req.operator) {
    case 'In':
      if (values.length === 0) throw new Error(`${where}: operator In needs at least one value`);
      return (labels) => Object.hasOwn(labels, req.key) && values.includes(labels[req.key] as string);
    case 'NotIn':
      if (values.length === 0) throw new Error(`${where}: operator NotIn needs at least one value`);
      return (labels) => !Object.hasOwn(labels, req.key) || !values.includes(labels[req.key] as string);
    case 'Exists':
      if (values.length > 0) throw new Error(`${where}: operator Exists takes no values`);
      return (labels) => Object.hasOwn(labels, req.key);
    case 'DoesNotExist':
      if (values.length > 0) throw new Error(`${where}: operator DoesNotExist takes no values`);
      return (labels) => !Object.hasOwn(labels, req.key);
    default:
      throw new Error(`${where}: unknown operator "${req.operator}"; use In, NotIn, Exists or DoesNotExist`);
  }
}

function checkKey(key: unknown, where: string): void {
  if (typeof key !== 'string' || !isLabelKey(key)) {
    throw new Error(`${where}: ${JSON.stringify(key)} is not a valid label key (an optional DNS subdomain prefix and "/", then at most 63 letters, digits, "-", "_" or ".", starting and ending with a letter or digit)`);
  }
}

function checkValue(value: unknown, where: string): void {
  if (typeof value !== 'string' || !isLabelValue(value)) {
    throw new Error(`${where}: ${JSON.stringify(value)} is not a valid label value (at most 63 letters, digits, "-", "_" or ".", starting and ending with a letter or digit)`);
  }
}
