import type { Assets } from '../../assets/assets.js';
import { parseSecretYaml } from '../../assets/secret-yaml.js';
import { fail, type Doc } from './context.js';
import { readAs } from './schema.js';
import { configShape } from './shapes.js';
import { nonEmpty } from '../../core/objects.js';

/** The base configuration: from the config Secret, or the operator's default. */

export const CONFIG_KEY = 'alertmanager.yaml';

export const DEFAULT_CONFIG = "route:\n  receiver: 'null'\nreceivers:\n- name: 'null'";

export interface RawBase {
  /** The configuration text (the default when the Secret or key is missing or empty). */
  readonly text: string;
  /** Other keys of the Secret, copied to the generated Secret (templates, for one). */
  readonly extra: ReadonlyMap<string, Buffer>;
  /** Why the default is used, when it is. */
  readonly defaultReason?: string;
  /** Whether the Secret is in the input at all (the cluster may still hold it). */
  readonly inInput: boolean;
}

export function loadRawBase(assets: Assets, namespace: string, secretName: string): RawBase {
  const data = assets.secret(namespace, secretName);
  if (!data) return { text: DEFAULT_CONFIG, extra: new Map(), defaultReason: `Secret ${namespace}/${secretName} is not in the input`, inInput: false };
  const extra = new Map([...data].filter(([k]) => k !== CONFIG_KEY));
  const raw = data.get(CONFIG_KEY);
  if (raw === undefined) return { text: DEFAULT_CONFIG, extra, defaultReason: `Secret ${namespace}/${secretName} has no key "${CONFIG_KEY}"`, inInput: true };
  if (raw.length === 0) return { text: DEFAULT_CONFIG, extra, defaultReason: `Secret ${namespace}/${secretName} has an empty "${CONFIG_KEY}"`, inInput: true };
  return { text: raw.toString('utf8'), extra, inInput: true };
}

/**
 * Parses a base configuration as the operator does: strictly into its types
 * (unknown keys are an error), with Alertmanager's own basic checks, and the
 * root route checked. Throws a ConfigError. The text comes from a Secret:
 * messages name paths in it, never its values.
 */
export function parseBase(text: string): Doc {
  const yaml = parseSecretYaml(text);
  if (!yaml.ok) fail(`the configuration ${yaml.problem}`);
  const cfg = (readAs(configShape, yaml.value ?? {}, 'config') ?? {}) as Doc;
  checkReferences(cfg);
  checkRootRoute(cfg.route as Doc | undefined);
  return cfg;
}

/** Alertmanager's own load checks that matter here: receivers defined once, routes name defined receivers and intervals. */
function checkReferences(cfg: Doc): void {
  const names = new Set<string>();
  for (const [i, r] of ((cfg.receivers ?? []) as Doc[]).entries()) {
    const name = String(r.name ?? '');
    if (name === '') fail(`config.receivers[${i}]: missing name in receiver`);
    if (names.has(name)) fail(`config.receivers[${i}]: notification config name is not unique`);
    names.add(name);
  }
  const intervals = new Set([...((cfg.mute_time_intervals ?? []) as Doc[]), ...((cfg.time_intervals ?? []) as Doc[])].map((t) => String(t.name)));
  const walk = (r: Doc, path: string) => {
    if (nonEmpty(r.receiver) && !names.has(String(r.receiver))) fail(`${path}.receiver: undefined receiver used in route`);
    for (const k of ['mute_time_intervals', 'active_time_intervals']) {
      for (const [i, n] of ((r[k] ?? []) as string[]).entries()) if (!intervals.has(n)) fail(`${path}.${k}[${i}]: undefined time interval used in route`);
    }
    for (const [i, c] of ((r.routes ?? []) as Doc[]).entries()) walk(c, `${path}.routes[${i}]`);
  };
  if (!cfg.route) fail('no route provided in config');
  walk(cfg.route as Doc, 'config.route');
}

export function checkRootRoute(route: Doc | undefined): void {
  if (!route) fail('root route must exist');
  if (route.continue === true) fail('cannot have continue in root route');
  if (!nonEmpty(route.receiver)) fail("root route's receiver must exist");
  if (nonEmpty(route.matchers) || nonEmpty(route.match) || nonEmpty(route.match_re)) fail("'matchers' not permitted on root route");
  if (nonEmpty(route.mute_time_intervals)) fail("'mute_time_intervals' not permitted on root route");
  if (nonEmpty(route.active_time_intervals)) fail("'active_time_intervals' not permitted on root route");
}
