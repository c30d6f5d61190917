/**
 * What prometheus-operator creates for one PrometheusAgent resource. Stub.
 */
import type { PrometheusAgent } from '../api/types.js';
import type { KubeObject } from '../krm/types.js';
import type { RenderContext } from '../selection/context.js';

export function renderPrometheusAgent(agent: PrometheusAgent, ctx: RenderContext): KubeObject[] {
  void agent;
  void ctx;
  return [];
}
