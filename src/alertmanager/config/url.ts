/**
 * URL checks as Alertmanager's config types apply them: a URL must parse,
 * use http or https and name a host; a "secret URL" may also be the
 * `<secret>` placeholder; a template URL may instead hold `{{ … }}`.
 * Each returns a problem, or undefined when the value is acceptable.
 * A problem never quotes the value, not even its scheme: URLs often come
 * from Secrets (Slack and webhook URLs carry their token), so the caller
 * names the field, and the Secret and key where it read one.
 */
import { re2 } from '../../core/regex/re2.js';

const SCHEME = re2('^([A-Za-z][A-Za-z0-9+.-]*):((?s:.*))$');

export function checkUrl(url: string): string | undefined {
  if (/[\s\x00-\x1f\x7f]/.test(url)) return 'invalid URL: contains a control character or space';
  const m = SCHEME.exec(url);
  if (!m) {
    if (url.startsWith(':')) return 'invalid URL: missing protocol scheme';
    return 'unsupported scheme for URL: none given; use http or https';
  }
  const scheme = (m[1] as string).toLowerCase();
  if (scheme !== 'http' && scheme !== 'https') return 'unsupported scheme for URL; use http or https';
  const rest = m[2] as string;
  const authority = rest.startsWith('//') ? (rest.slice(2).split(/[/?#]/)[0] ?? '') : '';
  const host = authority.slice(authority.indexOf('@') + 1);
  if (host === '') return 'host for URL must not be empty';
  return undefined;
}

export function checkSecretUrl(url: string): string | undefined {
  if (url === '<secret>') return undefined;
  return checkUrl(url);
}

export function checkTemplateUrl(url: string): string | undefined {
  if (url.includes('{{')) return checkTemplate(url);
  return checkSecretUrl(url);
}

/** A light check of Go template syntax: actions open and close. */
export function checkTemplate(text: string): string | undefined {
  let i = 0;
  while ((i = text.indexOf('{{', i)) >= 0) {
    const end = text.indexOf('}}', i + 2);
    if (end < 0) return 'template: unclosed action ("{{" without "}}")';
    i = end + 2;
  }
  return undefined;
}
