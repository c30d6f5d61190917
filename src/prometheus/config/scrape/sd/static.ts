/** `static_configs`: fixed targets with their labels. */
import { list } from './common.js';
import { sdMechanism } from './types.js';
import { yamlV2Map } from '../../../../core/objects.js';

export const staticConfigs = sdMechanism({
  field: 'staticConfigs',
  key: 'static_configs',
  // Label names are checked by the ScrapeConfig validation (they depend on the version).
  // The operator hands the labels to the YAML encoder as a Go map: gopkg.in/yaml.v2's key order.
  build: (_ctx, c) => ({ targets: list(c.targets), labels: yamlV2Map(c.labels) }),
});
