/**
 * What one service-discovery mechanism of a ScrapeConfig is: the CRD field
 * holding its list, the key Prometheus reads, the version checks the
 * operator's selector makes, and a builder for one list entry, typed with the
 * generated model type of that entry. The registry in `index.ts` lists them
 * in the order the operator writes them.
 */
import type { ScrapeConfig } from '../../../../api/types.js';
import type { Fail } from '../../../../core/fail.js';
import type { ConfigContext, Doc } from '../../context.js';

/** The ScrapeConfig spec, as it passed the CRD schema check. */
export type ScrapeConfigSpec = ScrapeConfig['spec'];

/** The spec fields that hold a list of one mechanism's entries. */
export type SdField = {
  [K in keyof ScrapeConfigSpec]-?: K extends `${string}SDConfigs` | 'staticConfigs' ? K : never;
}[keyof ScrapeConfigSpec];

/** One entry of the list in `F`, e.g. an EC2SDConfig for `ec2SDConfigs`. */
export type SdEntry<F extends SdField> = NonNullable<ScrapeConfigSpec[F]>[number];

export interface SdMechanism<F extends SdField> {
  /** The ScrapeConfig spec field holding the list, e.g. `ec2SDConfigs`. */
  readonly field: F;
  /** The scrape job key Prometheus reads, e.g. `ec2_sd_configs`. */
  readonly key: string;
  /**
   * The oldest Prometheus the operator accepts this mechanism for; older
   * versions reject the ScrapeConfig. With `checkedWhenUnused` the operator
   * makes the check even when the list is empty (it does for several
   * mechanisms), so every ScrapeConfig is rejected on such a version.
   */
  readonly minVersion?: string;
  readonly checkedWhenUnused?: boolean;
  /** The checks the operator's selector makes on one entry, beyond what the builder reports; each problem rejects the ScrapeConfig. */
  readonly validate?: (ctx: ConfigContext, config: SdEntry<F>, field: string, fail: Fail) => void;
  /** One entry of the list, keys in the operator's order. `ctx` is the ScrapeConfig's context. */
  readonly build: (ctx: ConfigContext, config: SdEntry<F>, field: string) => Doc;
}

/** A mechanism as the ScrapeConfig reads it, whatever the type of its entries. */
export interface SdRegistration {
  readonly field: SdField;
  readonly key: string;
  readonly minVersion?: string;
  readonly checkedWhenUnused?: boolean;
  /** How many entries the spec lists. */
  count(spec: ScrapeConfigSpec): number;
  /** The checks of each entry. */
  validate(ctx: ConfigContext, spec: ScrapeConfigSpec, fail: Fail): void;
  /** One document per entry. */
  build(ctx: ConfigContext, spec: ScrapeConfigSpec): Doc[];
}

/** Registers a mechanism: its entries are read from the spec with their own type. */
export function sdMechanism<F extends SdField>(m: SdMechanism<F>): SdRegistration {
  const entries = (spec: ScrapeConfigSpec): readonly SdEntry<F>[] => (spec[m.field] ?? []) as readonly SdEntry<F>[];
  const at = (i: number) => `spec.${m.field}[${i}]`;
  return {
    field: m.field,
    key: m.key,
    ...(m.minVersion ? { minVersion: m.minVersion } : {}),
    ...(m.checkedWhenUnused ? { checkedWhenUnused: true } : {}),
    count: (spec) => entries(spec).length,
    validate: (ctx, spec, fail) => {
      const check = m.validate;
      if (check) entries(spec).forEach((c, i) => check(ctx, c, at(i), fail));
    },
    build: (ctx, spec) => entries(spec).map((c, i) => m.build(ctx, c, at(i))),
  };
}
