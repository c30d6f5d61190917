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
import type { RenderContext } from '../context/render-context.js';
import { memoTable } from '../core/memo.js';
import { makeGate, type DroppedField } from '../version/gate.js';
import { atLeast, formatVersion, type SemVer } from '../version/semver.js';
import { packRuleConfigMaps, ruleFileKey, MAX_RULE_CONFIGMAP_BYTES } from './config-maps.js';
import { enforceNamespaceLabel, isExcludedFromEnforcement, type EnforcementSpec } from './enforce-namespace.js';
import type { ParseOptions, PromQLCheck } from '../context/promql-check.js';
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

/** What one PrometheusRule becomes for one kind of owner: a rule file, or the problems that reject it. */
interface RuleFileOutcome {
  readonly text?: string;
  readonly problems: readonly RuleProblem[];
  /** Fields the target version does not know, left out of the file. */
  readonly dropped: readonly DroppedField[];
}

/**
 * Rule files depend only on the PrometheusRule and on what the owner asks of
 * it (enforced label, flavor, version, parser switches), so owners that ask
 * the same share one result per render.
 */
const RULE_FILES = memoTable<RuleFileOutcome>('rule-files');

interface RuleFileSettings {
  readonly enforcedLabel: string | undefined;
  readonly flavor: RuleFlavor;
  readonly version: SemVer;
  readonly parseOptions: ParseOptions;
  readonly scheme: NameValidation;
}

function ruleFileFor(rule: KubeObject, settings: RuleFileSettings, check: PromQLCheck): RuleFileOutcome {
  const rawGroups = (rule as { spec?: { groups?: unknown } }).spec?.groups;
  if (rawGroups !== undefined && rawGroups !== null && !Array.isArray(rawGroups)) {
    return { problems: [{ field: 'spec.groups', message: 'spec.groups must be a list' }], dropped: [] };
  }
  let groups = (rawGroups ?? []) as RuleSpec[];
  if (settings.enforcedLabel) {
    const enforced = enforceNamespaceLabel(groups, settings.enforcedLabel, rule.metadata.namespace ?? 'default');
    if (enforced.problems.length > 0) return { problems: enforced.problems, dropped: [] };
    groups = enforced.groups;
  }
  const dropped: DroppedField[] = [];
  groups = sanitizeGroups(groups, settings.flavor, makeGate(settings.version, (d) => dropped.push(d)));
  const problems = validateGroups(groups, settings.scheme, settings.parseOptions, check);
  if (problems.length > 0) return { problems, dropped };
  const text = ruleFileText(groups);
  const size = Buffer.byteLength(text, 'utf8');
  if (size > MAX_RULE_CONFIGMAP_BYTES) {
    return { problems: [{ field: 'spec.groups', message: `the rendered rule file is ${size} bytes, above the limit of ${MAX_RULE_CONFIGMAP_BYTES} bytes` }], dropped };
  }
  return { text, problems: [], dropped };
}

function settingsKey(rule: KubeObject, s: RuleFileSettings): string {
  return JSON.stringify([rule.metadata.namespace ?? 'default', rule.metadata.name, s.enforcedLabel ?? null, s.flavor, formatVersion(s.version), s.parseOptions, s.scheme]);
}

/** Undefined after an error result (an invalid selector). */
export function renderRuleConfigMaps(owner: KubeObject, spec: RuleOwnerSpec, target: RuleConfigMapsTarget, ctx: RenderContext): RuleConfigMapsOutcome | undefined {
  const selected = selectRules(owner, ctx);
  if (!selected) return undefined;
  const ownerName = describeRef(refOf(owner));
  const common = { flavor: target.flavor, version: target.version, parseOptions: parseOptionsFor(spec, target.flavor), scheme: nameValidation(target.flavor, target.version) };
  const files = new Map<string, string>();
  const ruleOf = new Map<string, KubeObject>();
  let rejected = 0;
  for (const rule of selected) {
    const ref = refOf(rule);
    const label = spec.enforcedNamespaceLabel;
    const settings: RuleFileSettings = { ...common, enforcedLabel: label && !isExcludedFromEnforcement(rule, spec) ? label : undefined };
    const outcome = ctx.memo.get(RULE_FILES, settingsKey(rule, settings), () => ruleFileFor(rule, settings, ctx.promql));
    for (const d of outcome.dropped) ctx.report.warn(`"${d.key}" ${d.reason}; it is left out of ${ownerName}'s rule file`, ref, d.field);
    if (outcome.text === undefined) {
      rejected++;
      for (const p of outcome.problems) ctx.selection.leaveOut(owner, rule, p.message, p.field);
      for (const p of outcome.problems) ctx.report.reject(ctx.options.onInvalid, `${p.message}; the PrometheusRule is left out of ${ownerName}'s rule files`, ref, p.field);
      continue;
    }
    const key = ruleFileKey(rule.metadata.namespace ?? 'default', rule.metadata.name);
    files.set(key, outcome.text);
    ruleOf.set(key, rule);
  }
  const configMaps = packRuleConfigMaps(files, target);
  for (const cm of configMaps) {
    for (const key of Object.keys(cm.data as Record<string, string>)) {
      const rule = ruleOf.get(key) as KubeObject;
      ctx.selection.produce(owner, rule, { ruleFile: { configMap: cm.metadata.name, key, groups: groupNames(rule) } });
    }
  }
  return { configMaps, names: configMaps.map((c) => c.metadata.name), selected: selected.length, rejected };
}

/** The names of a PrometheusRule's groups, as its rule file holds them. */
function groupNames(rule: KubeObject): string[] {
  const groups = (rule as { spec?: { groups?: ReadonlyArray<{ name?: unknown }> } }).spec?.groups ?? [];
  return groups.map((g) => String(g.name ?? ''));
}
