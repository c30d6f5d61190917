/** `http_sd_configs`: targets fetched from an HTTP endpoint. */
import type { Doc } from '../../context.js';
import { checkHttpSd, http, opt } from './common.js';
import { sdMechanism } from './types.js';

export const httpSd = sdMechanism({
  field: 'httpSDConfigs',
  key: 'http_sd_configs',
  minVersion: '2.28.0',
  validate: (_ctx, c, field, fail) => checkHttpSd(c, field, fail),
  build: (ctx, c, field) => {
    const out: Doc = {};
    http.basicAuth(ctx, out, c, field);
    http.authorization(ctx, out, c, field);
    http.tls(ctx, out, c, field);
    http.proxy(ctx, out, c, field);
    http.oauth2(ctx, out, c, field);
    out.url = c.url;
    opt(out, 'refresh_interval', c.refreshInterval);
    http.followRedirects(out, c);
    return http.enableHttp2(out, c);
  },
});
