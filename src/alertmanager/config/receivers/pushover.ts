import { dropBefore, fail, type Doc, putSecret, checkedSecret } from '../context.js';
import { AM_SECRETS } from '../secret-settings.js';
import { normalizeDuration } from '../../../core/duration.js';
import { checkHttpConfigRefs, checkHttpConfigVersion, convertHttpConfig, httpShape, sanitizeHttp, validateHttpConfig } from '../http.js';
import { shape } from '../schema.js';
import { checkTemplateUrl } from '../url.js';
import { crdReceiver, str } from './receiver-type.js';
import { nonEmpty } from '../../../core/objects.js';

export const pushover = crdReceiver({
  crdKey: 'pushoverConfigs',
  yamlKey: 'pushover_configs',
  shape: shape([
    ['send_resolved', 'b?'],
    ['http_config', httpShape],
    ['user_key', 's'],
    ['user_key_file', 's'],
    ['token', 's'],
    ['token_file', 's'],
    ['title', 's'],
    ['message', 's'],
    ['url', 's'],
    ['url_title', 's'],
    ['ttl', 's'],
    ['device', 's'],
    ['sound', 's'],
    ['priority', 's'],
    ['retry', 'd?'],
    ['expire', 'd?'],
    ['html', 'b?'],
    ['monospace', 'b?'],
  ]),
  validate(c, path) {
    if (c.userKey == null && c.userKeyFile == null) fail("one of 'userKey' or 'userKeyFile' must be configured", path);
    if (c.token == null && c.tokenFile == null) fail("one of 'token' or 'tokenFile' must be configured", path);
    if (c.html === true && c.monospace === true) fail("'html' and 'monospace' options are mutually exclusive", path);
    if (c.url) {
      const p = checkTemplateUrl(String(c.url));
      if (p) fail(`invalid 'url': ${p}`, `${path}.url`);
    }
    validateHttpConfig(c.httpConfig, `${path}.httpConfig`);
  },
  check(ctx, c, path) {
    checkHttpConfigVersion(ctx, c.httpConfig, `${path}.httpConfig`);
    for (const key of ['userKey', 'token'] as const) {
      if (!c[key]) fail(`mandatory field ${key} is empty`, `${path}.${key}`);
      const setting = key === 'userKey' ? AM_SECRETS.pushoverUserKey : AM_SECRETS.pushoverToken;
      // A value read from a file cannot be checked for emptiness here.
      if (checkedSecret(ctx, c[key], `${path}.${key}`, setting) === '') fail('mandatory field userKey is empty', `${path}.${key}`);
    }
    if (c.html === true && c.monospace === true) fail('html and monospace options are mutually exclusive', path);
    for (const key of ['expire', 'retry'] as const) {
      if (c[key] && normalizeDuration(String(c[key])) === undefined) fail(`not a valid duration string: "${c[key]}"`, `${path}.${key}`);
    }
    checkHttpConfigRefs(ctx, c.httpConfig, `${path}.httpConfig`);
  },
  convert(ctx, c, path) {
    const out: Doc = {
      send_resolved: c.sendResolved,
      http_config: convertHttpConfig(ctx, c.httpConfig, `${path}.httpConfig`),
      title: str(c.title),
      message: str(c.message),
      url: str(c.url),
      url_title: str(c.urlTitle),
      ttl: str(c.ttl),
      device: str(c.device),
      sound: str(c.sound),
      priority: str(c.priority),
      html: c.html,
      monospace: c.monospace,
    };
    if (putSecret(ctx, out, c.userKey, `${path}.userKey`, AM_SECRETS.pushoverUserKey) === '') fail('mandatory field "userKey" is empty', `${path}.userKey`);
    if (putSecret(ctx, out, c.token, `${path}.token`, AM_SECRETS.pushoverToken) === '') fail('mandatory field "token" is empty', `${path}.token`);
    if (c.retry) out.retry = normalizeDuration(String(c.retry)) ?? fail(`parse resolve retry: not a valid duration string: "${c.retry}"`, `${path}.retry`);
    if (c.expire) out.expire = normalizeDuration(String(c.expire)) ?? fail(`parse resolve expire: not a valid duration string: "${c.expire}"`, `${path}.expire`);
    return out;
  },
  sanitize(ctx, out, where) {
    dropBefore(ctx, out, 'user_key_file', '0.26.0', where);
    if (!nonEmpty(out.user_key) && !nonEmpty(out.user_key_file)) fail('missing mandatory field user_key or user_key_file', where);
    if (nonEmpty(out.user_key) && nonEmpty(out.user_key_file)) delete out.user_key_file;
    dropBefore(ctx, out, 'token_file', '0.26.0', where);
    if (!nonEmpty(out.token) && !nonEmpty(out.token_file)) fail('missing mandatory field token or token_file', where);
    if (nonEmpty(out.token) && nonEmpty(out.token_file)) delete out.token_file;
    dropBefore(ctx, out, 'ttl', '0.27.0', where);
    dropBefore(ctx, out, 'device', '0.26.0', where);
    if (out.monospace === true && !ctx.gate.since('0.29.0').at(where).check('monospace')) out.monospace = false;
    if (out.html === true && out.monospace === true) fail('either monospace or html must be configured', where);
    if (nonEmpty(out.url)) {
      const p = checkTemplateUrl(String(out.url));
      if (p) fail(`invalid 'url': ${p}`, where);
    }
    sanitizeHttp(ctx, out.http_config as Doc | undefined, where);
  },
});
