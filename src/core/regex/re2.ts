/**
 * The one place where text from the input meets regular expressions (see
 * README, "Regular expressions"). Every pattern here is compiled by RE2
 * (re2js, a port of Go's regexp), so matching takes time linear in the text
 * whatever the pattern and the text: no input can make a check backtrack.
 *
 * Our own patterns are declared with `re2()` where they are used; a Go
 * regular expression written by a user goes through `go-regex.ts`, which
 * also judges it as Prometheus and Alertmanager do. Code outside this folder
 * holds no RegExp of its own, except the few in the allowlist of
 * test/regex-convention.test.ts, which only ever see our own text.
 */
import { RE2JS } from 're2js';

/** A compiled pattern: `test` and `exec` read like RegExp's, without its state. */
export interface Pattern {
  /** Whether the pattern matches somewhere in `text`. */
  test(text: string): boolean;
  /** Whether the pattern matches all of `text`. */
  matchesAll(text: string): boolean;
  /** The leftmost match: `[0]` the whole match, then each group (undefined when it took no part). */
  exec(text: string): ReadonlyArray<string | undefined> | undefined;
}

/** Compiles RE2 syntax; throws RE2's "error parsing regexp: …" message on a syntax error. */
export function compileRe2(source: string): Pattern {
  const re = RE2JS.compile(source);
  return {
    test: (text) => re.test(text),
    matchesAll: (text) => re.testExact(text),
    exec: (text) => {
      const m = re.matcher(text);
      if (!m.find()) return undefined;
      const groups: Array<string | undefined> = [];
      for (let i = 0; i <= m.groupCount(); i++) groups.push(m.group(i) ?? undefined);
      return groups;
    },
  };
}

/**
 * One of our own patterns. It is compiled on first use, not when the module
 * loads, so start-up pays only for the patterns a render needs; a mistake in
 * one shows in the first test that uses it.
 */
export function re2(source: string): Pattern {
  let compiled: Pattern | undefined;
  const get = (): Pattern => (compiled ??= compileRe2(source));
  return {
    test: (text) => get().test(text),
    matchesAll: (text) => get().matchesAll(text),
    exec: (text) => get().exec(text),
  };
}
