/**
 * The three products the operator deploys, in one table: the version and
 * image a resource gets when it names none (the options' defaults), and the
 * versions the operator accepts. Every resource resolves its version here,
 * once, by one rule: a version that is unset or blank means the default (the
 * operator's StringValOrDefault).
 */
import { atLeast, formatVersion, parseVersion, type SemVer } from './semver.js';

export type Product = 'prometheus' | 'alertmanager' | 'thanos';

export interface ProductInfo {
  /** The name messages use, e.g. `Prometheus`. */
  readonly title: string;
  /** The option that overrides the default version, and its default. */
  readonly versionOption: 'prometheusDefaultVersion' | 'alertmanagerDefaultVersion' | 'thanosDefaultVersion';
  readonly defaultVersion: string;
  /** The option that overrides the default image (without tag), and its default. */
  readonly baseImageOption: 'prometheusDefaultBaseImage' | 'alertmanagerDefaultBaseImage' | 'thanosDefaultBaseImage';
  readonly defaultBaseImage: string;
  /** What to fix when the operand's image reference cannot be built. */
  readonly imageFix: string;
  /** A version written the way the product's releases are tagged, for messages. */
  readonly example: string;
  /** The versions the operator manages: these major versions only, from `min` on. */
  readonly supported?: { readonly majors: readonly number[]; readonly min?: string; readonly text: string };
}

export const PRODUCTS: Readonly<Record<Product, ProductInfo>> = {
  prometheus: {
    title: 'Prometheus',
    versionOption: 'prometheusDefaultVersion',
    defaultVersion: 'v3.13.2',
    baseImageOption: 'prometheusDefaultBaseImage',
    defaultBaseImage: 'quay.io/prometheus/prometheus',
    imageFix: 'fix spec.image or spec.baseImage',
    example: 'v3.5.0',
    supported: { majors: [2, 3], text: 'the operator generates configuration for Prometheus 2.x and 3.x only' },
  },
  alertmanager: {
    title: 'Alertmanager',
    versionOption: 'alertmanagerDefaultVersion',
    defaultVersion: 'v0.33.1',
    baseImageOption: 'alertmanagerDefaultBaseImage',
    defaultBaseImage: 'quay.io/prometheus/alertmanager',
    imageFix: 'fix spec.image or spec.baseImage',
    example: 'v0.28.1',
    supported: { majors: [0], min: '0.15.0', text: 'the operator manages Alertmanager 0.15.0 and later 0.x versions' },
  },
  thanos: {
    title: 'Thanos',
    versionOption: 'thanosDefaultVersion',
    defaultVersion: 'v0.42.4',
    baseImageOption: 'thanosDefaultBaseImage',
    defaultBaseImage: 'quay.io/thanos/thanos',
    // ThanosRuler has no spec.baseImage: its image is the option's base image with spec.version.
    imageFix: 'fix spec.image or spec.version',
    example: 'v0.42.0',
  },
};

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
