import { schemaProblems } from '../api/schema-check.js';
import type { Alertmanager, Prometheus, PrometheusAgent, ThanosRuler } from '../api/types.js';
import { renderAlertmanager } from '../alertmanager/render.js';
import { MONITORING_GROUP } from '../api/types.js';
import { buildAssets } from '../assets/assets.js';
import { sortBy } from '../core/compare.js';
import { Memo } from '../core/memo.js';
import { isGenerated } from '../krm/annotations.js';
import { buildEarlierOutput } from '../krm/earlier-output.js';
import { hasErrors, sortResults } from '../krm/results.js';
import { describeRef, groupOf, identityKey, refOf, type KubeObject, type ObjectRef, type Result } from '../krm/types.js';
import type { Options } from '../options/options.js';
import { renderPrometheusAgent } from '../prometheus/agent.js';
import { renderPrometheus } from '../prometheus/server.js';
import { renderThanosRuler } from '../thanos/render.js';
import { Reporter, type RenderContext } from '../selection/context.js';
import { buildInputIndex } from '../selection/inputs.js';
import { buildNamespaceIndex } from '../selection/namespaces.js';
import type { SelectionFacts } from '../selection/facts.js';
import { selectAll } from '../selection/owners.js';
import { unselectedResults } from '../selection/unselected.js';
import { rbacFor } from '../rbac/rbac.js';
import { parseChecker, type PromQLCheck } from '../rules/promql/check.js';
import type { RenderedResource } from '../workload/identity.js';
import { hardenWorkload } from '../workload/pod-security.js';
import { withServerSideApplyWhenLarge } from './apply-size.js';
import { finalizeGenerated } from './finalize.js';
import { heldOutput } from './paused.js';
import { generatedNameProblems, namesAdvice } from './name-check.js';
import { compareObjects } from './order.js';

/** What a caller may lend a render: answers computed elsewhere, which must equal what render() would compute, and a listener for progress. */
export interface RenderHooks {
  readonly promql?: PromQLCheck;
  /** Told after each owner (Prometheus, PrometheusAgent, Alertmanager, ThanosRuler) is rendered: how many of how many. */
  readonly progress?: (done: number, total: number, owner: ObjectRef) => void;
}

export interface RenderOutput {
  readonly items: KubeObject[];
  readonly results: Result[];
  /** What each owner selected, what not and why, and what the selected objects became; absent when the input failed its checks before selection. */
  readonly selection?: SelectionFacts;
}

/** A kind renderer: one resource of its kind in, the objects the operator would create out. */
type KindRenderer = (resource: KubeObject, ctx: RenderContext) => KubeObject[] | RenderedResource;

/** The resources that own generated objects, in the order they are rendered. */
const RENDERERS: ReadonlyArray<{ apiVersion: string; kind: string; render: KindRenderer }> = [
  { apiVersion: 'monitoring.coreos.com/v1', kind: 'Prometheus', render: (r, ctx) => renderPrometheus(r as unknown as Prometheus, ctx) },
  { apiVersion: 'monitoring.coreos.com/v1alpha1', kind: 'PrometheusAgent', render: (r, ctx) => renderPrometheusAgent(r as unknown as PrometheusAgent, ctx) },
  { apiVersion: 'monitoring.coreos.com/v1', kind: 'Alertmanager', render: (r, ctx) => renderAlertmanager(r as unknown as Alertmanager, ctx) },
  { apiVersion: 'monitoring.coreos.com/v1', kind: 'ThanosRuler', render: (r, ctx) => renderThanosRuler(r as unknown as ThanosRuler, ctx) },
];

const isMonitoring = (o: KubeObject) => groupOf(o.apiVersion) === MONITORING_GROUP;
const ownerKey = (o: KubeObject) => `${o.metadata.namespace ?? ''}/${o.metadata.name}`;

/**
 * items + options → items + results. Pure: no I/O, no clock, no randomness.
 * On any error result the input comes back unchanged, with the results, and
 * nothing generated.
 */
export function render(input: readonly KubeObject[], options: Options, hooks: RenderHooks = {}): RenderOutput {
  const report = new Reporter();
  // Objects an earlier run generated are regenerated, never duplicated.
  const all = input.filter((o) => !isGenerated(o));
  const invalid = checkSchemas(all, options, report);
  if (hasErrors(report.results)) return { items: [...input], results: sortResults(report.results) };
  // Rejected monitors and rules are left out of selection, as the operator does.
  const items = all.filter((o) => !invalid.has(identityKey(o)));

  const scope = { options, namespaces: buildNamespaceIndex(items), inputs: buildInputIndex(items), report };
  const ownersOf = (r: { apiVersion: string; kind: string }) => sortBy(items.filter((o) => o.apiVersion === r.apiVersion && o.kind === r.kind), ownerKey);
  const memo = new Memo();
  const ctx: RenderContext = {
    ...scope,
    earlier: buildEarlierOutput(input),
    assets: buildAssets(items),
    selection: selectAll(RENDERERS.flatMap(ownersOf), scope, all.filter((o) => invalid.has(identityKey(o)))),
    memo,
    promql: hooks.promql ?? parseChecker(memo),
  };

  const generated = new Map<string, { obj: KubeObject; sources: string[] }>();
  // Earlier output of paused resources, kept as it is.
  const held: KubeObject[] = [];
  const plan = RENDERERS.map(({ apiVersion, kind, render: renderKind }) => ({ renderKind, owners: ownersOf({ apiVersion, kind }) }));
  const total = plan.reduce((n, p) => n + p.owners.length, 0);
  let done = 0;
  for (const { renderKind, owners } of plan) {
    for (const owner of owners) {
      const kept = heldOutput(owner, ctx.earlier, report);
      if (kept) {
        held.push(...kept);
        hooks.progress?.(++done, total, refOf(owner));
        continue;
      }
      const source = describeRef(refOf(owner));
      const rendered = renderKind(owner, ctx);
      const { objects: built, identities } = Array.isArray(rendered) ? { objects: rendered, identities: [] } : rendered;
      // Beyond the operator: the ServiceAccount and roles the generated pods need (option rbac).
      const access = built.length > 0 ? identities.flatMap((identity) => rbacFor(owner, identity, ctx)) : [];
      const objects = [...built, ...access].map((obj) => hardened(obj, owner, report));
      const nameProblems = objects.flatMap(generatedNameProblems);
      if (nameProblems.length > 0) report.error(`${source}: ${namesAdvice(owner.metadata.name, nameProblems)}`, refOf(owner), 'metadata.name');
      for (const obj of objects) addGenerated(generated, obj, source, report);
      if (objects.length > 0) report.info(`generated ${objects.length} objects`, refOf(owner));
      hooks.progress?.(++done, total, refOf(owner));
    }
  }

  for (const result of unselectedResults(ctx.selection)) report.add(result);

  const output: KubeObject[] = [];
  const seen = new Set<string>();
  for (const obj of all) {
    if (isMonitoring(obj) && !options.keepInputs) continue;
    const key = identityKey(obj);
    if (generated.has(key)) {
      report.warn(
        `${describeRef(refOf(obj))} in the input is replaced by the object generated from ${generated.get(key)?.sources.join(', ')}; remove it from the input`,
        refOf(obj),
      );
      continue;
    }
    if (seen.has(key)) {
      report.error(`${describeRef(refOf(obj))} appears more than once in the input; keep one`, refOf(obj));
      continue;
    }
    seen.add(key);
    output.push(obj);
  }
  for (const { obj, sources } of generated.values()) output.push(withServerSideApplyWhenLarge(finalizeGenerated(obj, sources, options)));
  for (const obj of held) {
    const key = identityKey(obj);
    // An object a paused resource shares with one that is rendered (a governing Service) comes from the rendered one.
    if (generated.has(key) || seen.has(key)) continue;
    seen.add(key);
    output.push(obj);
  }

  if (hasErrors(report.results)) return { items: [...input], results: sortResults(report.results), selection: ctx.selection };
  return { items: output.sort(compareObjects), results: sortResults(report.results), selection: ctx.selection };
}

/**
 * Generated pods meet the Pod Security Standards "restricted" profile: the
 * pod-level defaults the operator leaves unset are filled in, and every check
 * that still fails (because the input sets something weaker) is a warning
 * naming the field.
 */
function hardened(obj: KubeObject, owner: KubeObject, report: Reporter): KubeObject {
  const { workload, violations } = hardenWorkload(obj);
  for (const v of violations) {
    report.warn(
      `${describeRef(refOf(owner))}: the pods of ${describeRef(refOf(obj))} do not meet the Pod Security Standards "restricted" profile: spec.template.spec.${v.field} ${v.requirement}; the setting comes from the input`,
      refOf(owner),
    );
  }
  return workload;
}

/**
 * Checks every monitoring object against its schema. A resource that owns
 * workloads and fails is an error: nothing can be rendered for it. A monitor,
 * rule or config object that fails is rejected (left out with a warning, or
 * an error under onInvalid: fail), as the operator's admission would refuse it.
 * Returns the identity keys of the rejected objects.
 */
function checkSchemas(items: readonly KubeObject[], options: Options, report: Reporter): Set<string> {
  const rejected = new Set<string>();
  for (const obj of items) {
    if (!isMonitoring(obj)) continue;
    const problems = schemaProblems(obj);
    if (problems.length === 0) continue;
    const ref = refOf(obj);
    const isOwner = OWNER_KINDS.has(obj.kind);
    if (!isOwner) rejected.add(identityKey(obj));
    for (const problem of problems) {
      const message = `${describeRef(ref)}: ${problem.message}${isOwner ? '' : '; the object is left out'}`;
      if (isOwner) report.error(message, ref, problem.path || undefined);
      else report.reject(options.onInvalid, message, ref, problem.path || undefined);
    }
  }
  return rejected;
}

/** Kinds that own generated workloads; the others are selected by them. */
const OWNER_KINDS = new Set(['Prometheus', 'PrometheusAgent', 'Alertmanager', 'ThanosRuler']);

/**
 * Several owners may generate the same object (the governing Service of a
 * namespace, say). Identical copies merge; a differing copy keeps the first,
 * in owner order, and says so.
 */
function addGenerated(
  generated: Map<string, { obj: KubeObject; sources: string[] }>,
  obj: KubeObject,
  source: string,
  report: Reporter,
): void {
  const key = identityKey(obj);
  const existing = generated.get(key);
  if (!existing) {
    generated.set(key, { obj, sources: [source] });
    return;
  }
  if (JSON.stringify(existing.obj) !== JSON.stringify(obj)) {
    report.warn(
      `${source} and ${existing.sources.join(', ')} both generate ${describeRef(refOf(obj))} with different content; the one from ${existing.sources[0]} is kept`,
      refOf(obj),
    );
  }
  existing.sources.push(source);
}
