import type { Prometheus } from '../api/types.js';
import type { KubeObject } from '../krm/types.js';
import type { RenderContext } from '../selection/context.js';
import { makeTlsAssetSecrets } from '../workload/tls-assets-secret.js';
import { managedByLabels } from './config/config-secret.js';

/**
 * `prometheus-<name>-tls-assets-<i>`: the TLS material the configuration
 * refers to by path, sharded so that no Secret passes the size limit. There is
 * always at least shard 0, empty when nothing is referenced.
 */
export function makeTlsAssetsSecrets(p: Prometheus, assets: ReadonlyMap<string, Buffer>, ctx: RenderContext): KubeObject[] {
  void ctx;
  const name = `prometheus-${p.metadata?.name ?? ''}-tls-assets`;
  return makeTlsAssetSecrets(name, p.metadata?.namespace ?? 'default', managedByLabels(), assets);
}
