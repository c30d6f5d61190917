import { fail, type Doc, putSecret, checkedSecret } from '../context.js';
import { AM_SECRETS } from '../secret-settings.js';
import { checkHttpConfigRefs, checkHttpConfigVersion, convertHttpConfig, httpShape, sanitizeHttp, validateHttpConfig } from '../http.js';
import { shape } from '../schema.js';
import { checkUrl } from '../url.js';
import { crdReceiver, str } from './receiver-type.js';
import { nonEmpty } from '../../../core/objects.js';

export const msteamsv2 = crdReceiver({
  crdKey: 'msteamsv2Configs',
  yamlKey: 'msteamsv2_configs',
  shape: shape([
    ['send_resolved', 'b?'],
    ['webhook_url', 's'],
    ['webhook_url_file', 's'],
    ['title', 's'],
    ['text', 's'],
    ['http_config', httpShape],
  ]),
  validate(c, path) {
    validateHttpConfig(c.httpConfig, `${path}.httpConfig`);
  },
  check(ctx, c, path) {
    if (!ctx.gate.since('0.28.0').ok) fail('invalid syntax in receivers config; msteamsv2 integration is only available in Alertmanager >= 0.28.0', path);
    if (c.webhookURL) checkedSecret(ctx, c.webhookURL, `${path}.webhookURL`, AM_SECRETS.msteamsv2WebhookUrl);
    checkHttpConfigVersion(ctx, c.httpConfig, `${path}.httpConfig`);
    checkHttpConfigRefs(ctx, c.httpConfig, `${path}.httpConfig`);
  },
  convert(ctx, c, path) {
    const out: Doc = { send_resolved: c.sendResolved, title: str(c.title), text: str(c.text) };
    if (c.webhookURL) putSecret(ctx, out, c.webhookURL, `${path}.webhookURL`, AM_SECRETS.msteamsv2WebhookUrl);
    out.http_config = convertHttpConfig(ctx, c.httpConfig, `${path}.httpConfig`);
    return out;
  },
  sanitize(ctx, out, where) {
    if (!ctx.gate.since('0.28.0').ok) fail('invalid syntax in receivers config; msteams v2 integration is available in Alertmanager >= 0.28.0', where);
    if (!nonEmpty(out.webhook_url) && !nonEmpty(out.webhook_url_file)) fail('no webhook_url or webhook_url_file provided', where);
    if (nonEmpty(out.webhook_url) && nonEmpty(out.webhook_url_file)) fail('both webhook_url and webhook_url_file cannot be set at the same time', where);
    if (nonEmpty(out.webhook_url)) {
      const p = checkUrl(String(out.webhook_url));
      if (p) fail(`invalid 'webhook_url': ${p}`, where);
    }
    sanitizeHttp(ctx, out.http_config as Doc | undefined, where);
  },
});
