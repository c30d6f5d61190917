/** `static_configs`: fixed targets with their labels. */
import { list } from './common.js';
import { sdMechanism } from './types.js';
import { sortedMap } from '../../../../core/objects.js';

export const staticConfigs = sdMechanism({
  field: 'staticConfigs',
  key: 'static_configs',
  // Label names are checked by the ScrapeConfig validation (they depend on the version).
  build: (_ctx, c) => ({ targets: list(c.targets), labels: sortedMap(c.labels) }),
});
