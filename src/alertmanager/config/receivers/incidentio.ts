import { fail, type Doc } from '../context.js';
import { httpShape, sanitizeHttp } from '../http.js';
import { shape } from '../schema.js';
import { checkUrl } from '../url.js';
import type { ReceiverType } from './receiver-type.js';
import { nonEmpty } from '../../../core/objects.js';

/** incident.io: only a base configuration can hold it (the AlertmanagerConfig CRD has no incident.io receiver). */
export const incidentio: ReceiverType = {
  yamlKey: 'incidentio_configs',
  shape: shape([
    ['send_resolved', 'b?'],
    ['http_config', httpShape],
    ['url', 's'],
    ['url_file', 's'],
    ['alert_source_token', 's'],
    ['alert_source_token_file', 's'],
    ['max_alerts', 'i?'],
    ['timeout', 'd?'],
  ]),
  sanitize(ctx, out, where) {
    if (!ctx.gate.since('0.29.0').ok) fail('invalid syntax in receivers config; incident.io integration is available in Alertmanager >= 0.29.0', where);
    if (!nonEmpty(out.url) && !nonEmpty(out.url_file)) fail('one of url or url_file must be configured', where);
    if (nonEmpty(out.url) && nonEmpty(out.url_file)) fail('at most one of url & url_file must be configured', where);
    if (nonEmpty(out.url)) {
      const p = checkUrl(String(out.url));
      if (p) fail(`invalid url: ${p}`, where);
    }
    const auth = (out.http_config as Doc | undefined)?.authorization;
    const token = nonEmpty(out.alert_source_token) || nonEmpty(out.alert_source_token_file);
    if (nonEmpty(out.alert_source_token) && nonEmpty(out.alert_source_token_file)) fail('at most one of alert_source_token & alert_source_token_file must be configured', where);
    if (auth && token) fail('cannot specify alert_source_token or alert_source_token_file when using http_config.authorization', where);
    if (!token && !auth) fail('at least one of alert_source_token, alert_source_token_file or http_config.authorization must be configured', where);
    sanitizeHttp(ctx, out.http_config as Doc | undefined, where);
  },
};
