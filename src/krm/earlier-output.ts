/**
 * The objects an earlier run of this function left in the package (under
 * kpt, its output is written back and comes in again with the next run),
 * found by the `generated-from` annotation and indexed by the resources
 * they were generated from. They are regenerated rather than kept, except
 * where a resource asks to keep what runs (`spec.paused`) or where telling
 * what a new render drops matters (shards scaled down).
 */
import { GENERATED_FROM } from './annotations.js';
import { describeRef, refOf, type KubeObject } from './types.js';

export interface EarlierOutput {
  /** What an earlier run generated from `owner` (alone or with other resources), in input order. */
  of(owner: KubeObject): readonly KubeObject[];
}

export function buildEarlierOutput(items: readonly KubeObject[]): EarlierOutput {
  const bySource = new Map<string, KubeObject[]>();
  for (const item of items) {
    const from = item.metadata.annotations?.[GENERATED_FROM];
    if (typeof from !== 'string') continue;
    for (const source of new Set(from.split(','))) {
      const list = bySource.get(source);
      if (list) list.push(item);
      else bySource.set(source, [item]);
    }
  }
  return { of: (owner) => bySource.get(describeRef(refOf(owner))) ?? [] };
}
