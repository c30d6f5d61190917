import { dropBefore, fail, type Doc, putSecret, checkedSecret } from '../context.js';
import { AM_SECRETS } from '../secret-settings.js';
import { checkHttpConfigRefs, checkHttpConfigVersion, convertHttpConfig, httpShape, sanitizeHttp, validateHttpConfig } from '../http.js';
import { shape } from '../schema.js';
import { checkUrl } from '../url.js';
import { crdReceiver, str } from './receiver-type.js';
import { nonEmpty } from '../../../core/objects.js';

export const msteams = crdReceiver({
  crdKey: 'msteamsConfigs',
  yamlKey: 'msteams_configs',
  shape: shape([
    ['send_resolved', 'b?'],
    // Required, so always written by the operator; with its file form (option secrets) it is left out.
    ['webhook_url', 's'],
    ['webhook_url_file', 's'],
    ['title', 's'],
    ['summary', 's'],
    ['text', 's'],
    ['http_config', httpShape],
  ]),
  validate(c, path) {
    validateHttpConfig(c.httpConfig, `${path}.httpConfig`);
  },
  check(ctx, c, path) {
    if (!ctx.gate.since('0.26.0').ok) fail('invalid syntax in receivers config; msteams integration is only available in Alertmanager >= 0.26.0', path);
    checkHttpConfigVersion(ctx, c.httpConfig, `${path}.httpConfig`);
    checkedSecret(ctx, c.webhookUrl, `${path}.webhookUrl`, AM_SECRETS.msteamsWebhookUrl);
    checkHttpConfigRefs(ctx, c.httpConfig, `${path}.httpConfig`);
  },
  convert(ctx, c, path) {
    const webhook: Doc = {};
    putSecret(ctx, webhook, c.webhookUrl, `${path}.webhookUrl`, AM_SECRETS.msteamsWebhookUrl);
    return {
      send_resolved: c.sendResolved,
      ...webhook,
      title: str(c.title),
      summary: str(c.summary),
      text: str(c.text),
      http_config: convertHttpConfig(ctx, c.httpConfig, `${path}.httpConfig`),
    };
  },
  sanitize(ctx, out, where) {
    if (!ctx.gate.since('0.26.0').ok) fail('invalid syntax in receivers config; msteams integration is only available in Alertmanager >= 0.26.0', where);
    // A webhook URL read from a file (option secrets) satisfies the requirement.
    if (!nonEmpty(out.webhook_url) && !nonEmpty(out.webhook_url_file)) fail('mandatory field "webhook_url" is empty', where);
    const p = nonEmpty(out.webhook_url) ? checkUrl(String(out.webhook_url)) : undefined;
    if (p) fail(`invalid 'webhook_url': ${p}`, where);
    dropBefore(ctx, out, 'summary', '0.27.0', where);
    sanitizeHttp(ctx, out.http_config as Doc | undefined, where);
  },
});
