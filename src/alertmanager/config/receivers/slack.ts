import type { SlackAction } from '../../../api/alertmanager-config.js';
import { dropBefore, fail, type Doc, putSecret, checkedSecret } from '../context.js';
import { AM_SECRETS } from '../secret-settings.js';
import { normalizeDuration } from '../../../core/duration.js';
import { checkHttpConfigRefs, checkHttpConfigVersion, convertHttpConfig, httpShape, sanitizeHttp, validateHttpConfig } from '../http.js';
import { listOf, shape } from '../schema.js';
import { checkSecretUrl } from '../url.js';
import { crdReceiver, str } from './receiver-type.js';
import { nonEmpty } from '../../../core/objects.js';

const POST_MESSAGE = 'https://slack.com/api/chat.postMessage';

function validateAction(a: SlackAction): void {
  if (!a.type) fail("missing 'type' in Slack action configuration");
  if (!a.text) fail("missing 'text' in Slack action configuration");
  if (!a.url && !a.name) fail("missing 'name' or 'url' in Slack action configuration");
  if (a.confirm && !a.confirm.text) fail("missing 'text' in Slack confirmation configuration");
}

export const slack = crdReceiver({
  crdKey: 'slackConfigs',
  yamlKey: 'slack_configs',
  shape: shape([
    ['send_resolved', 'b?'],
    ['http_config', httpShape],
    ['api_url', 's'],
    ['api_url_file', 's'],
    ['app_token', 's'],
    ['app_token_file', 's'],
    ['app_url', 's'],
    ['channel', 's'],
    ['username', 's'],
    ['color', 's'],
    ['title', 's'],
    ['title_link', 's'],
    ['pretext', 's'],
    ['text', 's'],
    ['fields', listOf(shape([['title', 's'], ['value', 's'], ['short', 'b']]))],
    ['short_fields', 'b'],
    ['footer', 's'],
    ['fallback', 's'],
    ['callback_id', 's'],
    ['icon_emoji', 's'],
    ['icon_url', 's'],
    ['image_url', 's'],
    ['thumb_url', 's'],
    ['link_names', 'b'],
    ['mrkdwn_in', 'ss'],
    [
      'actions',
      listOf(
        shape([
          ['type', 's'],
          ['text', 's'],
          ['url', 's'],
          ['style', 's'],
          ['name', 's'],
          ['value', 's'],
          ['confirm', shape([['text', 's'], ['title', 's'], ['ok_text', 's'], ['dismiss_text', 's']])],
        ]),
      ),
    ],
    ['timeout', 'd?'],
    ['message_text', 's'],
    ['update_message', 'b?'],
  ]),
  validate(c, path) {
    (c.actions ?? []).forEach((a, i) => wrap(() => validateAction(a), `${path}.actions[${i}]`));
    (c.fields ?? []).forEach((f, i) => {
      if (!f.title) fail("missing 'title' in Slack field configuration", `${path}.fields[${i}]`);
      if (!f.value) fail("missing 'value' in Slack field configuration", `${path}.fields[${i}]`);
    });
    validateHttpConfig(c.httpConfig, `${path}.httpConfig`);
  },
  check(ctx, c, path) {
    checkHttpConfigVersion(ctx, c.httpConfig, `${path}.httpConfig`);
    let url = '';
    if (c.apiURL) {
      // A URL read from a file cannot be checked here; Alertmanager checks it when it reads it.
      url = checkedSecret(ctx, c.apiURL, `${path}.apiURL`, AM_SECRETS.slackApiUrl) ?? '';
      const p = url === '' ? undefined : checkSecretUrl(url.trim());
      if (p) fail(`failed to validate API URL (${ctx.store.secretSource(c.apiURL)}): ${p}`, `${path}.apiURL`);
    }
    if (c.messageText != null && !ctx.gate.since('0.31.0').ok) fail("'messageText' is available in Alertmanager >= 0.31.0 only", `${path}.messageText`);
    if (c.updateMessage != null) {
      if (!ctx.gate.since('0.32.0').ok) fail("'updateMessage' is available in Alertmanager >= 0.32.0 only", `${path}.updateMessage`);
      if (c.updateMessage === true && url !== '' && url !== POST_MESSAGE) fail(`'updateMessage' can only be used with bot tokens. API URL must be set to ${POST_MESSAGE}`, `${path}.updateMessage`);
    }
    checkHttpConfigRefs(ctx, c.httpConfig, `${path}.httpConfig`);
  },
  convert(ctx, c, path) {
    const out: Doc = {
      send_resolved: c.sendResolved,
      http_config: convertHttpConfig(ctx, c.httpConfig, `${path}.httpConfig`),
      channel: str(c.channel),
      username: str(c.username),
      color: str(c.color),
      title: str(c.title),
      title_link: str(c.titleLink),
      pretext: str(c.pretext),
      text: str(c.text),
      short_fields: c.shortFields === true,
      footer: str(c.footer),
      fallback: str(c.fallback),
      callback_id: str(c.callbackId),
      icon_emoji: str(c.iconEmoji),
      icon_url: str(c.iconURL),
      image_url: str(c.imageURL),
      thumb_url: str(c.thumbURL),
      link_names: c.linkNames === true,
      mrkdwn_in: c.mrkdwnIn,
      message_text: str(c.messageText),
      update_message: c.updateMessage,
    };
    if (c.apiURL) {
      const url = putSecret(ctx, out, c.apiURL, `${path}.apiURL`, AM_SECRETS.slackApiUrl)?.trim();
      const p = url === undefined ? undefined : checkSecretUrl(url);
      if (p) fail(`failed to validate API URL (${ctx.store.secretSource(c.apiURL)}): ${p}`, `${path}.apiURL`);
      if (url !== undefined) out.api_url = url;
    }
    if (nonEmpty(c.actions)) {
      out.actions = (c.actions ?? []).map((a) => ({
        type: str(a.type),
        text: str(a.text),
        url: str(a.url),
        style: str(a.style),
        name: str(a.name),
        value: str(a.value),
        confirm: a.confirm
          ? { text: str(a.confirm.text), title: str(a.confirm.title), ok_text: str(a.confirm.okText), dismiss_text: str(a.confirm.dismissText) }
          : undefined,
      }));
    }
    if (nonEmpty(c.fields)) out.fields = (c.fields ?? []).map((f) => ({ title: str(f.title), value: str(f.value), short: f.short === true }));
    if (c.timeout) out.timeout = normalizeDuration(String(c.timeout)) ?? fail(`not a valid duration string: "${c.timeout}"`, `${path}.timeout`);
    return out;
  },
  sanitize(ctx, out, where) {
    sanitizeHttp(ctx, out.http_config as Doc | undefined, where);
    for (const k of ['timeout', 'app_token', 'app_token_file', 'app_url']) dropBefore(ctx, out, k, '0.30.0', where);
    dropBefore(ctx, out, 'message_text', '0.31.0', where);
    if (out.update_message != null) {
      if (!ctx.gate.since('0.32.0').at(where).check('update_message')) delete out.update_message;
      else if (out.update_message === true && nonEmpty(out.api_url) && out.api_url !== POST_MESSAGE) {
        fail(`'update_message' can only be used with bot tokens. api_url must be set to ${POST_MESSAGE}`, where);
      }
    }
    if (nonEmpty(out.app_token) && nonEmpty(out.app_token_file)) delete out.app_token_file;
    if ((nonEmpty(out.app_token) || nonEmpty(out.app_token_file)) && (nonEmpty(out.api_url) || nonEmpty(out.api_url_file))) {
      fail('at most one of app_token/app_token_file & api_url/api_url_file must be configured', where);
    }
    if (!nonEmpty(out.api_url_file)) return;
    dropBefore(ctx, out, 'api_url_file', '0.22.0', where);
    if (nonEmpty(out.api_url) && nonEmpty(out.api_url_file)) delete out.api_url_file;
  },
});

function wrap(f: () => void, path: string): void {
  try {
    f();
  } catch (e) {
    fail(e instanceof Error ? e.message : String(e), path);
  }
}
