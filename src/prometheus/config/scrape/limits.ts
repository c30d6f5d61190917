/**
 * Per-job scrape limits: the monitor's limit, capped by the Prometheus's
 * enforced limit. From Prometheus 2.45.0 on the global section carries the
 * enforced limit, so a monitor without a limit of its own writes none.
 */
import { parseByteSize } from '../../../core/byte-size.js';
import { atLeast } from '../../../version/semver.js';
import type { ConfigContext, Doc } from '../context.js';
import { notNil } from '../../../core/objects.js';

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
  readonly enforced: 'enforcedSampleLimit' | 'enforcedTargetLimit' | 'enforcedLabelLimit' | 'enforcedLabelNameLengthLimit' | 'enforcedLabelValueLengthLimit' | 'enforcedKeepDroppedTargets';
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

/** The limit a job gets, or undefined for none. */
function effectiveLimit(ctx: ConfigContext, user: number | undefined, enforced: number | undefined): number | undefined {
  if (!enforced) return notNil(user) ? user : undefined;
  if (!user) return atLeast(ctx.gate.version, '2.45.0') ? undefined : enforced;
  return enforced > user ? user : enforced;
}

/** sample_limit … keep_dropped_targets for one job. */
export function addLimits(ctx: ConfigContext, out: Doc, limits: MonitorLimits, field: string): Doc {
  for (const k of LIMIT_KEYS) {
    const value = effectiveLimit(ctx, limits[k.spec], ctx.spec[k.enforced]);
    if (value === undefined) continue;
    const gate = ctx.gate.at(`${field}.${k.spec}`);
    (k.since ? gate.since(k.since) : gate).put(out, k.key, value);
  }
  return out;
}

/** The lower of the monitor's body size limit and the enforced one. */
function lowerBodySizeLimit(own: string | undefined, enforced: string | undefined): string | undefined {
  if (!enforced) return own;
  if (!own) return enforced;
  return parseByteSize(own) > parseByteSize(enforced) ? enforced : own;
}

/** body_size_limit (Prometheus >= 2.28.0); `own` is undefined for Probes, which only get the enforced one. */
export function addBodySizeLimit(ctx: ConfigContext, out: Doc, own: string | undefined, field: string): Doc {
  const enforced = (ctx.spec as { enforcedBodySizeLimit?: string }).enforcedBodySizeLimit;
  const value = lowerBodySizeLimit(own, enforced);
  if (!value) return out;
  return ctx.gate.since('2.28.0').at(own ? `${field}.bodySizeLimit` : 'spec.enforcedBodySizeLimit').put(out, 'body_size_limit', value);
}
