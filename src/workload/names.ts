import { isDns1123Label } from '../core/names.js';
import { replaceOutside, trimRuns } from '../core/regex/scan.js';
import type { Fail } from '../core/fail.js';
import { xxhash64 } from './xxhash64.js';

/**
 * Names of the objects and volumes a workload is built from. Every kind
 * (Prometheus, PrometheusAgent, Alertmanager, ThanosRuler) uses the same
 * scheme with its own prefix: `prometheus`, `prom-agent`, `alertmanager`,
 * `thanos-ruler`.
 */
export function prefixedName(prefix: string, name: string): string {
  return `${prefix}-${name}`;
}

/** The data volume (emptyDir or PVC template) of a workload: `<prefix>-<name>-db`. */
export function storageVolumeName(prefix: string, name: string): string {
  return `${prefixedName(prefix, name)}-db`;
}

export function webConfigSecretName(prefix: string, name: string): string {
  return `${prefixedName(prefix, name)}-web-config`;
}

/** Base name of the TLS assets Secrets; shards are `<base>-<i>`. */
export function tlsAssetsSecretName(prefix: string, name: string): string {
  return `${prefixedName(prefix, name)}-tls-assets`;
}

/** Name of the StatefulSet for a shard: shard 0 keeps the plain name. */
export function shardName(prefix: string, name: string, shard: number): string {
  const base = prefixedName(prefix, name);
  return shard === 0 ? base : `${base}-shard-${shard}`;
}

const MAX_LABEL = 63;

function sanitizedLabel(prefix: string, name: string): string {
  let out = name;
  if (prefix !== '') out = `${trimRuns(prefix, '-', 'end')}-${out}`;
  const kept = (c: number) => c === 45 || (c >= 97 && c <= 122) || (c >= 48 && c <= 57);
  return trimRuns(replaceOutside(out.toLowerCase(), kept, '-', true), '-');
}

function checked(name: string, fail: Fail, field: string): string | undefined {
  if (isDns1123Label(name)) return name;
  return fail(`${field}: "${name}" is not a valid DNS-1123 label (lower-case letters, digits and "-", at most 63 characters)`, field);
}

/** Says what to do about a name that cannot become a volume name; for the names a user lists (spec.secrets, spec.configMaps). */
export function adviseLabel(fail: Fail): Fail {
  return (message, field) => fail(`${message}; use a name that is a valid DNS-1123 label`, field);
}

/**
 * A volume name from a prefix and an object name: `<prefix>-<name>`, lower
 * case, other characters turned into "-", cut at 63 characters; undefined
 * after `fail` names `field` when that is still no DNS-1123 label.
 */
export function dns1123Label(prefix: string, name: string, fail: Fail, field: string): string | undefined {
  const label = sanitizedLabel(prefix, name).slice(0, MAX_LABEL);
  return checked(label, fail, field);
}

/**
 * Like dns1123Label, but with the first 8 hex digits of the name's hash
 * appended, so that two long names cut to the same text stay distinct.
 */
export function uniqueDns1123Label(prefix: string, name: string, fail: Fail, field: string): string | undefined {
  const hash = `-${xxhash64(name).toString(16)}`.slice(0, 9);
  const label = sanitizedLabel(prefix, name).slice(0, MAX_LABEL - 9);
  return checked(label + hash, fail, field);
}
