import type { RelabelConfig } from '../api/types.js';
import type { Memo } from '../core/memo.js';
import { goRegex } from '../core/regex/go-regex.js';
import { re2 } from '../core/regex/re2.js';
import { isLegacyLabelName } from '../core/regex/scan.js';
import { relabelActionProblem } from '../version/relabel-actions.js';
import { atLeast, type SemVer } from '../version/semver.js';
import type { Doc, PromConfigContext } from './context.js';

/**
 * A relabeling as Prometheus reads it. Keys in the operator's order; empty
 * fields are left out; the action is written in lower case.
 */
export function relabelDoc(c: RelabelConfig): Doc {
  const doc: Doc = {};
  if (c.sourceLabels && c.sourceLabels.length > 0) doc.source_labels = [...c.sourceLabels];
  if (c.separator !== undefined && c.separator !== null) doc.separator = c.separator;
  if (c.targetLabel) doc.target_label = c.targetLabel;
  if (c.regex) doc.regex = c.regex;
  if (c.modulus) doc.modulus = c.modulus;
  if (c.replacement !== undefined && c.replacement !== null) doc.replacement = c.replacement;
  if (c.action) doc.action = c.action.toLowerCase();
  return doc;
}

export function relabelDocs(configs: readonly RelabelConfig[] | undefined): Doc[] {
  return (configs ?? []).map(relabelDoc);
}

/** Go's regexp.QuoteMeta: escapes every regular-expression metacharacter. */
export function quoteMeta(s: string): string {
  return s.replace(/[\\.+*?()|[\]{}^$]/g, '\\$&');
}

// Prometheus's check of a labelmap replacement before UTF-8 label names (model/relabel relabelTarget), on RE2 as there.
const LEGACY_LABEL_NAME_WITH_VARS = re2('^(?:(?:[a-zA-Z_]|\\$(?:\\{\\w+\\}|\\w+))+\\w*)+$');
const DEFAULTS = { regex: '(.*)', separator: ';', replacement: '$1' };

/**
 * The operator's checks on one relabeling for a Prometheus version (label
 * names are UTF-8 from Prometheus 3 on). Returns the first problem. The
 * regex is judged as Prometheus compiles it; `memo` compiles each distinct
 * regex once per render.
 */
export function relabelProblem(rc: RelabelConfig, version: SemVer, memo?: Memo): string | undefined {
  const actionText = rc.action || 'replace';
  const action = actionText.toLowerCase();
  const utf8Names = atLeast(version, '3.0.0');
  const validName = (name: string) => (utf8Names ? name.length > 0 : isLegacyLabelName(name));
  const target = rc.targetLabel ?? '';
  const replacement = rc.replacement ?? undefined;
  const unknownAction = relabelActionProblem(actionText, version);
  if (unknownAction) return unknownAction;
  if (rc.regex) {
    const problem = goRegex('relabel', rc.regex, memo).error;
    if (problem) return `invalid regex ${rc.regex} for relabel configuration: ${problem}`;
  }
  if (!rc.modulus && action === 'hashmod') return 'relabel configuration for hashmod requires non-zero modulus';
  const needsTarget = ['replace', 'hashmod', 'lowercase', 'uppercase', 'keepequal', 'dropequal'];
  if (needsTarget.includes(action) && target === '') return `relabel configuration for ${actionText} action needs targetLabel value`;
  const strictTarget = ['lowercase', 'uppercase', 'keepequal', 'dropequal', 'hashmod'];
  if ((action === 'replace' || strictTarget.includes(action)) && !validName(target)) return `"${target}" is invalid 'target_label' for ${actionText} action`;
  const changedReplacement = replacement !== undefined && replacement !== DEFAULTS.replacement;
  if (['lowercase', 'uppercase', 'keepequal', 'dropequal'].includes(action) && changedReplacement) {
    return `'replacement' can not be set for ${actionText} action`;
  }
  if (action === 'labelmap' && replacement !== undefined) {
    const ok = utf8Names ? replacement.length > 0 : LEGACY_LABEL_NAME_WITH_VARS.matchesAll(replacement);
    if (!ok) return `"${replacement}" is invalid 'replacement' for ${actionText} action`;
  }
  const changedSeparator = rc.separator !== undefined && rc.separator !== null && rc.separator !== DEFAULTS.separator;
  if (action === 'keepequal' || action === 'dropequal') {
    if ((rc.regex && rc.regex !== DEFAULTS.regex) || rc.modulus || changedSeparator || changedReplacement) {
      return `${actionText} action requires only 'source_labels' and \`target_label\`, and no other fields`;
    }
  }
  if (action === 'labeldrop' || action === 'labelkeep') {
    if ((rc.sourceLabels ?? []).length > 0 || target !== '' || rc.modulus || changedSeparator || changedReplacement) {
      return `${actionText} action requires only 'regex', and no other fields`;
    }
  }
  return undefined;
}

/** Checks a list of relabelings for the target Prometheus; the problem names the index. */
export function checkRelabelings(ctx: PromConfigContext, configs: readonly RelabelConfig[] | undefined): string | undefined {
  for (const [i, rc] of (configs ?? []).entries()) {
    const problem = relabelProblem(rc, ctx.gate.version, ctx.memo);
    if (problem) return `[${i}]: ${problem}`;
  }
  return undefined;
}
