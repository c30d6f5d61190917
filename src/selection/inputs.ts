import { MONITORING_GROUP } from '../api/types.js';
import { groupOf, identityKey, type KubeObject } from '../krm/types.js';

/** The monitoring.coreos.com objects of the input, by kind, for selection. */
export interface InputIndex {
  /** Objects of a monitoring kind (every served version), in input order. */
  ofKind(kind: string): readonly KubeObject[];
  /** Whether the input holds an object of any kind with this identity (`identityKey`), e.g. a ServiceAccount not to generate again. */
  has(obj: Pick<KubeObject, 'apiVersion' | 'kind' | 'metadata'>): boolean;
}

export function buildInputIndex(items: readonly KubeObject[]): InputIndex {
  const byKind = new Map<string, KubeObject[]>();
  const keys = new Set(items.map(identityKey));
  for (const item of items) {
    if (groupOf(item.apiVersion) !== MONITORING_GROUP) continue;
    const list = byKind.get(item.kind);
    if (list) list.push(item);
    else byKind.set(item.kind, [item]);
  }
  return { ofKind: (kind) => byKind.get(kind) ?? [], has: (obj) => keys.has(identityKey(obj)) };
}
