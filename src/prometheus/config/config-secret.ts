import type { Prometheus } from '../../api/types.js';
import type { KubeObject } from '../../krm/types.js';
import type { RenderContext } from '../../selection/context.js';
import type { PrometheusPlan } from '../plan.js';

export interface ConfigSecretOutcome {
  /** Secret `prometheus-<name>` holding `prometheus.yaml.gz`. */
  readonly secret: KubeObject;
  /** TLS material the config refers to by file path, keyed by file name in the tls-assets Secret. */
  readonly tlsAssets: ReadonlyMap<string, Buffer>;
  /** Stable hash of the generated configuration. */
  readonly hash: string;
}

// STUB: replaced by the configuration generator.
export function makeConfigSecret(p: Prometheus, plan: PrometheusPlan, ctx: RenderContext): ConfigSecretOutcome {
  void ctx;
  return {
    secret: { apiVersion: 'v1', kind: 'Secret', metadata: { name: plan.prefixedName, namespace: plan.namespace }, data: {} },
    tlsAssets: new Map(),
    hash: String(p.metadata?.name),
  };
}
