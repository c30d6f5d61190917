/** `eureka_sd_configs`: applications registered in Netflix Eureka. */
import type { Doc } from '../../context.js';
import { checkHttpSd, http, opt } from './common.js';
import { sdMechanism } from './types.js';

export const eurekaSd = sdMechanism({
  field: 'eurekaSDConfigs',
  key: 'eureka_sd_configs',
  validate: (_ctx, c, field, fail) => checkHttpSd(c, field, fail),
  build: (ctx, c, field) => {
    const out: Doc = {};
    http.client(ctx, out, c, field);
    http.followRedirects(out, c);
    http.enableHttp2(out, c);
    http.tls(ctx, out, c, field);
    opt(out, 'refresh_interval', c.refreshInterval);
    if (c.server) out.server = c.server;
    return out;
  },
});
