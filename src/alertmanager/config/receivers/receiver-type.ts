import { emptyMap } from '../../../core/objects.js';
import type { AmConfigContext, Doc, In } from '../context.js';
import type { Shape } from '../schema.js';

/**
 * One Alertmanager integration. Adding a receiver type is adding one module
 * that exports one of these and listing it in `index.ts`.
 */
export interface ReceiverType {
  /** The list key in an AlertmanagerConfig receiver, e.g. `slackConfigs`; absent for types only a base configuration can hold. */
  readonly crdKey?: string;
  /** The list key in Alertmanager's receiver, e.g. `slack_configs`. */
  readonly yamlKey: string;
  /** How one entry is written. */
  readonly shape: Shape;
  /** Semantic validation of one AlertmanagerConfig entry (independent of version and Secrets). */
  validate?(conf: In, path: string): void;
  /** Version checks and Secret lookups the operator runs before selecting an AlertmanagerConfig. */
  check?(ctx: AmConfigContext, conf: In, path: string): void;
  /** One AlertmanagerConfig entry → one Alertmanager entry. */
  convert?(ctx: AmConfigContext, conf: In, path: string): Doc;
  /** Version gating and consistency checks of one written entry (base configuration included). */
  sanitize(ctx: AmConfigContext, out: Doc, where: string): void;
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
export function keyValues(list: readonly In[] | undefined): Record<string, string> | undefined {
  if (!list || list.length === 0) return undefined;
  const out = emptyMap<string>();
  for (const kv of list) out[String(kv.key)] = String(kv.value ?? '');
  return out;
}
