/**
 * The scrape jobs of the monitors a Prometheus selects, in the operator's
 * order: ServiceMonitors, PodMonitors, Probes, each sorted by
 * `namespace/name`. A monitor with any problem (failed validation, a missing
 * Secret or key, a setting the target version refuses) is rejected as a whole:
 * a warning (an error under `onInvalid: fail`) names it and the reason, and
 * none of its jobs is written.
 */
import type { PodMonitor, Probe, ServiceMonitor } from '../../../api/types.js';
import type { LabelSelector } from '../../../core/labels.js';
import { describeRef, refOf, type KubeObject } from '../../../krm/types.js';
import type { RenderContext } from '../../../selection/context.js';
import { namespaceMatcher, selectObjects } from '../../../selection/select.js';
import type { ConfigContext, Doc } from '../context.js';
import type { ScrapeJobsSource } from '../server-config.js';
import { monitorContext } from './monitor-context.js';
import { podMonitorJobs } from './pod-monitor.js';
import { probeJobs } from './probe.js';
import { serviceMonitorJobs } from './service-monitor.js';
import { validatePodMonitor, validateProbe, validateServiceMonitor } from './validate.js';
import type { MonitorProblem } from './monitor-context.js';
import { scrapeConfigJobs } from '../scrape-config/job.js';
import { validateScrapeConfig } from '../scrape-config/validate.js';

interface MonitorKind {
  readonly kind: string;
  readonly selector: string;
  readonly namespaceSelector: string;
  readonly validate: (ctx: ConfigContext, m: KubeObject) => MonitorProblem[];
  readonly jobs: (ctx: ConfigContext, m: KubeObject, shards: number) => Doc[];
}

/** The monitor kinds in the order their jobs appear in prometheus.yaml. */
const MONITOR_KINDS: readonly MonitorKind[] = [
  {
    kind: 'ServiceMonitor',
    selector: 'serviceMonitorSelector',
    namespaceSelector: 'serviceMonitorNamespaceSelector',
    validate: (ctx, m) => validateServiceMonitor(ctx, m as unknown as ServiceMonitor),
    jobs: (ctx, m, shards) => serviceMonitorJobs(ctx, m as unknown as ServiceMonitor, shards),
  },
  {
    kind: 'PodMonitor',
    selector: 'podMonitorSelector',
    namespaceSelector: 'podMonitorNamespaceSelector',
    validate: (ctx, m) => validatePodMonitor(ctx, m as unknown as PodMonitor),
    jobs: (ctx, m, shards) => podMonitorJobs(ctx, m as unknown as PodMonitor, shards),
  },
  {
    kind: 'Probe',
    selector: 'probeSelector',
    namespaceSelector: 'probeNamespaceSelector',
    validate: (ctx, m) => validateProbe(ctx, m as unknown as Probe),
    jobs: (ctx, m, shards) => probeJobs(ctx, m as unknown as Probe, shards),
  },
  {
    kind: 'ScrapeConfig',
    selector: 'scrapeConfigSelector',
    namespaceSelector: 'scrapeConfigNamespaceSelector',
    validate: validateScrapeConfig,
    jobs: scrapeConfigJobs,
  },
];

/** The monitors of each kind an owner selects, sorted; undefined after an error result. */
export function selectMonitors(owner: KubeObject, spec: Record<string, unknown>, render: RenderContext): Map<string, KubeObject[]> | undefined {
  const out = new Map<string, KubeObject[]>();
  for (const k of MONITOR_KINDS) {
    const selector = spec[k.selector] as LabelSelector | null | undefined;
    if (selector === undefined || selector === null) {
      out.set(k.kind, []);
      continue;
    }
    const namespaces = namespaceMatcher(owner, spec[k.namespaceSelector] as LabelSelector | null | undefined, `spec.${k.namespaceSelector}`, render);
    if (!namespaces) return undefined;
    const picked = selectObjects(owner, render.inputs.ofKind(k.kind), selector, `spec.${k.selector}`, namespaces, render);
    if (!picked) return undefined;
    out.set(k.kind, picked);
  }
  return out;
}

/** A ScrapeJobsSource over the selected monitors; rejections are reported while jobs are built. */
export function monitorJobsSource(selected: ReadonlyMap<string, readonly KubeObject[]>): ScrapeJobsSource {
  return (ctx, shards) => {
    const jobs: Doc[] = [];
    for (const k of MONITOR_KINDS) {
      for (const monitor of selected.get(k.kind) ?? []) {
        const scope = monitorContext(ctx, monitor);
        scope.problems.push(...k.validate(scope.ctx, monitor));
        const built = scope.problems.length === 0 ? k.jobs(scope.ctx, monitor, shards) : [];
        if (scope.problems.length > 0) {
          reject(ctx, monitor, scope.problems);
          continue;
        }
        ctx.store.adopt(scope.ctx.store);
        jobs.push(...built);
      }
    }
    return jobs;
  };
}

function reject(ctx: ConfigContext, monitor: KubeObject, problems: readonly MonitorProblem[]): void {
  const ref = refOf(monitor);
  for (const p of problems) {
    ctx.report.reject(
      ctx.options.onInvalid,
      `${describeRef(ref)}: ${p.message}; it is left out of the configuration of ${describeRef(ctx.ref)}`,
      ref,
      p.field,
    );
  }
}
