import type { Alertmanager, Prometheus, PrometheusAgent, ThanosRuler } from '../api/types.js';
import { renderAlertmanager } from '../alertmanager/render.js';
import { buildAssets } from '../assets/assets.js';
import { sortBy } from '../core/compare.js';
import { Memo } from '../core/memo.js';
import { isGenerated } from '../krm/annotations.js';
import { hasErrors, sortResults } from '../krm/results.js';
import { describeRef, identityKey, refOf, type KubeObject, type Result } from '../krm/types.js';
import type { Options } from '../options/options.js';
import { renderPrometheusAgent } from '../prometheus/agent.js';
import { renderPrometheus } from '../prometheus/server.js';
import { renderThanosRuler } from '../thanos/render.js';
import { Reporter, type RenderContext } from '../selection/context.js';
import { buildInputIndex } from '../selection/inputs.js';
import { buildNamespaceIndex } from '../selection/namespaces.js';
import { rbacFor } from '../rbac/rbac.js';
import { parseCheck, type PromQLCheck } from '../rules/promql/check.js';
import type { RenderedResource } from '../workload/identity.js';
import { hardenWorkload } from '../workload/pod-security.js';
import { finalizeGenerated } from './finalize.js';
import { checkInputs } from './input-checks.js';
import { generatedNameProblems, namesAdvice } from './name-check.js';
import { compareObjects } from './order.js';
import { isMonitoring, readSources, withFiles } from './sources.js';

/** What a caller may lend a render: answers computed elsewhere, which must equal what render() would compute. */
export interface RenderHooks {
  readonly promql?: PromQLCheck;
}

export interface RenderOutput {
  readonly items: KubeObject[];
  readonly results: Result[];
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

const ownerKey = (o: KubeObject) => `${o.metadata.namespace ?? ''}/${o.metadata.name}`;

/**
 * items + options → items + results. Pure: no I/O, no clock, no randomness.
 *
 * Input objects may carry kpt's envelope annotations (file path, index):
 * renderers never see them, results name the file of the object they are
 * about, and objects passed through keep them.
 * On any error result the input comes back unchanged, with the results, and
 * nothing generated.
 */
export function render(input: readonly KubeObject[], options: Options, hooks: RenderHooks = {}): RenderOutput {
  const report = new Reporter();
  // Objects an earlier run generated are regenerated, never duplicated.
  const sources = readSources(input).filter((s) => !isGenerated(s.obj));
  const failed = () => ({ items: [...input], results: sortResults(withFiles(report.results, sources)) });
  const invalid = checkInputs(sources, options, report);
  if (hasErrors(report.results)) return failed();
  // Rejected monitors and rules are left out of selection, as the operator does.
  const items = sources.map((s) => s.obj).filter((o) => !invalid.has(identityKey(o)));

  const ctx: RenderContext = {
    options,
    assets: buildAssets(items),
    namespaces: buildNamespaceIndex(items),
    inputs: buildInputIndex(items),
    report,
    memo: new Memo(),
    promql: hooks.promql ?? parseCheck,
  };

  const generated = new Map<string, Generated>();
  const summaries: Array<() => void> = [];
  for (const { apiVersion, kind, render: renderKind } of RENDERERS) {
    const owners = sortBy(
      items.filter((o) => o.apiVersion === apiVersion && o.kind === kind),
      ownerKey,
    );
    for (const owner of owners) {
      const source = describeRef(refOf(owner));
      const rendered = renderKind(owner, ctx);
      const { objects: built, identities } = Array.isArray(rendered) ? { objects: rendered, identities: [] } : rendered;
      // Beyond the operator: the ServiceAccount and roles the generated pods need (option rbac).
      const access = built.length > 0 ? identities.flatMap((identity) => rbacFor(owner, identity, ctx)) : [];
      const objects = [...built, ...access].map((obj) => hardened(obj, owner, report));
      const nameProblems = objects.flatMap(generatedNameProblems);
      if (nameProblems.length > 0) report.error(namesAdvice(owner.metadata.name, nameProblems), refOf(owner), 'metadata.name');
      for (const obj of objects) addGenerated(generated, obj, source, report);
      if (objects.length > 0) summaries.push(() => report.info(`generated ${objects.length} objects`, refOf(owner)));
    }
  }

  const output: KubeObject[] = [];
  for (const s of sources) {
    if (isMonitoring(s.obj) && !options.keepInputs) continue;
    const twin = generated.get(identityKey(s.obj));
    if (twin) {
      report.warn(`replaced by the object generated from ${twin.sources.join(', ')}; remove it from the input`, refOf(s.obj));
      continue;
    }
    output.push(s.original);
  }
  for (const { obj, sources: from } of generated.values()) output.push(finalizeGenerated(obj, from, options));

  if (hasErrors(report.results)) return failed();
  for (const summary of summaries) summary();
  return { items: output.sort(compareObjects), results: sortResults(withFiles(report.results, sources)) };
}

interface Generated {
  readonly obj: KubeObject;
  readonly sources: string[];
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
