import { mergeMaps } from '../core/objects.js';
import type { V1Service, V1ServicePort } from '@kubernetes/client-node';
import type { KubeObject } from '../krm/types.js';
import { MANAGED_LABELS, type StringMap } from './metadata.js';

/**
 * The headless Service that gives a StatefulSet's pods their DNS names
 * (`prometheus-operated`, `alertmanager-operated`, `thanos-ruler-operated`).
 * It is shared by every resource of the kind in the namespace, so it selects
 * on the application name only.
 */
export interface GoverningServiceProps {
  readonly name: string;
  readonly namespace: string;
  /** The kind's marker label, e.g. `operated-prometheus: "true"`. */
  readonly operatedLabel: StringMap;
  readonly selector: StringMap;
  readonly ports: readonly V1ServicePort[];
  /** Publish DNS records for pods that are not ready yet (Alertmanager peers find each other before they are ready). */
  readonly publishNotReadyAddresses?: boolean;
}

export type ServiceObject = KubeObject & V1Service;

/**
 * The governing Service of a resource, or none when the resource names its
 * own (`spec.serviceName`): the operator expects the user to provide that
 * Service.
 */
export function governingServices(userServiceName: string | undefined, props: GoverningServiceProps): ServiceObject[] {
  return userServiceName === undefined ? [makeGoverningService(props)] : [];
}

function makeGoverningService(props: GoverningServiceProps): ServiceObject {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: {
      name: props.name,
      namespace: props.namespace,
      labels: mergeMaps(MANAGED_LABELS, props.operatedLabel),
    },
    spec: {
      clusterIP: 'None',
      ...(props.publishNotReadyAddresses ? { publishNotReadyAddresses: true } : {}),
      ports: props.ports.map((p) => ({ ...p })),
      selector: mergeMaps(props.selector),
    },
  };
}

/** A port that targets the container port of the same name. */
export function namedServicePort(name: string, port: number): V1ServicePort {
  return { name, port, targetPort: name };
}
