import type { ServiceMonitor } from '../../../api/types.js';
import type { ConfigContext, Doc } from '../context.js';

/**
 * One scrape job per endpoint of a ServiceMonitor, named
 * `serviceMonitor/<namespace>/<name>/<i>`, as the operator generates them.
 * `ctx` is a monitor context: problems go to ctx.fail and reject the monitor.
 */
export function serviceMonitorJobs(ctx: ConfigContext, sm: ServiceMonitor, shards: number): Doc[] {
  void ctx;
  void shards;
  return (sm.spec?.endpoints ?? []).map((_, i) => ({ job_name: `serviceMonitor/${sm.metadata?.namespace}/${sm.metadata?.name}/${i}` }));
}
