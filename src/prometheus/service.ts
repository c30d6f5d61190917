import type { Prometheus } from '../api/types.js';
import type { KubeObject } from '../krm/types.js';
import type { RenderContext } from '../context/render-context.js';
import { APP_NAME_LABEL } from '../workload/metadata.js';
import { makeGoverningService as makeService, namedServicePort } from '../workload/governing-service.js';
import type { PrometheusMode } from './plan.js';
import { appName } from './pod-settings.js';
import { governingServiceName, portName, specOf } from './spec-view.js';

/**
 * The governing Service (`prometheus-operated` for servers,
 * `prometheus-agent-operated` for agents in StatefulSet mode), shared by every
 * resource of the mode in the namespace, with the Thanos gRPC port when a
 * sidecar runs. A resource that names its own `spec.serviceName` gets none:
 * the operator expects the user to provide that Service.
 */
export function makeGoverningService(p: Prometheus, ctx: RenderContext, mode: PrometheusMode = 'server'): KubeObject[] {
  void ctx;
  const spec = specOf(p);
  if (spec.serviceName !== undefined) return [];
  const port = portName(spec);
  const ports = [namedServicePort(port, 9090)];
  if (spec.thanos) ports.push(namedServicePort('grpc', 10901));
  return [
    makeService({
      name: governingServiceName(mode),
      namespace: p.metadata?.namespace ?? 'default',
      operatedLabel: { 'operated-prometheus': 'true' },
      selector: { [APP_NAME_LABEL]: appName(mode) },
      ports,
    }),
  ];
}
