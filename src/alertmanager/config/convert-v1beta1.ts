import type { In } from './context.js';

/**
 * AlertmanagerConfig v1beta1 → the v1alpha1 shape every other module reads.
 * The versions differ in two places: the spec's `timeIntervals` (v1alpha1:
 * `muteTimeIntervals`) and matchers, which have no `regex` flag in v1beta1
 * (a match type says it). Everything else has the same field names.
 */
export function toV1alpha1Spec(obj: In): In {
  const spec = (obj.spec ?? {}) as In;
  if (!String(obj.apiVersion ?? '').endsWith('/v1beta1')) return spec;
  const { timeIntervals, ...rest } = spec;
  const out: Record<string, unknown> = { ...rest };
  if (timeIntervals !== undefined) out.muteTimeIntervals = timeIntervals;
  if (spec.route) out.route = convertRoute(spec.route);
  if (spec.inhibitRules) {
    out.inhibitRules = (spec.inhibitRules as In[]).map((r) => ({ ...r, sourceMatch: matchers(r.sourceMatch), targetMatch: matchers(r.targetMatch) }));
  }
  return out;
}

function matchers(list: In[] | undefined): In[] | undefined {
  return list?.map((m) => ({ name: m.name, value: m.value ?? '', ...(m.matchType ? { matchType: m.matchType } : {}) }));
}

function convertRoute(route: In): In {
  const out: Record<string, unknown> = { ...route };
  if (route.matchers) out.matchers = matchers(route.matchers);
  if (Array.isArray(route.routes)) out.routes = (route.routes as In[]).map((c) => (c && typeof c === 'object' ? convertRoute(c) : c));
  return out;
}
