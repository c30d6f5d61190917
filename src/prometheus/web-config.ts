import type { Prometheus } from '../api/types.js';
import type { KubeObject } from '../krm/types.js';
import type { RenderContext } from '../selection/context.js';

// STUB: `prometheus-<name>-web-config` Secret.
export function makeWebConfigSecret(p: Prometheus, ctx: RenderContext): KubeObject {
  void ctx;
  return { apiVersion: 'v1', kind: 'Secret', metadata: { name: `prometheus-${p.metadata?.name}-web-config`, namespace: p.metadata?.namespace ?? 'default' }, data: {} };
}
