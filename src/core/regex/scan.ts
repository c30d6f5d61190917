/**
 * Small scanners that stand in for patterns on hot paths, where RE2's
 * per-call cost would show. Each reads its text once, left to right.
 */

const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const isLetter = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);

/** `^[0-9]+$` */
export function isDigits(s: string): boolean {
  if (s === '') return false;
  for (let i = 0; i < s.length; i++) if (!isDigit(s.charCodeAt(i))) return false;
  return true;
}

/** `^[<signs>]?[0-9]+$`: digits after at most one of the sign characters given. */
export function isInteger(s: string, signs: string): boolean {
  return isDigits(s.length > 0 && signs.includes(s.charAt(0)) ? s.slice(1) : s);
}

/** Every character of `s` passes `ok` (true for the empty string). */
function every(s: string, ok: (c: number) => boolean): boolean {
  for (let i = 0; i < s.length; i++) if (!ok(s.charCodeAt(i))) return false;
  return true;
}

/** `^[a-zA-Z_][a-zA-Z0-9_]*$`: a Prometheus label name before UTF-8 names. */
export function isLegacyLabelName(s: string): boolean {
  const head = s.charCodeAt(0);
  return s !== '' && !isDigit(head) && every(s, (c) => isLetter(c) || isDigit(c) || c === 95);
}

/** `^[a-zA-Z_:][a-zA-Z0-9_:]*$`: a Prometheus metric name before UTF-8 names. */
export function isLegacyMetricName(s: string): boolean {
  const head = s.charCodeAt(0);
  return s !== '' && !isDigit(head) && every(s, (c) => isLetter(c) || isDigit(c) || c === 95 || c === 58);
}

/** `s` without the runs of `ch` at its start and/or end (`^ch+|ch+$`). */
export function trimRuns(s: string, ch: string, ends: 'both' | 'start' | 'end' = 'both'): string {
  let start = 0;
  let end = s.length;
  if (ends !== 'end') while (start < end && s[start] === ch) start++;
  if (ends !== 'start') while (end > start && s[end - 1] === ch) end--;
  return s.slice(start, end);
}

/** Replaces every character outside `keep` with `by`, runs of them with one `by` when `collapse`. */
export function replaceOutside(s: string, keep: (c: number) => boolean, by: string, collapse = false): string {
  let out = '';
  let inRun = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (keep(c)) {
      out += s[i];
      inRun = false;
    } else if (!(collapse && inRun)) {
      out += by;
      inRun = true;
    }
  }
  return out;
}

/** The parts of `s` split at any of the characters of `separators`. */
export function splitAny(s: string, separators: string): string[] {
  const parts: string[] = [];
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    if (separators.includes(s.charAt(i))) {
      parts.push(s.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(s.slice(start));
  return parts;
}

export const charClass = { isDigit, isLetter };

const DURATION_UNITS = ['y', 'w', 'd', 'h', 'm', 's', 'ms'] as const;

/**
 * A Prometheus duration's parts (`^(?:(\d+)y)?(?:(\d+)w)?…(?:(\d+)ms)?$`),
 * shaped like that pattern's match: `[text, y, w, d, h, m, s, ms]`, a part
 * undefined when absent; undefined when the text is not of that form.
 */
export function durationParts(text: string): Array<string | undefined> | undefined {
  const parts: Array<string | undefined> = [text, undefined, undefined, undefined, undefined, undefined, undefined, undefined];
  let last = -1;
  let i = 0;
  while (i < text.length) {
    const start = i;
    while (i < text.length && isDigit(text.charCodeAt(i))) i++;
    if (i === start) return undefined;
    const unit = text.startsWith('ms', i) ? 6 : DURATION_UNITS.indexOf(text.charAt(i) as (typeof DURATION_UNITS)[number]);
    if (unit < 0 || unit <= last) return undefined;
    parts[unit + 1] = text.slice(start, i);
    i += unit === 6 ? 2 : 1;
    last = unit;
  }
  return parts;
}
