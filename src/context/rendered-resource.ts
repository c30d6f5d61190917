import type { KubeObject } from '../krm/types.js';

/**
 * What a kind renderer tells the orchestrator about the pods it generated,
 * so that access can be granted without the kind folders knowing about RBAC:
 * the ServiceAccount they run as and the configuration whose service
 * discovery decides what they read.
 */
export interface PodIdentity {
  /** The kind's name prefix, e.g. `prometheus`. */
  readonly prefix: string;
  readonly namespace: string;
  readonly name: string;
  /** The ServiceAccount the pods run as. */
  readonly serviceAccountName: string;
  /** The generated configuration document; undefined when the user manages it. */
  readonly discoveryConfig: Readonly<Record<string, unknown>> | undefined;
}

/**
 * What every kind renderer returns: the objects, and the pod identities that
 * may need access. After an error result it returns NOTHING_RENDERED.
 */
export interface RenderedResource {
  readonly objects: KubeObject[];
  readonly identities: readonly PodIdentity[];
}

export const NOTHING_RENDERED: RenderedResource = { objects: [], identities: [] };
