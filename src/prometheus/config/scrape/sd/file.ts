/** `file_sd_configs`: targets read from files in the Prometheus container. */
import { list, opt } from './common.js';
import { sdMechanism } from './types.js';

export const fileSd = sdMechanism({
  field: 'fileSDConfigs',
  key: 'file_sd_configs',
  build: (_ctx, c) => opt({ files: list(c.files) }, 'refresh_interval', c.refreshInterval),
});
