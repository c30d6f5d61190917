/**
 * fast-check arbitraries for valid monitoring packages: namespaces,
 * ServiceMonitors, PodMonitors, Probes, PrometheusRules, the Secrets they
 * reference, one or two Prometheus resources selecting overlapping subsets,
 * and an Alertmanager with AlertmanagerConfigs.
 */
import fc from 'fast-check';
import type { KubeObject } from '../../src/krm/types.js';

const NAMESPACES = ['apps', 'data', 'monitoring', 'web'] as const;
const TEAMS = ['a', 'b'] as const;

const ns = fc.constantFrom(...NAMESPACES);
const team = fc.constantFrom(...TEAMS);
const name = fc.stringMatching(/^[a-z][a-z0-9-]{0,10}[a-z0-9]$/);
const interval = fc.option(fc.constantFrom('15s', '30s', '1m'), { nil: undefined });
const selector = fc.oneof(fc.constant({}), team.map((t) => ({ matchLabels: { team: t } })));

const serviceMonitor = fc.record({ name, ns, team, endpoints: fc.integer({ min: 1, max: 2 }), interval, auth: fc.boolean() }).map(
  (m): KubeObject => ({
    apiVersion: 'monitoring.coreos.com/v1',
    kind: 'ServiceMonitor',
    metadata: { name: `sm-${m.name}`, namespace: m.ns, labels: { team: m.team } },
    spec: {
      selector: { matchLabels: { app: m.name } },
      endpoints: Array.from({ length: m.endpoints }, (_, i) => ({
        port: `port-${i}`,
        ...(m.interval ? { interval: m.interval } : {}),
        ...(m.auth && i === 0 ? { basicAuth: { username: { name: 'scrape-auth', key: 'user' }, password: { name: 'scrape-auth', key: 'pass' } } } : {}),
      })),
    },
  }) as KubeObject,
);

const podMonitor = fc.record({ name, ns, team }).map(
  (m): KubeObject => ({
    apiVersion: 'monitoring.coreos.com/v1',
    kind: 'PodMonitor',
    metadata: { name: `pm-${m.name}`, namespace: m.ns, labels: { team: m.team } },
    spec: { selector: { matchLabels: { app: m.name } }, podMetricsEndpoints: [{ port: 'metrics' }] },
  }) as KubeObject,
);

const probe = fc.record({ name, ns, team }).map(
  (m): KubeObject => ({
    apiVersion: 'monitoring.coreos.com/v1',
    kind: 'Probe',
    metadata: { name: `probe-${m.name}`, namespace: m.ns, labels: { team: m.team } },
    spec: { prober: { url: 'blackbox:9115' }, module: 'http_2xx', targets: { staticConfig: { static: [`https://${m.name}.example.com`] } } },
  }) as KubeObject,
);

const rule = fc.record({ name, ns, team, threshold: fc.integer({ min: 1, max: 99 }) }).map(
  (m): KubeObject => ({
    apiVersion: 'monitoring.coreos.com/v1',
    kind: 'PrometheusRule',
    metadata: { name: `rules-${m.name}`, namespace: m.ns, labels: { team: m.team } },
    spec: {
      groups: [
        {
          name: `group-${m.name}`,
          rules: [
            { record: 'job:up:sum', expr: 'sum by (job) (up)' },
            { alert: 'TooManyErrors', expr: `rate(errors_total[5m]) > ${m.threshold}`, for: '5m', labels: { severity: 'warning' } },
          ],
        },
      ],
    },
  }) as KubeObject,
);

const prometheus = fc.record({ name, shards: fc.integer({ min: 1, max: 2 }), monitors: selector, rules: selector, allNamespaces: fc.boolean() }).map(
  (p): KubeObject => ({
    apiVersion: 'monitoring.coreos.com/v1',
    kind: 'Prometheus',
    metadata: { name: p.name, namespace: 'monitoring' },
    spec: {
      shards: p.shards,
      serviceMonitorSelector: p.monitors,
      podMonitorSelector: p.monitors,
      probeSelector: p.monitors,
      ruleSelector: p.rules,
      ...(p.allNamespaces
        ? { serviceMonitorNamespaceSelector: {}, podMonitorNamespaceSelector: {}, probeNamespaceSelector: {}, ruleNamespaceSelector: {} }
        : {}),
    },
  }) as KubeObject,
);

const alertmanagerConfig = fc.record({ name, ns }).map(
  (c): KubeObject => ({
    apiVersion: 'monitoring.coreos.com/v1alpha1',
    kind: 'AlertmanagerConfig',
    metadata: { name: `amc-${c.name}`, namespace: c.ns, labels: { alertmanager: 'main' } },
    spec: {
      route: { receiver: 'hook', groupBy: ['alertname'] },
      receivers: [{ name: 'hook', webhookConfigs: [{ url: `https://hooks.example.com/${c.name}` }] }],
    },
  }) as KubeObject,
);

const support: KubeObject[] = [
  ...NAMESPACES.map((n, i) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: n, labels: { team: TEAMS[i % 2] as string } } }) as KubeObject),
  ...NAMESPACES.map(
    (n) =>
      ({
        apiVersion: 'v1',
        kind: 'Secret',
        metadata: { name: 'scrape-auth', namespace: n },
        data: { user: Buffer.from('user').toString('base64'), pass: Buffer.from('pass').toString('base64') },
      }) as KubeObject,
  ),
  {
    apiVersion: 'monitoring.coreos.com/v1',
    kind: 'Alertmanager',
    metadata: { name: 'main', namespace: 'monitoring' },
    spec: { replicas: 2, alertmanagerConfigSelector: { matchLabels: { alertmanager: 'main' } }, alertmanagerConfigNamespaceSelector: {} },
  } as KubeObject,
  // The base configuration the selected AlertmanagerConfigs merge into.
  {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: 'alertmanager-main', namespace: 'monitoring' },
    stringData: { 'alertmanager.yaml': 'route: {receiver: default}\nreceivers: [{name: default}]\n' },
  } as KubeObject,
];

/** Objects unique by kind, namespace and name: the first of each identity wins. */
function unique(objects: readonly KubeObject[]): KubeObject[] {
  const seen = new Set<string>();
  return objects.filter((o) => {
    const key = `${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** A valid package: every reference resolves, no two objects share an identity. */
export const monitoringPackage: fc.Arbitrary<KubeObject[]> = fc
  .tuple(
    fc.array(prometheus, { minLength: 1, maxLength: 2 }),
    fc.array(serviceMonitor, { maxLength: 6 }),
    fc.array(podMonitor, { maxLength: 3 }),
    fc.array(probe, { maxLength: 2 }),
    fc.array(rule, { maxLength: 3 }),
    fc.array(alertmanagerConfig, { maxLength: 2 }),
  )
  .map(([proms, sms, pms, probes, rules, amcs]) => unique([...support, ...proms, ...sms, ...pms, ...probes, ...rules, ...amcs]));
