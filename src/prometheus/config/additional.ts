/**
 * Raw configuration the user keeps in Secrets: additional scrape configs,
 * additional Alertmanager configs and additional alert relabel configs.
 */
import { parseSecretYaml } from '../../assets/secret-yaml.js';
import { isPlainObject } from '../../core/objects.js';
import type { SecretSetting } from '../../assets/namespace-assets.js';
import { PROM_SECRETS } from '../../promconfig/secret-settings.js';
import type { ConfigContext, Doc } from './context.js';
import { appendShardingRelabelingsIfMissing } from './sharding.js';

export interface SecretKeyRef {
  readonly name?: string;
  readonly key: string;
  readonly optional?: boolean;
}

/** The key a reference names, unless nothing is referenced or an optional key is missing: then there is nothing to load, and no error. */
export function referencedKey(ctx: ConfigContext, ref: SecretKeyRef | undefined): SecretKeyRef | undefined {
  if (!ref) return undefined;
  if (ref.optional && ctx.assets.secret(ctx.plan.namespace, ref.name ?? '')?.get(ref.key) === undefined) return undefined;
  return ref;
}

/** Loads and parses a Secret key that holds a YAML list of maps: the list (possibly empty), or undefined after an error result. */
export function loadAdditionalList(ctx: ConfigContext, ref: SecretKeyRef, field: string, what: string, setting: SecretSetting): Doc[] | undefined {
  const where = `Secret ${ctx.plan.namespace}/${ref.name ?? ''}`;
  const data = ctx.assets.secret(ctx.plan.namespace, ref.name ?? '');
  if (data?.get(ref.key) === undefined) {
    // Prometheus has no file form for these lists: without the Secret there is nothing to write, in every mode.
    const reason = data ? `${where} has no key "${ref.key}"` : `${where} (key "${ref.key}") is not in the input`;
    return ctx.fail(`loading ${what} failed: ${reason}`, field);
  }
  // Copied as the operator does, unless option secrets is reference (then an error: the list has no file form).
  const value = ctx.store.secretSetting(ref, field, setting, ctx.gate)?.value;
  if (value === undefined) return undefined;
  const yaml = parseSecretYaml(value);
  if (!yaml.ok) return ctx.fail(`${what} in ${where} key "${ref.key}" ${yaml.problem}`, field);
  const parsed = yaml.value;
  if (parsed === undefined || parsed === null) return [];
  if (!Array.isArray(parsed) || !parsed.every((x) => isPlainObject(x))) {
    return ctx.fail(`${what} in ${where} key "${ref.key}" must be a YAML list of maps`, field);
  }
  return parsed as Doc[];
}

/**
 * spec.additionalScrapeConfigs, appended after the generated jobs. With more
 * than one shard, each job gets the sharding relabelings (unless it has its
 * own hashmod); its relabel_configs key moves to the end of the job.
 * Undefined after an error result.
 */
export function additionalScrapeConfigs(ctx: ConfigContext, shards: number): Doc[] | undefined {
  const ref = referencedKey(ctx, ctx.spec.additionalScrapeConfigs);
  if (!ref) return [];
  const list = loadAdditionalList(ctx, ref, 'spec.additionalScrapeConfigs', 'additional scrape configs', PROM_SECRETS.additionalScrapeConfigs);
  if (list === undefined) return undefined;
  // The agent's DaemonSet is never sharded.
  if (shards === 1 || ctx.plan.daemonSet) return list;
  const out: Doc[] = [];
  for (const [i, job] of list.entries()) {
    const { relabel_configs: relabel, ...rest } = job;
    if (relabel !== undefined && relabel !== null && (!Array.isArray(relabel) || !relabel.every((r) => isPlainObject(r)))) {
      return ctx.fail(`additional scrape config ${i}: relabel_configs must be a list of maps`, 'spec.additionalScrapeConfigs');
    }
    const relabelings = appendShardingRelabelingsIfMissing(ctx, (relabel as Doc[] | undefined | null) ?? [], shards);
    out.push({ ...rest, relabel_configs: relabelings });
  }
  return out;
}
