import { dropBefore, fail, type Doc, putSecret, checkedSecret } from '../context.js';
import { AM_SECRETS } from '../secret-settings.js';
import { normalizeDuration } from '../../../core/duration.js';
import { checkHttpConfigRefs, checkHttpConfigVersion, convertHttpConfig, httpShape, sanitizeHttp, validateHttpConfig } from '../http.js';
import { shape } from '../schema.js';
import { checkTemplateUrl } from '../url.js';
import { crdReceiver } from './receiver-type.js';
import { nonEmpty } from '../../../core/objects.js';

export const webhook = crdReceiver({
  crdKey: 'webhookConfigs',
  yamlKey: 'webhook_configs',
  shape: shape([
    ['send_resolved', 'b?'],
    ['url', 's'],
    ['url_file', 's'],
    ['http_config', httpShape],
    ['max_alerts', 'i'],
    ['timeout', 'd?'],
    ['payload', 'any'],
  ]),
  validate(c, path) {
    if (c.url == null && c.urlSecret == null) fail("one of 'url' or 'urlSecret' must be specified", path);
    if (c.url) {
      const p = checkTemplateUrl(String(c.url));
      if (p) fail(`invalid 'url': ${p}`, `${path}.url`);
    }
    validateHttpConfig(c.httpConfig, `${path}.httpConfig`);
  },
  check(ctx, c, path) {
    checkHttpConfigVersion(ctx, c.httpConfig, `${path}.httpConfig`);
    if (c.urlSecret) {
      const checked = checkedSecret(ctx, c.urlSecret, `${path}.urlSecret`, AM_SECRETS.webhookUrl);
      const p = checked === undefined ? undefined : checkTemplateUrl(checked.trim());
      if (p) fail(`failed to validate URL (${ctx.store.secretSource(c.urlSecret)}): ${p}`, `${path}.urlSecret`);
    }
    if (c.payload != null && !ctx.gate.since('0.32.0').ok) fail(`'payload' is available in Alertmanager >= 0.32.0 only`, `${path}.payload`);
    checkHttpConfigRefs(ctx, c.httpConfig, `${path}.httpConfig`);
  },
  convert(ctx, c, path) {
    const out: Doc = { send_resolved: c.sendResolved };
    if (c.urlSecret) putSecret(ctx, out, c.urlSecret, `${path}.urlSecret`, AM_SECRETS.webhookUrl);
    else if (c.url != null) out.url = c.url;
    out.http_config = convertHttpConfig(ctx, c.httpConfig, `${path}.httpConfig`);
    if (Number(c.maxAlerts ?? 0) > 0) out.max_alerts = c.maxAlerts;
    if (c.timeout) out.timeout = normalizeDuration(String(c.timeout)) ?? fail(`not a valid duration string: "${c.timeout}"`, `${path}.timeout`);
    if (c.payload != null) out.payload = c.payload;
    return out;
  },
  sanitize(ctx, out, where) {
    sanitizeHttp(ctx, out.http_config as Doc | undefined, where);
    dropBefore(ctx, out, 'url_file', '0.26.0', where);
    if (nonEmpty(out.url) && nonEmpty(out.url_file)) delete out.url_file;
    dropBefore(ctx, out, 'timeout', '0.28.0', where);
    dropBefore(ctx, out, 'payload', '0.32.0', where);
    if (nonEmpty(out.url)) {
      const p = checkTemplateUrl(String(out.url));
      if (p) fail(`invalid 'url': ${p}`, where);
    }
  },
});
