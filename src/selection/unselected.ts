/**
 * Objects that no owner selects. The operator ignores them without a word;
 * here each gets one info result naming it, and the run one line with the
 * count, so that a monitor or rule that matches nothing is seen at review.
 */
import { compareStrings } from '../core/compare.js';
import { infoResult } from '../krm/results.js';
import { refOf, type Result } from '../krm/types.js';
import type { SelectionFacts } from './facts.js';
import { selectorsOf } from './owners.js';

/** What a selected object of each kind ends up in. */
const ENDS_UP_IN: Readonly<Record<string, string>> = {
  PrometheusRule: 'no rule file',
  AlertmanagerConfig: 'no Alertmanager configuration',
};

export function unselectedResults(facts: SelectionFacts): Result[] {
  const unselected = facts.unselected();
  if (unselected.length === 0) return [];
  const presentOwners = new Set(facts.owners.map((o) => o.owner.kind));
  const results = unselected.map((obj) => {
    const { owners, selector, namespaceSelector } = selectorsOf(obj.kind);
    const who = owners.join(' or ');
    const where = ENDS_UP_IN[obj.kind] ?? 'no scrape configuration';
    const advice = owners.some((o) => presentOwners.has(o))
      ? `compare its labels with their spec.${selector} and its namespace with their spec.${namespaceSelector}`
      : `the input has no ${who}`;
    return infoResult(`no ${who} selects it, so it is in ${where}; ${advice}`, refOf(obj));
  });
  const perKind = new Map<string, number>();
  for (const obj of unselected) perKind.set(obj.kind, (perKind.get(obj.kind) ?? 0) + 1);
  const counts = [...perKind.entries()].sort(([a], [b]) => compareStrings(a, b)).map(([kind, n]) => `${n} ${kind}`);
  results.push(infoResult(`${unselected.length} ${unselected.length === 1 ? 'object is' : 'objects are'} selected by no resource (${counts.join(', ')}); each is named in its own result`));
  return results;
}
