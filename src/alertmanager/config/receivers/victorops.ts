import { dropBefore, fail, type Doc, putSecret, checkedSecret } from '../context.js';
import { AM_SECRETS } from '../secret-settings.js';
import { checkHttpConfigRefs, checkHttpConfigVersion, convertHttpConfig, httpShape, sanitizeHttp, validateHttpConfig } from '../http.js';
import { shape } from '../schema.js';
import { checkUrl } from '../url.js';
import { crdReceiver, keyValues, str } from './receiver-type.js';
import { nonEmpty } from '../../../core/objects.js';

const RESERVED = new Set(['routing_key', 'message_type', 'state_message', 'entity_display_name', 'monitoring_tool', 'entity_id', 'entity_state']);

export const victorops = crdReceiver({
  crdKey: 'victoropsConfigs',
  yamlKey: 'victorops_configs',
  shape: shape([
    ['send_resolved', 'b?'],
    ['http_config', httpShape],
    ['api_key', 's'],
    ['api_key_file', 's'],
    ['api_url', 's'],
    ['routing_key', 's'],
    ['message_type', 's'],
    ['state_message', 's'],
    ['entity_display_name', 's'],
    ['monitoring_tool', 's'],
    ['custom_fields', 'm'],
  ]),
  validate(c, path) {
    for (const f of c.customFields ?? []) {
      if (RESERVED.has(String(f.key))) fail(`usage of reserved word "${f.key}" is not allowed in custom fields`, `${path}.customFields`);
    }
    if (!c.routingKey) fail("missing 'routingKey' key", `${path}.routingKey`);
    if (c.apiUrl) {
      const p = checkUrl(String(c.apiUrl));
      if (p) fail(`invalid 'apiURL': ${p}`, `${path}.apiUrl`);
    }
    validateHttpConfig(c.httpConfig, `${path}.httpConfig`);
  },
  check(ctx, c, path) {
    checkHttpConfigVersion(ctx, c.httpConfig, `${path}.httpConfig`);
    if (c.apiKey) checkedSecret(ctx, c.apiKey, `${path}.apiKey`, AM_SECRETS.victoropsApiKey);
    checkHttpConfigRefs(ctx, c.httpConfig, `${path}.httpConfig`);
  },
  convert(ctx, c, path) {
    const out: Doc = {
      send_resolved: c.sendResolved,
      http_config: convertHttpConfig(ctx, c.httpConfig, `${path}.httpConfig`),
      api_url: str(c.apiUrl),
      routing_key: str(c.routingKey),
      message_type: str(c.messageType),
      state_message: str(c.stateMessage),
      entity_display_name: str(c.entityDisplayName),
      monitoring_tool: str(c.monitoringTool),
      custom_fields: keyValues(c.customFields),
    };
    if (c.apiKey) putSecret(ctx, out, c.apiKey, `${path}.apiKey`, AM_SECRETS.victoropsApiKey);
    return out;
  },
  sanitize(ctx, out, where) {
    sanitizeHttp(ctx, out.http_config as Doc | undefined, where);
    dropBefore(ctx, out, 'api_key_file', '0.25.0', where);
    if (nonEmpty(out.api_key) && nonEmpty(out.api_key_file)) delete out.api_key_file;
    if (nonEmpty(out.api_url)) {
      const p = checkUrl(String(out.api_url));
      if (p) fail(`invalid 'api_url': ${p}`, where);
    }
  },
});
