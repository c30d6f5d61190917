/** The operator's rule that a scrape timeout may not exceed the scrape interval. */
import { parseDuration } from '../../core/duration.js';

/** Returns the problem, if any: a duration that does not parse, or a timeout longer than the interval. */
export function checkScrapeTimeout(timeout: string, interval: string): string | undefined {
  const i = parseDuration(interval);
  if (i === undefined) return `invalid scrapeInterval "${interval}"`;
  const t = parseDuration(timeout);
  if (t === undefined) return `invalid scrapeTimeout "${timeout}"`;
  if (t > i) return `scrapeTimeout "${timeout}" greater than scrapeInterval "${interval}"`;
  return undefined;
}
