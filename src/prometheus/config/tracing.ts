/** The `tracing` section: where Prometheus sends its own traces. */
import type { ConfigContext, Doc } from './context.js';
import { addTls, validateTls } from '../../promconfig/tls.js';
import { quantityToFloat } from '../../core/quantity.js';
import { sortedMap } from '../../core/objects.js';

/** `tracing`, from spec.tracingConfig. */
export function addTracing(ctx: ConfigContext, out: Doc): Doc {
  const tc = ctx.spec.tracingConfig;
  if (!tc) return out;
  const field = 'spec.tracingConfig';
  const tlsProblem = tc.tlsConfig ? validateTls(tc.tlsConfig, true) : undefined;
  if (tlsProblem) {
    ctx.fail(`failed to generate tracing configuration: ${tlsProblem}`, `${field}.tlsConfig`);
    return out;
  }
  const fraction = tc.samplingFraction === undefined || tc.samplingFraction === null ? undefined : quantityToFloat(tc.samplingFraction as number | string);
  if (fraction !== undefined && !(fraction >= 0 && fraction <= 1)) {
    ctx.fail('failed to generate tracing configuration: samplingFraction must be between 0 and 1', `${field}.samplingFraction`);
    return out;
  }
  const doc: Doc = { endpoint: tc.endpoint };
  if (tc.clientType) doc.client_type = tc.clientType.toLowerCase();
  if (fraction !== undefined) doc.sampling_fraction = fraction;
  if (tc.insecure !== undefined && tc.insecure !== null) doc.insecure = tc.insecure;
  if (tc.headers && Object.keys(tc.headers).length > 0) {
    // The operator walks a Go map here; sorting makes the order stable.
    doc.headers = sortedMap(tc.headers);
  }
  if (tc.compression) doc.compression = tc.compression.toLowerCase();
  if (tc.timeout !== undefined && tc.timeout !== null) doc.timeout = tc.timeout;
  addTls(ctx, ctx.gate, doc, tc.tlsConfig, `${field}.tlsConfig`);
  out.tracing = doc;
  return out;
}
