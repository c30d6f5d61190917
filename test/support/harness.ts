/** Helpers for tests: run render() or the built command on real YAML, find objects by identity. */
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipText } from '../../src/core/gzip.js';
import { parseYamlStream } from '../../src/core/yaml.js';
import { readResourceList } from '../../src/krm/read.js';
import type { KubeObject, Result } from '../../src/krm/types.js';
import { loadOptions } from '../../src/options/options.js';
import { render } from '../../src/render/render.js';

export const ROOT = resolve(fileURLToPath(import.meta.url), '../../..');
export const BIN = resolve(ROOT, 'bin/prometheus-krm');
export const SHARED = resolve(ROOT, '../shared');

/** Renders a YAML stream of objects with options given as ConfigMap data. */
export function renderYaml(yaml: string, options: Record<string, string> = {}): { items: KubeObject[]; results: Result[] } {
  const items = parseYamlStream(yaml).filter((d) => d) as KubeObject[];
  const loaded = loadOptions({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'options' }, data: options });
  if (!loaded.options) throw new Error(loaded.problems.map((p) => p.message).join('; '));
  return render(items, loaded.options);
}

/** Wraps objects in a ResourceList, as kpt sends them. */
export function resourceList(itemsYaml: string, functionConfig?: string): string {
  const items = parseYamlStream(itemsYaml).filter((d) => d);
  const list: Record<string, unknown> = { apiVersion: 'config.kubernetes.io/v1', kind: 'ResourceList', items };
  if (functionConfig) list.functionConfig = parseYamlStream(functionConfig)[0];
  return JSON.stringify(list);
}

export function find(items: readonly KubeObject[], kind: string, namespace: string | undefined, name: string): KubeObject {
  const found = items.find((o) => o.kind === kind && o.metadata.name === name && o.metadata.namespace === namespace);
  if (!found) throw new Error(`no ${kind} ${namespace ?? ''}/${name} among ${items.map((o) => `${o.kind}/${o.metadata.name}`).join(', ')}`);
  return found;
}

/** The pod template spec of StatefulSet namespace/name, of the type the caller reads it as. */
export function podSpec<Spec = Record<string, unknown>>(items: readonly KubeObject[], namespace: string, name: string): Spec {
  return (find(items, 'StatefulSet', namespace, name).spec as { template: { spec: Spec } }).template.spec;
}

/** The decoded, decompressed value of a Secret's key. */
export function secretText(secret: KubeObject, key: string): string {
  const data = (secret.data ?? {}) as Record<string, string>;
  const raw = data[key];
  if (raw === undefined) throw new Error(`Secret ${secret.metadata.name} has no key ${key}`);
  const bytes = Buffer.from(raw, 'base64');
  return key.endsWith('.gz') ? gunzipText(bytes) : bytes.toString('utf8');
}

export interface CommandRun {
  status: number;
  stdout: string;
  stderr: string;
}

/** Runs the built command as a process, as kpt, kustomize and Argo CD do. */
export function runBin(args: string[], stdin = '', env: Record<string, string> = {}, cwd = ROOT): CommandRun {
  const r = spawnSync(BIN, args, { input: stdin, encoding: 'utf8', cwd, env: { ...process.env, ...env }, maxBuffer: 256 * 1024 * 1024 });
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

export function readList(text: string): { items: KubeObject[]; results: Result[] } {
  const doc = parseYamlStream(text)[0] as { results?: Result[] };
  const read = readResourceList(text);
  return { items: read.items, results: doc?.results ?? [] };
}
