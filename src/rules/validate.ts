/**
 * What Prometheus refuses when it loads a rule file (rulefmt), checked at
 * render time like the operator's admission webhook does: unnamed or
 * repeated groups, rules with both or neither of `alert`/`record`, a missing
 * or unparsable `expr`, fields a recording rule may not have, durations that
 * are not Prometheus durations, and label, annotation and metric names the
 * target's name validation rejects (legacy names before Prometheus 3.0 and
 * Thanos 0.38, UTF-8 names from then on).
 */
import { isPlainObject } from '../core/objects.js';
import { isLegacyLabelName, isLegacyMetricName } from '../core/regex/scan.js';
import { parseExactDuration } from '../core/duration.js';
import type { ParseOptions, PromQLCheck } from '../context/promql-check.js';
import { parseCheck } from './promql/check.js';
import type { RuleItem, RuleProblem, RuleSpec } from './types.js';

export type NameValidation = 'legacy' | 'utf8';


/** Valid UTF-8: no lone surrogate. */
function wellFormed(s: string): boolean {
  return Buffer.from(s, 'utf8').toString('utf8') === s;
}

function validLabelName(name: string, scheme: NameValidation): boolean {
  return scheme === 'legacy' ? isLegacyLabelName(name) : name.length > 0 && wellFormed(name);
}

function validMetricName(name: string, scheme: NameValidation): boolean {
  return scheme === 'legacy' ? isLegacyMetricName(name) : name.length > 0 && wellFormed(name);
}

/** Text of a field that is a string, undefined when absent; anything else is reported. */
function str(v: unknown): string | undefined {
  return v === undefined || v === null ? undefined : typeof v === 'string' ? v : String(v);
}

export function validateGroups(groups: readonly RuleSpec[], scheme: NameValidation, parseOptions: ParseOptions, check: PromQLCheck = parseCheck): RuleProblem[] {
  const problems: RuleProblem[] = [];
  const seen = new Set<string>();
  groups.forEach((g, gi) => {
    const at = `spec.groups[${gi}]`;
    if (!isPlainObject(g)) {
      problems.push({ field: at, message: `group ${gi + 1} is not a mapping` });
      return;
    }
    const name = str(g.name) ?? '';
    const group = `group ${JSON.stringify(name)}`;
    const add = (field: string, message: string) => problems.push({ field: `${at}${field}`, message: `${group}: ${message}` });
    if (name === '') add('.name', 'group name must not be empty');
    else if (seen.has(name)) add('.name', `group name ${JSON.stringify(name)} is repeated in the same file`);
    seen.add(name);
    checkLabels(g.labels, scheme, (field, message) => add(`.labels${field}`, message));
    for (const key of ['interval', 'query_offset'] as const) checkDuration(g[key], (message) => add(`.${key}`, `${key}: ${message}`));
    if (g.limit !== undefined && g.limit !== null && !Number.isInteger(g.limit)) add('.limit', `limit: ${JSON.stringify(g.limit)} is not an integer`);
    if (g.rules !== undefined && g.rules !== null && !Array.isArray(g.rules)) add('.rules', 'rules must be a list');
    const rules = Array.isArray(g.rules) ? (g.rules as unknown[]) : [];
    rules.forEach((r, ri) => {
      const ruleAt = `.rules[${ri}]`;
      if (!isPlainObject(r)) {
        add(ruleAt, `rule ${ri + 1} is not a mapping`);
        return;
      }
      const rule = r as RuleItem;
      const ruleName = str(rule.alert) || str(rule.record) || '';
      const who = `rule ${ri + 1}${ruleName ? ` (${JSON.stringify(ruleName)})` : ''}`;
      for (const message of validateRule(rule, scheme, parseOptions, check)) add(`${ruleAt}${message.field}`, `${who}: ${message.text}`);
    });
  });
  return problems;
}

interface FieldMessage {
  readonly field: string;
  readonly text: string;
}

function validateRule(rule: RuleItem, scheme: NameValidation, parseOptions: ParseOptions, check: PromQLCheck): FieldMessage[] {
  const out: FieldMessage[] = [];
  const record = str(rule.record) ?? '';
  const alert = str(rule.alert) ?? '';
  if (record !== '' && alert !== '') out.push({ field: '', text: "only one of 'record' and 'alert' must be set" });
  if (record === '' && alert === '') out.push({ field: '', text: "one of 'record' or 'alert' must be set" });
  const expr = str(rule.expr) ?? '';
  if (expr === '') out.push({ field: '.expr', text: "field 'expr' must be set in rule" });
  else {
    const error = check(expr, parseOptions);
    if (error) out.push({ field: '.expr', text: `could not parse expression: ${error.line}:${error.column}: ${error.message}` });
  }
  for (const key of ['for', 'keep_firing_for'] as const) checkDuration(rule[key], (text) => out.push({ field: `.${key}`, text: `${key}: ${text}` }));
  if (record !== '') {
    if (isPlainObject(rule.annotations) && Object.keys(rule.annotations).length > 0) out.push({ field: '.annotations', text: "invalid field 'annotations' in recording rule" });
    if (nonZeroDuration(rule.for)) out.push({ field: '.for', text: "invalid field 'for' in recording rule" });
    if (nonZeroDuration(rule.keep_firing_for)) out.push({ field: '.keep_firing_for', text: "invalid field 'keep_firing_for' in recording rule" });
    if (!validMetricName(record, scheme)) out.push({ field: '.record', text: `invalid recording rule name: ${record}` });
  }
  checkLabels(rule.labels, scheme, (field, text) => out.push({ field: `.labels${field}`, text }));
  if (isPlainObject(rule.annotations)) {
    for (const k of Object.keys(rule.annotations)) {
      if (!validLabelName(k, scheme)) out.push({ field: `.annotations[${JSON.stringify(k)}]`, text: `invalid annotation name: ${k}` });
    }
  } else if (rule.annotations !== undefined && rule.annotations !== null) out.push({ field: '.annotations', text: 'annotations must be a mapping' });
  return out;
}

function checkLabels(labels: unknown, scheme: NameValidation, add: (field: string, message: string) => void): void {
  if (labels === undefined || labels === null) return;
  if (!isPlainObject(labels)) {
    add('', 'labels must be a mapping');
    return;
  }
  for (const [k, v] of Object.entries(labels)) {
    if (!validLabelName(k, scheme) || k === '__name__') add(`[${JSON.stringify(k)}]`, `invalid label name: ${k}`);
    if (typeof v === 'string' && !wellFormed(v)) add(`[${JSON.stringify(k)}]`, `invalid label value: ${v}`);
  }
}

/** Empty strings are accepted: the operator treats them as unset. */
function checkDuration(v: unknown, add: (message: string) => void): void {
  if (v === undefined || v === null || v === '') return;
  if (typeof v !== 'string' || parseExactDuration(v) === undefined) add(`not a valid duration string: ${JSON.stringify(v)}`);
}

function nonZeroDuration(v: unknown): boolean {
  return typeof v === 'string' && (parseExactDuration(v) ?? 0) !== 0;
}
