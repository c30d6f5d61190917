/** Prometheus durations (`1h30m`, `15s`, `0`), as its configuration parser reads them. */
import { durationParts } from '../../core/regex/scan.js';

const UNIT_MS = [365 * 24 * 3600e3, 7 * 24 * 3600e3, 24 * 3600e3, 3600e3, 60e3, 1e3, 1];

/** Milliseconds, or undefined when the text is not a Prometheus duration. */
export function parseDuration(text: string): number | undefined {
  if (text === '0') return 0;
  if (text === '') return undefined;
  const m = durationParts(text);
  if (!m) return undefined;
  let ms = 0;
  for (let i = 0; i < UNIT_MS.length; i++) {
    const part = m[i + 1];
    if (part !== undefined) ms += Number(part) * (UNIT_MS[i] as number);
  }
  return ms;
}

/** The operator refuses a scrape timeout longer than the scrape interval. Returns the problem, if any. */
export function checkScrapeTimeout(timeout: string, interval: string): string | undefined {
  const i = parseDuration(interval);
  if (i === undefined) return `invalid scrapeInterval "${interval}"`;
  const t = parseDuration(timeout);
  if (t === undefined) return `invalid scrapeTimeout "${timeout}"`;
  if (t > i) return `scrapeTimeout "${timeout}" greater than scrapeInterval "${interval}"`;
  return undefined;
}
