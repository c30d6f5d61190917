import type { KeyValue, Receiver, ReceiverConfigs, ReceiverKey, ReceiverLists } from '../../../api/alertmanager-config.js';
import { emptyMap } from '../../../core/objects.js';
import type { AmConfigContext, Doc } from '../context.js';
import type { Shape } from '../schema.js';

/**
 * One Alertmanager integration. Adding a receiver type is adding one module
 * that exports one of these and listing it in `index.ts`.
 */
export interface ReceiverType {
  /** Where an AlertmanagerConfig receiver holds this integration; absent for types only a base configuration can hold. */
  readonly crd?: {
    /** The list key, e.g. `slackConfigs`. */
    readonly key: ReceiverKey;
    /** The receiver's entries, each bound to its checks and converter. */
    entries(r: Receiver): readonly ReceiverEntry[];
  };
  /** The list key in Alertmanager's receiver, e.g. `slack_configs`. */
  readonly yamlKey: string;
  /** How one entry is written. */
  readonly shape: Shape;
  /** Version gating and consistency checks of one written entry (base configuration included). */
  sanitize(ctx: AmConfigContext, out: Doc, where: string): void;
}

/** One AlertmanagerConfig entry of an integration (`spec.receivers[i].slackConfigs[j]`, say). */
export interface ReceiverEntry {
  /** Semantic validation (independent of version and Secrets). */
  validate(path: string): void;
  /** Version checks and Secret lookups the operator runs before selecting an AlertmanagerConfig. */
  check(ctx: AmConfigContext, path: string): void;
  /** The entry → one Alertmanager entry. */
  convert(ctx: AmConfigContext, path: string): Doc;
}

/** An integration an AlertmanagerConfig can hold, written for its own entry type. */
export interface CrdReceiverType<K extends ReceiverKey> {
  readonly crdKey: K;
  readonly yamlKey: string;
  readonly shape: Shape;
  validate(conf: ReceiverConfigs[K], path: string): void;
  check(ctx: AmConfigContext, conf: ReceiverConfigs[K], path: string): void;
  convert(ctx: AmConfigContext, conf: ReceiverConfigs[K], path: string): Doc;
  sanitize(ctx: AmConfigContext, out: Doc, where: string): void;
}

/** A ReceiverType from an integration's typed definition: its entries are read under its own list key. */
export function crdReceiver<K extends ReceiverKey>(def: CrdReceiverType<K>): ReceiverType {
  const list = (lists: ReceiverLists): ReadonlyArray<ReceiverConfigs[K]> => lists[def.crdKey] ?? [];
  return {
    crd: {
      key: def.crdKey,
      entries: (r) =>
        list(r).map((conf) => ({
          validate: (path) => def.validate(conf, path),
          check: (ctx, path) => def.check(ctx, conf, path),
          convert: (ctx, path) => def.convert(ctx, conf, path),
        })),
    },
    yamlKey: def.yamlKey,
    shape: def.shape,
    sanitize: (ctx, out, where) => def.sanitize(ctx, out, where),
  };
}

/** `value` when the input sets it, else undefined (so the key is left out). */
export function opt<T>(v: T | null | undefined): T | undefined {
  return v === null ? undefined : v;
}

/** Go's ptr.Deref(p, ""): empty when absent. */
export function str(v: unknown): string {
  return v === undefined || v === null ? '' : String(v);
}

/** Key/value pairs as a map. */
export function keyValues(list: readonly KeyValue[] | undefined): Record<string, string> | undefined {
  if (!list || list.length === 0) return undefined;
  const out = emptyMap<string>();
  for (const kv of list) out[String(kv.key)] = String(kv.value ?? '');
  return out;
}
