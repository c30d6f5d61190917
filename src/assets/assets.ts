import { isPlainObject, scalarText } from '../core/objects.js';
import type { KubeObject } from '../krm/types.js';

/**
 * Read-only view of the Secrets and ConfigMaps in the input, built once per
 * render. Renderers look up references through it; nothing else reads them.
 */
export interface Assets {
  /** The decoded data of a Secret (data merged with stringData, as the API server does). */
  secret(namespace: string, name: string): ReadonlyMap<string, Buffer> | undefined;
  /** The data of a ConfigMap (data and binaryData). */
  configMap(namespace: string, name: string): ReadonlyMap<string, Buffer> | undefined;
  /**
   * A message with every Secret value of the input it quotes replaced by the
   * Secret and key it comes from. Messages are written not to quote values;
   * this is the net under that rule, for values of at least 8 characters
   * (shorter ones are too often ordinary words).
   */
  redact(message: string): string;
}

const MIN_REDACTED_LENGTH = 8;

export interface KeyRef {
  readonly name: string;
  readonly key: string;
}

/** What a failed lookup says; it names the object and key, never a value. */
export type Lookup = { ok: true; value: Buffer } | { ok: false; reason: string };

export function buildAssets(items: readonly KubeObject[]): Assets {
  const secrets = new Map<string, Map<string, Buffer>>();
  const configMaps = new Map<string, Map<string, Buffer>>();
  for (const item of items) {
    if (item.apiVersion !== 'v1') continue;
    const key = `${item.metadata.namespace ?? ''}/${item.metadata.name}`;
    if (item.kind === 'Secret') secrets.set(key, secretData(item));
    else if (item.kind === 'ConfigMap') configMaps.set(key, configMapData(item));
  }
  return {
    secret: (namespace, name) => secrets.get(`${namespace}/${name}`),
    configMap: (namespace, name) => configMaps.get(`${namespace}/${name}`),
    redact: redactor(secrets),
  };
}

/** Replaces quoted Secret values in one pass over the message: values are found by their first characters. */
function redactor(secrets: ReadonlyMap<string, ReadonlyMap<string, Buffer>>): (message: string) => string {
  const byPrefix = new Map<string, Array<{ text: string; label: string }>>();
  for (const [id, data] of secrets) {
    for (const [key, value] of data) {
      const text = value.toString('utf8').trim();
      if (text.length < MIN_REDACTED_LENGTH) continue;
      const prefix = text.slice(0, MIN_REDACTED_LENGTH);
      const bucket = byPrefix.get(prefix) ?? [];
      bucket.push({ text, label: `<the value of key "${key}" of Secret ${id}>` });
      byPrefix.set(prefix, bucket);
    }
  }
  for (const bucket of byPrefix.values()) bucket.sort((a, b) => b.text.length - a.text.length);
  if (byPrefix.size === 0) return (message) => message;
  return (message) => {
    let out = '';
    let i = 0;
    while (i < message.length) {
      const hit = byPrefix.get(message.slice(i, i + MIN_REDACTED_LENGTH))?.find((v) => message.startsWith(v.text, i));
      if (hit) {
        out += hit.label;
        i += hit.text.length;
      } else {
        out += message[i];
        i++;
      }
    }
    return out;
  };
}

function secretData(item: KubeObject): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  addValues(out, item.data, 'base64');
  addValues(out, item.stringData, 'utf8');
  return out;
}

function configMapData(item: KubeObject): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  addValues(out, item.data, 'utf8');
  addValues(out, item.binaryData, 'base64');
  return out;
}

/** The string values of a data map; a map or list where a string belongs is no value (the API server refuses such an object). */
function addValues(out: Map<string, Buffer>, data: unknown, encoding: BufferEncoding): void {
  if (!isPlainObject(data)) return;
  for (const [k, v] of Object.entries(data)) {
    const text = scalarText(v);
    if (text !== undefined) out.set(k, Buffer.from(text, encoding));
  }
}

export function secretKey(assets: Assets, namespace: string, ref: KeyRef): Lookup {
  const data = assets.secret(namespace, ref.name);
  if (!data) return { ok: false, reason: `Secret ${namespace}/${ref.name} is not in the input` };
  const value = data.get(ref.key);
  if (value === undefined) return { ok: false, reason: `Secret ${namespace}/${ref.name} has no key "${ref.key}"` };
  return { ok: true, value };
}

export function configMapKey(assets: Assets, namespace: string, ref: KeyRef): Lookup {
  const data = assets.configMap(namespace, ref.name);
  if (!data) return { ok: false, reason: `ConfigMap ${namespace}/${ref.name} is not in the input` };
  const value = data.get(ref.key);
  if (value === undefined) return { ok: false, reason: `ConfigMap ${namespace}/${ref.name} has no key "${ref.key}"` };
  return { ok: true, value };
}
