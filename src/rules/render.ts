/**
 * PrometheusRules → rule ConfigMaps for one owner (a Prometheus now, a
 * ThanosRuler later): select, enforce the namespace label, drop fields the
 * target version does not know, check what Prometheus would refuse, write one
 * rule file per PrometheusRule and pack the files into ConfigMaps.
 *
 * A PrometheusRule with any problem is left out as a whole, as the operator
 * does: a warning (an error under `onInvalid: fail`) names it, the group, the
 * rule and, for an expression, the line and column of the parse error.
 */
import { describeRef, refOf, type KubeObject } from '../krm/types.js';
import type { RenderContext } from '../selection/context.js';
import { makeGate } from '../version/gate.js';
import { atLeast, type SemVer } from '../version/semver.js';
import { packRuleConfigMaps, ruleFileKey, MAX_RULE_CONFIGMAP_BYTES } from './config-maps.js';
import { enforceNamespaceLabel, isExcludedFromEnforcement, type EnforcementSpec } from './enforce-namespace.js';
import type { ParseOptions } from './promql/parse.js';
import { ruleFileText } from './rule-file.js';
import { sanitizeGroups } from './sanitize.js';
import { selectRules, type RuleSelectorSpec } from './select.js';
import type { RuleFlavor, RuleProblem, RuleSpec } from './types.js';
import { validateGroups, type NameValidation } from './validate.js';

export type RuleOwnerSpec = RuleSelectorSpec & EnforcementSpec & { readonly enableFeatures?: readonly string[] };

export interface RuleConfigMapsTarget {
  /** `prometheus-<name>` or `thanos-ruler-<name>`: ConfigMaps are `<prefixedName>-rulefiles-<i>`. */
  readonly prefixedName: string;
  readonly namespace: string;
  /** The label the operator selects its ConfigMaps by, e.g. `{ 'prometheus-name': name }`. */
  readonly labels: Readonly<Record<string, string>>;
  readonly flavor: RuleFlavor;
  /** The Prometheus or Thanos version the files are written for. */
  readonly version: SemVer;
}

export interface RuleConfigMapsOutcome {
  readonly configMaps: KubeObject[];
  /** ConfigMap names in order (not yet padded). */
  readonly names: string[];
  readonly selected: number;
  readonly rejected: number;
}

/** Parser switches from `enableFeatures`; ThanosRuler parses with none. */
function parseOptionsFor(spec: RuleOwnerSpec, flavor: RuleFlavor): ParseOptions {
  if (flavor === 'thanos') return {};
  const f = new Set(spec.enableFeatures ?? []);
  return {
    experimentalFunctions: f.has('promql-experimental-functions'),
    durationExpressions: f.has('promql-duration-expr'),
    extendedRangeSelectors: f.has('promql-extended-range-selectors'),
    binopFillModifiers: f.has('promql-binop-fill-modifiers'),
  };
}

function nameValidation(flavor: RuleFlavor, version: SemVer): NameValidation {
  return atLeast(version, flavor === 'thanos' ? '0.38.0' : '3.0.0') ? 'utf8' : 'legacy';
}

/** Undefined after an error result (an invalid selector). */
export function renderRuleConfigMaps(owner: KubeObject, spec: RuleOwnerSpec, target: RuleConfigMapsTarget, ctx: RenderContext): RuleConfigMapsOutcome | undefined {
  const selected = selectRules(owner, spec, ctx);
  if (!selected) return undefined;
  const ownerName = describeRef(refOf(owner));
  const parseOptions = parseOptionsFor(spec, target.flavor);
  const scheme = nameValidation(target.flavor, target.version);
  const files = new Map<string, string>();
  let rejected = 0;
  for (const rule of selected) {
    const ref = refOf(rule);
    const who = describeRef(ref);
    const reject = (problems: readonly RuleProblem[]) => {
      rejected++;
      for (const p of problems) ctx.report.reject(ctx.options.onInvalid, `${who}: ${p.message}; the PrometheusRule is left out of ${ownerName}'s rule files`, ref, p.field);
    };
    const rawGroups = (rule as { spec?: { groups?: unknown } }).spec?.groups;
    if (rawGroups !== undefined && rawGroups !== null && !Array.isArray(rawGroups)) {
      reject([{ field: 'spec.groups', message: 'spec.groups must be a list' }]);
      continue;
    }
    let groups = (rawGroups ?? []) as RuleSpec[];
    const label = spec.enforcedNamespaceLabel;
    if (label && !isExcludedFromEnforcement(rule, spec)) {
      const enforced = enforceNamespaceLabel(groups, label, rule.metadata.namespace ?? 'default');
      if (enforced.problems.length > 0) {
        reject(enforced.problems);
        continue;
      }
      groups = enforced.groups;
    }
    const gate = makeGate(target.version, (d) =>
      ctx.report.warn(`${who}: "${d.key}" ${d.reason}; it is left out of ${ownerName}'s rule file`, ref, d.field),
    );
    groups = sanitizeGroups(groups, target.flavor, gate);
    const problems = validateGroups(groups, scheme, parseOptions);
    if (problems.length > 0) {
      reject(problems);
      continue;
    }
    const text = ruleFileText(groups);
    const size = Buffer.byteLength(text, 'utf8');
    if (size > MAX_RULE_CONFIGMAP_BYTES) {
      reject([{ field: 'spec.groups', message: `the rendered rule file is ${size} bytes, above the limit of ${MAX_RULE_CONFIGMAP_BYTES} bytes` }]);
      continue;
    }
    files.set(ruleFileKey(rule.metadata.namespace ?? 'default', rule.metadata.name), text);
  }
  const configMaps = packRuleConfigMaps(files, target);
  return { configMaps, names: configMaps.map((c) => c.metadata.name), selected: selected.length, rejected };
}
