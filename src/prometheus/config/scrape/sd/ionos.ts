/** `ionos_sd_configs`: IONOS Cloud servers. */
import type { Doc } from '../../context.js';
import { checkHttpSd, http, opt } from './common.js';
import { sdMechanism } from './types.js';

export const ionosSd = sdMechanism({
  field: 'ionosSDConfigs',
  key: 'ionos_sd_configs',
  minVersion: '2.36.0',
  checkedWhenUnused: true,
  validate: (_ctx, c, field, fail) => checkHttpSd(c, field, fail),
  build: (ctx, c, field) => {
    const out: Doc = {};
    // The authorization is required by the CRD; OAuth2, when given, replaces it.
    if (!c.oauth2) http.authorization(ctx, out, { authorization: c.authorization ?? {} }, field);
    http.oauth2(ctx, out, c, field);
    http.proxy(ctx, out, c, field);
    http.tls(ctx, out, c, field);
    out.datacenter_id = c.datacenterID;
    http.followRedirects(out, c);
    http.enableHttp2(out, c);
    opt(out, 'port', c.port);
    return opt(out, 'refresh_interval', c.refreshInterval);
  },
});
