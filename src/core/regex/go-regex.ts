/**
 * Regular expressions that users write in Go's syntax (RE2), judged the way
 * the program that reads them does:
 *
 * - `relabel`: Prometheus relabelings compile `^(?s:<regex>)$` (model/relabel
 *   NewRegexp), so `a)(b` passes and `(a` does not;
 * - `promql`: PromQL label matchers parse the regex on its own with the dot
 *   matching newlines (model/labels NewFastRegexMatcher) and match it whole;
 * - `alertmanager`: Alertmanager matchers compile `^(?:<regex>)$`
 *   (pkg/labels NewMatcher, config.Regexp).
 *
 * re2js follows Go's parser, with one difference bridged here: Go accepts a
 * capture-group name used twice (`(?P<n>a)|(?P<n>b)`), re2js refuses it.
 */
import { memoTable, type Memo } from '../memo.js';
import { compileRe2, type Pattern } from './re2.js';

export type GoRegexDialect = 'relabel' | 'promql' | 'alertmanager';

export type GoRegex =
  | { readonly error: string; readonly pattern?: undefined }
  /** `pattern.matchesAll(text)` is whether the dialect's matcher accepts `text`. */
  | { readonly error?: undefined; readonly pattern: Pattern };

const GO_REGEXES = memoTable<GoRegex>('go-regex');

/**
 * A user's regex compiled as `dialect` reads it, or Go's error message
 * (`error parsing regexp: …`). With a memo, each distinct regex is compiled
 * once per render.
 */
export function goRegex(dialect: GoRegexDialect, regex: string, memo?: Memo): GoRegex {
  const compile = () => compileGo(dialect, regex);
  return memo ? memo.get(GO_REGEXES, `${dialect}\0${regex}`, compile) : compile();
}

function compileGo(dialect: GoRegexDialect, regex: string): GoRegex {
  switch (dialect) {
    case 'relabel':
      return compileBridged(`^(?s:${regex})$`, '');
    case 'alertmanager':
      return compileBridged(`^(?:${regex})$`, '');
    case 'promql':
      // Parsed alone (so the text must balance by itself) with the flag that lets `.` match a newline; matched whole.
      return compileBridged(regex, '(?s)');
  }
}

const DUPLICATE_NAME = 'duplicate capture group name: `';

/** Compiles `prefix + source`; messages quote the source as the user wrote it. */
function compileBridged(source: string, prefix: string): GoRegex {
  let text = source;
  // Each round renames one duplicated group name, so this ends within the number of groups.
  for (;;) {
    try {
      return { pattern: compileRe2(prefix + text) };
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      const at = message.indexOf(DUPLICATE_NAME);
      if (at < 0) return { error: prefix === '' ? message : message.split(`\`${prefix}`).join('`') };
      const name = message.slice(at + DUPLICATE_NAME.length, message.length - 1);
      const renamed = renameGroups(text, name);
      if (renamed === text) return { error: message };
      text = renamed;
    }
  }
}

/**
 * Gives every `(?P<name>` and `(?<name>` in `source` a name of its own.
 * Renaming text that is not a group (inside a class, after a backslash,
 * in `\Q…\E`) only adds word characters to a literal, which changes no
 * verdict.
 */
function renameGroups(source: string, name: string): string {
  let suffix = '_';
  while (source.includes(`${name}${suffix}`)) suffix += '_';
  let out = source;
  let n = 0;
  for (const open of ['(?P<', '(?<']) {
    const group = `${open}${name}>`;
    let from = 0;
    for (let i = out.indexOf(group, from); i >= 0; i = out.indexOf(group, from)) {
      const replacement = `${open}${name}${suffix}${n++}>`;
      out = out.slice(0, i) + replacement + out.slice(i + group.length);
      from = i + replacement.length;
    }
  }
  return out;
}
