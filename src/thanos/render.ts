/**
 * What prometheus-operator creates for one ThanosRuler resource. Stub.
 */
import type { ThanosRuler } from '../api/types.js';
import type { KubeObject } from '../krm/types.js';
import type { RenderContext } from '../selection/context.js';

export function renderThanosRuler(tr: ThanosRuler, ctx: RenderContext): KubeObject[] {
  void tr;
  void ctx;
  return [];
}
