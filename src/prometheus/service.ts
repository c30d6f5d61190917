import type { Prometheus } from '../api/types.js';
import type { KubeObject } from '../krm/types.js';
import type { RenderContext } from '../selection/context.js';

// STUB: governing Service `prometheus-operated` (or spec.serviceName).
export function makeGoverningService(p: Prometheus, ctx: RenderContext): KubeObject {
  void ctx;
  return { apiVersion: 'v1', kind: 'Service', metadata: { name: 'prometheus-operated', namespace: p.metadata?.namespace ?? 'default' } };
}
