import type { Alertmanager, Prometheus, PrometheusAgent, ThanosRuler } from '../api/types.js';
import { renderAlertmanager } from '../alertmanager/render.js';
import { buildAssets } from '../assets/assets.js';
import { sortBy } from '../core/compare.js';
import { Memo } from '../core/memo.js';
import { asLocalConfig, isGenerated } from '../krm/annotations.js';
import { buildEarlierOutput } from '../krm/earlier-output.js';
import { hasErrors, sortResults } from '../krm/results.js';
import { describeRef, identityKey, refOf, type KubeObject, type ObjectRef, type Result } from '../krm/types.js';
import type { Options } from '../options/options.js';
import { renderPrometheusAgent } from '../prometheus/agent.js';
import { renderPrometheus } from '../prometheus/server.js';
import { renderThanosRuler } from '../thanos/render.js';
import { Reporter } from '../krm/report.js';
import type { RenderContext } from '../context/render-context.js';
import { buildInputIndex } from '../selection/inputs.js';
import { buildNamespaceIndex } from '../selection/namespaces.js';
import type { SelectionFacts } from '../selection/facts.js';
import { selectAll } from '../selection/owners.js';
import { unselectedResults } from '../selection/unselected.js';
import { rbacFor } from '../rbac/rbac.js';
import type { PromQLCheck } from '../context/promql-check.js';
import { parseChecker } from '../rules/promql/check.js';
import type { RenderedResource } from '../context/rendered-resource.js';
import { hardenWorkload } from '../workload/pod-security.js';
import { withServerSideApplyWhenLarge } from './apply-size.js';
import { finalizeGenerated } from './finalize.js';
import { checkInputs } from './input-checks.js';
import { generatedNameProblems, namesAdvice } from './name-check.js';
import { heldOutput } from './paused.js';
import { compareObjects } from './order.js';
import { isMonitoring, readSources, withFiles, type Source } from './sources.js';

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
type KindRenderer = (resource: KubeObject, ctx: RenderContext) => RenderedResource;

/** The resources that own generated objects, in the order they are rendered. */
const RENDERERS: ReadonlyArray<{ apiVersion: string; kind: string; render: KindRenderer }> = [
  { apiVersion: 'monitoring.coreos.com/v1', kind: 'Prometheus', render: (r, ctx) => renderPrometheus(r as unknown as Prometheus, ctx) },
  { apiVersion: 'monitoring.coreos.com/v1alpha1', kind: 'PrometheusAgent', render: (r, ctx) => renderPrometheusAgent(r as unknown as PrometheusAgent, ctx) },
  { apiVersion: 'monitoring.coreos.com/v1', kind: 'Alertmanager', render: (r, ctx) => renderAlertmanager(r as unknown as Alertmanager, ctx) },
  { apiVersion: 'monitoring.coreos.com/v1', kind: 'ThanosRuler', render: (r, ctx) => renderThanosRuler(r as unknown as ThanosRuler, ctx) },
];

const ownerKey = (o: KubeObject) => `${o.metadata.namespace ?? ''}/${o.metadata.name}`;

/**
 * items + options → items + results. Pure: no I/O, no clock, no randomness.
 *
 * Input objects may carry kpt's envelope annotations (file path, index):
 * renderers never see them, results name the file of the object they are
 * about, and objects passed through keep them. The monitoring.coreos.com
 * objects that were read stay in the output as local configuration (unless
 * keepInputs), so that kpt keeps their files and nothing applies them.
 * On any error result the input comes back unchanged, with the results, and
 * nothing generated.
 */
export function render(input: readonly KubeObject[], options: Options, hooks: RenderHooks = {}): RenderOutput {
  const report = new Reporter();
  // Objects an earlier run generated are regenerated, never duplicated.
  const sources = readSources(input).filter((s) => !isGenerated(s.obj));
  const assets = buildAssets(sources.map((s) => s.obj));
  // Results carry their object's file; no message quotes a Secret value (the assets redact any that one would).
  const results = () => sortResults(withFiles(report.results, sources).map((r) => ({ ...r, message: assets.redact(r.message) })));
  const failed = () => ({ items: [...input], results: results() });
  const invalid = checkInputs(sources, options, report);
  if (hasErrors(report.results)) return failed();
  // Rejected monitors and rules are left out of selection, as the operator does.
  const items = sources.map((s) => s.obj).filter((o) => !invalid.has(identityKey(o)));

  const scope = { options, namespaces: buildNamespaceIndex(items), inputs: buildInputIndex(items), report };
  const ownersOf = (r: { apiVersion: string; kind: string }) => sortBy(items.filter((o) => o.apiVersion === r.apiVersion && o.kind === r.kind), ownerKey);
  const memo = new Memo();
  const ctx: RenderContext = {
    ...scope,
    earlier: buildEarlierOutput(input),
    assets,
    selection: selectAll(RENDERERS.flatMap(ownersOf), scope, { refused: sources.map((s) => s.obj).filter((o) => invalid.has(identityKey(o))), redact: assets.redact }),
    memo,
    promql: hooks.promql ?? parseChecker(memo),
  };

  const generated = new Map<string, Generated>();
  // Earlier output of paused resources, kept as it is.
  const held: KubeObject[] = [];
  const summaries: Array<() => void> = [];
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
      const { objects: built, identities } = renderKind(owner, ctx);
      // Beyond the operator: the ServiceAccount and roles the generated pods need (option rbac).
      const access = built.length > 0 ? identities.flatMap((identity) => rbacFor(owner, identity, ctx)) : [];
      const objects = [...built, ...access].map((obj) => hardened(obj, owner, report));
      const nameProblems = objects.flatMap(generatedNameProblems);
      if (nameProblems.length > 0) report.error(namesAdvice(owner.metadata.name, nameProblems), refOf(owner), nameProblems[0]?.field ?? 'metadata.name');
      for (const obj of objects) addGenerated(generated, obj, source, report);
      if (objects.length > 0) summaries.push(() => report.info(`generated ${objects.length} objects`, refOf(owner)));
      hooks.progress?.(++done, total, refOf(owner));
    }
  }

  for (const result of unselectedResults(ctx.selection)) report.add(result);

  const output: KubeObject[] = [];
  const seen = new Set<string>();
  for (const s of sources) {
    const key = identityKey(s.obj);
    const twin = generated.get(key);
    if (twin) {
      reportCollision(s, twin, report);
      continue;
    }
    seen.add(key);
    output.push(isMonitoring(s.obj) && !options.keepInputs ? asLocalConfig(s.original) : s.original);
  }
  for (const { obj, sources: from } of generated.values()) output.push(withServerSideApplyWhenLarge(finalizeGenerated(obj, from, options)));
  for (const obj of held) {
    const key = identityKey(obj);
    // An object a paused resource shares with one that is rendered (a governing Service) comes from the rendered one.
    if (generated.has(key) || seen.has(key)) continue;
    seen.add(key);
    output.push(obj);
  }

  if (hasErrors(report.results)) return { ...failed(), selection: ctx.selection };
  for (const summary of summaries) summary();
  return { items: output.sort(compareObjects), results: results(), selection: ctx.selection };
}

interface Generated {
  readonly obj: KubeObject;
  readonly sources: string[];
}

/**
 * An input object with the identity of a generated one: applying both would
 * let the last one win, and under kpt the user's file would be rewritten.
 * Never replaced: an error naming both, and the way out.
 */
function reportCollision(s: Source, twin: Generated, report: Reporter): void {
  const owners = twin.sources.join(', ');
  const where = s.file ? ` (in ${s.file.path})` : '';
  const wayOut =
    s.obj.kind === 'Service'
      ? `set spec.serviceName on ${owners} to use your own Service instead, or remove this one`
      : RBAC_KINDS.has(s.obj.kind)
        ? `set the option rbac: none to manage the access of ${owners} yourself, or remove this one`
        : `rename or remove this one`;
  report.error(`this object${where} has the kind and name of an object generated from ${owners}; ${wayOut}`, refOf(s.obj));
}

const RBAC_KINDS = new Set(['ServiceAccount', 'Role', 'RoleBinding', 'ClusterRole', 'ClusterRoleBinding']);

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
      `the pods of ${describeRef(refOf(obj))} do not meet the Pod Security Standards "restricted" profile: spec.template.spec.${v.field} ${v.requirement}; the setting comes from the input`,
      refOf(owner),
    );
  }
  return workload;
}

/**
 * Several owners may generate the same object (the governing Service of a
 * namespace, say). Identical copies merge; a differing copy keeps the first,
 * in owner order, and says so.
 */
function addGenerated(
  generated: Map<string, Generated>,
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
      `generated by both ${existing.sources.join(', ')} and ${source} with different content; the one from ${existing.sources[0]} is kept`,
      refOf(obj),
    );
  }
  existing.sources.push(source);
}
