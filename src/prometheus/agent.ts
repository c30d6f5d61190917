import type { PrometheusAgent } from '../api/types.js';
import type { RenderContext } from '../context/render-context.js';
import type { RenderedResource } from '../context/rendered-resource.js';
import { renderPrometheusResource } from './render.js';

/**
 * What prometheus-operator creates for one PrometheusAgent resource (see
 * render.ts, mode `agent`). The agent shares the server's
 * CommonPrometheusFields, so the same builders read its spec as CommonSpec.
 */
export function renderPrometheusAgent(agent: PrometheusAgent, ctx: RenderContext): RenderedResource {
  return renderPrometheusResource({ mode: 'agent', object: agent }, ctx);
}
