/** `puppetdb_sd_configs`: nodes and resources from PuppetDB. */
import { re2 } from '../../../../core/regex/re2.js';
import type { Doc } from '../../context.js';
import { checkHttpSd, http, opt } from './common.js';
import { sdMechanism } from './types.js';

const PUPPETDB_URL = re2('^([a-zA-Z][a-zA-Z0-9+.-]*):(?://([^/?#]*))?');

export const puppetDbSd = sdMechanism({
  field: 'puppetDBSDConfigs',
  key: 'puppetdb_sd_configs',
  minVersion: '2.31.0',
  checkedWhenUnused: true,
  validate: (_ctx, c, field, fail) => {
    const m = PUPPETDB_URL.exec(String(c.url ?? ''));
    const scheme = m?.[1]?.toLowerCase();
    if (scheme !== 'http' && scheme !== 'https') fail("URL scheme must be 'http' or 'https'", `${field}.url`);
    else if (!m?.[2]) fail('host is missing in URL', `${field}.url`);
    checkHttpSd(c, field, fail);
  },
  build: (ctx, c, field) => {
    const out: Doc = {};
    http.client(ctx, out, c, field);
    out.url = c.url;
    out.query = c.query;
    opt(out, 'include_parameters', c.includeParameters);
    opt(out, 'port', c.port);
    opt(out, 'refresh_interval', c.refreshInterval);
    http.followRedirects(out, c);
    http.tls(ctx, out, c, field);
    return http.enableHttp2(out, c);
  },
});
