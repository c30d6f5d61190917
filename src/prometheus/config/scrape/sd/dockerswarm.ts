/** `dockerswarm_sd_configs`: services, tasks and nodes of a Docker Swarm. */
import type { Doc } from '../../context.js';
import { checkHttpSd, http, opt } from './common.js';
import { filtersDoc } from './filters.js';
import { sdMechanism } from './types.js';

export const dockerSwarmSd = sdMechanism({
  field: 'dockerSwarmSDConfigs',
  key: 'dockerswarm_sd_configs',
  minVersion: '2.20.0',
  checkedWhenUnused: true,
  validate: (_ctx, c, field, fail) => checkHttpSd(c, field, fail),
  build: (ctx, c, field) => {
    const out: Doc = {};
    http.client(ctx, out, c, field);
    filtersDoc(ctx.gate.at(`${field}.filters`), out, c.filters);
    out.host = c.host;
    http.tls(ctx, out, c, field);
    out.role = String(c.role ?? '').toLowerCase();
    opt(out, 'port', c.port);
    opt(out, 'refresh_interval', c.refreshInterval);
    http.followRedirects(out, c);
    return http.enableHttp2(out, c);
  },
});
