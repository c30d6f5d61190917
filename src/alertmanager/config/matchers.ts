import { emptyMap } from '../../core/objects.js';
import { goRegex } from '../../core/regex/go-regex.js';
import type { Matcher } from '../../api/alertmanager-config.js';
import { versionAtLeast, type AmConfigContext } from './context.js';

const MATCH_TYPES = new Set(['=', '!=', '=~', '!~']);

/** `name<op>"value"`, with the value escaped as OpenMetrics text. */
export function matcherString(name: string, op: string, value: string): string {
  const escaped = value.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
  return `${name}${op}"${escaped}"`;
}

/** Problem with one AlertmanagerConfig matcher, if any. */
export function matcherProblem(m: Matcher): string | undefined {
  const type = String(m.matchType ?? '');
  const regexError = matcherRegexProblem(m);
  if (regexError) return regexError;
  if (type === '') return undefined;
  if (!MATCH_TYPES.has(type)) return `invalid 'matchType' '${type}' provided'`;
  if (String(m.name ?? '').trim() === '') return "matcher 'name' is required";
  return undefined;
}

/**
 * A regex matcher (`=~`, `!~`, or `regex: true` without a match type) whose
 * value Alertmanager would refuse: it compiles `^(?:<value>)$` with Go's
 * regexp and rejects the whole configuration when that fails.
 */
export function matcherRegexProblem(m: Matcher): string | undefined {
  const type = String(m.matchType ?? '');
  if (!(type === '=~' || type === '!~' || (type === '' && m.regex === true))) return undefined;
  const value = String(m.value ?? '');
  const error = goRegex('alertmanager', value).error;
  return error === undefined ? undefined : `invalid regular expression ${JSON.stringify(value)}: ${error}`;
}

export function usesMatchType(...lists: Array<readonly Matcher[] | undefined>): boolean {
  return lists.some((l) => (l ?? []).some((m) => String(m.matchType ?? '') !== ''));
}

export interface ConvertedMatchers {
  matchers: string[];
  match: Record<string, string>;
  matchRE: Record<string, string>;
}

/**
 * AlertmanagerConfig matchers → Alertmanager: `matchers` strings from 0.22.0
 * on; before that, `match` / `match_re` maps for matchers without a match type.
 */
export function convertMatchers(ctx: AmConfigContext, list: readonly Matcher[] | undefined): ConvertedMatchers {
  const v2 = versionAtLeast(ctx, '0.22.0');
  const out: ConvertedMatchers = { matchers: [], match: emptyMap(), matchRE: emptyMap() };
  for (const m of list ?? []) {
    const name = String(m.name ?? '');
    const value = String(m.value ?? '');
    const type = String(m.matchType ?? '');
    if (type !== '') out.matchers.push(matcherString(name, type, value));
    else if (v2) out.matchers.push(matcherString(name, m.regex ? '=~' : '=', value));
    else if (m.regex) out.matchRE[name] = value;
    else out.match[name] = value;
  }
  return out;
}
