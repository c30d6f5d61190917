import type { PodMonitor } from '../../../api/types.js';
import type { ConfigContext, Doc } from '../context.js';

/** One scrape job per podMetricsEndpoint, named `podMonitor/<namespace>/<name>/<i>`. */
export function podMonitorJobs(ctx: ConfigContext, pm: PodMonitor, shards: number): Doc[] {
  void ctx;
  void shards;
  return (pm.spec?.podMetricsEndpoints ?? []).map((_, i) => ({ job_name: `podMonitor/${pm.metadata?.namespace}/${pm.metadata?.name}/${i}` }));
}
