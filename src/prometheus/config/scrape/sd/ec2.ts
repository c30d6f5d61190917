/** `ec2_sd_configs`: AWS EC2 instances. */
import { PROM_SECRETS } from '../../../../promconfig/secret-settings.js';
import type { Doc } from '../../context.js';
import { checkProxySettings, http, opt, putSecret } from './common.js';
import { filtersDoc } from './filters.js';
import { sdMechanism } from './types.js';

export const ec2Sd = sdMechanism({
  field: 'ec2SDConfigs',
  key: 'ec2_sd_configs',
  validate: (ctx, c, field, fail) => {
    // The selector reads each key on its own, even when the other is absent.
    if (c.accessKey) ctx.store.secret(c.accessKey, `${field}.accessKey`);
    if (c.secretKey) ctx.store.secret(c.secretKey, `${field}.secretKey`);
    checkProxySettings(c, field, fail);
  },
  build: (ctx, c, field) => {
    const out: Doc = {};
    http.proxy(ctx, out, c, field);
    opt(out, 'region', c.region);
    if (c.accessKey && c.secretKey) {
      putSecret(ctx, out, c.accessKey, `${field}.accessKey`, PROM_SECRETS.ec2AccessKey, '');
      putSecret(ctx, out, c.secretKey, `${field}.secretKey`, PROM_SECRETS.ec2SecretKey, '');
    }
    opt(out, 'role_arn', c.roleARN);
    opt(out, 'refresh_interval', c.refreshInterval);
    opt(out, 'port', c.port);
    filtersDoc(ctx.gate.since('2.3.0').at(`${field}.filters`), out, c.filters);
    const httpClient = ctx.gate.since('2.41.0');
    if (c.followRedirects !== undefined && c.followRedirects !== null) httpClient.at(`${field}.followRedirects`).put(out, 'follow_redirects', c.followRedirects);
    if (c.enableHTTP2 !== undefined && c.enableHTTP2 !== null) httpClient.at(`${field}.enableHTTP2`).put(out, 'enable_http2', c.enableHTTP2);
    if (c.tlsConfig) http.tls(ctx, out, c, field, httpClient);
    return out;
  },
});
