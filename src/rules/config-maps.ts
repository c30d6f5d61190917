/**
 * Rule files packed into ConfigMaps `<prefixedName>-rulefiles-<i>`, as the
 * operator packs them: file names sorted, then each file goes into the
 * current ConfigMap unless that would take its data past 512 KiB (half the
 * 1 MiB object limit, counted in bytes of file content), in which case a new
 * ConfigMap starts. There is always at least one ConfigMap, empty when no
 * rule is selected.
 *
 * Data keys. The operator names each file `<namespace>-<name>-<uid>.yaml`,
 * using the UID to tell `foo-bar/fred` from `foo/bar-fred`. Objects in git
 * have no UID, so the key is `<namespace>_<name>.yaml`: namespaces and
 * object names never contain `_`, so the first `_` separates them without
 * ambiguity, and the key stays the same from render to render. When that is
 * longer than the 253 characters a data key may have, the name is cut and
 * `-<first 16 hex digits of sha256("<namespace>/<name>")>` appended.
 */
import { emptyMap, sortedMap } from '../core/objects.js';
import { compareStrings } from '../core/compare.js';
import { sha256Hex } from '../core/hash.js';
import type { KubeObject } from '../krm/types.js';
import { MANAGED_LABELS } from '../workload/metadata.js';

/** The operator's limit on the data of one rule ConfigMap, in bytes. */
export const MAX_RULE_CONFIGMAP_BYTES = Math.floor(1024 * 1024 * 0.5);

const MAX_KEY_LENGTH = 253;

export function ruleFileKey(namespace: string, name: string): string {
  const key = `${namespace}_${name}.yaml`;
  if (key.length <= MAX_KEY_LENGTH) return key;
  const hash = sha256Hex(`${namespace}/${name}`).slice(0, 16);
  const room = MAX_KEY_LENGTH - namespace.length - 1 - hash.length - 1 - '.yaml'.length;
  return `${namespace}_${name.slice(0, room)}-${hash}.yaml`;
}

export function ruleConfigMapName(prefixedName: string, index: number): string {
  return `${prefixedName}-rulefiles-${index}`;
}

export interface RuleConfigMapsProps {
  /** `prometheus-<name>` or `thanos-ruler-<name>`. */
  readonly prefixedName: string;
  readonly namespace: string;
  /** The selector label, e.g. `{ 'prometheus-name': name }`. */
  readonly labels: Readonly<Record<string, string>>;
}

/** Packs rule files (key → content) into ConfigMaps, in name order. */
export function packRuleConfigMaps(files: ReadonlyMap<string, string>, props: RuleConfigMapsProps): KubeObject[] {
  const buckets: Array<{ data: Record<string, string>; size: number }> = [{ data: emptyMap(), size: 0 }];
  for (const key of [...files.keys()].sort(compareStrings)) {
    const content = files.get(key) as string;
    const size = Buffer.byteLength(content, 'utf8');
    let bucket = buckets[buckets.length - 1] as { data: Record<string, string>; size: number };
    if (bucket.size + size > MAX_RULE_CONFIGMAP_BYTES) {
      bucket = { data: emptyMap(), size: 0 };
      buckets.push(bucket);
    }
    bucket.data[key] = content;
    bucket.size += size;
  }
  return buckets.map((b, i) => ({
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: {
      name: ruleConfigMapName(props.prefixedName, i),
      namespace: props.namespace,
      labels: sortedMap({ ...MANAGED_LABELS, ...props.labels }),
    },
    data: b.data,
  }));
}
