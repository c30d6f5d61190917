/**
 * Prometheus durations (`1h30m`, `15s`, `0`): Prometheus, Alertmanager and
 * the rule files all read them with the `model` package's ParseDuration and
 * write them with model.Duration's String(), so there is one reading here.
 */
import { durationParts } from './regex/scan.js';

/** The units in the order they must appear, with their milliseconds; years and weeks are written only when exact. */
const UNITS: ReadonlyArray<{ readonly name: string; readonly ms: number; readonly exactOnly: boolean }> = [
  { name: 'y', ms: 365 * 86_400_000, exactOnly: true },
  { name: 'w', ms: 7 * 86_400_000, exactOnly: true },
  { name: 'd', ms: 86_400_000, exactOnly: false },
  { name: 'h', ms: 3_600_000, exactOnly: false },
  { name: 'm', ms: 60_000, exactOnly: false },
  { name: 's', ms: 1000, exactOnly: false },
  { name: 'ms', ms: 1, exactOnly: false },
];

/**
 * Milliseconds, or undefined when the text is not a duration. A duration of
 * more than 2^53 ms (some 285,000 years) comes out rounded; callers that
 * compute with the value use parseExactDuration.
 */
export function parseDuration(text: string): number | undefined {
  if (text === '0') return 0;
  if (text === '') return undefined;
  const m = durationParts(text);
  if (!m) return undefined;
  let ms = 0;
  UNITS.forEach((unit, i) => {
    const part = m[i + 1];
    if (part !== undefined) ms += Number(part) * unit.ms;
  });
  return ms;
}

/** parseDuration, but undefined for a duration too long to count exactly in milliseconds (PromQL and the rule checks compute with it). */
export function parseExactDuration(text: string): number | undefined {
  const ms = parseDuration(text);
  return ms !== undefined && Number.isSafeInteger(ms) ? ms : undefined;
}

/** model.Duration's String(): years and weeks only when exact, then d, h, m, s, ms; `0s` for zero. */
export function formatDuration(ms: number): string {
  if (ms === 0) return '0s';
  let rest = ms;
  let out = '';
  for (const unit of UNITS) {
    if (unit.exactOnly && rest % unit.ms !== 0) continue;
    const v = Math.floor(rest / unit.ms);
    if (v > 0) {
      out += `${v}${unit.name}`;
      rest -= v * unit.ms;
    }
  }
  return out;
}

/** A duration as model.Duration writes it back (`90m` → `1h30m`); undefined when invalid. */
export function normalizeDuration(text: string): string | undefined {
  const ms = parseDuration(text);
  return ms === undefined ? undefined : formatDuration(ms);
}
