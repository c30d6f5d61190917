/** `gce_sd_configs`: Google Compute Engine instances. */
import { opt } from './common.js';
import { sdMechanism } from './types.js';

export const gceSd = sdMechanism({
  field: 'gceSDConfigs',
  key: 'gce_sd_configs',
  build: (_ctx, c) => {
    const out = { project: c.project, zone: c.zone };
    opt(out, 'filter', c.filter);
    opt(out, 'refresh_interval', c.refreshInterval);
    opt(out, 'port', c.port);
    return opt(out, 'tag_separator', c.tagSeparator);
  },
});
