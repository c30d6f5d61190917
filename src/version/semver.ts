/**
 * Semantic versions parsed leniently, as the operator does (blang/semver's
 * ParseTolerant): a leading "v" and surrounding spaces are dropped, leading
 * zeros are trimmed from the dotted parts, and "2.5" means "2.5.0".
 */
import { charClass, isDigits, trimRuns } from '../core/regex/scan.js';

export interface SemVer {
  readonly major: number;
  readonly minor: number;
  readonly patch: number;
  readonly prerelease: readonly string[];
  readonly build: readonly string[];
}

/** `0` or digits without a leading zero. */
const isNumber = (p: string): boolean => p === '0' || (isDigits(p) && p.charCodeAt(0) !== 0x30);

/** Dot-separated identifiers of letters, digits and `-`, none empty. */
function isIdentifiers(text: string): boolean {
  return text.split('.').every((id) => id.length > 0 && [...id].every((c) => c === '-' || charClass.isDigit(c.charCodeAt(0)) || charClass.isLetter(c.charCodeAt(0))));
}

/**
 * A strict semantic version `MAJOR.MINOR.PATCH[-PRERELEASE][+BUILD]`, read by
 * hand (start-up compiles no pattern for it): its parts, or undefined.
 */
function strictParts(s: string): { core: string[]; prerelease?: string; build?: string } | undefined {
  const plus = s.indexOf('+');
  const main = plus < 0 ? s : s.slice(0, plus);
  const build = plus < 0 ? undefined : s.slice(plus + 1);
  const dash = main.indexOf('-');
  const core = (dash < 0 ? main : main.slice(0, dash)).split('.');
  const prerelease = dash < 0 ? undefined : main.slice(dash + 1);
  if (core.length !== 3 || !core.every(isNumber)) return undefined;
  if (prerelease !== undefined && !isIdentifiers(prerelease)) return undefined;
  if (build !== undefined && !isIdentifiers(build)) return undefined;
  return { core, prerelease, build };
}

/** Parses a version, or returns undefined when even the lenient form does not hold. */
export function parseVersion(text: string): SemVer | undefined {
  let s = text.trim();
  if (s.startsWith('v')) s = s.slice(1);
  const parts = splitN(s, '.', 3).map((p) => {
    if (p.length <= 1) return p;
    let t = trimRuns(p, '0', 'start');
    if (t === '' || !/^[0-9]/.test(t)) t = `0${t}`;
    return t;
  });
  if (parts.length < 3) {
    if (/[+-]/.test(parts[parts.length - 1] ?? '')) return undefined;
    while (parts.length < 3) parts.push('0');
  }
  const m = strictParts(parts.join('.'));
  if (!m) return undefined;
  const prerelease = m.prerelease ? m.prerelease.split('.') : [];
  // Numeric pre-release identifiers must not have leading zeros (semver 2.0.0, section 9).
  if (prerelease.some((id) => isDigits(id) && id.length > 1 && id.startsWith('0'))) return undefined;
  return {
    major: Number(m.core[0]),
    minor: Number(m.core[1]),
    patch: Number(m.core[2]),
    prerelease,
    build: m.build ? m.build.split('.') : [],
  };
}

function splitN(s: string, sep: string, n: number): string[] {
  const out: string[] = [];
  let rest = s;
  while (out.length < n - 1) {
    const i = rest.indexOf(sep);
    if (i < 0) break;
    out.push(rest.slice(0, i));
    rest = rest.slice(i + 1);
  }
  out.push(rest);
  return out;
}

/** Orders versions by precedence; build metadata is ignored. */
export function compareVersions(a: SemVer, b: SemVer): number {
  if (a.major !== b.major) return a.major - b.major;
  if (a.minor !== b.minor) return a.minor - b.minor;
  if (a.patch !== b.patch) return a.patch - b.patch;
  if (a.prerelease.length === 0 || b.prerelease.length === 0) {
    return b.prerelease.length - a.prerelease.length;
  }
  for (let i = 0; i < Math.min(a.prerelease.length, b.prerelease.length); i++) {
    const x = a.prerelease[i] as string;
    const y = b.prerelease[i] as string;
    if (x === y) continue;
    const xn = isDigits(x);
    const yn = isDigits(y);
    if (xn && yn) return Number(x) - Number(y);
    if (xn) return -1;
    if (yn) return 1;
    return x < y ? -1 : 1;
  }
  return a.prerelease.length - b.prerelease.length;
}

/**
 * A version written in our own source, like "2.48.0", parsed once. Only
 * literals reach this table (feature gates call it per field of every scrape
 * job), so it holds a few hundred immutable entries and cannot change output.
 */
const CONSTANTS = new Map<string, SemVer>();

export function versionConstant(text: string): SemVer {
  let v = CONSTANTS.get(text);
  if (!v) {
    v = parseVersion(text);
    if (!v) throw new Error(`bad version constant ${text}`);
    CONSTANTS.set(text, v);
  }
  return v;
}

/** `a >= b` where b is a constant written like "2.48.0". */
export function atLeast(v: SemVer, min: string): boolean {
  return compareVersions(v, versionConstant(min)) >= 0;
}

export function formatVersion(v: SemVer): string {
  let s = `${v.major}.${v.minor}.${v.patch}`;
  if (v.prerelease.length > 0) s += `-${v.prerelease.join('.')}`;
  if (v.build.length > 0) s += `+${v.build.join('.')}`;
  return s;
}
