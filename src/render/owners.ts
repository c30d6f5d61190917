/**
 * The stages that turn owners into objects: each Prometheus, PrometheusAgent,
 * Alertmanager and ThanosRuler through its kind's renderer, then the access
 * its pods need and the pod hardening, and the generated objects gathered by
 * identity.
 */
import { renderAlertmanager } from '../alertmanager/render.js';
import type { Alertmanager, Prometheus, PrometheusAgent, ThanosRuler } from '../api/types.js';
import { sortBy } from '../core/compare.js';
import type { RenderContext } from '../context/render-context.js';
import type { RenderedResource } from '../context/rendered-resource.js';
import type { Reporter } from '../krm/report.js';
import { describeRef, identityKey, refOf, type KubeObject } from '../krm/types.js';
import { renderPrometheusAgent } from '../prometheus/agent.js';
import { renderPrometheus } from '../prometheus/server.js';
import { rbacFor } from '../rbac/rbac.js';
import { renderThanosRuler } from '../thanos/render.js';
import { hardenWorkload } from '../workload/pod-security.js';
import { generatedNameProblems, namesAdvice } from './name-check.js';
import { heldOutput } from './paused.js';
import { contextOf, type Generated, type RenderRun } from './run.js';

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

/** The owners among `items`, with their renderers: kind by kind in render order, each kind sorted by namespace and name. */
export function ownersIn(items: readonly KubeObject[]): Array<{ owner: KubeObject; render: KindRenderer }> {
  return RENDERERS.flatMap(({ apiVersion, kind, render }) =>
    sortBy(items.filter((o) => o.apiVersion === apiVersion && o.kind === kind), ownerKey).map((owner) => ({ owner, render })),
  );
}

/**
 * Each owner through its kind's renderer, or, when it is paused and the
 * input holds what an earlier run generated from it, that earlier output.
 * The access its pods need (option rbac) is worked out here, while its pod
 * identities are at hand; it is granted in the next stage.
 */
export function renderOwners(run: RenderRun): void {
  const ctx = contextOf(run);
  const owners = ownersIn(run.sources.map((s) => s.obj).filter((o) => !run.rejected.has(identityKey(o))));
  let done = 0;
  for (const { owner, render } of owners) {
    const kept = heldOutput(owner, ctx.earlier, run.report);
    if (kept) {
      run.held.push(...kept);
    } else {
      const { objects, identities } = render(owner, ctx);
      // Beyond the operator: the ServiceAccount and roles the generated pods need (option rbac).
      const access = objects.length > 0 ? identities.flatMap((identity) => rbacFor(owner, identity, ctx)) : [];
      run.rendered.push({ owner, objects, access });
    }
    run.hooks.progress?.(++done, owners.length, refOf(owner));
  }
}

/**
 * Every owner's objects and access, pods hardened, names checked, gathered by
 * identity: several owners may generate the same object (the governing
 * Service of a namespace, say).
 */
export function grantAccessAndHarden(run: RenderRun): void {
  for (const { owner, objects: built, access } of run.rendered) {
    const source = describeRef(refOf(owner));
    const objects = [...built, ...access].map((obj) => hardened(obj, owner, run.report));
    const nameProblems = objects.flatMap(generatedNameProblems);
    if (nameProblems.length > 0) run.report.error(namesAdvice(owner.metadata.name, nameProblems), refOf(owner), nameProblems[0]?.field ?? 'metadata.name');
    for (const obj of objects) addGenerated(run.generated, obj, source, run.report);
  }
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

/** Identical copies from several owners merge; a differing copy keeps the first, in owner order, and says so. */
function addGenerated(generated: Map<string, Generated>, obj: KubeObject, source: string, report: Reporter): void {
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
