/**
 * What differs between a Prometheus server and a PrometheusAgent, in one
 * table. The operator keeps two copies of the reconcile
 * (pkg/prometheus/server, pkg/prometheus/agent); here one renderer
 * (render.ts) reads the row of the resource's mode. Where the operator's
 * copies disagree in a detail (the selector's `prometheus` label, the
 * agent's image ignoring spec.tag and spec.sha, the DaemonSet's web config),
 * the builder branches on the mode with a comment.
 */

/** Which binary the resource runs: the full server, or the agent (scrape and remote write only). */
export type PrometheusMode = 'server' | 'agent';

export interface Mode {
  /** Name prefix of every object generated: `prometheus-<name>`, `prom-agent-<name>`. */
  readonly prefix: string;
  /** `app.kubernetes.io/name` of the pods, which the governing Service selects on. */
  readonly appName: string;
  /** The headless Service shared by every StatefulSet of the mode in a namespace. */
  readonly governingService: string;
  /** Evaluates rules: the rule ConfigMaps are rendered, mounted and watched. */
  readonly rules: boolean;
  /** Without a monitor selector the configuration is the user's ("bring your own config"). */
  readonly userConfig: boolean;
  /** Can run a Thanos sidecar, whose HTTP client Secret is then always written. */
  readonly thanosSidecar: boolean;
}

export const MODES: Readonly<Record<PrometheusMode, Mode>> = {
  server: { prefix: 'prometheus', appName: 'prometheus', governingService: 'prometheus-operated', rules: true, userConfig: true, thanosSidecar: true },
  agent: { prefix: 'prom-agent', appName: 'prometheus-agent', governingService: 'prometheus-agent-operated', rules: false, userConfig: false, thanosSidecar: false },
};
