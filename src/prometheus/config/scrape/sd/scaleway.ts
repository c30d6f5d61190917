/** `scaleway_sd_configs`: Scaleway instances and bare-metal servers. */
import { PROM_SECRETS } from '../../../../promconfig/secret-settings.js';
import type { Doc } from '../../context.js';
import { checkProxySettings, http, list, opt, putSecret } from './common.js';
import { sdMechanism } from './types.js';

export const scalewaySd = sdMechanism({
  field: 'scalewaySDConfigs',
  key: 'scaleway_sd_configs',
  minVersion: '2.26.0',
  checkedWhenUnused: true,
  validate: (_ctx, c, field, fail) => checkProxySettings(c, field, fail),
  build: (ctx, c, field) => {
    const out: Doc = { access_key: c.accessKey };
    putSecret(ctx, out, c.secretKey, `${field}.secretKey`, PROM_SECRETS.scalewaySecretKey, '');
    out.project_id = c.projectID;
    out.role = String(c.role ?? '').toLowerCase();
    opt(out, 'port', c.port);
    opt(out, 'api_url', c.apiURL);
    opt(out, 'zone', c.zone);
    opt(out, 'name_filter', c.nameFilter);
    if (c.tagsFilter?.length) out.tags_filter = list(c.tagsFilter);
    opt(out, 'refresh_interval', c.refreshInterval);
    http.proxy(ctx, out, c, field);
    http.tls(ctx, out, c, field);
    http.followRedirects(out, c);
    return http.enableHttp2(out, c);
  },
});
