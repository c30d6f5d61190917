import { fail, type Doc } from '../context.js';
import { checkHttpConfigRefs, checkHttpConfigVersion, convertHttpConfig, httpShape, sanitizeHttp, validateHttpConfig } from '../http.js';
import { shape } from '../schema.js';
import { checkUrl } from '../url.js';
import { crdReceiver, str } from './receiver-type.js';
import { nonEmpty } from '../../../core/objects.js';

export const webex = crdReceiver({
  crdKey: 'webexConfigs',
  yamlKey: 'webex_configs',
  shape: shape([
    ['send_resolved', 'b?'],
    ['http_config', httpShape],
    ['api_url', 's'],
    ['message', 's'],
    ['room_id', 's!'],
  ]),
  validate(c, path) {
    if (c.apiURL) {
      const p = checkUrl(String(c.apiURL));
      if (p) fail(`invalid 'apiURL': ${p}`, `${path}.apiURL`);
    }
    validateHttpConfig(c.httpConfig, `${path}.httpConfig`);
  },
  check(ctx, c, path) {
    if (!ctx.gate.since('0.25.0').ok) fail("'webexConfigs' is available in Alertmanager >= 0.25.0 only", path);
    checkHttpConfigVersion(ctx, c.httpConfig, `${path}.httpConfig`);
    checkHttpConfigRefs(ctx, c.httpConfig, `${path}.httpConfig`);
  },
  convert(ctx, c, path) {
    return {
      send_resolved: c.sendResolved,
      http_config: convertHttpConfig(ctx, c.httpConfig, `${path}.httpConfig`),
      api_url: str(c.apiURL),
      message: str(c.message),
      room_id: str(c.roomID),
    };
  },
  sanitize(ctx, out, where) {
    if (!ctx.gate.since('0.25.0').ok) fail('invalid syntax in receivers config; webex integration is available in Alertmanager >= 0.25.0', where);
    if (!nonEmpty(out.room_id)) fail('mandatory field "room_id" is empty', where);
    if (nonEmpty(out.api_url)) {
      const p = checkUrl(String(out.api_url));
      if (p) fail(`invalid 'api_url': ${p}`, where);
    }
    sanitizeHttp(ctx, out.http_config as Doc | undefined, where);
  },
});
