import { dropBefore, fail, type Doc, putSecret, checkedSecret } from '../context.js';
import { AM_SECRETS } from '../secret-settings.js';
import { normalizeDuration } from '../../../core/duration.js';
import { checkHttpConfigRefs, checkHttpConfigVersion, convertHttpConfig, httpShape, sanitizeHttp, validateHttpConfig } from '../http.js';
import { listOf, shape } from '../schema.js';
import { checkTemplateUrl, checkUrl } from '../url.js';
import { crdReceiver, str } from './receiver-type.js';
import { nonEmpty } from '../../../core/objects.js';

export const pagerduty = crdReceiver({
  crdKey: 'pagerdutyConfigs',
  yamlKey: 'pagerduty_configs',
  shape: shape([
    ['send_resolved', 'b?'],
    ['http_config', httpShape],
    ['service_key', 's'],
    ['service_key_file', 's'],
    ['routing_key', 's'],
    ['routing_key_file', 's'],
    ['url', 's'],
    ['client', 's'],
    ['client_url', 's'],
    ['description', 's'],
    ['details', 'ma'],
    ['images', listOf(shape([['src', 's'], ['alt', 's'], ['href', 's']]))],
    ['links', listOf(shape([['href', 's'], ['text', 's']]))],
    ['severity', 's'],
    ['class', 's'],
    ['component', 's'],
    ['group', 's'],
    ['source', 's'],
    ['timeout', 'd?'],
  ]),
  validate(c, path) {
    if (c.url) {
      const p = checkUrl(String(c.url));
      if (p) fail(`invalid 'url': ${p}`, `${path}.url`);
    }
    if (c.clientURL) {
      const p = checkTemplateUrl(String(c.clientURL));
      if (p) fail(`invalid 'clientURL': ${p}`, `${path}.clientURL`);
    }
    if (c.routingKey == null && c.serviceKey == null) fail("one of 'routingKey' or 'serviceKey' is required", path);
    for (const [key, list] of [['pagerDutyLinkConfigs', c.pagerDutyLinkConfigs], ['pagerDutyImageConfigs', c.pagerDutyImageConfigs]] as const) {
      (list ?? []).forEach((l, j) => {
        const p = l.href ? checkTemplateUrl(String(l.href)) : undefined;
        if (p) fail(`'${key}'[${j}]: invalid 'href': ${p}`, `${path}.${key}[${j}].href`);
      });
    }
    validateHttpConfig(c.httpConfig, `${path}.httpConfig`);
  },
  check(ctx, c, path) {
    checkHttpConfigVersion(ctx, c.httpConfig, `${path}.httpConfig`);
    if (c.routingKey) checkedSecret(ctx, c.routingKey, `${path}.routingKey`, AM_SECRETS.pagerdutyRoutingKey);
    if (c.serviceKey) checkedSecret(ctx, c.serviceKey, `${path}.serviceKey`, AM_SECRETS.pagerdutyServiceKey);
    checkHttpConfigRefs(ctx, c.httpConfig, `${path}.httpConfig`);
  },
  convert(ctx, c, path) {
    const out: Doc = {
      send_resolved: c.sendResolved,
      http_config: convertHttpConfig(ctx, c.httpConfig, `${path}.httpConfig`),
      class: str(c.class),
      client: str(c.client),
      component: str(c.component),
      description: str(c.description),
      group: str(c.group),
      severity: str(c.severity),
      url: str(c.url),
      client_url: str(c.clientURL),
      source: str(c.source),
    };
    if (c.routingKey) putSecret(ctx, out, c.routingKey, `${path}.routingKey`, AM_SECRETS.pagerdutyRoutingKey);
    if (c.serviceKey) putSecret(ctx, out, c.serviceKey, `${path}.serviceKey`, AM_SECRETS.pagerdutyServiceKey);
    if (nonEmpty(c.details)) out.details = Object.fromEntries((c.details ?? []).map((d) => [String(d.key), d.value]));
    if (nonEmpty(c.pagerDutyLinkConfigs)) out.links = (c.pagerDutyLinkConfigs ?? []).map((l) => ({ href: str(l.href), text: str(l.alt) }));
    if (nonEmpty(c.pagerDutyImageConfigs)) out.images = (c.pagerDutyImageConfigs ?? []).map((i) => ({ src: str(i.src), alt: str(i.alt), href: str(i.href) }));
    if (c.timeout) out.timeout = normalizeDuration(String(c.timeout)) ?? fail(`not a valid duration string: "${c.timeout}"`, `${path}.timeout`);
    return out;
  },
  sanitize(ctx, out, where) {
    for (const k of ['source', 'routing_key_file', 'service_key_file']) dropBefore(ctx, out, k, '0.25.0', where);
    if (nonEmpty(out.service_key) && nonEmpty(out.service_key_file)) delete out.service_key_file;
    if (nonEmpty(out.routing_key) && nonEmpty(out.routing_key_file)) delete out.routing_key_file;
    dropBefore(ctx, out, 'timeout', '0.30.0', where);
    if (!ctx.gate.since('0.30.0').ok && out.details && Object.values(out.details as Doc).some((v) => typeof v !== 'string')) {
      fail("'details' value in non-string format is supported in Alertmanager >= 0.30.0 only", where);
    }
    sanitizeHttp(ctx, out.http_config as Doc | undefined, where);
  },
});
