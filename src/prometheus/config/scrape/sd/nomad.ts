/** `nomad_sd_configs`: services registered in HashiCorp Nomad. */
import type { Doc } from '../../context.js';
import { checkHttpSd, checkServerUrl, http, opt } from './common.js';
import { sdMechanism } from './types.js';

export const nomadSd = sdMechanism({
  field: 'nomadSDConfigs',
  key: 'nomad_sd_configs',
  validate: (_ctx, c, field, fail) => {
    checkServerUrl(c.server, `${field}.server`, fail);
    checkHttpSd(c, field, fail);
  },
  build: (ctx, c, field) => {
    const out: Doc = {};
    http.client(ctx, out, c, field);
    out.server = c.server;
    opt(out, 'allow_stale', c.allowStale);
    opt(out, 'namespace', c.namespace);
    opt(out, 'refresh_interval', c.refreshInterval);
    opt(out, 'region', c.region);
    opt(out, 'tag_separator', c.tagSeparator);
    http.followRedirects(out, c);
    http.enableHttp2(out, c);
    return http.tls(ctx, out, c, field);
  },
});
