/** `consul_sd_configs`: services registered in Consul. */
import { PROM_SECRETS } from '../../../../promconfig/secret-settings.js';
import type { Doc } from '../../context.js';
import { checkHttpSd, http, list, opt, putSecret } from './common.js';
import { sdMechanism, type SdEntry } from './types.js';
import { sortedMap } from '../../../../core/objects.js';

/** Fields the operator refuses on older Prometheus versions. */
const FIELD_VERSIONS: readonly { field: keyof SdEntry<'consulSDConfigs'>; since: string }[] = [
  { field: 'pathPrefix', since: '2.45.0' },
  { field: 'namespace', since: '2.28.0' },
  { field: 'filter', since: '3.0.0' },
  { field: 'healthFilter', since: '3.11.2' },
];

export const consulSd = sdMechanism({
  field: 'consulSDConfigs',
  key: 'consul_sd_configs',
  validate: (ctx, c, field, fail) => {
    for (const f of FIELD_VERSIONS) {
      if (c[f.field] !== undefined && c[f.field] !== null && !ctx.gate.since(f.since).ok) {
        fail(`field \`${f.field}\` is only supported for Prometheus version >= ${f.since}`, `${field}.${f.field}`);
      }
    }
    checkHttpSd(c, field, fail);
  },
  build: (ctx, c, field) => {
    const out: Doc = {};
    http.client(ctx, out, c, field);
    http.tls(ctx, out, c, field);
    out.server = c.server;
    opt(out, 'path_prefix', c.pathPrefix);
    putSecret(ctx, out, c.tokenRef, `${field}.tokenRef`, PROM_SECRETS.consulToken);
    opt(out, 'datacenter', c.datacenter);
    opt(out, 'namespace', c.namespace);
    opt(out, 'partition', c.partition);
    if (c.scheme) out.scheme = String(c.scheme).toLowerCase();
    if (c.services?.length) out.services = list(c.services);
    if (c.tags?.length) out.tags = list(c.tags);
    opt(out, 'tag_separator', c.tagSeparator);
    if (c.nodeMeta && Object.keys(c.nodeMeta).length > 0) out.node_meta = sortedMap(c.nodeMeta);
    opt(out, 'filter', c.filter);
    opt(out, 'health_filter', c.healthFilter);
    opt(out, 'allow_stale', c.allowStale);
    opt(out, 'refresh_interval', c.refreshInterval);
    http.followRedirects(out, c);
    return http.enableHttp2(out, c);
  },
});
