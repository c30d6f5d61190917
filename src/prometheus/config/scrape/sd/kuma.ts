/** `kuma_sd_configs`: Kuma service mesh data planes. */
import type { Doc } from '../../context.js';
import { checkHttpSd, checkServerUrl, http, opt } from './common.js';
import { sdMechanism } from './types.js';

export const kumaSd = sdMechanism({
  field: 'kumaSDConfigs',
  key: 'kuma_sd_configs',
  validate: (ctx, c, field, fail) => {
    if (c.clientID !== undefined && c.clientID !== null && !ctx.gate.since('2.50.0').ok) {
      fail('field `clientID` in kuma SD configuration is only supported for Prometheus version >= 2.50.0', `${field}.clientID`);
    }
    checkServerUrl(c.server, `${field}.server`, fail);
    checkHttpSd(c, field, fail);
  },
  build: (ctx, c, field) => {
    const out: Doc = {};
    http.client(ctx, out, c, field);
    out.server = c.server;
    http.followRedirects(out, c);
    http.enableHttp2(out, c);
    http.tls(ctx, out, c, field);
    opt(out, 'refresh_interval', c.refreshInterval);
    opt(out, 'fetch_timeout', c.fetchTimeout);
    return opt(out, 'client_id', c.clientID);
  },
});
