import type { Receiver } from '../../api/alertmanager-config.js';
import { namespacedName, type AmConfigContext, type Doc } from './context.js';
import { refOf, type ObjectRef } from '../../krm/types.js';
import { RECEIVER_TYPES } from './receivers/index.js';
import { convertInhibitRule, convertRoute, type Enforcer } from './route.js';
import type { SelectedConfig } from './select.js';
import { convertMuteTimeInterval } from './time-intervals.js';

/** One AlertmanagerConfig receiver → Alertmanager receiver, name prefixed with namespace and name. */
export function convertReceiver(ctx: AmConfigContext, r: Receiver, crNamespace: string, crName: string, path: string): Doc {
  const out: Doc = { name: namespacedName(String(r.name ?? ''), crNamespace, crName) };
  for (const type of RECEIVER_TYPES) {
    if (!type.crd) continue;
    const key = type.crd.key;
    const list = type.crd.entries(r);
    if (list.length > 0) out[type.yamlKey] = list.map((entry, i) => entry.convert(ctx, `${path}.${key}[${i}]`));
  }
  return out;
}

/**
 * Merges the selected AlertmanagerConfigs into the base configuration, as the
 * operator does: in namespace/name order, inhibit rules scoped by the
 * enforcer, each top-level route (scoped, `continue: true`) placed before the
 * base configuration's own routes, receivers and time intervals appended.
 * `merged` hears what each became: its route's receiver, its receivers and
 * how many inhibit rules it added.
 * Throws a ConfigError (the configuration cannot be generated).
 */
export function mergeAlertmanagerConfigs(
  cfg: Doc,
  selected: readonly SelectedConfig[],
  enforcer: Enforcer,
  ctxFor: (namespace: string, source?: ObjectRef) => AmConfigContext,
  merged: (amc: SelectedConfig, became: { route?: string; receivers: string[]; inhibitRules: number }) => void = () => {},
): void {
  const subRoutes: Doc[] = [];
  const inhibit = ((cfg.inhibit_rules ?? []) as Doc[]).slice();
  const receivers = ((cfg.receivers ?? []) as Doc[]).slice();
  const mute = ((cfg.mute_time_intervals ?? []) as Doc[]).slice();
  for (const amc of selected) {
    const ctx = ctxFor(amc.namespace, refOf(amc.object));
    const rules = amc.spec.inhibitRules ?? [];
    for (const rule of rules) inhibit.push(enforcer.inhibitRule(amc.namespace, convertInhibitRule(ctx, rule)));
    if (!amc.spec.route) {
      merged(amc, { receivers: [], inhibitRules: rules.length });
      continue;
    }
    const route = enforcer.route(amc.namespace, convertRoute(ctx, amc.spec.route, amc.namespace, amc.name, 'spec.route'));
    subRoutes.push(route);
    const own = (amc.spec.receivers ?? []).map((r, i) => convertReceiver(ctx, r, amc.namespace, amc.name, `spec.receivers[${i}]`));
    receivers.push(...own);
    for (const mti of amc.spec.muteTimeIntervals ?? []) mute.push(convertMuteTimeInterval(mti, amc.namespace, amc.name));
    merged(amc, { route: String(route.receiver), receivers: own.map((r) => String(r.name)), inhibitRules: rules.length });
  }
  if (inhibit.length) cfg.inhibit_rules = inhibit;
  if (receivers.length) cfg.receivers = receivers;
  if (mute.length) cfg.mute_time_intervals = mute;
  const route = cfg.route as Doc;
  route.routes = [...subRoutes, ...((route.routes ?? []) as Doc[])];
}
