import type { KubeObject } from '../../krm/types.js';
import { governingServices } from '../../workload/governing-service.js';
import { APP_NAME_LABEL } from '../../workload/metadata.js';
import { APP_NAME, GOVERNING_SERVICE_NAME, MESH_PORT, MESH_TCP_PORT_NAME, MESH_UDP_PORT_NAME, WEB_PORT, portName, type AlertmanagerSpec } from './spec-view.js';

/**
 * The governing Service `alertmanager-operated`, shared by every Alertmanager
 * in the namespace: the web port and the gossip port over TCP and UDP, with
 * not-ready pods published so that peers find each other while starting. An
 * Alertmanager that names its own `spec.serviceName` gets none.
 */
export function makeGoverningService(spec: AlertmanagerSpec, namespace: string): KubeObject[] {
  const web = portName(spec);
  return governingServices(spec.serviceName, {
    name: GOVERNING_SERVICE_NAME,
    namespace,
    operatedLabel: { 'operated-alertmanager': 'true' },
    selector: { [APP_NAME_LABEL]: APP_NAME },
    publishNotReadyAddresses: true,
    ports: [
      { name: web, port: WEB_PORT, targetPort: web, protocol: 'TCP' },
      { name: 'tcp-mesh', port: MESH_PORT, targetPort: MESH_TCP_PORT_NAME, protocol: 'TCP' },
      { name: 'udp-mesh', port: MESH_PORT, targetPort: MESH_UDP_PORT_NAME, protocol: 'UDP' },
    ],
  });
}
