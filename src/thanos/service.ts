import type { KubeObject } from '../krm/types.js';
import { governingServices } from '../workload/governing-service.js';
import { APP_NAME_LABEL } from '../workload/metadata.js';
import { APP_NAME, GOVERNING_SERVICE_NAME, GRPC_PORT, HTTP_PORT, portName, type ThanosRulerSpec } from './spec-view.js';

/**
 * The governing Service `thanos-ruler-operated`, shared by every ThanosRuler
 * in the namespace: the HTTP port and the gRPC port. A ThanosRuler that
 * names its own `spec.serviceName` gets none.
 */
export function makeGoverningService(spec: ThanosRulerSpec, namespace: string): KubeObject[] {
  const ports = [
    { name: portName(spec), port: HTTP_PORT, targetPort: portName(spec), protocol: 'TCP' },
    { name: 'grpc', port: GRPC_PORT, targetPort: 'grpc', protocol: 'TCP' },
  ];
  return governingServices(spec.serviceName, { name: GOVERNING_SERVICE_NAME, namespace, operatedLabel: { 'operated-thanos-ruler': 'true' }, selector: { [APP_NAME_LABEL]: APP_NAME }, ports });
}
