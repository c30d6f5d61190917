import type { RelabelConfig } from '../api/types.js';
import { atLeast } from '../version/semver.js';
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

const LEGACY_LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
// Prometheus's legacy check for label names that may hold $1-style references.
const LEGACY_LABEL_NAME_WITH_VARS = /^(?:(?:[a-zA-Z_]|\$(?:\{\w+\}|\w+))+\w*)+$/;
const DEFAULTS = { regex: '(.*)', separator: ';', replacement: '$1' };

/**
 * Checks a Go (RE2) regular expression well enough to catch typos: named
 * groups and leading inline flags are rewritten to their JavaScript form, and
 * anything JavaScript still cannot read is given the benefit of the doubt
 * when it uses RE2-only syntax.
 */
function regexProblem(regex: string): string | undefined {
  const js = regex.replace(/\(\?P</g, '(?<').replace(/^\(\?[imsU]+\)/, '');
  try {
    new RegExp(`^(?:${js})$`, 'u');
    return undefined;
  } catch (e) {
    if (/\(\?[a-zA-Z]|\\[pPQEzAC]/.test(js)) return undefined;
    return e instanceof Error ? e.message : String(e);
  }
}

/**
 * The operator's checks on one relabeling for a Prometheus version (label
 * names are UTF-8 from Prometheus 3 on). Returns the first problem.
 */
export function relabelProblem(rc: RelabelConfig, utf8Names: boolean, version: { caseActions: boolean; equalActions: boolean }): string | undefined {
  const actionText = rc.action || 'replace';
  const action = actionText.toLowerCase();
  const validName = (name: string) => (utf8Names ? name.length > 0 : LEGACY_LABEL_NAME.test(name));
  const target = rc.targetLabel ?? '';
  const replacement = rc.replacement ?? undefined;
  if ((action === 'lowercase' || action === 'uppercase') && !version.caseActions) {
    return `${actionText} relabel action is only supported from Prometheus version 2.36.0`;
  }
  if ((action === 'keepequal' || action === 'dropequal') && !version.equalActions) {
    return `${actionText} relabel action is only supported from Prometheus version 2.41.0`;
  }
  if (rc.regex) {
    const problem = regexProblem(rc.regex);
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
    const ok = utf8Names ? replacement.length > 0 : LEGACY_LABEL_NAME_WITH_VARS.test(replacement);
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
  const v = ctx.gate.version;
  const version = { caseActions: atLeast(v, '2.36.0'), equalActions: atLeast(v, '2.41.0') };
  for (const [i, rc] of (configs ?? []).entries()) {
    const problem = relabelProblem(rc, atLeast(v, '3.0.0'), version);
    if (problem) return `[${i}]: ${problem}`;
  }
  return undefined;
}
