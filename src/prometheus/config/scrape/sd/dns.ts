/** `dns_sd_configs`: targets from DNS records. */
import type { Doc } from '../../context.js';
import { list, opt } from './common.js';
import { sdMechanism } from './types.js';
import { ownValue } from '../../../../core/objects.js';

/** Record types newer than DNS SD itself. */
const TYPE_SINCE: Readonly<Record<string, string>> = { NS: '2.49.0', MX: '2.38.0' };

export const dnsSd = sdMechanism({
  field: 'dnsSDConfigs',
  key: 'dns_sd_configs',
  validate: (_ctx, c, field, fail) => {
    if (c.type !== undefined && c.type !== null && c.type !== 'SRV' && (c.port === undefined || c.port === null)) {
      fail(`port required for record type "${c.type}"`, `${field}.port`);
    }
  },
  build: (ctx, c, field) => {
    const out: Doc = { names: list(c.names) };
    opt(out, 'refresh_interval', c.refreshInterval);
    if (c.type !== undefined && c.type !== null) {
      const since = ownValue(TYPE_SINCE, c.type);
      const gate = ctx.gate.at(`${field}.type`);
      (since ? gate.since(since) : gate).put(out, 'type', c.type);
    }
    return opt(out, 'port', c.port);
  },
});
