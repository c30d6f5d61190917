import type { KubeObject } from '../krm/types.js';
import { governingServices, namedServicePort } from '../workload/governing-service.js';
import { APP_NAME_LABEL } from '../workload/metadata.js';
import { MODES } from './modes.js';
import type { PrometheusPlan } from './plan.js';
import { portName, serverSpecOf, specOf, type PrometheusResource } from './spec-view.js';

/**
 * The governing Service (`prometheus-operated` for servers,
 * `prometheus-agent-operated` for agents in StatefulSet mode), shared by every
 * resource of the mode in the namespace, with the Thanos gRPC port when a
 * sidecar runs. A resource that names its own `spec.serviceName` gets none.
 */
export function makeGoverningService(resource: PrometheusResource, plan: PrometheusPlan): KubeObject[] {
  const spec = specOf(resource);
  const mode = MODES[plan.mode];
  const ports = [namedServicePort(portName(spec), 9090)];
  if (serverSpecOf(resource)?.thanos) ports.push(namedServicePort('grpc', 10901));
  return governingServices(spec.serviceName, {
    name: mode.governingService,
    namespace: plan.namespace,
    operatedLabel: { 'operated-prometheus': 'true' },
    selector: { [APP_NAME_LABEL]: mode.appName },
    ports,
  });
}
