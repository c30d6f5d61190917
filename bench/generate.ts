/**
 * Synthetic monitoring packages for the benchmark. Deterministic: the same
 * size always gives the same objects (a small seeded generator, no clock).
 *
 * L is the "largest monitoring setup": 500 namespaces, 10,000
 * ServiceMonitors with 2 endpoints each, 2,000 PodMonitors, 200 Probes,
 * 3,000 PrometheusRules holding 30,000 rules, 500 AlertmanagerConfigs,
 * 4 Prometheus resources (2 shards each) selecting overlapping subsets,
 * 1 Alertmanager and the Secrets they reference. M is a tenth of L.
 */
import type { KubeObject } from '../src/krm/types.js';

export interface PackageSize {
  readonly namespaces: number;
  readonly serviceMonitors: number;
  readonly podMonitors: number;
  readonly probes: number;
  readonly prometheusRules: number;
  readonly rulesPerObject: number;
  readonly alertmanagerConfigs: number;
}

export const SIZES: Readonly<Record<'M' | 'L', PackageSize>> = {
  M: { namespaces: 50, serviceMonitors: 1000, podMonitors: 200, probes: 20, prometheusRules: 300, rulesPerObject: 10, alertmanagerConfigs: 50 },
  L: { namespaces: 500, serviceMonitors: 10000, podMonitors: 2000, probes: 200, prometheusRules: 3000, rulesPerObject: 10, alertmanagerConfigs: 500 },
};

const TEAMS = ['frontend', 'backend', 'data', 'platform'] as const;

/** A tiny linear congruential generator: reproducible choices without Math.random. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const ns = (i: number) => `team-${String(i).padStart(3, '0')}`;

export function generatePackage(size: PackageSize): KubeObject[] {
  const rand = seeded(42);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)] as T;
  const out: KubeObject[] = [];

  for (let i = 0; i < size.namespaces; i++) {
    out.push({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns(i), labels: { team: TEAMS[i % TEAMS.length] as string, monitoring: 'enabled' } } });
    // Credentials the monitors of this namespace use.
    out.push({
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'scrape-auth', namespace: ns(i) },
      type: 'Opaque',
      data: { username: Buffer.from(`user-${i}`).toString('base64'), password: Buffer.from(`pw-${i}-${Math.floor(rand() * 1e9)}`).toString('base64') },
    } as KubeObject);
  }
  out.push({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'monitoring' } });

  for (let i = 0; i < size.serviceMonitors; i++) {
    const team = pick(TEAMS);
    const withAuth = i % 5 === 0;
    out.push({
      apiVersion: 'monitoring.coreos.com/v1',
      kind: 'ServiceMonitor',
      metadata: { name: `app-${i}`, namespace: ns(i % size.namespaces), labels: { team } },
      spec: {
        selector: { matchLabels: { app: `app-${i}` } },
        endpoints: [
          {
            port: 'http-metrics',
            interval: '30s',
            ...(withAuth ? { basicAuth: { username: { name: 'scrape-auth', key: 'username' }, password: { name: 'scrape-auth', key: 'password' } } } : {}),
            relabelings: [{ sourceLabels: ['__meta_kubernetes_pod_node_name'], targetLabel: 'node' }],
          },
          { port: 'admin', path: '/admin/metrics', metricRelabelings: [{ sourceLabels: ['__name__'], regex: 'go_.*', action: 'drop' }] },
        ],
      },
    } as KubeObject);
  }

  for (let i = 0; i < size.podMonitors; i++) {
    out.push({
      apiVersion: 'monitoring.coreos.com/v1',
      kind: 'PodMonitor',
      metadata: { name: `pods-${i}`, namespace: ns(i % size.namespaces), labels: { team: pick(TEAMS) } },
      spec: { selector: { matchLabels: { app: `pods-${i}` } }, podMetricsEndpoints: [{ port: 'metrics' }] },
    } as KubeObject);
  }

  for (let i = 0; i < size.probes; i++) {
    out.push({
      apiVersion: 'monitoring.coreos.com/v1',
      kind: 'Probe',
      metadata: { name: `probe-${i}`, namespace: ns(i % size.namespaces), labels: { team: pick(TEAMS) } },
      spec: {
        prober: { url: 'blackbox-exporter.monitoring.svc:9115' },
        module: 'http_2xx',
        targets: { staticConfig: { static: [`https://service-${i}.example.com`] } },
      },
    } as KubeObject);
  }

  for (let i = 0; i < size.prometheusRules; i++) {
    // Expressions differ per object (service-${i}), so no expression-level cache can skip the parsing.
    const rules = Array.from({ length: size.rulesPerObject }, (_, r) =>
      r % 2 === 0
        ? { record: `job:http_requests:rate5m_${r}`, expr: `sum by (job) (rate(http_requests_total{service="service-${i}", code=~"5..", shard="${r}"}[5m]))` }
        : {
            alert: `HighErrorRate${r}`,
            expr: `sum by (job) (rate(http_requests_total{service="service-${i}", code=~"5.."}[5m])) / sum by (job) (rate(http_requests_total{service="service-${i}"}[5m])) > 0.0${r}`,
            for: '10m',
            labels: { severity: r % 3 === 0 ? 'critical' : 'warning' },
            annotations: { summary: `Error rate above threshold for {{ $labels.job }}` },
          },
    );
    out.push({
      apiVersion: 'monitoring.coreos.com/v1',
      kind: 'PrometheusRule',
      metadata: { name: `rules-${i}`, namespace: ns(i % size.namespaces), labels: { team: pick(TEAMS), role: 'alert-rules' } },
      spec: { groups: [{ name: `group-${i}`, rules }] },
    } as KubeObject);
  }

  for (let i = 0; i < size.alertmanagerConfigs; i++) {
    out.push({
      apiVersion: 'monitoring.coreos.com/v1alpha1',
      kind: 'AlertmanagerConfig',
      metadata: { name: `routing-${i}`, namespace: ns(i % size.namespaces), labels: { alertmanager: 'main' } },
      spec: {
        route: { receiver: 'team-webhook', groupBy: ['alertname', 'job'], matchers: [{ name: 'severity', value: 'critical' }] },
        receivers: [{ name: 'team-webhook', webhookConfigs: [{ url: `https://hooks.example.com/team/${i}` }] }],
      },
    } as KubeObject);
  }

  // Four Prometheus resources: one per team (overlapping namespace sets) and one for everything.
  const selectors = [
    { name: 'frontend', monitors: { matchExpressions: [{ key: 'team', operator: 'In', values: ['frontend', 'backend'] }] } },
    { name: 'backend', monitors: { matchExpressions: [{ key: 'team', operator: 'In', values: ['backend', 'data'] }] } },
    { name: 'data', monitors: { matchLabels: { team: 'data' } } },
    { name: 'global', monitors: {} },
  ];
  for (const s of selectors) {
    out.push({
      apiVersion: 'monitoring.coreos.com/v1',
      kind: 'Prometheus',
      metadata: { name: s.name, namespace: 'monitoring' },
      spec: {
        shards: 2,
        replicas: 2,
        serviceMonitorSelector: s.monitors,
        serviceMonitorNamespaceSelector: { matchLabels: { monitoring: 'enabled' } },
        podMonitorSelector: s.monitors,
        podMonitorNamespaceSelector: { matchLabels: { monitoring: 'enabled' } },
        probeSelector: s.monitors,
        probeNamespaceSelector: { matchLabels: { monitoring: 'enabled' } },
        ruleSelector: { matchLabels: { role: 'alert-rules', ...(s.name === 'global' ? {} : { team: s.name }) } },
        ruleNamespaceSelector: {},
        alerting: { alertmanagers: [{ namespace: 'monitoring', name: 'alertmanager-main', port: 'web' }] },
      },
    } as KubeObject);
  }
  out.push({
    apiVersion: 'monitoring.coreos.com/v1',
    kind: 'Alertmanager',
    metadata: { name: 'main', namespace: 'monitoring' },
    spec: { replicas: 3, alertmanagerConfigSelector: { matchLabels: { alertmanager: 'main' } }, alertmanagerConfigNamespaceSelector: {} },
  } as KubeObject);
  // The base configuration the AlertmanagerConfigs merge into.
  out.push({
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: 'alertmanager-main', namespace: 'monitoring' },
    stringData: { 'alertmanager.yaml': 'route: {receiver: default}\nreceivers: [{name: default}]\n' },
  } as KubeObject);
  return out;
}

/**
 * The scale budgets of a shared repository (one Prometheus selecting every
 * team's objects): `serviceMonitors` ServiceMonitors, or `rules` rules in
 * PrometheusRules of 100 rules each, spread over 100 namespaces and all
 * selected by one Prometheus. Deterministic, like generatePackage.
 */
export function generateScalePackage(what: { readonly serviceMonitors?: number; readonly rules?: number }): KubeObject[] {
  const namespaces = 100;
  const out: KubeObject[] = [{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'monitoring' } }];
  for (let i = 0; i < namespaces; i++) out.push({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns(i) } });
  for (let i = 0; i < (what.serviceMonitors ?? 0); i++) {
    out.push({
      apiVersion: 'monitoring.coreos.com/v1',
      kind: 'ServiceMonitor',
      metadata: { name: `app-${i}`, namespace: ns(i % namespaces) },
      spec: {
        selector: { matchLabels: { app: `app-${i}` } },
        endpoints: [{ port: 'http-metrics', interval: '30s', relabelings: [{ sourceLabels: ['__meta_kubernetes_pod_node_name'], targetLabel: 'node' }] }],
      },
    } as KubeObject);
  }
  const perObject = 100;
  for (let i = 0; i < Math.ceil((what.rules ?? 0) / perObject); i++) {
    const rules = Array.from({ length: perObject }, (_, r) =>
      r % 2 === 0
        ? { record: `job:http_requests:rate5m_${r}`, expr: `sum by (job) (rate(http_requests_total{service="service-${i}", shard="${r}"}[5m]))` }
        : { alert: `HighErrorRate${r}`, expr: `rate(http_requests_total{service="service-${i}", code=~"5.."}[5m]) > 0.${r}`, for: '10m', labels: { severity: 'warning' } },
    );
    out.push({
      apiVersion: 'monitoring.coreos.com/v1',
      kind: 'PrometheusRule',
      metadata: { name: `rules-${i}`, namespace: ns(i % namespaces) },
      spec: { groups: [{ name: `group-${i}`, rules }] },
    } as KubeObject);
  }
  out.push({
    apiVersion: 'monitoring.coreos.com/v1',
    kind: 'Prometheus',
    metadata: { name: 'shared', namespace: 'monitoring' },
    spec: {
      serviceMonitorSelector: {},
      serviceMonitorNamespaceSelector: {},
      ruleSelector: {},
      ruleNamespaceSelector: {},
    },
  } as KubeObject);
  return out;
}
