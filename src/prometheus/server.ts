import type { Prometheus } from '../api/types.js';
import type { RenderContext } from '../context/render-context.js';
import type { RenderedResource } from '../context/rendered-resource.js';
import { renderPrometheusResource } from './render.js';

/** What prometheus-operator creates for one Prometheus resource (see render.ts, mode `server`). */
export function renderPrometheus(p: Prometheus, ctx: RenderContext): RenderedResource {
  return renderPrometheusResource({ mode: 'server', object: p }, ctx);
}
