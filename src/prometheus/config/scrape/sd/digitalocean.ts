/** `digitalocean_sd_configs`: DigitalOcean droplets. */
import type { Doc } from '../../context.js';
import { checkHttpSd, http, opt } from './common.js';
import { sdMechanism } from './types.js';

export const digitalOceanSd = sdMechanism({
  field: 'digitalOceanSDConfigs',
  key: 'digitalocean_sd_configs',
  minVersion: '2.20.0',
  checkedWhenUnused: true,
  validate: (_ctx, c, field, fail) => checkHttpSd(c, field, fail),
  build: (ctx, c, field) => {
    const out: Doc = {};
    http.tokenClient(ctx, out, c, field);
    http.followRedirects(out, c);
    http.enableHttp2(out, c);
    http.tls(ctx, out, c, field);
    opt(out, 'port', c.port);
    return opt(out, 'refresh_interval', c.refreshInterval);
  },
});
