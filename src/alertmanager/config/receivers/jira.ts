import { fail, type Doc } from '../context.js';
import { httpShape, sanitizeHttp } from '../http.js';
import { shape } from '../schema.js';
import { checkUrl } from '../url.js';
import type { ReceiverType } from './receiver-type.js';
import { nonEmpty } from '../../../core/objects.js';

/** Jira: only a base configuration can hold it (the AlertmanagerConfig CRD has no Jira receiver). */
export const jira: ReceiverType = {
  yamlKey: 'jira_configs',
  shape: shape([
    ['http_config', httpShape],
    ['send_resolved', 'b?'],
    ['api_url', 's'],
    ['project', 's'],
    ['summary', 's'],
    ['description', 's'],
    ['labels', 'ss'],
    ['priority', 's'],
    ['issue_type', 's'],
    ['reopen_transition', 's'],
    ['resolve_transition', 's'],
    ['wont_fix_resolution', 's'],
    ['reopen_duration', 'd'],
    ['fields', 'ma'],
    ['api_type', 's'],
  ]),
  sanitize(ctx, out, where) {
    if (!ctx.gate.since('0.28.0').ok) fail('invalid syntax in receivers config; jira integration is available in Alertmanager >= 0.28.0', where);
    if (!nonEmpty(out.project)) fail('missing project in jira_config', where);
    if (!nonEmpty(out.issue_type)) fail('missing issue_type in jira_config', where);
    if (nonEmpty(out.api_type)) {
      if (!ctx.gate.since('0.29.0').at(where).check('api_type')) delete out.api_type;
      else if (!['auto', 'cloud', 'datacenter'].includes(String(out.api_type))) fail("invalid 'api_type': a value must be 'auto', 'cloud' or 'datacenter'", where);
    }
    if (nonEmpty(out.api_url)) {
      const p = checkUrl(String(out.api_url));
      if (p) fail(`invalid 'api_url': ${p}`, where);
    }
    sanitizeHttp(ctx, out.http_config as Doc | undefined, where);
  },
};
