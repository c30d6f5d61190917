/**
 * The scrape jobs of the monitors a Prometheus selects, in the operator's
 * order: ServiceMonitors, PodMonitors, Probes, each sorted by
 * `namespace/name`. A monitor with any problem (failed validation, a missing
 * Secret or key, a setting the target version refuses) is rejected as a whole:
 * a warning (an error under `onInvalid: fail`) names it and the reason, and
 * none of its jobs is written.
 */
import { memoTable } from '../../../core/memo.js';
import { describeRef, refOf, type KubeObject, type Result } from '../../../krm/types.js';
import { Reporter } from '../../../krm/report.js';
import type { RenderContext } from '../../../context/render-context.js';
import type { DroppedField } from '../../../version/gate.js';
import { formatVersion } from '../../../version/semver.js';
import type { TlsAssetFiles } from '../../../workload/tls-assets.js';
import type { ReferencedSecrets } from '../../../assets/referenced-secrets.js';
import type { ConfigContext, Doc } from '../context.js';
import type { ScrapeJobsSource } from '../server-config.js';
import { monitorContext } from './monitor-context.js';
import { podMonitorJobs, validatePodMonitor } from './pod-monitor.js';
import { probeJobs, validateProbe } from './probe.js';
import { serviceMonitorJobs, validateServiceMonitor } from './service-monitor.js';
import type { MonitorProblem } from './monitor-context.js';
import { scrapeConfigJobs, validateScrapeConfig } from './scrape-config.js';

interface MonitorKind {
  readonly kind: string;
  readonly validate: (ctx: ConfigContext, m: KubeObject) => MonitorProblem[];
  readonly jobs: (ctx: ConfigContext, m: KubeObject, shards: number) => Doc[];
}

/** The monitor kinds in the order their jobs appear in prometheus.yaml. */
const MONITOR_KINDS: readonly MonitorKind[] = [
  { kind: 'ServiceMonitor', validate: validateServiceMonitor, jobs: serviceMonitorJobs },
  { kind: 'PodMonitor', validate: validatePodMonitor, jobs: podMonitorJobs },
  { kind: 'Probe', validate: validateProbe, jobs: probeJobs },
  { kind: 'ScrapeConfig', validate: validateScrapeConfig, jobs: scrapeConfigJobs },
];

/** The monitors of each kind an owner selects, sorted, as the selection stage recorded them; undefined when one of its selectors is invalid. */
export function selectMonitors(owner: KubeObject, render: RenderContext): Map<string, readonly KubeObject[]> | undefined {
  const out = new Map<string, readonly KubeObject[]>();
  for (const k of MONITOR_KINDS) {
    const picked = render.selection.selected(owner, k.kind);
    if (!picked) return undefined;
    out.set(k.kind, picked);
  }
  return out;
}

/** What one monitor contributes to a configuration, recorded so that owners with the same settings share it. */
interface MonitorOutcome {
  readonly jobs: readonly Doc[];
  readonly problems: readonly MonitorProblem[];
  /** Fields the target version does not know, left out of the jobs. */
  readonly dropped: readonly DroppedField[];
  /** Warnings that name only the monitor. */
  readonly results: readonly Result[];
  /** The TLS files the jobs need. */
  readonly tlsAssets: TlsAssetFiles;
  /** The Secrets the jobs read from mounted files. */
  readonly referenced: ReferencedSecrets | undefined;
}

const MONITOR_JOBS = memoTable<MonitorOutcome>('monitor-jobs');

/** Spec fields that choose monitors and rules but never shape a job. */
const SELECTION_FIELDS = new Set([
  'serviceMonitorSelector',
  'serviceMonitorNamespaceSelector',
  'podMonitorSelector',
  'podMonitorNamespaceSelector',
  'probeSelector',
  'probeNamespaceSelector',
  'scrapeConfigSelector',
  'scrapeConfigNamespaceSelector',
  'ruleSelector',
  'ruleNamespaceSelector',
]);

/**
 * Everything a monitor's jobs depend on besides the monitor: the owner's spec
 * (its selectors aside), the target version, the shard count and the pod
 * layout. Owners that differ only in what they select share their jobs.
 */
function jobSettingsKey(ctx: ConfigContext, shards: number): string {
  const spec = Object.fromEntries(Object.entries(ctx.spec).filter(([k]) => !SELECTION_FIELDS.has(k)));
  const { plan } = ctx;
  return JSON.stringify([spec, plan.prefix, plan.namespace, plan.daemonSet, formatVersion(plan.version), shards, ctx.tlsAssetsDir, ctx.endpointSliceSupported]);
}

function monitorOutcome(parent: ConfigContext, k: MonitorKind, monitor: KubeObject, shards: number): MonitorOutcome {
  const report = new Reporter();
  const dropped: DroppedField[] = [];
  const scope = monitorContext(parent, monitor, report, (d) => dropped.push(d));
  scope.problems.push(...k.validate(scope.ctx, monitor));
  const jobs = scope.problems.length === 0 ? k.jobs(scope.ctx, monitor, shards) : [];
  return {
    jobs: scope.problems.length === 0 ? jobs : [],
    problems: scope.problems,
    dropped,
    results: report.results,
    tlsAssets: scope.ctx.tlsAssets,
    referenced: scope.ctx.store.referencing?.collected,
  };
}

/** A ScrapeJobsSource over the selected monitors; rejections are reported, and each monitor's job names recorded, while jobs are built. */
export function monitorJobsSource(selected: ReadonlyMap<string, readonly KubeObject[]>, render: Pick<RenderContext, 'memo' | 'selection'>): ScrapeJobsSource {
  const { memo, selection } = render;
  return (ctx, shards) => {
    const settings = jobSettingsKey(ctx, shards);
    const jobs: Doc[] = [];
    for (const k of MONITOR_KINDS) {
      for (const monitor of selected.get(k.kind) ?? []) {
        const key = `${settings}\n${k.kind}/${monitor.metadata.namespace ?? ''}/${monitor.metadata.name}`;
        const outcome = memo.get(MONITOR_JOBS, key, () => monitorOutcome(ctx, k, monitor, shards));
        const ref = refOf(monitor);
        for (const r of outcome.results) ctx.report.add(r);
        for (const d of outcome.dropped) {
          ctx.report.warn(`"${d.key}" ${d.reason}; it is left out of the configuration of ${describeRef(ctx.ref)}`, ref, d.field);
        }
        if (outcome.problems.length > 0) {
          for (const p of outcome.problems) selection.leaveOut(ctx.owner, monitor, p.message, p.field);
          reject(ctx, monitor, outcome.problems);
          continue;
        }
        ctx.tlsAssets.adopt(outcome.tlsAssets);
        if (outcome.referenced) {
          for (const problem of ctx.store.referencing?.collected.adopt(outcome.referenced) ?? []) ctx.report.error(problem, ref);
        }
        jobs.push(...outcome.jobs);
        selection.produce(ctx.owner, monitor, { jobs: outcome.jobs.map((j) => String(j.job_name)) });
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
      `${p.message}; it is left out of the configuration of ${describeRef(ctx.ref)}`,
      ref,
      p.field,
    );
  }
}
