/**
 * Raw configuration the user keeps in Secrets: additional scrape configs,
 * additional Alertmanager configs and additional alert relabel configs.
 */
import { parseSecretYaml } from '../../assets/secret-yaml.js';
import { isPlainObject } from '../../core/objects.js';
import type { ConfigContext, Doc } from './context.js';
import { appendShardingRelabelingsIfMissing } from './sharding.js';

export interface SecretKeyRef {
  readonly name?: string;
  readonly key: string;
  readonly optional?: boolean;
}

/**
 * undefined: nothing referenced (or an optional reference that is missing);
 * 'failed': an error was reported; otherwise the parsed list (possibly empty).
 */
export type AdditionalList = Doc[] | 'failed' | undefined;

/** The text of a referenced Secret key; an optional reference may be missing. */
function loadSecretRef(ctx: ConfigContext, ref: SecretKeyRef, field: string, what: string): string | 'failed' | undefined {
  const data = ctx.assets.secret(ctx.plan.namespace, ref.name ?? '');
  const value = data?.get(ref.key);
  if (value !== undefined) return value.toString('utf8');
  if (ref.optional) return undefined;
  const reason = data
    ? `Secret ${ctx.plan.namespace}/${ref.name ?? ''} has no key "${ref.key}"`
    : `Secret ${ctx.plan.namespace}/${ref.name ?? ''} (key "${ref.key}") is not in the input`;
  ctx.fail(`loading ${what} failed: ${reason}`, field);
  return 'failed';
}

/** Loads and parses a Secret key that holds a YAML list of maps. */
export function loadAdditionalList(ctx: ConfigContext, ref: SecretKeyRef | undefined, field: string, what: string): AdditionalList {
  if (!ref) return undefined;
  const text = loadSecretRef(ctx, ref, field, what);
  if (text === undefined || text === 'failed') return text;
  const yaml = parseSecretYaml(text);
  if (!yaml.ok) {
    ctx.fail(`${what} in Secret ${ctx.plan.namespace}/${ref.name ?? ''} key "${ref.key}" ${yaml.problem}`, field);
    return 'failed';
  }
  const parsed = yaml.value;
  if (parsed === undefined || parsed === null) return [];
  if (!Array.isArray(parsed) || !parsed.every((x) => isPlainObject(x))) {
    ctx.fail(`${what} in Secret ${ctx.plan.namespace}/${ref.name ?? ''} key "${ref.key}" must be a YAML list of maps`, field);
    return 'failed';
  }
  return parsed as Doc[];
}

/**
 * spec.additionalScrapeConfigs, appended after the generated jobs. With more
 * than one shard, each job gets the sharding relabelings (unless it has its
 * own hashmod); its relabel_configs key moves to the end of the job.
 */
export function additionalScrapeConfigs(ctx: ConfigContext, shards: number): Doc[] | 'failed' {
  const list = loadAdditionalList(ctx, ctx.spec.additionalScrapeConfigs, 'spec.additionalScrapeConfigs', 'additional scrape configs');
  if (list === 'failed') return list;
  if (list === undefined) return [];
  // The agent's DaemonSet is never sharded.
  if (shards === 1 || ctx.plan.daemonSet) return list;
  const out: Doc[] = [];
  for (const [i, job] of list.entries()) {
    const { relabel_configs: relabel, ...rest } = job;
    if (relabel !== undefined && relabel !== null && (!Array.isArray(relabel) || !relabel.every((r) => isPlainObject(r)))) {
      ctx.fail(`additional scrape config ${i}: relabel_configs must be a list of maps`, 'spec.additionalScrapeConfigs');
      return 'failed';
    }
    const relabelings = appendShardingRelabelingsIfMissing(ctx, (relabel as Doc[] | undefined | null) ?? [], shards);
    out.push({ ...rest, relabel_configs: relabelings });
  }
  return out;
}
