/**
 * Per-job scrape limits: the monitor's limit, capped by the Prometheus's
 * enforced limit. From Prometheus 2.45.0 on the global section carries the
 * enforced limit, so a monitor without a limit of its own writes none.
 */
import { re2 } from '../../../core/regex/re2.js';
import { atLeast } from '../../../version/semver.js';
import type { ConfigContext, Doc } from '../context.js';

export interface MonitorLimits {
  readonly sampleLimit?: number;
  readonly targetLimit?: number;
  readonly labelLimit?: number;
  readonly labelNameLengthLimit?: number;
  readonly labelValueLengthLimit?: number;
  readonly keepDroppedTargets?: number;
  readonly bodySizeLimit?: string;
}

interface LimitKey {
  readonly spec: keyof Omit<MonitorLimits, 'bodySizeLimit'>;
  readonly enforced: string;
  readonly key: string;
  readonly since?: string;
}

/** The limits in the order the operator writes them. */
const LIMIT_KEYS: readonly LimitKey[] = [
  { spec: 'sampleLimit', enforced: 'enforcedSampleLimit', key: 'sample_limit' },
  { spec: 'targetLimit', enforced: 'enforcedTargetLimit', key: 'target_limit', since: '2.21.0' },
  { spec: 'labelLimit', enforced: 'enforcedLabelLimit', key: 'label_limit', since: '2.27.0' },
  { spec: 'labelNameLengthLimit', enforced: 'enforcedLabelNameLengthLimit', key: 'label_name_length_limit', since: '2.27.0' },
  { spec: 'labelValueLengthLimit', enforced: 'enforcedLabelValueLengthLimit', key: 'label_value_length_limit', since: '2.27.0' },
  { spec: 'keepDroppedTargets', enforced: 'enforcedKeepDroppedTargets', key: 'keep_dropped_targets', since: '2.47.0' },
];

function isSet(v: number | undefined | null): v is number {
  return v !== undefined && v !== null;
}

/** The limit a job gets, or undefined for none. */
function effectiveLimit(ctx: ConfigContext, user: number | undefined, enforced: number | undefined): number | undefined {
  if (!enforced) return isSet(user) ? user : undefined;
  if (!user) return atLeast(ctx.gate.version, '2.45.0') ? undefined : enforced;
  return enforced > user ? user : enforced;
}

/** sample_limit … keep_dropped_targets for one job. */
export function addLimits(ctx: ConfigContext, out: Doc, limits: MonitorLimits, field: string): Doc {
  const spec = ctx.spec as unknown as Record<string, number | undefined>;
  for (const k of LIMIT_KEYS) {
    const value = effectiveLimit(ctx, limits[k.spec], spec[k.enforced]);
    if (value === undefined) continue;
    const gate = ctx.gate.at(`${field}.${k.spec}`);
    (k.since ? gate.since(k.since) : gate).put(out, k.key, value);
  }
  return out;
}

// On RE2: `\d*\.?\d+` backtracks quadratically on a long run of digits in JavaScript.
const BYTE_SIZE = re2('^([0-9]*\\.?[0-9]+)\\s*([KMGTPE]?)(i?)B$');
const UNIT_POWER: Readonly<Record<string, number>> = { '': 0, K: 1, M: 2, G: 3, T: 4, P: 5, E: 6 };

/** A ByteSize (`512MB`, `1GiB`) in bytes, base 2 as the operator reads it; 0 when unreadable. */
export function byteSize(text: string): number {
  const m = BYTE_SIZE.exec(text);
  if (!m) return 0;
  return Number(m[1]) * 1024 ** (UNIT_POWER[m[2] ?? ''] ?? 0);
}

/** The lower of the monitor's body size limit and the enforced one. */
function lowerBodySizeLimit(own: string | undefined, enforced: string | undefined): string | undefined {
  if (!enforced) return own;
  if (!own) return enforced;
  return byteSize(own) > byteSize(enforced) ? enforced : own;
}

/** body_size_limit (Prometheus >= 2.28.0); `own` is undefined for Probes, which only get the enforced one. */
export function addBodySizeLimit(ctx: ConfigContext, out: Doc, own: string | undefined, field: string): Doc {
  const enforced = (ctx.spec as { enforcedBodySizeLimit?: string }).enforcedBodySizeLimit;
  const value = lowerBodySizeLimit(own, enforced);
  if (!value) return out;
  return ctx.gate.since('2.28.0').at(own ? `${field}.bodySizeLimit` : 'spec.enforcedBodySizeLimit').put(out, 'body_size_limit', value);
}
