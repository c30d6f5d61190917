import type { Prometheus } from '../api/types.js';
import type { KubeObject } from '../krm/types.js';
import type { RenderContext } from '../selection/context.js';
import { APP_NAME_LABEL } from '../workload/metadata.js';
import { makeGoverningService as makeService, namedServicePort } from '../workload/governing-service.js';
import { GOVERNING_SERVICE_NAME, portName, specOf } from './spec-view.js';

/**
 * The governing Service `prometheus-operated`, shared by every Prometheus in
 * the namespace, with the Thanos gRPC port when a sidecar runs. A Prometheus
 * that names its own `spec.serviceName` gets none: the operator expects the
 * user to provide that Service.
 */
export function makeGoverningService(p: Prometheus, ctx: RenderContext): KubeObject[] {
  void ctx;
  const spec = specOf(p);
  if (spec.serviceName !== undefined) return [];
  const port = portName(spec);
  const ports = [namedServicePort(port, 9090)];
  if (spec.thanos) ports.push(namedServicePort('grpc', 10901));
  return [
    makeService({
      name: GOVERNING_SERVICE_NAME,
      namespace: p.metadata?.namespace ?? 'default',
      operatedLabel: { 'operated-prometheus': 'true' },
      selector: { [APP_NAME_LABEL]: 'prometheus' },
      ports,
    }),
  ];
}
