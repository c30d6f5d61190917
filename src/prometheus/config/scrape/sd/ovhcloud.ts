/** `ovhcloud_sd_configs`: OVHcloud VPS and dedicated servers. */
import { PROM_SECRETS } from '../../../../promconfig/secret-settings.js';
import type { Doc } from '../../context.js';
import { opt, putSecret } from './common.js';
import { sdMechanism } from './types.js';
import { ownValue } from '../../../../core/objects.js';

/** The operator's service names and Prometheus's. */
const SERVICES: Readonly<Record<string, string>> = { VPS: 'vps', DedicatedServer: 'dedicated_server' };

export const ovhCloudSd = sdMechanism({
  field: 'ovhcloudSDConfigs',
  key: 'ovhcloud_sd_configs',
  minVersion: '2.40.0',
  checkedWhenUnused: true,
  build: (ctx, c, field) => {
    const out: Doc = { application_key: c.applicationKey };
    putSecret(ctx, out, c.applicationSecret, `${field}.applicationSecret`, PROM_SECRETS.ovhcloudApplicationSecret, '');
    putSecret(ctx, out, c.consumerKey, `${field}.consumerKey`, PROM_SECRETS.ovhcloudConsumerKey, '');
    const service = ownValue(SERVICES, c.service);
    if (service) out.service = service;
    else ctx.warn(`service "${String(c.service)}" is not supported by Prometheus; it is left out`, `${field}.service`);
    opt(out, 'endpoint', c.endpoint);
    return opt(out, 'refresh_interval', c.refreshInterval);
  },
});
