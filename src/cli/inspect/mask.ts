/**
 * Keeps secret values out of what `show` and `diff` print. Two layers:
 *
 * 1. Every value of every Secret in the input package (`data` decoded,
 *    `stringData` as it is, each also without surrounding white space) is
 *    replaced wherever it occurs by a marker naming the Secret and key,
 *    `<secret:NAMESPACE/NAME/KEY>`. A value that is a URL becomes
 *    `https://secret.invalid/NAMESPACE/NAME/KEY`, so that amtool and promtool,
 *    which parse URL fields, still accept the file. YAML files are masked
 *    value by value after parsing, so quoting and escaping cannot hide a
 *    value; a value shorter than four characters is masked where it is a
 *    whole value, not inside longer text, where it would match ordinary words.
 * 2. In configuration shipped in a Secret, the fields that Prometheus and
 *    Alertmanager themselves treat as secrets (passwords, tokens, API keys,
 *    webhook URLs) become `<secret>`, as their own status pages print them,
 *    unless layer 1 already named them. This catches credentials written
 *    inline in a base configuration (an Alertmanager Secret's
 *    alertmanager.yaml, additional scrape configs), which are no Secret value
 *    of their own.
 *
 * Text that is not YAML (a certificate) is masked as plain text.
 */
import { compareStrings } from '../../core/compare.js';
import { isPlainObject } from '../../core/objects.js';
import { parseYamlStream, toYaml } from '../../core/yaml.js';
import type { KubeObject } from '../../krm/types.js';
import { decodedData } from './config-files.js';

/** Values shorter than this are masked only where they are a whole value. */
export const MIN_EMBEDDED_LENGTH = 4;

/** What Prometheus and Alertmanager print for a secret field, and what amtool accepts in a URL field. */
export const FIELD_MARKER = '<secret>';

interface Entry {
  readonly value: string;
  readonly marker: string;
  readonly urlMarker: string;
}

/** One key of one input Secret: its stored form (to see a change) and its text forms (to find). */
interface SecretKey {
  readonly ref: string;
  readonly stored: string;
  readonly texts: readonly string[];
}

/** The secret values of a package and their markers; longest values first, so a value inside another is never half-masked. */
export class SecretMask {
  private readonly byValue: ReadonlyMap<string, Entry>;
  private readonly byRef: ReadonlyMap<string, string>;
  private readonly embedded: readonly Entry[];
  private readonly markers: ReadonlySet<string>;

  private constructor(
    keys: readonly SecretKey[],
    side: (ref: string) => string | undefined = () => undefined,
    private readonly enabled = true,
  ) {
    const byValue = new Map<string, Entry>();
    const byRef = new Map<string, string>();
    for (const k of keys) {
      const suffix = side(k.ref) ? `#${side(k.ref)}` : '';
      const e = { marker: `<secret:${k.ref}${suffix}>`, urlMarker: `https://secret.invalid/${k.ref}${suffix}` };
      byRef.set(k.ref, e.marker);
      for (const value of k.texts) if (!byValue.has(value)) byValue.set(value, { value, ...e });
    }
    this.byValue = byValue;
    this.byRef = byRef;
    this.embedded = [...byValue.values()]
      .filter((e) => e.value.length >= MIN_EMBEDDED_LENGTH)
      .sort((a, b) => b.value.length - a.value.length || compareStrings(a.value, b.value));
    this.markers = new Set([...byValue.values()].flatMap((e) => [e.marker, e.urlMarker]));
  }

  /** No masking at all (`--show-secrets`). */
  static none(): SecretMask {
    return new SecretMask([], undefined, false);
  }

  /** The mask for one package: every Secret value among its input objects. */
  static of(items: readonly KubeObject[]): SecretMask {
    return new SecretMask(secretKeys(items));
  }

  /**
   * Masks for two packages compared by `diff`: a key whose value differs
   * between them gets `#old` and `#new` markers, so that the change shows as
   * a changed line without either value.
   */
  static pair(oldItems: readonly KubeObject[], newItems: readonly KubeObject[]): [SecretMask, SecretMask] {
    const before = secretKeys(oldItems);
    const after = secretKeys(newItems);
    const stored = (keys: readonly SecretKey[]) => new Map(keys.map((k) => [k.ref, k.stored]));
    const [b, a] = [stored(before), stored(after)];
    const changed = (ref: string) => b.has(ref) && a.has(ref) && b.get(ref) !== a.get(ref);
    return [new SecretMask(before, (ref) => (changed(ref) ? 'old' : undefined)), new SecretMask(after, (ref) => (changed(ref) ? 'new' : undefined))];
  }

  /** The marker of one key of an input Secret (`namespace/name/key`), text or not. */
  markerOf(ref: string): string {
    return this.byRef.get(ref) ?? `<secret:${ref}>`;
  }

  get isEmpty(): boolean {
    return this.byValue.size === 0;
  }

  /** One string value: a marker when it is a secret value, secret values inside it replaced otherwise. */
  value(s: string): string {
    if (this.isEmpty) return s;
    const whole = this.byValue.get(s);
    if (whole) return isUrl(s) ? whole.urlMarker : whole.marker;
    return this.text(s);
  }

  /** Plain text: every secret value of at least MIN_EMBEDDED_LENGTH characters replaced. */
  text(s: string): string {
    let out = s;
    for (const e of this.embedded) if (out.includes(e.value)) out = out.split(e.value).join(e.marker);
    return out;
  }

  /** Every string in a JSON-like value masked, map keys too; `secretFields` adds layer 2. */
  deep<T>(v: T, secretFields = false, parent = ''): T {
    if (typeof v === 'string') return this.value(v) as T;
    if (Array.isArray(v)) return v.map((x) => this.deep(x, secretFields, parent)) as T;
    if (!isPlainObject(v)) return v;
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) {
      const masked = this.deep(x, secretFields, k);
      let key = this.value(k);
      // Two keys that mask alike stay two keys.
      for (let i = 2; key !== k && Object.hasOwn(out, key); i++) key = `${this.value(k)}#${i}`;
      Object.defineProperty(out, key, {
        value: secretFields && isSecretField(parent, k) ? asField(masked, this.markers) : masked,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return out as T;
  }

  /**
   * A configuration file's text. A YAML mapping or list is masked value by
   * value (layer 2 too when `secretFields`) and written again only if
   * something changed; other text (a certificate, say) is masked as a whole
   * value, then as plain text.
   */
  file(text: string, secretFields: boolean): string {
    if (!this.enabled || (this.isEmpty && !secretFields)) return text;
    let docs: unknown[] | undefined;
    try {
      docs = parseYamlStream(text);
    } catch {
      docs = undefined;
    }
    const doc = docs?.length === 1 ? docs[0] : undefined;
    if (!Array.isArray(doc) && !isPlainObject(doc)) {
      const whole = this.byValue.get(text) ?? this.byValue.get(text.trim());
      return whole ? (isUrl(text.trim()) ? whole.urlMarker : whole.marker) : this.text(text);
    }
    const masked = this.deep(doc, secretFields);
    return JSON.stringify(masked) === JSON.stringify(doc) ? text : toYaml(masked);
  }
}

/** Field names that hold secrets in Prometheus's and Alertmanager's configuration, anywhere they occur. */
const SECRET_FIELDS = new Set([
  // HTTP clients and service discovery (Prometheus's common config and SD mechanisms)
  'password',
  'credentials',
  'bearer_token',
  'client_secret',
  'secret_key',
  'application_credential_secret',
  'application_secret',
  'auth_token',
  'certificate_password',
  'consumer_key',
  'key_passphrase',
  'private_key',
  'service_account_key',
  'token',
  'token_id',
  'secrets',
  // Alertmanager global settings and receivers
  'smtp_auth_password',
  'smtp_auth_secret',
  'slack_api_url',
  'slack_app_token',
  'opsgenie_api_key',
  'wechat_api_secret',
  'victorops_api_key',
  'telegram_bot_token',
  'rocketchat_token',
  'rocketchat_token_id',
  'mattermost_webhook_url',
  'auth_password',
  'auth_secret',
  'api_secret',
  'app_token',
  'api_key',
  'bot_token',
  'service_key',
  'routing_key',
  'user_key',
  'alert_source_token',
  'webhook_url',
]);

/** Field names that are secret only below a given parent. */
const SECRET_FIELDS_BELOW: ReadonlyMap<string, ReadonlySet<string>> = new Map([
  ['tls_config', new Set(['key'])],
  ['slack_configs', new Set(['api_url'])],
  ['webhook_configs', new Set(['url'])],
]);

function isSecretField(parent: string, key: string): boolean {
  // Every value of proxy_connect_header is a list of secrets.
  if (parent === 'proxy_connect_header') return true;
  return SECRET_FIELDS.has(key) || SECRET_FIELDS_BELOW.get(parent)?.has(key) === true;
}

/** A secret field's value: kept when empty or already a named marker, `<secret>` otherwise. */
function asField(v: unknown, markers: ReadonlySet<string>): unknown {
  if (typeof v === 'string') return v === '' || markers.has(v) ? v : FIELD_MARKER;
  if (Array.isArray(v)) return v.map((x) => asField(x, markers));
  return v;
}

const isUrl = (s: string) => /^[A-Za-z][A-Za-z0-9+.-]{0,30}:\/\//.test(s);

/** `namespace/name/key` of a Secret's key. */
export function secretKeyRef(obj: KubeObject, key: string): string {
  return `${obj.metadata.namespace ? `${obj.metadata.namespace}/` : ''}${obj.metadata.name}/${key}`;
}

/** Every key of every Secret of the input, in byte order of `namespace/name/key`. */
function secretKeys(items: readonly KubeObject[]): SecretKey[] {
  const out: SecretKey[] = [];
  for (const obj of items) {
    if (obj.kind !== 'Secret' || obj.apiVersion !== 'v1') continue;
    const data = isPlainObject(obj.data) ? obj.data : {};
    const stringData = isPlainObject(obj.stringData) ? obj.stringData : {};
    for (const { key, value } of decodedData(obj)) {
      const stored = Object.hasOwn(stringData, key) ? `s:${String(stringData[key])}` : `d:${String(data[key])}`;
      const texts = value.text === undefined ? [] : [...new Set([value.text, value.text.trim()])].filter((t) => t !== '');
      out.push({ ref: secretKeyRef(obj, key), stored, texts });
    }
  }
  return out.sort((a, b) => compareStrings(a.ref, b.ref));
}
