/**
 * What one service-discovery mechanism of a ScrapeConfig is: the CRD field
 * holding its list, the key Prometheus reads, the version checks the
 * operator's selector makes, and a builder for one list entry. The registry
 * in `index.ts` lists them in the order the operator writes them.
 */
import type { Fail } from '../../../../selection/context.js';
import type { ConfigContext, Doc } from '../../context.js';

/**
 * One SD config entry as it comes from the ScrapeConfig. Its fields differ
 * per mechanism and the object passed the CRD schema check, so builders read
 * them directly.
 */
export type SdConfig = Record<string, any>;

export interface SdMechanism {
  /** The ScrapeConfig spec field holding the list, e.g. `ec2SDConfigs`. */
  readonly field: string;
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
  readonly validate?: (ctx: ConfigContext, config: SdConfig, field: string, fail: Fail) => void;
  /** One entry of the list, keys in the operator's order. `ctx` is the ScrapeConfig's context. */
  readonly build: (ctx: ConfigContext, config: SdConfig, field: string) => Doc;
}
