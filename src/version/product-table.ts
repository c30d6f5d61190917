/**
 * The three products the operator deploys, in one table: the version and
 * image a resource gets when it names none (the options' defaults), and the
 * versions the operator accepts. Data only, with no imports, so that the
 * option definitions (and --help, which lists their defaults) read it
 * without loading the version parser; products.ts resolves versions with it.
 */
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
