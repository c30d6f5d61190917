import type { AlertmanagerConfigSpec, AlertmanagerConfigSpecV1beta1, Matcher, MatcherV1beta1, Route, RouteV1beta1 } from '../../api/alertmanager-config.js';
import type { KubeObject } from '../../krm/types.js';

/**
 * AlertmanagerConfig v1beta1 → the v1alpha1 shape every other module reads.
 * The versions differ in two places: the spec's `timeIntervals` (v1alpha1:
 * `muteTimeIntervals`) and matchers, which have no `regex` flag in v1beta1
 * (a match type says it). Everything else has the same field names.
 */
export function toV1alpha1Spec(obj: KubeObject): AlertmanagerConfigSpec {
  if (!obj.apiVersion.endsWith('/v1beta1')) return specOf<AlertmanagerConfigSpec>(obj);
  const spec = specOf<AlertmanagerConfigSpecV1beta1>(obj);
  const { timeIntervals, ...rest } = spec;
  // Keys keep their places: a converted route or inhibit rule list replaces the original in place.
  return {
    ...rest,
    ...(timeIntervals !== undefined ? { muteTimeIntervals: timeIntervals } : {}),
    ...(spec.route ? { route: convertRoute(spec.route) } : {}),
    ...(spec.inhibitRules ? { inhibitRules: spec.inhibitRules.map((r) => ({ ...r, sourceMatch: matchers(r.sourceMatch), targetMatch: matchers(r.targetMatch) })) } : {}),
  };
}

/** The spec of an AlertmanagerConfig as it passed the CRD schema check: the one place its type is taken on trust. */
function specOf<Spec>(obj: KubeObject): Spec {
  return (obj.spec ?? {}) as Spec;
}

function matchers(list: readonly MatcherV1beta1[] | undefined): Matcher[] | undefined {
  return list?.map((m) => ({ name: m.name, value: m.value ?? '', ...(m.matchType ? { matchType: m.matchType } : {}) }));
}

/** Child routes are free-form JSON in the CRD; they are converted as routes when they are objects (and checked later). */
function convertRoute(route: RouteV1beta1): Route {
  const children = route.routes;
  return {
    ...route,
    ...(route.matchers ? { matchers: matchers(route.matchers) } : {}),
    ...(Array.isArray(children) ? { routes: children.map((c) => (c && typeof c === 'object' ? convertRoute(c) : c)) } : {}),
  };
}
