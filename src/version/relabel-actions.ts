/**
 * Relabel actions that came after Prometheus 2.0, with the release that
 * brought each; every check of a relabeling reads this one table.
 */
import { atLeast, type SemVer } from './semver.js';

const RELABEL_ACTIONS_SINCE: ReadonlyMap<string, string> = new Map([
  ['lowercase', '2.36.0'],
  ['uppercase', '2.36.0'],
  ['keepequal', '2.41.0'],
  ['dropequal', '2.41.0'],
]);

/**
 * The problem with relabel action `action` (as written) on Prometheus
 * `version`, or undefined when that version knows it.
 */
export function relabelActionProblem(action: string, version: SemVer): string | undefined {
  const since = RELABEL_ACTIONS_SINCE.get(action.toLowerCase());
  if (since === undefined || atLeast(version, since)) return undefined;
  return `${action} relabel action is only supported from Prometheus version ${since}`;
}
