import { fail, versionAtLeast, type AmConfigContext, type Doc } from './context.js';
import { parseDuration } from '../../core/duration.js';
import { sanitizeGlobal } from './global.js';
import { RECEIVER_TYPES } from './receivers/index.js';
import { nonEmpty } from '../../core/objects.js';

/**
 * The operator's last pass over the whole configuration before writing it:
 * fields the target Alertmanager does not know are dropped (with a warning),
 * combinations it refuses are errors (thrown as ConfigError).
 */
export function sanitizeConfig(ctx: AmConfigContext, cfg: Doc): void {
  sanitizeGlobal(ctx, cfg.global as Doc | undefined);
  for (const r of (cfg.receivers ?? []) as Doc[]) sanitizeReceiver(ctx, r);
  ((cfg.inhibit_rules ?? []) as Doc[]).forEach((ir, i) => sanitizeInhibitRule(ctx, ir, `inhibit_rules[${i}]`));
  if (nonEmpty(cfg.mute_time_intervals) && !ctx.gate.since('0.22.0').check('mute_time_intervals')) delete cfg.mute_time_intervals;
  if (nonEmpty(cfg.time_intervals) && !ctx.gate.since('0.24.0').check('time_intervals')) delete cfg.time_intervals;
  for (const key of ['mute_time_intervals', 'time_intervals']) {
    for (const ti of (cfg[key] ?? []) as Doc[]) {
      for (const t of (ti.time_intervals ?? []) as Doc[]) {
        if (t.location != null && !ctx.gate.since('0.25.0').at(`${key}[${String(ti.name)}]`).check('location')) delete t.location;
      }
    }
  }
  if (cfg.route) sanitizeRoute(ctx, cfg.route as Doc, 'route');
}

export function sanitizeReceiver(ctx: AmConfigContext, r: Doc): void {
  for (const type of RECEIVER_TYPES) {
    ((r[type.yamlKey] ?? []) as Doc[]).forEach((conf, i) => {
      try {
        type.sanitize(ctx, conf, `receivers[${String(r.name)}].${type.yamlKey}[${i}]`);
      } catch (e) {
        fail(`receiver ${String(r.name)}: ${(e as Error).message}`, (e as { field?: string }).field);
      }
    });
  }
}

function sanitizeInhibitRule(ctx: AmConfigContext, ir: Doc, where: string): void {
  if (!versionAtLeast(ctx, '0.22.0')) {
    if (nonEmpty(ir.source_matchers) || nonEmpty(ir.target_matchers)) {
      fail(`${where}: target_matchers and source_matchers matching is supported in Alertmanager >= 0.22.0 only`, where);
    }
    return;
  }
  for (const k of Object.keys(ir)) if (!nonEmpty(ir[k])) delete ir[k];
}

function sanitizeRoute(ctx: AmConfigContext, r: Doc, where: string): void {
  const v2 = versionAtLeast(ctx, '0.22.0');
  if (!v2 && nonEmpty(r.matchers)) fail(`invalid syntax in route config for 'matchers' comparison based matching is supported in Alertmanager >= 0.22.0 only (matchers=[${(r.matchers as string[]).join(' ')}])`, where);
  if (nonEmpty(r.mute_time_intervals) && !ctx.gate.since('0.22.0').at(where).check('mute_time_intervals')) delete r.mute_time_intervals;
  if (nonEmpty(r.active_time_intervals) && !ctx.gate.since('0.24.0').at(where).check('active_time_intervals')) delete r.active_time_intervals;
  if (nonEmpty(r.group_wait) && parseDuration(String(r.group_wait)) === undefined) fail(`group_wait: not a valid duration string: "${String(r.group_wait)}"`, where);
  for (const key of ['group_interval', 'repeat_interval']) {
    if (!nonEmpty(r[key])) continue;
    const ms = parseDuration(String(r[key]));
    if (ms === undefined) fail(`${key}: not a valid duration string: "${String(r[key])}"`, where);
    if (ms === 0) delete r[key];
  }
  ((r.routes ?? []) as Doc[]).forEach((child, i) => sanitizeRoute(ctx, child, `${where}.routes[${i}]`));
}
