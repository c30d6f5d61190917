/**
 * Semantic versions parsed leniently, as the operator does (blang/semver's
 * ParseTolerant): a leading "v" and surrounding spaces are dropped, leading
 * zeros are trimmed from the dotted parts, and "2.5" means "2.5.0".
 */
import { re2 } from '../core/regex/re2.js';
import { isDigits, trimRuns } from '../core/regex/scan.js';

export interface SemVer {
  readonly major: number;
  readonly minor: number;
  readonly patch: number;
  readonly prerelease: readonly string[];
  readonly build: readonly string[];
}

const STRICT = re2('^(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)(?:-([0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*))?(?:\\+([0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*))?$');

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
  const m = STRICT.exec(parts.join('.'));
  if (!m) return undefined;
  const prerelease = m[4] ? m[4].split('.') : [];
  // Numeric pre-release identifiers must not have leading zeros (semver 2.0.0, section 9).
  if (prerelease.some((id) => isDigits(id) && id.length > 1 && id.startsWith('0'))) return undefined;
  return {
    major: Number(m[1]),
    minor: Number(m[2]),
    patch: Number(m[3]),
    prerelease,
    build: m[5] ? m[5].split('.') : [],
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
