/** `linode_sd_configs`: Linode instances. */
import type { Doc } from '../../context.js';
import { checkHttpSd, http, opt } from './common.js';
import { sdMechanism } from './types.js';

export const linodeSd = sdMechanism({
  field: 'linodeSDConfigs',
  key: 'linode_sd_configs',
  minVersion: '2.28.0',
  checkedWhenUnused: true,
  validate: (_ctx, c, field, fail) => checkHttpSd(c, field, fail),
  build: (ctx, c, field) => {
    const out: Doc = {};
    http.tokenClient(ctx, out, c, field);
    http.tls(ctx, out, c, field);
    opt(out, 'port', c.port);
    opt(out, 'region', c.region);
    http.enableHttp2(out, c);
    opt(out, 'tag_separator', c.tagSeparator);
    opt(out, 'refresh_interval', c.refreshInterval);
    return http.followRedirects(out, c);
  },
});
