/**
 * A configuration context for one monitor (ServiceMonitor, PodMonitor,
 * Probe): the Prometheus's settings, but Secrets and ConfigMaps are read
 * from the monitor's namespace, and every problem is collected instead of
 * failing the Prometheus. The caller rejects the monitor when any problem
 * was found, as the operator's resource selector does.
 */
import { NamespaceAssets } from '../../../assets/namespace-assets.js';
import { ReferencedSecrets } from '../../../assets/referenced-secrets.js';
import { refOf, type KubeObject, type ObjectRef } from '../../../krm/types.js';
import type { Fail } from '../../../core/fail.js';
import type { Reporter } from '../../../krm/report.js';
import { makeGate, type DropReporter } from '../../../version/gate.js';
import { TlsAssetFiles } from '../../../workload/tls-assets.js';
import type { ConfigContext } from '../context.js';

/** The spec of a monitor (any of the four kinds) as it passed the CRD schema check: the one place its type is taken on trust. */
export function monitorSpec<Spec>(monitor: KubeObject): Spec {
  return (monitor.spec ?? {}) as Spec;
}

export interface MonitorProblem {
  readonly message: string;
  readonly field: string | undefined;
}

/** Runs `checks` with a sink that collects every problem they report (the field path leading each message), and returns them. */
export function collectProblems(checks: (fail: Fail) => void): MonitorProblem[] {
  const problems: MonitorProblem[] = [];
  checks(problemSink(problems, true));
  return problems;
}

/** A sink that adds each problem to `list`; with `fieldFirst` the field path leads the message. */
export function problemSink(list: MonitorProblem[], fieldFirst: boolean): Fail {
  return (message, field) => {
    list.push({ message: fieldFirst ? `${field}: ${message}` : message, field });
    return undefined;
  };
}

export interface MonitorContext {
  /** Use this for generation: `fail` and missing references add to `problems`. */
  readonly ctx: ConfigContext;
  readonly monitor: ObjectRef;
  readonly problems: MonitorProblem[];
}

/**
 * The context for one monitor. Warnings that name only the monitor go to
 * `report`; fields the target version does not know go to `onDrop`, so the
 * caller can word them for the Prometheus whose configuration leaves them out.
 */
export function monitorContext(parent: ConfigContext, monitor: KubeObject, report: Reporter, onDrop: DropReporter): MonitorContext {
  const ref = refOf(monitor);
  const problems: MonitorProblem[] = [];
  const addProblem = (message: string, field?: string): undefined => {
    problems.push({ message, field });
    return undefined;
  };
  const ctx: ConfigContext = {
    ...parent,
    report,
    gate: makeGate(parent.gate.version, onDrop),
    store: new NamespaceAssets(
      parent.assets,
      monitor.metadata.namespace ?? 'default',
      addProblem,
      'with-key',
      // A reference that cannot be mounted is an error naming the field, not a reason to leave the monitor out.
      parent.store.referencing && { ...parent.store.referencing, source: ref, collected: new ReferencedSecrets(), error: (message, field) => report.error(message, ref, field) },
    ),
    tlsAssets: new TlsAssetFiles(),
    fail: addProblem,
    warn: (message, field) => report.warn(message, ref, field),
  };
  return { ctx, monitor: ref, problems };
}
