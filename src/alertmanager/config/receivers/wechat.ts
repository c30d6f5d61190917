import { dropBefore, fail, type Doc, putSecret, checkedSecret } from '../context.js';
import { AM_SECRETS } from '../secret-settings.js';
import { checkHttpConfigRefs, checkHttpConfigVersion, convertHttpConfig, httpShape, sanitizeHttp, validateHttpConfig } from '../http.js';
import { shape } from '../schema.js';
import { checkUrl } from '../url.js';
import { crdReceiver, str } from './receiver-type.js';
import { nonEmpty } from '../../../core/objects.js';

export const wechat = crdReceiver({
  crdKey: 'wechatConfigs',
  yamlKey: 'wechat_configs',
  shape: shape([
    ['send_resolved', 'b?'],
    ['api_secret', 's'],
    ['api_url', 's'],
    ['corp_id', 's'],
    ['agent_id', 's'],
    ['to_user', 's'],
    ['to_party', 's'],
    ['to_tag', 's'],
    ['message', 's'],
    ['message_type', 's'],
    ['http_config', httpShape],
    ['api_secret_file', 's'],
  ]),
  validate(c, path) {
    if (c.apiURL) {
      const p = checkUrl(String(c.apiURL));
      if (p) fail(`invalid 'apiURL': ${p}`, `${path}.apiURL`);
    }
    validateHttpConfig(c.httpConfig, `${path}.httpConfig`);
  },
  check(ctx, c, path) {
    checkHttpConfigVersion(ctx, c.httpConfig, `${path}.httpConfig`);
    if (c.apiSecret) checkedSecret(ctx, c.apiSecret, `${path}.apiSecret`, AM_SECRETS.wechatApiSecret);
    checkHttpConfigRefs(ctx, c.httpConfig, `${path}.httpConfig`);
  },
  convert(ctx, c, path) {
    const out: Doc = {
      send_resolved: c.sendResolved,
      api_url: str(c.apiURL),
      corp_id: str(c.corpID),
      agent_id: str(c.agentID),
      to_user: str(c.toUser),
      to_party: str(c.toParty),
      to_tag: str(c.toTag),
      message: str(c.message),
      message_type: str(c.messageType),
      http_config: convertHttpConfig(ctx, c.httpConfig, `${path}.httpConfig`),
    };
    if (c.apiSecret) putSecret(ctx, out, c.apiSecret, `${path}.apiSecret`, AM_SECRETS.wechatApiSecret);
    return out;
  },
  sanitize(ctx, out, where) {
    if (nonEmpty(out.api_url)) {
      const p = checkUrl(String(out.api_url));
      if (p) fail(`invalid 'api_url': ${p}`, where);
    }
    dropBefore(ctx, out, 'api_secret_file', '0.31.0', where);
    if (nonEmpty(out.api_secret) && nonEmpty(out.api_secret_file)) delete out.api_secret_file;
    sanitizeHttp(ctx, out.http_config as Doc | undefined, where);
  },
});
