/**
 * The configuration files a render ships, decoded: every key of every
 * generated Secret and ConfigMap (prometheus.yaml, rule files, web config,
 * alertmanager.yaml, ThanosRuler's files), base64 undone and gzip
 * expanded. Where a config-reloader expands `$(VAR)` references before the
 * server reads the file (`$(SHARD)` in a sharded Prometheus's relabelling),
 * the file is shown as each workload's reloader writes it: once when every
 * workload reads the same text, once per workload when they differ.
 */
import { gunzipSync } from 'node:zlib';
import type { V1Container, V1PodSpec, V1Volume } from '@kubernetes/client-node';
import { compareStrings, sortBy } from '../../core/compare.js';
import { isPlainObject } from '../../core/objects.js';
import { isLegacyLabelName } from '../../core/regex/scan.js';
import { GENERATED_FROM, isGenerated } from '../../krm/annotations.js';
import { describeRef, refOf, type KubeObject, type ObjectRef } from '../../krm/types.js';

export interface ConfigFile {
  /** Where the file goes under `show --out DIR`: namespace/object/key (without .gz), plus the workload when shards differ. */
  readonly path: string;
  /** The resources it was generated from, as the generated-from annotation names them. */
  readonly owner: string;
  /** The Secret or ConfigMap it ships in. */
  readonly source: ObjectRef;
  readonly key: string;
  /** The decoded text; undefined for binary content. */
  readonly text: string | undefined;
  /** Size of binary content. */
  readonly bytes: number;
  /** How the file differs from the stored bytes (the reloader's expansion), when it does. */
  readonly note?: string;
}

/** A decoded data value: text, or the size of content that is not UTF-8. */
export interface Decoded {
  readonly text: string | undefined;
  readonly bytes: number;
  readonly gzip: boolean;
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/** A Secret `data` or ConfigMap `binaryData` value: base64 undone, and gzip expanded for a `.gz` key. */
export function decodeBase64Value(key: string, base64: string): Decoded {
  let bytes = Buffer.from(base64, 'base64');
  let gzip = false;
  if (key.endsWith('.gz')) {
    try {
      bytes = gunzipSync(bytes);
      gzip = true;
    } catch {
      // not gzip after all: shown as it is
    }
  }
  try {
    return { text: UTF8.decode(bytes), bytes: bytes.length, gzip };
  } catch {
    return { text: undefined, bytes: bytes.length, gzip };
  }
}

/** Every key of a Secret or ConfigMap, decoded, in byte order of the keys. */
export function decodedData(obj: KubeObject): Array<{ key: string; value: Decoded }> {
  const out = new Map<string, Decoded>();
  const data = isPlainObject(obj.data) ? obj.data : {};
  for (const [key, raw] of Object.entries(data)) {
    if (typeof raw !== 'string') continue;
    out.set(key, obj.kind === 'Secret' ? decodeBase64Value(key, raw) : { text: raw, bytes: Buffer.byteLength(raw), gzip: false });
  }
  const binary = obj.kind === 'ConfigMap' && isPlainObject(obj.binaryData) ? obj.binaryData : {};
  for (const [key, raw] of Object.entries(binary)) if (typeof raw === 'string') out.set(key, decodeBase64Value(key, raw));
  const stringData = obj.kind === 'Secret' && isPlainObject(obj.stringData) ? obj.stringData : {};
  for (const [key, raw] of Object.entries(stringData)) if (typeof raw === 'string') out.set(key, { text: raw, bytes: Buffer.byteLength(raw), gzip: false });
  return [...out.keys()].sort(compareStrings).map((key) => ({ key, value: out.get(key) as Decoded }));
}

/** The configuration files among the output objects of a render, by namespace, object name and key. */
export function configFiles(items: readonly KubeObject[]): ConfigFile[] {
  const shipped = items.filter((o) => isGenerated(o) && o.apiVersion === 'v1' && (o.kind === 'Secret' || o.kind === 'ConfigMap'));
  const uses = reloaderExpansions(items, shipped);
  const files: Array<ConfigFile & { order: string }> = [];
  for (const obj of shipped) {
    const ns = obj.metadata.namespace ?? '_cluster';
    const base = { owner: obj.metadata.annotations?.[GENERATED_FROM] ?? '', source: refOf(obj) };
    for (const { key, value } of decodedData(obj)) {
      const file = { ...base, key, text: value.text, bytes: value.bytes, order: `${obj.metadata.namespace ?? ''}\u0000${obj.metadata.name}\u0000${key}` };
      const dir = `${safeSegment(ns)}/${safeSegment(obj.metadata.name)}`;
      const name = safeSegment(key.endsWith('.gz') && value.gzip ? key.slice(0, -3) : key);
      const mine = uses.filter((u) => u.kind === obj.kind && u.namespace === obj.metadata.namespace && u.name === obj.metadata.name && u.key === key);
      if (value.text === undefined || mine.length === 0) {
        files.push({ ...file, path: `${dir}/${name}` });
        continue;
      }
      const text = value.text;
      const expanded = mine.map((u) => ({ use: u, ...expand(text, u.env) }));
      if (new Set(expanded.map((e) => e.text)).size === 1) {
        const first = expanded[0] as (typeof expanded)[number];
        files.push({ ...file, path: `${dir}/${name}`, text: first.text, ...noteFor(first.used, expanded.map((e) => e.use.workload)) });
      } else {
        for (const e of expanded) files.push({ ...file, path: `${dir}/${safeSegment(e.use.workload.name)}/${name}`, text: e.text, ...noteFor(e.used, [e.use.workload]) });
      }
    }
  }
  // By object and key; the workloads of one file stay in output order (shard 0 first).
  return sortBy(files, (f) => f.order).map(({ order: _order, ...f }) => f);
}

/** A path segment that stays one segment: no separators, no `.` or `..`. */
function safeSegment(s: string): string {
  const cleaned = s.replace(/[^A-Za-z0-9._-]/g, '_');
  return cleaned === '' || cleaned === '.' || cleaned === '..' ? '_' : cleaned;
}

function noteFor(used: ReadonlyMap<string, string>, workloads: readonly ObjectRef[]): { note?: string } {
  if (used.size === 0) return {};
  const vars = [...used].map(([name, value]) => `$(${name}) is ${value}`).join(', ');
  const who = workloads.map(describeRef).join(', ');
  return { note: `${vars} here, as the config-reloader of ${who} expands it` };
}

/** `$(NAME)` references replaced where the reloader's environment has a literal value for NAME (a scanner: the text holds user input). */
function expand(text: string, env: ReadonlyMap<string, string>): { text: string; used: Map<string, string> } {
  const used = new Map<string, string>();
  let out = '';
  let from = 0;
  for (let at = text.indexOf('$(', from); at >= 0; at = text.indexOf('$(', from)) {
    let end = at + 2;
    while (end < text.length && isNameChar(text.charCodeAt(end))) end++;
    const name = text.slice(at + 2, end);
    const value = text[end] === ')' && isLegacyLabelName(name) ? env.get(name) : undefined;
    if (value === undefined) {
      out += text.slice(from, at + 2);
      from = at + 2;
      continue;
    }
    used.set(name, value);
    out += text.slice(from, at) + value;
    from = end + 1;
  }
  out += text.slice(from);
  return { text: out, used: new Map(sortBy([...used], ([name]) => name)) };
}

function isNameChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}

interface ReloaderExpansion {
  readonly workload: ObjectRef;
  readonly kind: 'Secret' | 'ConfigMap';
  readonly namespace: string | undefined;
  readonly name: string;
  readonly key: string;
  /** The reloader container's environment variables with literal values. */
  readonly env: ReadonlyMap<string, string>;
}

const flagValue = (args: readonly string[], flag: string) => args.find((a) => a.startsWith(`${flag}=`))?.slice(flag.length + 1);

/**
 * Which generated file each workload's config-reloader expands: the
 * container that has both `--config-file` and `--config-envsubst-file`, its
 * config file traced through its volume mounts to a Secret or ConfigMap key.
 */
function reloaderExpansions(items: readonly KubeObject[], shipped: readonly KubeObject[]): ReloaderExpansion[] {
  const has = (kind: string, ns: string | undefined, name: string, key: string) =>
    shipped.some((o) => o.kind === kind && o.metadata.namespace === ns && o.metadata.name === name && decodedKeys(o).includes(key));
  const out: ReloaderExpansion[] = [];
  for (const workload of items) {
    if (!isGenerated(workload) || (workload.kind !== 'StatefulSet' && workload.kind !== 'DaemonSet')) continue;
    const pod = (workload.spec as { template?: { spec?: V1PodSpec } } | undefined)?.template?.spec;
    for (const container of pod?.containers ?? []) {
      const args = container.args ?? [];
      const configFile = flagValue(args, '--config-file');
      if (!configFile || flagValue(args, '--config-envsubst-file') === undefined) continue;
      const target = mountedKey(pod as V1PodSpec, container, configFile, (kind, name, key) => has(kind, workload.metadata.namespace, name, key));
      if (!target) continue;
      const env = new Map<string, string>();
      for (const e of container.env ?? []) if (typeof e.value === 'string') env.set(e.name, e.value);
      out.push({ workload: refOf(workload), namespace: workload.metadata.namespace, ...target, env });
    }
  }
  return out;
}

function decodedKeys(obj: KubeObject): string[] {
  return [obj.data, obj.binaryData, obj.stringData].flatMap((m) => (isPlainObject(m) ? Object.keys(m) : []));
}

type KeyCheck = (kind: 'Secret' | 'ConfigMap', name: string, key: string) => boolean;

/** The Secret or ConfigMap key a file path of a container comes from, through its volume mounts. */
function mountedKey(pod: V1PodSpec, container: V1Container, path: string, has: KeyCheck): { kind: 'Secret' | 'ConfigMap'; name: string; key: string } | undefined {
  for (const mount of container.volumeMounts ?? []) {
    let rel: string | undefined;
    if (mount.subPath && path === mount.mountPath) rel = mount.subPath;
    else if (!mount.subPath && path.startsWith(`${mount.mountPath.replace(/\/$/, '')}/`)) rel = path.slice(mount.mountPath.replace(/\/$/, '').length + 1);
    if (rel === undefined) continue;
    const volume = (pod.volumes ?? []).find((v) => v.name === mount.name);
    const found = volume && fromVolume(volume, rel, has);
    if (found) return found;
  }
  return undefined;
}

function fromVolume(volume: V1Volume, rel: string, has: KeyCheck): { kind: 'Secret' | 'ConfigMap'; name: string; key: string } | undefined {
  const sources: Array<{ kind: 'Secret' | 'ConfigMap'; name: string | undefined; items?: Array<{ key: string; path: string }> | undefined }> = [];
  if (volume.secret) sources.push({ kind: 'Secret', name: volume.secret.secretName, items: volume.secret.items });
  if (volume.configMap) sources.push({ kind: 'ConfigMap', name: volume.configMap.name, items: volume.configMap.items });
  for (const s of volume.projected?.sources ?? []) {
    if (s.secret) sources.push({ kind: 'Secret', name: s.secret.name, items: s.secret.items });
    if (s.configMap) sources.push({ kind: 'ConfigMap', name: s.configMap.name, items: s.configMap.items });
  }
  for (const s of sources) {
    if (!s.name) continue;
    const key = s.items ? s.items.find((i) => i.path === rel)?.key : rel;
    if (key !== undefined && has(s.kind, s.name, key)) return { kind: s.kind, name: s.name, key };
  }
  return undefined;
}
