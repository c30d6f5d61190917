import type { Prometheus } from '../api/types.js';
import type { KubeObject } from '../krm/types.js';
import type { RenderContext } from '../selection/context.js';
import type { PrometheusPlan } from './plan.js';

export interface ShardInputs {
  readonly plan: PrometheusPlan;
  readonly shard: number;
  /** StatefulSet name for this shard. */
  readonly name: string;
  /** Hash of the generated config, for the input-hash annotation. */
  readonly configHash: string;
  /** Names of the TLS assets Secrets to project into the tls-assets volume. */
  readonly tlsAssetSecretNames: readonly string[];
}

// STUB: the StatefulSet of one shard.
export function makeStatefulSet(p: Prometheus, inputs: ShardInputs, ctx: RenderContext): KubeObject {
  void ctx;
  return { apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: inputs.name, namespace: p.metadata?.namespace ?? 'default' }, spec: {} };
}
