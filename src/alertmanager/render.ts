/**
 * What prometheus-operator creates for one Alertmanager resource. Stub.
 */
import type { Alertmanager } from '../api/types.js';
import type { KubeObject } from '../krm/types.js';
import type { RenderContext } from '../selection/context.js';

export function renderAlertmanager(am: Alertmanager, ctx: RenderContext): KubeObject[] {
  void am;
  void ctx;
  return [];
}
