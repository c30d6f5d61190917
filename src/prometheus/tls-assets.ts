import type { Prometheus } from '../api/types.js';
import type { KubeObject } from '../krm/types.js';
import type { RenderContext } from '../selection/context.js';

// STUB: `prometheus-<name>-tls-assets-<i>` Secrets.
export function makeTlsAssetsSecrets(p: Prometheus, assets: ReadonlyMap<string, Buffer>, ctx: RenderContext): KubeObject[] {
  void assets;
  void ctx;
  return [{ apiVersion: 'v1', kind: 'Secret', metadata: { name: `prometheus-${p.metadata?.name}-tls-assets-0`, namespace: p.metadata?.namespace ?? 'default' }, data: {} }];
}
