/**
 * Kubernetes label selectors, as metav1.LabelSelector, and their matching.
 * Keys are tested as own keys: a label set is a map that may carry a
 * prototype, and `constructor` is a label like any other.
 */
import type { Fail } from './fail.js';
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
 * Checks a selector as the operator's LabelSelectorAsSelector does: a known
 * operator, values only where they belong, valid label keys and values. The
 * first problem goes to `fail`, with its place in the selector
 * (`matchExpressions[0]`, say) as the field and at the head of the message.
 */
export function checkSelector(selector: LabelSelector | null | undefined, fail: Fail): boolean {
  if (selector === undefined || selector === null) return true;
  const problem = firstProblem(selector);
  if (problem === undefined) return true;
  fail(`${problem.where}: ${problem.message}`, problem.where);
  return false;
}

/**
 * The predicate of a selector that passed checkSelector, with the operator's
 * semantics: an absent (nil) selector selects nothing, `{}` everything.
 */
export function selectorPredicate(selector: LabelSelector | null | undefined): LabelPredicate {
  if (selector === undefined || selector === null) return nothing;
  const checks: LabelPredicate[] = [];
  for (const [key, value] of Object.entries(selector.matchLabels ?? {})) {
    checks.push((labels) => Object.hasOwn(labels, key) && labels[key] === value);
  }
  for (const req of selector.matchExpressions ?? []) checks.push(requirementPredicate(req));
  if (checks.length === 0) return everything;
  return (labels) => checks.every((check) => check(labels));
}

function requirementPredicate(req: LabelSelectorRequirement): LabelPredicate {
  const values = req.values ?? [];
  switch (req.operator) {
    case 'In':
      return (labels) => Object.hasOwn(labels, req.key) && values.includes(labels[req.key] as string);
    case 'NotIn':
      return (labels) => !Object.hasOwn(labels, req.key) || !values.includes(labels[req.key] as string);
    case 'Exists':
      return (labels) => Object.hasOwn(labels, req.key);
    case 'DoesNotExist':
      return (labels) => !Object.hasOwn(labels, req.key);
    default:
      return nothing;
  }
}

interface SelectorProblem {
  readonly where: string;
  readonly message: string;
}

function firstProblem(selector: LabelSelector): SelectorProblem | undefined {
  for (const [key, value] of Object.entries(selector.matchLabels ?? {})) {
    const problem = keyProblem(key, 'matchLabels') ?? valueProblem(value, `matchLabels.${key}`);
    if (problem) return problem;
  }
  for (const [i, req] of (selector.matchExpressions ?? []).entries()) {
    const problem = requirementProblem(req, `matchExpressions[${i}]`);
    if (problem) return problem;
  }
  return undefined;
}

function requirementProblem(req: LabelSelectorRequirement, where: string): SelectorProblem | undefined {
  const values = req.values ?? [];
  const problem = keyProblem(req.key, `${where}.key`) ?? values.map((v, i) => valueProblem(v, `${where}.values[${i}]`)).find((p) => p !== undefined);
  if (problem) return problem;
  switch (req.operator) {
    case 'In':
    case 'NotIn':
      return values.length === 0 ? { where, message: `operator ${req.operator} needs at least one value` } : undefined;
    case 'Exists':
    case 'DoesNotExist':
      return values.length > 0 ? { where, message: `operator ${req.operator} takes no values` } : undefined;
    default:
      return { where, message: `unknown operator "${req.operator}"; use In, NotIn, Exists or DoesNotExist` };
  }
}

function keyProblem(key: unknown, where: string): SelectorProblem | undefined {
  if (typeof key === 'string' && isLabelKey(key)) return undefined;
  return {
    where,
    message: `${JSON.stringify(key)} is not a valid label key (an optional DNS subdomain prefix and "/", then at most 63 letters, digits, "-", "_" or ".", starting and ending with a letter or digit)`,
  };
}

function valueProblem(value: unknown, where: string): SelectorProblem | undefined {
  if (typeof value === 'string' && isLabelValue(value)) return undefined;
  return { where, message: `${JSON.stringify(value)} is not a valid label value (at most 63 letters, digits, "-", "_" or ".", starting and ending with a letter or digit)` };
}
