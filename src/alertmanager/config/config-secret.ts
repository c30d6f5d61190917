/**
 * The generated configuration Secret `alertmanager-<name>-generated`
 * (key `alertmanager.yaml.gz`): base configuration merged with the selected
 * AlertmanagerConfigs. Stub: the operator's default configuration only.
 */
import type { Alertmanager } from '../../api/types.js';
import type { KubeObject } from '../../krm/types.js';
import type { RenderContext } from '../../selection/context.js';

export interface AlertmanagerConfigOutcome {
  readonly secret: KubeObject;
  /** TLS material the configuration refers to by file path, keyed by file name in the tls-assets Secret. */
  readonly tlsAssets: ReadonlyMap<string, Buffer>;
  /** Stable hash of the generated configuration. */
  readonly hash: string;
}

/** Returns undefined after an error result when the configuration cannot be generated. */
export function makeAlertmanagerConfigSecret(am: Alertmanager, ctx: RenderContext): AlertmanagerConfigOutcome | undefined {
  void am;
  void ctx;
  return undefined;
}
