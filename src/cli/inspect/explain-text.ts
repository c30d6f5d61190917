/**
 * The plain-text form of `prometheus-krm explain`: one block per owner, one
 * line per kind it selects and one per object under it, then the objects
 * nothing selected with their nearest miss, then those refused before
 * selection.
 */
import type { ExplainReport, KindReport, OwnerReport, Problem, RejectedEntry, SelectedEntry } from './explain-report.js';
import { objectName } from './explain-report.js';

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export function explainText(report: ExplainReport): string {
  const blocks = report.owners.map(ownerBlock);
  if (report.owners.length === 0) blocks.push('No Prometheus, PrometheusAgent, Alertmanager or ThanosRuler in the input.\n');
  const unselected = report.unselected.map((u) => `  ${u.kind} ${objectName(u)}: ${u.nearestMiss ? `nearest miss ${u.nearestMiss.message}` : u.message}`);
  blocks.push(
    unselected.length === 0
      ? 'Selected by nothing: none.\n'
      : `Selected by nothing (${unselected.length}), with the nearest miss:\n${unselected.join('\n')}\n`,
  );
  if (report.refused.length > 0) {
    const lines = report.refused.flatMap((r) => [`  ${r.kind} ${objectName(r)}`, ...r.problems.map((p) => `      ${problemText(p)}`)]);
    blocks.push(`Refused before selection (${report.refused.length}), as the operator's admission would refuse them:\n${lines.join('\n')}\n`);
  }
  return blocks.join('\n');
}

function ownerBlock(o: OwnerReport): string {
  const lines = [`${o.kind} ${objectName(o)}`];
  if (!o.valid) lines.push('  not rendered: one of its selectors is invalid (the error result names it)');
  for (const k of o.kinds) lines.push(...kindLines(k));
  for (const r of o.references) lines.push(`  uses ${r.kind} ${objectName(r)} as its global configuration (${r.field})`);
  return `${lines.join('\n')}\n`;
}

function kindLines(k: KindReport): string[] {
  const fields = `${k.selector}, ${k.namespaceSelector}`;
  if (k.selectorUnset) return [`  ${k.kind}: none, ${k.selector} is unset`];
  const counts = [`${k.selected.length} selected`];
  if (k.rejected.length > 0) counts.push(`${k.rejected.length} rejected`);
  counts.push(`${k.notSelected} not selected`);
  return [
    `  ${k.kind} (${fields}): ${counts.join(', ')}`,
    ...k.selected.map((s) => `    selected ${objectName(s)}${became(s)}`),
    ...k.rejected.flatMap(rejectedLines),
  ];
}

/** What a selected object became, after a colon; empty when the render recorded nothing (its owner's configuration was not generated). */
function became(s: SelectedEntry): string {
  const parts: string[] = [];
  if (s.jobs) parts.push(s.jobs.length === 0 ? 'no scrape job' : `${s.jobs.length === 1 ? 'job' : 'jobs'} ${s.jobs.join(', ')}`);
  if (s.ruleFile) {
    const groups = s.ruleFile.groups.length === 0 ? 'no groups' : `${s.ruleFile.groups.length === 1 ? 'group' : 'groups'} ${s.ruleFile.groups.join(', ')}`;
    parts.push(`rule file ${s.ruleFile.key} in ConfigMap ${s.ruleFile.configMap}, ${groups}`);
  }
  if (s.receivers) {
    parts.push(s.route === undefined ? 'no route (spec.route is unset), so only its inhibit rules are used' : `route to receiver ${s.route}`);
    if (s.receivers.length > 0) parts.push(`${s.receivers.length === 1 ? 'receiver' : 'receivers'} ${s.receivers.join(', ')}`);
    if (s.inhibitRules) parts.push(plural(s.inhibitRules, 'inhibit rule'));
  }
  return parts.length === 0 ? '' : `: ${parts.join('; ')}`;
}

function rejectedLines(r: RejectedEntry): string[] {
  return [`    rejected ${objectName(r)}:`, ...r.problems.map((p) => `      ${problemText(p)}`)];
}

function problemText(p: Problem): string {
  return p.field ? `${p.field}: ${p.message}` : p.message;
}
