import type { InhibitRule, Route } from '../../api/alertmanager-config.js';
import { fail, namespacedName, versionAtLeast, type AmConfigContext, type Doc } from './context.js';
import { convertMatchers, matcherString } from './matchers.js';

/** Routes and inhibit rules of an AlertmanagerConfig, and the namespace enforcer applied to them. */

const ROUTE_KEYS = new Set(['receiver', 'groupBy', 'groupWait', 'groupInterval', 'repeatInterval', 'matchers', 'continue', 'routes', 'muteTimeIntervals', 'activeTimeIntervals']);
const MATCHER_KEYS = new Set(['name', 'value', 'matchType', 'regex']);

/**
 * Child routes are free-form JSON in the CRD; the operator decodes them
 * strictly (unknown fields are an error). Returns them, or throws: this is
 * where they are read as routes.
 */
export function childRoutes(route: Route, path: string): Route[] {
  const children: readonly unknown[] = route.routes ?? [];
  return children.map((child, i) => {
    const at = `${path}.routes[${i}]`;
    if (typeof child !== 'object' || child === null || Array.isArray(child)) fail(`route[${i}]: expected an object`, at);
    for (const key of Object.keys(child)) if (!ROUTE_KEYS.has(key)) fail(`route[${i}]: json: unknown field "${key}"`, at);
    const c: { readonly matchers?: unknown; readonly continue?: unknown; readonly groupBy?: unknown } = child;
    if (c.matchers !== undefined && !Array.isArray(c.matchers)) fail(`route[${i}]: matchers must be a list`, `${at}.matchers`);
    const matchers: readonly unknown[] = c.matchers ?? [];
    matchers.forEach((m, j) => {
      if (typeof m !== 'object' || m === null) fail(`route[${i}]: matcher ${j} must be an object`, `${at}.matchers[${j}]`);
      for (const key of Object.keys(m)) if (!MATCHER_KEYS.has(key)) fail(`route[${i}]: json: unknown field "${key}"`, `${at}.matchers[${j}]`);
    });
    if (c.continue !== undefined && typeof c.continue !== 'boolean') fail(`route[${i}]: continue must be a boolean`, `${at}.continue`);
    if (c.groupBy !== undefined && !Array.isArray(c.groupBy)) fail(`route[${i}]: groupBy must be a list`, `${at}.groupBy`);
    return child as Route;
  });
}

export function convertRoute(ctx: AmConfigContext, route: Route, crNamespace: string, crName: string, path: string): Doc {
  const m = convertMatchers(ctx, route.matchers);
  const children = childRoutes(route, path).map((c, i) => convertRoute(ctx, c, crNamespace, crName, `${path}.routes[${i}]`));
  return {
    receiver: namespacedName(route.receiver, crNamespace, crName),
    group_by: route.groupBy,
    match: m.match,
    match_re: m.matchRE,
    matchers: m.matchers,
    continue: route.continue === true,
    routes: children.length > 0 ? children : undefined,
    group_wait: route.groupWait ?? '',
    group_interval: route.groupInterval ?? '',
    repeat_interval: route.repeatInterval ?? '',
    mute_time_intervals: (route.muteTimeIntervals ?? []).map((n) => namespacedName(n, crNamespace, crName)),
    active_time_intervals: (route.activeTimeIntervals ?? []).map((n) => namespacedName(n, crNamespace, crName)),
  };
}

export function convertInhibitRule(ctx: AmConfigContext, rule: InhibitRule): Doc {
  const source = convertMatchers(ctx, rule.sourceMatch);
  const target = convertMatchers(ctx, rule.targetMatch);
  return {
    target_match: target.match,
    target_match_re: target.matchRE,
    target_matchers: target.matchers,
    source_match: source.match,
    source_match_re: source.matchRE,
    source_matchers: source.matchers,
    equal: rule.equal,
  };
}

/** How routes and inhibit rules of an AlertmanagerConfig are scoped to its namespace (`alertmanagerConfigMatcherStrategy`). */
export interface Enforcer {
  route(crNamespace: string, route: Doc): Doc;
  inhibitRule(crNamespace: string, rule: Doc): Doc;
}

const NS = 'namespace';

/** Picks the strategy once per Alertmanager; every top-level route gets `continue: true`. */
export function makeEnforcer(ctx: AmConfigContext, strategy: string | undefined, amNamespace: string): Enforcer {
  const v2 = versionAtLeast(ctx, '0.22.0');
  const nsMatcher = (ns: string) => matcherString(NS, '=', ns);
  const scopeRoute = (ns: string, r: Doc): Doc => {
    if (v2) r.matchers = [...((r.matchers as string[] | undefined) ?? []), nsMatcher(ns)];
    else r.match = { ...((r.match as Doc | undefined) ?? {}), [NS]: ns };
    return r;
  };
  const scopeRule = (ns: string, ir: Doc): Doc => {
    const dropKey = (k: string) => {
      const map = ir[k] as Doc | undefined;
      if (map) delete map[NS];
    };
    dropKey('source_match_re');
    dropKey('target_match_re');
    if (!v2) {
      ir.source_match = { ...((ir.source_match as Doc | undefined) ?? {}), [NS]: ns };
      ir.target_match = { ...((ir.target_match as Doc | undefined) ?? {}), [NS]: ns };
      return ir;
    }
    const matcher = nsMatcher(ns);
    const squash = (s: string) => s.replace(/ /g, '');
    for (const k of ['source_matchers', 'target_matchers']) {
      const list = ((ir[k] as string[] | undefined) ?? []).slice();
      if (!list.some((s) => squash(s) === squash(matcher))) list.push(matcher);
      ir[k] = list;
    }
    dropKey('source_match');
    dropKey('target_match');
    return ir;
  };
  const type = strategy ?? 'OnNamespace';
  const applies = (ns: string) => type !== 'None' && !(type === 'OnNamespaceExceptForAlertmanagerNamespace' && ns === amNamespace);
  return {
    route: (ns, r) => {
      const out = applies(ns) ? scopeRoute(ns, r) : r;
      out.continue = true;
      return out;
    },
    inhibitRule: (ns, ir) => (applies(ns) ? scopeRule(ns, ir) : ir),
  };
}
