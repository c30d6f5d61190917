import type { Prometheus } from '../api/types.js';
import type { KubeObject } from '../krm/types.js';
import type { RenderContext } from '../selection/context.js';
import { makeConfigSecret } from './config/config-secret.js';
import { planPrometheus } from './plan.js';
import { makeGoverningService } from './service.js';
import { makeStatefulSet } from './stateful-set.js';
import { makeTlsAssetsSecrets } from './tls-assets.js';
import { makeWebConfigSecret } from './web-config.js';

/**
 * What prometheus-operator creates for one Prometheus resource, in the order
 * its sync loop creates them: rule ConfigMaps, the config Secret, the TLS
 * assets Secrets, the web config Secret, the governing Service and one
 * StatefulSet per shard.
 */
export function renderPrometheus(p: Prometheus, ctx: RenderContext): KubeObject[] {
  const plan = planPrometheus(p, ctx);
  if (!plan) return [];
  const config = makeConfigSecret(p, plan, ctx);
  const tlsAssets = makeTlsAssetsSecrets(p, config.tlsAssets, ctx);
  return [
    config.secret,
    ...tlsAssets,
    makeWebConfigSecret(p, ctx),
    makeGoverningService(p, ctx),
    ...plan.shardNames.map((name, shard) =>
      makeStatefulSet(p, { plan, shard, name, configHash: config.hash, tlsAssetSecretNames: tlsAssets.map((s) => s.metadata.name) }, ctx),
    ),
  ];
}
