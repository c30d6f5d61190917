import type { OpsGenieConfigResponder } from '../../../api/alertmanager-config.js';
import { dropBefore, fail, type Doc, putSecret, checkedSecret } from '../context.js';
import { AM_SECRETS } from '../secret-settings.js';
import { checkHttpConfigRefs, checkHttpConfigVersion, convertHttpConfig, httpShape, sanitizeHttp, validateHttpConfig } from '../http.js';
import { listOf, shape } from '../schema.js';
import { checkTemplate, checkUrl } from '../url.js';
import { crdReceiver, keyValues, str } from './receiver-type.js';
import { nonEmpty } from '../../../core/objects.js';

const RESPONDER_TYPES = /^(team|teams|user|escalation|schedule)$/;

function validateResponder(r: OpsGenieConfigResponder, path: string): void {
  if (!r.id && !r.name && !r.username) fail('responder must have at least an ID, a Name or an Username defined', path);
  const type = String(r.type ?? '');
  if (type.includes('{{')) {
    const p = checkTemplate(type);
    if (p) fail(`responder type is not a valid template: ${p}`, `${path}.type`);
    return;
  }
  if (!RESPONDER_TYPES.test(type.toLowerCase())) fail(`opsGenieConfig responder type "${type}" does not match valid options ${RESPONDER_TYPES.source}`, `${path}.type`);
}

export const opsgenie = crdReceiver({
  crdKey: 'opsgenieConfigs',
  yamlKey: 'opsgenie_configs',
  shape: shape([
    ['send_resolved', 'b?'],
    ['http_config', httpShape],
    ['api_key', 's'],
    ['api_key_file', 's'],
    ['api_url', 's'],
    ['message', 's'],
    ['description', 's'],
    ['source', 's'],
    ['details', 'm'],
    ['responders', listOf(shape([['id', 's'], ['name', 's'], ['username', 's'], ['type', 's']]))],
    ['tags', 's'],
    ['note', 's'],
    ['priority', 's'],
    ['update_alerts', 'b?'],
    ['entity', 's'],
    ['actions', 's'],
  ]),
  validate(c, path) {
    (c.responders ?? []).forEach((r, i) => validateResponder(r, `${path}.responders[${i}]`));
    if (c.apiURL) {
      const p = checkUrl(String(c.apiURL));
      if (p) fail(`invalid 'apiURL': ${p}`, `${path}.apiURL`);
    }
    validateHttpConfig(c.httpConfig, `${path}.httpConfig`);
  },
  check(ctx, c, path) {
    checkHttpConfigVersion(ctx, c.httpConfig, `${path}.httpConfig`);
    (c.responders ?? []).forEach((r, i) => {
      if (r.type === 'teams' && !ctx.gate.since('0.24.0').ok) fail("'teams' set in 'opsgenieResponder' but supported in Alertmanager >= 0.24.0 only", `${path}.responders[${i}].type`);
    });
    if (c.apiKey) checkedSecret(ctx, c.apiKey, `${path}.apiKey`, AM_SECRETS.opsgenieApiKey);
    checkHttpConfigRefs(ctx, c.httpConfig, `${path}.httpConfig`);
  },
  convert(ctx, c, path) {
    const out: Doc = {
      send_resolved: c.sendResolved,
      http_config: convertHttpConfig(ctx, c.httpConfig, `${path}.httpConfig`),
      api_url: str(c.apiURL),
      message: str(c.message),
      description: str(c.description),
      source: str(c.source),
      details: keyValues(c.details),
      tags: str(c.tags),
      note: str(c.note),
      priority: str(c.priority),
      update_alerts: c.updateAlerts,
      entity: str(c.entity),
      actions: str(c.actions),
    };
    if (c.apiKey) putSecret(ctx, out, c.apiKey, `${path}.apiKey`, AM_SECRETS.opsgenieApiKey);
    if (nonEmpty(c.responders)) {
      out.responders = (c.responders ?? []).map((r) => ({ id: str(r.id), name: str(r.name), username: str(r.username), type: str(r.type) }));
    }
    return out;
  },
  sanitize(ctx, out, where) {
    sanitizeHttp(ctx, out.http_config as Doc | undefined, where);
    for (const k of ['actions', 'entity']) dropBefore(ctx, out, k, '0.24.0', where);
    if (out.update_alerts != null && !ctx.gate.since('0.24.0').at(where).check('update_alerts')) delete out.update_alerts;
    for (const r of (out.responders ?? []) as Doc[]) {
      if (r.type === 'teams' && !ctx.gate.since('0.24.0').ok) fail("'teams' set in 'opsgenieResponder' but supported in Alertmanager >= 0.24.0 only", where);
    }
    if (nonEmpty(out.api_url)) {
      const p = checkUrl(String(out.api_url));
      if (p) fail(`invalid 'api_url': ${p}`, where);
    }
    if (nonEmpty(out.api_key) && nonEmpty(out.api_key_file)) delete out.api_key_file;
    dropBefore(ctx, out, 'api_key_file', '0.24.0', where);
  },
});
