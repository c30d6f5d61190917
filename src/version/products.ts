/**
 * Version resolution for the three products the operator deploys (their
 * table is product-table.ts). Every resource resolves its version here,
 * once, by one rule: a version that is unset or blank means the default (the
 * operator's StringValOrDefault).
 */
import { atLeast, formatVersion, parseVersion, type SemVer } from './semver.js';

export { PRODUCTS, type Product, type ProductInfo } from './product-table.js';
import { PRODUCTS, type Product, type ProductInfo } from './product-table.js';

/** The version a resource runs, resolved once. */
export interface ResolvedVersion {
  readonly version: SemVer;
  /** As the user (or the default) wrote it, e.g. `v3.13.2`: image tags use it. */
  readonly text: string;
}

/** `value` unless it is unset or blank, then `fallback` (the operator's StringValOrDefault). */
export function valueOr(value: string | null | undefined, fallback: string): string {
  return value === undefined || value === null || value.trim() === '' ? fallback : value;
}

/** The defaults a resolution falls back to: the options, which the table's defaults seed. */
export type ProductDefaults = Readonly<Record<ProductInfo['versionOption'], string>>;

/**
 * The version `requested` (or the default) of `product`, parsed leniently;
 * undefined after `fail` names `field` when it does not parse or the
 * operator does not manage it.
 */
export function resolveVersion(
  product: Product,
  requested: string | null | undefined,
  defaults: ProductDefaults,
  fail: (message: string, field: string) => undefined,
  field = 'spec.version',
): ResolvedVersion | undefined {
  const info = PRODUCTS[product];
  const text = valueOr(requested, defaults[info.versionOption]);
  const version = parseVersion(text);
  if (!version) return fail(`${field} "${text}" is not a version; write it like ${info.example}`, field);
  const range = info.supported;
  if (range && (!range.majors.includes(version.major) || (range.min !== undefined && !atLeast(version, range.min)))) {
    return fail(`${field} ${formatVersion(version)} is not supported; ${range.text}`, field);
  }
  return { version, text };
}
