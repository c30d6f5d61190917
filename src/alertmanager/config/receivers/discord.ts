import { dropBefore, fail, type Doc, putSecret, checkedSecret } from '../context.js';
import { AM_SECRETS } from '../secret-settings.js';
import { checkHttpConfigRefs, checkHttpConfigVersion, convertHttpConfig, httpShape, sanitizeHttp, validateHttpConfig } from '../http.js';
import { shape } from '../schema.js';
import { checkSecretUrl, checkUrl } from '../url.js';
import { crdReceiver, str } from './receiver-type.js';

export const discord = crdReceiver({
  crdKey: 'discordConfigs',
  yamlKey: 'discord_configs',
  shape: shape([
    ['send_resolved', 'b?'],
    ['http_config', httpShape],
    ['webhook_url', 's'],
    ['title', 's'],
    ['message', 's'],
    ['content', 's'],
    ['username', 's'],
    ['avatar_url', 's'],
  ]),
  validate(c, path) {
    validateHttpConfig(c.httpConfig, `${path}.httpConfig`);
  },
  check(ctx, c, path) {
    if (!ctx.gate.since('0.25.0').ok) fail("'discordConfigs' is available in Alertmanager >= 0.25.0 only", path);
    checkHttpConfigVersion(ctx, c.httpConfig, `${path}.httpConfig`);
    checkHttpConfigRefs(ctx, c.httpConfig, `${path}.httpConfig`);
    const checked = checkedSecret(ctx, c.apiURL, `${path}.apiURL`, AM_SECRETS.discordWebhookUrl);
    const p = checked === undefined ? undefined : checkSecretUrl(checked.trim());
    if (p) fail(`failed to validate API URL (${ctx.store.secretSource(c.apiURL)}): ${p}`, `${path}.apiURL`);
  },
  convert(ctx, c, path) {
    const webhook: Doc = {};
    const url = putSecret(ctx, webhook, c.apiURL, `${path}.apiURL`, AM_SECRETS.discordWebhookUrl)?.trim();
    const p = url === undefined ? undefined : checkUrl(url);
    if (p) fail(`failed to validate API URL (${ctx.store.secretSource(c.apiURL)}): ${p}`, `${path}.apiURL`);
    return {
      send_resolved: c.sendResolved,
      http_config: convertHttpConfig(ctx, c.httpConfig, `${path}.httpConfig`),
      ...(url === undefined ? webhook : { webhook_url: url }),
      title: str(c.title),
      message: str(c.message),
      content: str(c.content),
      username: str(c.username),
      avatar_url: str(c.avatarURL),
    };
  },
  sanitize(ctx, out, where) {
    if (!ctx.gate.since('0.25.0').ok) fail('invalid syntax in receivers config; discord integration is available in Alertmanager >= 0.25.0', where);
    for (const k of ['content', 'username', 'avatar_url']) dropBefore(ctx, out, k, '0.28.0', where);
    sanitizeHttp(ctx, out.http_config as Doc | undefined, where);
  },
});
