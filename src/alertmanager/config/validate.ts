import { fail, versionAtLeast, type AmConfigContext, type In } from './context.js';
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
export function checkAlertmanagerConfig(ctx: AmConfigContext, spec: In): void {
  const receivers = validateReceivers(spec.receivers ?? []);
  const intervals = validateTimeIntervals(spec.muteTimeIntervals ?? []);
  if (spec.route) validateRoute(spec.route, receivers, intervals, true, 'spec.route');
  checkReceivers(ctx, spec.receivers ?? []);
  if (spec.route) checkRouteVersion(ctx, spec.route, 'spec.route');
  checkInhibitRules(ctx, spec.inhibitRules ?? []);
}

function validateReceivers(receivers: readonly In[]): Set<string> {
  const names = new Set<string>();
  receivers.forEach((r, i) => {
    const name = String(r.name ?? '');
    if (names.has(name)) fail(`"${name}" receiver is not unique`, `spec.receivers[${i}].name`);
    names.add(name);
    for (const type of RECEIVER_TYPES) {
      if (!type.crdKey || !type.validate) continue;
      ((r[type.crdKey] ?? []) as In[]).forEach((conf, j) => {
        const path = `spec.receivers[${i}].${type.crdKey}[${j}]`;
        try {
          type.validate?.(conf, path);
        } catch (e) {
          fail(`failed to validate receiver "${name}": '${type.crdKey}'[${j}]: ${(e as Error).message}`, (e as { field?: string }).field ?? path);
        }
      });
    }
  });
  return names;
}

function validateTimeIntervals(list: readonly In[]): Set<string> {
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

function validateRoute(r: In, receivers: Set<string>, intervals: Set<string>, top: boolean, path: string): void {
  const receiver = String(r.receiver ?? '');
  if (receiver === '') {
    if (top) fail('root route must define a receiver', `${path}.receiver`);
  } else if (!receivers.has(receiver)) fail(`receiver "${receiver}" not found`, `${path}.receiver`);
  const groupBy = (r.groupBy ?? []) as string[];
  if (new Set(groupBy).size !== groupBy.length) fail(`duplicate values not permitted in route 'groupBy': [${groupBy.join(' ')}]`, `${path}.groupBy`);
  if (groupBy.includes('...') && groupBy.length > 1) fail(`'...' must be a sole value in route 'groupBy': [${groupBy.join(' ')}]`, `${path}.groupBy`);
  for (const n of (r.muteTimeIntervals ?? []) as string[]) if (!intervals.has(n)) fail(`mute time interval "${n}" not found`, `${path}.muteTimeIntervals`);
  for (const n of (r.activeTimeIntervals ?? []) as string[]) if (!intervals.has(n)) fail(`time interval "${n}" not found`, `${path}.activeTimeIntervals`);
  ((r.matchers ?? []) as In[]).forEach((m, i) => {
    const p = matcherProblem(m);
    if (p) fail(`matcher[${i}]: ${p}`, `${path}.matchers[${i}]`);
  });
  childRoutes(r, path).forEach((c, i) => validateRoute(c, receivers, intervals, false, `${path}.routes[${i}]`));
}

function checkReceivers(ctx: AmConfigContext, receivers: readonly In[]): void {
  receivers.forEach((r, i) => {
    for (const type of RECEIVER_TYPES) {
      if (!type.crdKey || !type.check) continue;
      ((r[type.crdKey] ?? []) as In[]).forEach((conf, j) => type.check?.(ctx, conf, `spec.receivers[${i}].${type.crdKey}[${j}]`));
    }
  });
}

function checkRouteVersion(ctx: AmConfigContext, route: In, path: string): void {
  if (!versionAtLeast(ctx, '0.22.0') && usesMatchType(route.matchers)) {
    fail(`invalid syntax in route config for 'matchers' comparison based matching is supported in Alertmanager >= 0.22.0 only (receiver=${route.receiver})`, `${path}.matchers`);
  }
  childRoutes(route, path).forEach((c, i) => checkRouteVersion(ctx, c, `${path}.routes[${i}]`));
}

function checkInhibitRules(ctx: AmConfigContext, rules: readonly In[]): void {
  const v2 = versionAtLeast(ctx, '0.22.0');
  rules.forEach((rule, i) => {
    const path = `spec.inhibitRules[${i}]`;
    for (const key of ['targetMatch', 'sourceMatch'] as const) {
      ((rule[key] ?? []) as In[]).forEach((m, j) => {
        const p = matcherRegexProblem(m);
        if (p) fail(`invalid ${key}[${j}] in inhibitRule[${i}]: ${p}`, `${path}.${key}[${j}]`);
      });
    }
    if (!v2) {
      if (usesMatchType(rule.sourceMatch, rule.targetMatch)) fail("'sourceMatch' and/or 'targetMatch' are using matching syntax which is supported in Alertmanager >= 0.22.0 only", path);
      return;
    }
    for (const [key, list] of [['targetMatch', rule.targetMatch], ['sourceMatch', rule.sourceMatch]] as const) {
      ((list ?? []) as In[]).forEach((m, j) => {
        const p = matcherProblem(m);
        if (p) fail(`invalid ${key === 'targetMatch' ? 'targetMatchers' : 'sourceMatchers'}[${j}] in inhibitRule[${i}]: ${p}`, `${path}.${key}[${j}]`);
      });
    }
  });
}
