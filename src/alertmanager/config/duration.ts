/**
 * Prometheus model durations (`1h30m`, `15s`, `0`) as Alertmanager reads and
 * writes them: fields of type model.Duration come out normalised
 * (`90m` → `1h30m`), plain strings come out as written.
 */
import { durationParts } from '../../core/regex/scan.js';

const UNITS: ReadonlyArray<readonly [string, number]> = [
  ['y', 365 * 24 * 3600e3],
  ['w', 7 * 24 * 3600e3],
  ['d', 24 * 3600e3],
  ['h', 3600e3],
  ['m', 60e3],
  ['s', 1e3],
  ['ms', 1],
];

/** Milliseconds, or undefined when the text is not a duration. */
export function parseDuration(text: string): number | undefined {
  if (text === '0') return 0;
  if (text === '') return undefined;
  const m = durationParts(text);
  if (!m) return undefined;
  let ms = 0;
  UNITS.forEach(([, mult], i) => {
    const part = m[i + 1];
    if (part !== undefined) ms += Number(part) * mult;
  });
  return ms;
}

/** model.Duration's String(): years and weeks only when exact. */
export function formatDuration(ms: number): string {
  if (ms === 0) return '0s';
  let rest = ms;
  let out = '';
  for (const [unit, mult] of UNITS) {
    const exactOnly = unit === 'y' || unit === 'w';
    if (exactOnly && rest % mult !== 0) continue;
    const v = Math.floor(rest / mult);
    if (v > 0) {
      out += `${v}${unit}`;
      rest -= v * mult;
    }
  }
  return out;
}

/** Parses and normalises a duration; undefined when invalid. */
export function normalizeDuration(text: string): string | undefined {
  const ms = parseDuration(text);
  return ms === undefined ? undefined : formatDuration(ms);
}
