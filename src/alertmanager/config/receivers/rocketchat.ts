import { fail, type Doc, putSecret, checkedSecret } from '../context.js';
import { AM_SECRETS } from '../secret-settings.js';
import { checkHttpConfigRefs, checkHttpConfigVersion, convertHttpConfig, httpShape, sanitizeHttp, validateHttpConfig } from '../http.js';
import { listOf, shape } from '../schema.js';
import { checkTemplateUrl, checkUrl } from '../url.js';
import { crdReceiver, str } from './receiver-type.js';
import { nonEmpty } from '../../../core/objects.js';

export const rocketchat = crdReceiver({
  crdKey: 'rocketchatConfigs',
  yamlKey: 'rocketchat_configs',
  shape: shape([
    ['send_resolved', 'b?'],
    ['http_config', httpShape],
    ['api_url', 's'],
    ['token_id', 's?'],
    ['token_id_file', 's'],
    ['token', 's?'],
    ['token_file', 's'],
    ['channel', 's'],
    ['color', 's'],
    ['title', 's'],
    ['title_link', 's'],
    ['text', 's'],
    ['fields', listOf(shape([['short', 'b?!'], ['title', 's'], ['value', 's']]))],
    ['short_fields', 'b!'],
    ['emoji', 's'],
    ['icon_url', 's'],
    ['image_url', 's'],
    ['thumb_url', 's'],
    ['link_names', 'b!'],
    [
      'actions',
      listOf(
        shape([
          ['type', 's'],
          ['text', 's'],
          ['url', 's'],
          ['image_url', 's'],
          ['is_webview', 'b!'],
          ['webview_height_ratio', 's'],
          ['msg', 's'],
          ['msg_in_chat_window', 'b!'],
          ['msg_processing_type', 's'],
        ]),
      ),
    ],
  ]),
  validate(c, path) {
    const urls: Array<[string, unknown, (u: string) => string | undefined]> = [
      ['apiURL', c.apiURL, checkUrl],
      ['iconURL', c.iconURL, checkTemplateUrl],
      ['imageURL', c.imageURL, checkTemplateUrl],
      ['thumbURL', c.thumbURL, checkTemplateUrl],
    ];
    for (const [key, v, check] of urls) {
      const p = v ? check(String(v)) : undefined;
      if (p) fail(`invalid '${key}': ${p}`, `${path}.${key}`);
    }
    (c.actions ?? []).forEach((a, j) => {
      const p = a.url ? checkTemplateUrl(String(a.url)) : undefined;
      if (p) fail(`'actions'[${j}]: invalid 'url': ${p}`, `${path}.actions[${j}].url`);
    });
    validateHttpConfig(c.httpConfig, `${path}.httpConfig`);
  },
  check(ctx, c, path) {
    if (!ctx.gate.since('0.28.0').ok) fail("'rocketChatConfigs' is available in Alertmanager >= 0.28.0 only", path);
    checkHttpConfigVersion(ctx, c.httpConfig, `${path}.httpConfig`);
    checkHttpConfigRefs(ctx, c.httpConfig, `${path}.httpConfig`);
    checkedSecret(ctx, c.token, `${path}.token`, AM_SECRETS.rocketchatToken);
    checkedSecret(ctx, c.tokenID, `${path}.tokenID`, AM_SECRETS.rocketchatTokenId);
  },
  convert(ctx, c, path) {
    const tokens: Doc = {};
    putSecret(ctx, tokens, c.tokenID, `${path}.tokenID`, AM_SECRETS.rocketchatTokenId);
    putSecret(ctx, tokens, c.token, `${path}.token`, AM_SECRETS.rocketchatToken);
    return {
      send_resolved: c.sendResolved,
      http_config: convertHttpConfig(ctx, c.httpConfig, `${path}.httpConfig`),
      api_url: str(c.apiURL),
      ...tokens,
      channel: str(c.channel),
      color: str(c.color),
      title: str(c.title),
      title_link: str(c.titleLink),
      text: str(c.text),
      fields: (c.fields ?? []).map((f) => ({ short: f.short ?? null, title: str(f.title), value: str(f.value) })),
      short_fields: c.shortFields === true,
      emoji: str(c.emoji),
      icon_url: str(c.iconURL),
      image_url: str(c.imageURL),
      thumb_url: str(c.thumbURL),
      link_names: c.linkNames === true,
      actions: (c.actions ?? []).map((a) => ({ text: str(a.text), url: str(a.url), msg: str(a.msg) })),
    };
  },
  sanitize(ctx, out, where) {
    if (!ctx.gate.since('0.28.0').ok) fail('invalid syntax in receivers config; rocketchat integration is available in Alertmanager >= 0.28.0', where);
    if (out.token != null && nonEmpty(out.token_file)) fail('at most one of token & token_file must be configured', where);
    if (out.token_id != null && nonEmpty(out.token_id_file)) fail('at most one of token_id & token_id_file must be configured', where);
    sanitizeHttp(ctx, out.http_config as Doc | undefined, where);
  },
});
