/** `hetzner_sd_configs`: Hetzner Cloud and Robot servers. */
import type { Doc } from '../../context.js';
import { checkHttpSd, http, opt } from './common.js';
import { sdMechanism } from './types.js';

export const hetznerSd = sdMechanism({
  field: 'hetznerSDConfigs',
  key: 'hetzner_sd_configs',
  validate: (ctx, c, field, fail) => {
    if (c.labelSelector !== undefined && c.labelSelector !== null && !ctx.gate.since('3.5.0').ok) {
      fail('field `labelSelector` is only supported for Prometheus version >= 3.5.0', `${field}.labelSelector`);
    }
    checkHttpSd(c, field, fail);
  },
  build: (ctx, c, field) => {
    const out: Doc = {};
    http.client(ctx, out, c, field);
    out.role = String(c.role ?? '').toLowerCase();
    http.followRedirects(out, c);
    http.enableHttp2(out, c);
    http.tls(ctx, out, c, field);
    opt(out, 'port', c.port);
    opt(out, 'refresh_interval', c.refreshInterval);
    if (c.labelSelector) ctx.gate.since('3.5.0').at(`${field}.labelSelector`).put(out, 'label_selector', c.labelSelector);
    return out;
  },
});
