import type { AlertmanagerConfigSpec, InhibitRule, MuteTimeInterval, Receiver, Route } from '../../api/alertmanager-config.js';
import { fail, versionAtLeast, type AmConfigContext } from './context.js';
import { matcherProblem, matcherRegexProblem, usesMatchType } from './matchers.js';
import { RECEIVER_TYPES } from './receivers/index.js';
import { childRoutes } from './route.js';
import { checkMuteTimeInterval } from './time-intervals.js';

/**
 * The operator's checks of an AlertmanagerConfig before it is selected:
 * semantic validation (unique receivers, routes to known receivers and time
 * intervals, matchers, URLs), then version checks and Secret lookups for the
 * target Alertmanager. Throws a ConfigError naming the field.
 */
export function checkAlertmanagerConfig(ctx: AmConfigContext, spec: AlertmanagerConfigSpec): void {
  const receivers = validateReceivers(spec.receivers ?? []);
  const intervals = validateTimeIntervals(spec.muteTimeIntervals ?? []);
  if (spec.route) validateRoute(spec.route, receivers, intervals, true, 'spec.route');
  checkReceivers(ctx, spec.receivers ?? []);
  if (spec.route) checkRouteVersion(ctx, spec.route, 'spec.route');
  checkInhibitRules(ctx, spec.inhibitRules ?? []);
}

function validateReceivers(receivers: readonly Receiver[]): Set<string> {
  const names = new Set<string>();
  receivers.forEach((r, i) => {
    const name = String(r.name ?? '');
    if (names.has(name)) fail(`"${name}" receiver is not unique`, `spec.receivers[${i}].name`);
    names.add(name);
    for (const type of RECEIVER_TYPES) {
      if (!type.crd) continue;
      const key = type.crd.key;
      type.crd.entries(r).forEach((entry, j) => {
        const path = `spec.receivers[${i}].${key}[${j}]`;
        try {
          entry.validate(path);
        } catch (e) {
          fail(`failed to validate receiver "${name}": '${key}'[${j}]: ${(e as Error).message}`, (e as { field?: string }).field ?? path);
        }
      });
    }
  });
  return names;
}

function validateTimeIntervals(list: readonly MuteTimeInterval[]): Set<string> {
  const names = new Set<string>();
  list.forEach((mti, i) => {
    try {
      checkMuteTimeInterval(mti);
    } catch (e) {
      fail(`mute time interval[${i}] is invalid: ${(e as Error).message}`, `spec.muteTimeIntervals[${i}]`);
    }
    names.add(String(mti.name));
  });
  return names;
}

function validateRoute(r: Route, receivers: Set<string>, intervals: Set<string>, top: boolean, path: string): void {
  const receiver = String(r.receiver ?? '');
  if (receiver === '') {
    if (top) fail('root route must define a receiver', `${path}.receiver`);
  } else if (!receivers.has(receiver)) fail(`receiver "${receiver}" not found`, `${path}.receiver`);
  const groupBy = r.groupBy ?? [];
  if (new Set(groupBy).size !== groupBy.length) fail(`duplicate values not permitted in route 'groupBy': [${groupBy.join(' ')}]`, `${path}.groupBy`);
  if (groupBy.includes('...') && groupBy.length > 1) fail(`'...' must be a sole value in route 'groupBy': [${groupBy.join(' ')}]`, `${path}.groupBy`);
  for (const n of r.muteTimeIntervals ?? []) if (!intervals.has(n)) fail(`mute time interval "${n}" not found`, `${path}.muteTimeIntervals`);
  for (const n of r.activeTimeIntervals ?? []) if (!intervals.has(n)) fail(`time interval "${n}" not found`, `${path}.activeTimeIntervals`);
  (r.matchers ?? []).forEach((m, i) => {
    const p = matcherProblem(m);
    if (p) fail(`matcher[${i}]: ${p}`, `${path}.matchers[${i}]`);
  });
  childRoutes(r, path).forEach((c, i) => validateRoute(c, receivers, intervals, false, `${path}.routes[${i}]`));
}

function checkReceivers(ctx: AmConfigContext, receivers: readonly Receiver[]): void {
  receivers.forEach((r, i) => {
    for (const type of RECEIVER_TYPES) {
      if (!type.crd) continue;
      const key = type.crd.key;
      type.crd.entries(r).forEach((entry, j) => entry.check(ctx, `spec.receivers[${i}].${key}[${j}]`));
    }
  });
}

function checkRouteVersion(ctx: AmConfigContext, route: Route, path: string): void {
  if (!versionAtLeast(ctx, '0.22.0') && usesMatchType(route.matchers)) {
    fail(`invalid syntax in route config for 'matchers' comparison based matching is supported in Alertmanager >= 0.22.0 only (receiver=${route.receiver})`, `${path}.matchers`);
  }
  childRoutes(route, path).forEach((c, i) => checkRouteVersion(ctx, c, `${path}.routes[${i}]`));
}

function checkInhibitRules(ctx: AmConfigContext, rules: readonly InhibitRule[]): void {
  const v2 = versionAtLeast(ctx, '0.22.0');
  rules.forEach((rule, i) => {
    const path = `spec.inhibitRules[${i}]`;
    for (const key of ['targetMatch', 'sourceMatch'] as const) {
      (rule[key] ?? []).forEach((m, j) => {
        const p = matcherRegexProblem(m);
        if (p) fail(`invalid ${key}[${j}] in inhibitRule[${i}]: ${p}`, `${path}.${key}[${j}]`);
      });
    }
    if (!v2) {
      if (usesMatchType(rule.sourceMatch, rule.targetMatch)) fail("'sourceMatch' and/or 'targetMatch' are using matching syntax which is supported in Alertmanager >= 0.22.0 only", path);
      return;
    }
    for (const [key, list] of [['targetMatch', rule.targetMatch], ['sourceMatch', rule.sourceMatch]] as const) {
      (list ?? []).forEach((m, j) => {
        const p = matcherProblem(m);
        if (p) fail(`invalid ${key === 'targetMatch' ? 'targetMatchers' : 'sourceMatchers'}[${j}] in inhibitRule[${i}]: ${p}`, `${path}.${key}[${j}]`);
      });
    }
  });
}
