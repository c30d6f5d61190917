import { dropBefore, fail, type Doc, putSecret, checkedSecret } from '../context.js';
import { AM_SECRETS } from '../secret-settings.js';
import { convertTlsConfig, tlsShape, validateTls } from '../http.js';
import { shape } from '../schema.js';
import { crdReceiver, keyValues, str } from './receiver-type.js';
import { nonEmpty } from '../../../core/objects.js';

/** Go's net.SplitHostPort, enough for smarthost values. */
export function splitHostPort(text: string): { host: string; port: string } | undefined {
  if (text.startsWith('[')) {
    // `[host]:port`: the host up to the first `]`, a port without `:`.
    const close = text.indexOf(']');
    const port = text.slice(close + 2);
    return close >= 0 && text[close + 1] === ':' && !port.includes(':') ? { host: text.slice(1, close), port } : undefined;
  }
  // `host:port`: one `:`, and no bracket anywhere.
  const colon = text.indexOf(':');
  const host = text.slice(0, colon);
  const port = text.slice(colon + 1);
  const plain = (s: string) => !s.includes(':') && !s.includes('[') && !s.includes(']');
  return colon >= 0 && plain(host) && plain(port) ? { host, port } : undefined;
}

export const email = crdReceiver({
  crdKey: 'emailConfigs',
  yamlKey: 'email_configs',
  shape: shape([
    ['send_resolved', 'b?'],
    ['to', 's'],
    ['from', 's'],
    ['hello', 's'],
    ['smarthost', 'hp'],
    ['auth_username', 's'],
    ['auth_password', 's'],
    ['auth_password_file', 's'],
    ['auth_secret', 's'],
    ['auth_secret_file', 's'],
    ['auth_identity', 's'],
    ['headers', 'm'],
    ['html', 's?'],
    ['text', 's?'],
    ['require_tls', 'b?'],
    ['tls_config', tlsShape],
    ['force_implicit_tls', 'b?'],
    ['threading', shape([['enabled', 'b?'], ['thread_by_date', 's']])],
  ]),
  validate(c, path) {
    if (!c.to) fail("missing 'to' address", `${path}.to`);
    if (c.smarthost && !splitHostPort(String(c.smarthost))) fail(`invalid 'smarthost' "${c.smarthost}": missing port in address`, `${path}.smarthost`);
    const seen = new Set<string>();
    for (const h of c.headers ?? []) {
      const key = String(h.key).toLowerCase();
      if (seen.has(key)) fail(`duplicate header "${key}"`, `${path}.headers`);
      seen.add(key);
    }
  },
  check(ctx, c, path) {
    if (c.authPassword) checkedSecret(ctx, c.authPassword, `${path}.authPassword`, AM_SECRETS.emailAuthPassword);
    if (c.authSecret) checkedSecret(ctx, c.authSecret, `${path}.authSecret`, AM_SECRETS.emailAuthSecret);
    validateTls(c.tlsConfig, `${path}.tlsConfig`);
    if (c.tlsConfig) convertTlsConfig(ctx, c.tlsConfig, `${path}.tlsConfig`);
    if (c.forceImplicitTLS != null && !ctx.gate.since('0.31.0').ok) fail("'forceImplicitTLS' is available in Alertmanager >= 0.31.0 only", `${path}.forceImplicitTLS`);
    if (c.threading != null && !ctx.gate.since('0.30.0').ok) fail("'threading' is available in Alertmanager >= 0.30.0 only", `${path}.threading`);
  },
  convert(ctx, c, path) {
    const out: Doc = {
      send_resolved: c.sendResolved,
      to: str(c.to),
      from: str(c.from),
      hello: str(c.hello),
      auth_username: str(c.authUsername),
      auth_identity: str(c.authIdentity),
      html: c.html ?? undefined,
      text: c.text ?? undefined,
      require_tls: c.requireTLS,
      force_implicit_tls: c.forceImplicitTLS,
    };
    const global = ctx.global();
    if (!c.smarthost && !nonEmpty(global?.smtp_smarthost)) fail('SMTP smarthost is a mandatory field, it is neither specified at global config nor at receiver level', `${path}.smarthost`);
    if (!c.from && !nonEmpty(global?.smtp_from)) fail('SMTP from is a mandatory field, it is neither specified at global config nor at receiver level', `${path}.from`);
    if (c.smarthost) {
      if (!splitHostPort(String(c.smarthost))) fail(`invalid SMTP smarthost "${c.smarthost}"`, `${path}.smarthost`);
      out.smarthost = String(c.smarthost);
    }
    if (c.authPassword) putSecret(ctx, out, c.authPassword, `${path}.authPassword`, AM_SECRETS.emailAuthPassword);
    if (c.authSecret) putSecret(ctx, out, c.authSecret, `${path}.authSecret`, AM_SECRETS.emailAuthSecret);
    out.headers = keyValues(c.headers);
    if (c.tlsConfig) out.tls_config = convertTlsConfig(ctx, c.tlsConfig, `${path}.tlsConfig`);
    if (c.threading) {
      const by = c.threading.threadByDate === 'Daily' ? 'daily' : c.threading.threadByDate === 'None' ? 'none' : '';
      out.threading = { enabled: true, thread_by_date: by };
    }
    return out;
  },
  sanitize(ctx, out, where) {
    dropBefore(ctx, out, 'auth_password_file', '0.25.0', where);
    if (nonEmpty(out.auth_password) && nonEmpty(out.auth_password_file)) delete out.auth_password_file;
    if (out.force_implicit_tls != null && !ctx.gate.since('0.31.0').at(where).check('force_implicit_tls')) delete out.force_implicit_tls;
    dropBefore(ctx, out, 'auth_secret_file', '0.31.0', where);
    if (nonEmpty(out.auth_secret) && nonEmpty(out.auth_secret_file)) delete out.auth_secret_file;
    if (out.threading != null && !ctx.gate.since('0.30.0').at(where).check('threading')) delete out.threading;
    const t = out.threading as Doc | undefined;
    if (t && t.thread_by_date !== 'daily' && t.thread_by_date !== 'none') fail("invalid 'thread_by_date': the value must be empty, 'daily' or 'none'", where);
  },
});
