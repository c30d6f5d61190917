/** `lightsail_sd_configs`: AWS Lightsail instances. */
import { PROM_SECRETS } from '../../../../promconfig/secret-settings.js';
import type { Doc } from '../../context.js';
import { checkHttpSd, http, opt, putSecret } from './common.js';
import { sdMechanism } from './types.js';

export const lightSailSd = sdMechanism({
  field: 'lightSailSDConfigs',
  key: 'lightsail_sd_configs',
  minVersion: '2.27.0',
  checkedWhenUnused: true,
  validate: (ctx, c, field, fail) => {
    if (c.accessKey) ctx.store.secret(c.accessKey, `${field}.accessKey`);
    if (c.secretKey) ctx.store.secret(c.secretKey, `${field}.secretKey`);
    checkHttpSd(c, field, fail);
  },
  build: (ctx, c, field) => {
    const out: Doc = {};
    http.basicAuth(ctx, out, c, field);
    http.authorization(ctx, out, c, field);
    http.proxy(ctx, out, c, field);
    http.oauth2(ctx, out, c, field);
    opt(out, 'region', c.region);
    opt(out, 'endpoint', c.endpoint);
    opt(out, 'port', c.port);
    opt(out, 'refresh_interval', c.refreshInterval);
    if (c.accessKey && c.secretKey) {
      putSecret(ctx, out, c.accessKey, `${field}.accessKey`, PROM_SECRETS.lightsailAccessKey, '');
      putSecret(ctx, out, c.secretKey, `${field}.secretKey`, PROM_SECRETS.lightsailSecretKey, '');
    }
    opt(out, 'role_arn', c.roleARN);
    http.tls(ctx, out, c, field);
    http.followRedirects(out, c);
    return http.enableHttp2(out, c);
  },
});
