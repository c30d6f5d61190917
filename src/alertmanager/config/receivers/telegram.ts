import { dropBefore, fail, type Doc, putSecret, checkedSecret } from '../context.js';
import { AM_SECRETS } from '../secret-settings.js';
import { checkHttpConfigRefs, checkHttpConfigVersion, convertHttpConfig, httpShape, sanitizeHttp, validateHttpConfig } from '../http.js';
import { shape } from '../schema.js';
import { checkUrl } from '../url.js';
import { crdReceiver, str } from './receiver-type.js';
import { nonEmpty } from '../../../core/objects.js';

export const telegram = crdReceiver({
  crdKey: 'telegramConfigs',
  yamlKey: 'telegram_configs',
  shape: shape([
    ['send_resolved', 'b?'],
    ['api_url', 's'],
    ['bot_token', 's'],
    ['bot_token_file', 's'],
    ['chat_id', 'i'],
    ['chat_id_file', 's'],
    ['message_thread_id', 'i'],
    ['message', 's'],
    ['disable_notifications', 'b'],
    ['parse_mode', 's'],
    ['http_config', httpShape],
  ]),
  validate(c, path) {
    if (c.botToken == null && c.botTokenFile == null) fail('mandatory field botToken or botTokenfile is empty', path);
    if (c.botToken != null && c.botTokenFile != null) fail("only one of 'botToken' or 'botTokenfile' must be configured", path);
    if (!c.chatID) fail("mandatory field 'chatID' is empty", `${path}.chatID`);
    if (c.apiURL) {
      const p = checkUrl(String(c.apiURL));
      if (p) fail(`invalid 'apiURL': ${p}`, `${path}.apiURL`);
    }
    validateHttpConfig(c.httpConfig, `${path}.httpConfig`);
  },
  check(ctx, c, path) {
    if (!ctx.gate.since('0.24.0').ok) fail("'telegramConfigs' is available in Alertmanager >= 0.24.0 only", path);
    if (c.botTokenFile != null && !ctx.gate.since('0.26.0').ok) fail("'botTokenFile' is available in Alertmanager >= 0.26.0 only", `${path}.botTokenFile`);
    checkHttpConfigVersion(ctx, c.httpConfig, `${path}.httpConfig`);
    if (c.botToken) checkedSecret(ctx, c.botToken, `${path}.botToken`, AM_SECRETS.telegramBotToken);
    checkHttpConfigRefs(ctx, c.httpConfig, `${path}.httpConfig`);
  },
  convert(ctx, c, path) {
    const out: Doc = {
      send_resolved: c.sendResolved,
      api_url: str(c.apiURL),
      bot_token_file: str(c.botTokenFile),
      chat_id: c.chatID,
      message_thread_id: c.messageThreadID,
      message: str(c.message),
      disable_notifications: c.disableNotifications === true,
      parse_mode: str(c.parseMode),
      http_config: convertHttpConfig(ctx, c.httpConfig, `${path}.httpConfig`),
    };
    if (c.botToken) {
      putSecret(ctx, out, c.botToken, `${path}.botToken`, AM_SECRETS.telegramBotToken);
      if (out.bot_token === '') fail('mandatory field "botToken" is empty', `${path}.botToken`);
    }
    return out;
  },
  sanitize(ctx, out, where) {
    if (!ctx.gate.since('0.24.0').ok) fail('invalid syntax in receivers config; telegram integration is available in Alertmanager >= 0.24.0', where);
    dropBefore(ctx, out, 'chat_id_file', '0.31.0', where);
    if (!nonEmpty(out.chat_id) && !nonEmpty(out.chat_id_file)) fail('missing mandatory field chat_id or chat_id_file', where);
    if (nonEmpty(out.chat_id) && nonEmpty(out.chat_id_file)) delete out.chat_id_file;
    dropBefore(ctx, out, 'bot_token_file', '0.26.0', where);
    if (nonEmpty(out.bot_token) && nonEmpty(out.bot_token_file)) delete out.bot_token_file;
    if (!nonEmpty(out.bot_token) && !nonEmpty(out.bot_token_file) && !ctx.gate.since('0.31.0').ok) fail('missing mandatory field botToken or botTokenFile', where);
    dropBefore(ctx, out, 'message_thread_id', '0.26.0', where);
    if (nonEmpty(out.api_url)) {
      const p = checkUrl(String(out.api_url));
      if (p) fail(`invalid 'api_url': ${p}`, where);
    }
    sanitizeHttp(ctx, out.http_config as Doc | undefined, where);
  },
});
