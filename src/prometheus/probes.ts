import type { V1Probe } from '@kubernetes/client-node';
import { cleanPath } from '../workload/paths.js';
import { probeHandler } from '../workload/probes.js';
import { portName, webRoutePrefix, type CommonSpec } from './spec-view.js';

const PROBE_TIMEOUT_SECONDS = 3;

/**
 * Startup, readiness and liveness probes of the prometheus container.
 * `/-/ready` only succeeds once the WAL is replayed, so the startup probe
 * allows 15 minutes by default (or `maximumStartupDurationSeconds`).
 */
export interface PrometheusProbes {
  readonly startupProbe: V1Probe;
  readonly readinessProbe: V1Probe;
  readonly livenessProbe: V1Probe;
}

function handler(spec: CommonSpec, path: string): Pick<V1Probe, 'exec' | 'httpGet'> {
  const full = cleanPath(webRoutePrefix(spec) + path);
  return probeHandler({
    path: full,
    port: portName(spec),
    localUrlBase: spec.listenLocal ? 'http://localhost:9090' : undefined,
    https: spec.web?.tlsConfig !== undefined,
  });
}

/** Period and failure threshold of the startup probe for a maximum startup duration. */
export function startupProbeTiming(maxStartupSeconds: number | undefined): { periodSeconds: number; failureThreshold: number } {
  const d = maxStartupSeconds ?? 0;
  if (d < 60) return { periodSeconds: 15, failureThreshold: 60 };
  const failureThreshold = Math.ceil(d / 60);
  return { periodSeconds: Math.ceil(d / failureThreshold), failureThreshold };
}

export function prometheusProbes(spec: CommonSpec): PrometheusProbes {
  const ready = handler(spec, '/-/ready');
  const timing = startupProbeTiming(spec.maximumStartupDurationSeconds);
  return {
    startupProbe: { ...ready, timeoutSeconds: PROBE_TIMEOUT_SECONDS, ...timing },
    readinessProbe: { ...handler(spec, '/-/ready'), timeoutSeconds: PROBE_TIMEOUT_SECONDS, periodSeconds: 5, failureThreshold: 3 },
    livenessProbe: { ...handler(spec, '/-/healthy'), timeoutSeconds: PROBE_TIMEOUT_SECONDS, periodSeconds: 5, failureThreshold: 6 },
  };
}
