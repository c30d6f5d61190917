/** `docker_sd_configs`: containers of a Docker host. */
import type { Doc } from '../../context.js';
import { checkHttpSd, http, opt } from './common.js';
import { filtersDoc } from './filters.js';
import { sdMechanism } from './types.js';

export const dockerSd = sdMechanism({
  field: 'dockerSDConfigs',
  key: 'docker_sd_configs',
  validate: (ctx, c, field, fail) => {
    if (c.matchFirstNetwork !== undefined && c.matchFirstNetwork !== null && !ctx.gate.since('2.54.1').ok) {
      fail('field `matchFirstNetwork` is only supported for Prometheus version >= 2.54.1', `${field}.matchFirstNetwork`);
    }
    checkHttpSd(c, field, fail);
  },
  build: (ctx, c, field) => {
    const out: Doc = {};
    http.tokenClient(ctx, out, c, field);
    http.basicAuth(ctx, out, c, field);
    filtersDoc(ctx.gate.at(`${field}.filters`), out, c.filters);
    out.host = c.host;
    http.tls(ctx, out, c, field);
    opt(out, 'port', c.port);
    opt(out, 'host_networking_host', c.hostNetworkingHost);
    if (c.matchFirstNetwork !== undefined && c.matchFirstNetwork !== null) {
      ctx.gate.since('2.54.1').at(`${field}.matchFirstNetwork`).put(out, 'match_first_network', c.matchFirstNetwork);
    }
    opt(out, 'refresh_interval', c.refreshInterval);
    http.followRedirects(out, c);
    return http.enableHttp2(out, c);
  },
});
