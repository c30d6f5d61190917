import type { Probe } from '../../../api/types.js';
import type { ConfigContext, Doc } from '../context.js';

/** The scrape job of a Probe, named `probe/<namespace>/<name>`. */
export function probeJobs(ctx: ConfigContext, probe: Probe, shards: number): Doc[] {
  void ctx;
  void shards;
  return [{ job_name: `probe/${probe.metadata?.namespace}/${probe.metadata?.name}` }];
}
