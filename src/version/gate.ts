import { compareVersions, formatVersion, versionConstant, type SemVer } from './semver.js';

/**
 * Version gates: a field that the target Prometheus (or Alertmanager) does not
 * know is left out, and a warning says so. The call site names the version
 * range, the key and the value together:
 *
 *   gate.since('2.48.0').put(out, 'track_timestamps_staleness', v);
 *
 * The gate never decides what a warning looks like: it hands the dropped key
 * and the reason to the `onDrop` callback its creator supplied (a renderer
 * turns that into a Result naming the resource and the field).
 */
export type DropReporter = (drop: DroppedField) => void;

export interface DroppedField {
  /** The configuration key that was left out, e.g. `sigv4`, or the flag, e.g. `--web.page-title`. */
  readonly key: string;
  /** True for a command-line flag, false for a key of a generated configuration file. */
  readonly flag: boolean;
  /** Where it came from in the resource, e.g. `spec.alerting.alertmanagers[0].sigv4`, when known. */
  readonly field: string | undefined;
  /** Human-readable reason, e.g. `needs version >= 2.48.0, the target is 2.45.0`. */
  readonly reason: string;
}

export interface Gate {
  /** The version the output is generated for. */
  readonly version: SemVer;
  /** True when the target version lies inside this gate's range. */
  readonly ok: boolean;
  /** A gate that also requires version >= `min`. */
  since(min: string): Gate;
  /** A gate that also requires version < `max`. */
  until(max: string): Gate;
  /** The same gate, with warnings pointing at `field` (a path in the resource). */
  at(field: string): Gate;
  /** Sets `out[key] = value` when the version is in range; otherwise reports the drop. Returns `out`. */
  put<T extends Record<string, unknown>>(out: T, key: string, value: unknown): T;
  /** Reports `key` as dropped when the version is out of range. Returns `ok`, for guards around whole blocks. */
  check(key: string): boolean;
  /** Reports the flag `--name` as dropped when the version is out of range. Returns `ok`. */
  checkFlag(name: string): boolean;
}

interface Range {
  readonly min: SemVer | undefined;
  readonly max: SemVer | undefined;
}

/** A gate for `version` with no range yet: every field passes until `since`/`until` narrow it. */
export function makeGate(version: SemVer, onDrop: DropReporter, field?: string): Gate {
  return build(version, { min: undefined, max: undefined }, onDrop, field);
}

function build(version: SemVer, range: Range, onDrop: DropReporter, field: string | undefined): Gate {
  const tooOld = range.min !== undefined && compareVersions(version, range.min) < 0;
  const tooNew = range.max !== undefined && compareVersions(version, range.max) >= 0;
  const ok = !tooOld && !tooNew;
  const reason = (): string => {
    const target = formatVersion(version);
    if (tooOld) return `needs version >= ${formatVersion(range.min as SemVer)}, the target is ${target}`;
    return `is not supported from version ${formatVersion(range.max as SemVer)} on, the target is ${target}`;
  };
  const gate: Gate = {
    version,
    ok,
    since: (min) => {
      const m = versionConstant(min);
      const tighter = range.min === undefined || compareVersions(m, range.min) > 0 ? m : range.min;
      return build(version, { ...range, min: tighter }, onDrop, field);
    },
    until: (max) => {
      const m = versionConstant(max);
      const tighter = range.max === undefined || compareVersions(m, range.max) < 0 ? m : range.max;
      return build(version, { ...range, max: tighter }, onDrop, field);
    },
    at: (path) => build(version, range, onDrop, path),
    put: (out, key, value) => {
      if (ok) (out as Record<string, unknown>)[key] = value;
      else onDrop({ key, flag: false, field, reason: reason() });
      return out;
    },
    check: (key) => {
      if (!ok) onDrop({ key, flag: false, field, reason: reason() });
      return ok;
    },
    checkFlag: (name) => {
      if (!ok) onDrop({ key: `--${name}`, flag: true, field, reason: reason() });
      return ok;
    },
  };
  return gate;
}

/**
 * The warning for a field the target version does not know: a key left out
 * of a generated configuration file, or a flag left off the command line
 * (`versionField` is where the resource sets the version).
 */
export function dropWarning(drop: DroppedField, versionField = 'spec.version'): string {
  if (drop.flag) return `${drop.field ?? drop.key} is ignored: the flag ${drop.key} ${drop.reason}; change ${versionField} or remove the field`;
  return `"${drop.key}" ${drop.reason}; it is left out of the generated configuration`;
}

/**
 * The gate of one resource: built once, from its resolved version, with
 * every drop reported as a warning (`warn` names the resource).
 */
export function resourceGate(version: SemVer, warn: (message: string, field: string | undefined) => void, versionField = 'spec.version'): Gate {
  return makeGate(version, (drop) => warn(dropWarning(drop, versionField), drop.field));
}

/**
 * A gate that lets every key through whatever range a caller asks for: for
 * configuration the operator writes without a version check (ThanosRuler's
 * remote-write.yaml, read by whichever Prometheus release Thanos embeds).
 */
export function ungatedGate(version: SemVer): Gate {
  const gate: Gate = {
    version,
    ok: true,
    since: () => gate,
    until: () => gate,
    at: () => gate,
    put: (out, key, value) => {
      (out as Record<string, unknown>)[key] = value;
      return out;
    },
    check: () => true,
    checkFlag: () => true,
  };
  return gate;
}
