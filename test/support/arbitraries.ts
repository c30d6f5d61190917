/**
 * fast-check arbitraries for valid monitoring packages: namespaces,
 * ServiceMonitors, PodMonitors, Probes, PrometheusRules, the Secrets they
 * reference, one or two Prometheus resources selecting overlapping subsets,
 * and an Alertmanager with AlertmanagerConfigs. Every map-shaped field may
 * hold a key named like an inherited property (`__proto__`, `constructor`,
 * `prototype`, `toString`, `hasOwnProperty`): where Kubernetes checks the key
 * (labels, selectors, node selectors) one it accepts, elsewhere any of them.
 */
import fc from 'fast-check';
import type { KubeObject } from '../../src/krm/types.js';

const NAMESPACES = ['apps', 'data', 'monitoring', 'web'] as const;
const TEAMS = ['a', 'b'] as const;

/** Keys that name properties every JavaScript object inherits: in a map from input they are ordinary keys. */
export const PROTOTYPE_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty'] as const;
/** A key for maps Kubernetes does not check (params, headers, Secret keys, Prometheus labels), or none. */
const anyKey = fc.option(fc.constantFrom(...PROTOTYPE_KEYS), { nil: undefined });
/** A label key Kubernetes accepts (so not `__proto__`) that names an inherited property, or none. */
const labelKey = fc.option(fc.constantFrom('constructor', 'prototype', 'toString', 'hasOwnProperty'), { nil: undefined });

/** `map` with one more entry, written as an own key whatever its name (`__proto__` too). */
function withKey<T>(map: Record<string, T>, key: string | undefined, value: T): Record<string, T> {
  const out = { ...map };
  if (key !== undefined) Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
  return out;
}

const ns = fc.constantFrom(...NAMESPACES);
const team = fc.constantFrom(...TEAMS);
const name = fc.stringMatching(/^[a-z][a-z0-9-]{0,10}[a-z0-9]$/);
const interval = fc.option(fc.constantFrom('15s', '30s', '1m'), { nil: undefined });
const selector = fc.oneof(fc.constant({}), team.map((t) => ({ matchLabels: { team: t } })));

const serviceMonitorFields = { name, ns, team, endpoints: fc.integer({ min: 1, max: 2 }), interval, auth: fc.boolean(), label: labelKey, param: anyKey };
const serviceMonitor = fc.record(serviceMonitorFields).map(
  (m): KubeObject => ({
    apiVersion: 'monitoring.coreos.com/v1',
    kind: 'ServiceMonitor',
    metadata: { name: `sm-${m.name}`, namespace: m.ns, labels: withKey({ team: m.team }, m.label, 'x') },
    spec: {
      selector: { matchLabels: withKey({ app: m.name }, m.label, 'x') },
      endpoints: Array.from({ length: m.endpoints }, (_, i) => ({
        port: `port-${i}`,
        ...(m.interval ? { interval: m.interval } : {}),
        ...(m.param ? { params: withKey({}, m.param, ['x']) } : {}),
        ...(m.auth && i === 0 ? { basicAuth: { username: { name: 'scrape-auth', key: 'user' }, password: { name: 'scrape-auth', key: 'pass' } } } : {}),
      })),
    },
  }) as KubeObject,
);

const podMonitor = fc.record({ name, ns, team, label: labelKey, param: anyKey }).map(
  (m): KubeObject => ({
    apiVersion: 'monitoring.coreos.com/v1',
    kind: 'PodMonitor',
    metadata: { name: `pm-${m.name}`, namespace: m.ns, labels: withKey({ team: m.team }, m.label, 'x') },
    spec: {
      selector: { matchExpressions: m.label ? [{ key: m.label, operator: 'Exists' }] : [], matchLabels: { app: m.name } },
      podMetricsEndpoints: [{ port: 'metrics', ...(m.param ? { params: withKey({}, m.param, ['x']) } : {}) }],
    },
  }) as KubeObject,
);

const probe = fc.record({ name, ns, team, key: anyKey }).map(
  (m): KubeObject => ({
    apiVersion: 'monitoring.coreos.com/v1',
    kind: 'Probe',
    metadata: { name: `probe-${m.name}`, namespace: m.ns, labels: { team: m.team } },
    spec: {
      prober: { url: 'blackbox:9115' },
      module: 'http_2xx',
      ...(m.key ? { params: [{ name: m.key, values: ['x'] }] } : {}),
      targets: { staticConfig: { static: [`https://${m.name}.example.com`], labels: withKey({}, m.key, 'x') } },
    },
  }) as KubeObject,
);

const rule = fc.record({ name, ns, team, threshold: fc.integer({ min: 1, max: 99 }), key: anyKey }).map(
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
            {
              alert: 'TooManyErrors',
              expr: `rate(errors_total[5m]) > ${m.threshold}`,
              for: '5m',
              labels: withKey({ severity: 'warning' }, m.key, 'x'),
              annotations: withKey({}, m.key, 'x'),
            },
          ],
        },
      ],
    },
  }) as KubeObject,
);

const prometheusFields = { name, shards: fc.integer({ min: 1, max: 2 }), monitors: selector, rules: selector, allNamespaces: fc.boolean(), key: anyKey, label: labelKey };
const prometheus = fc.record(prometheusFields).map(
  (p): KubeObject => ({
    apiVersion: 'monitoring.coreos.com/v1',
    kind: 'Prometheus',
    metadata: { name: p.name, namespace: 'monitoring', labels: withKey({}, p.label, 'x'), annotations: withKey({}, p.label, 'x') },
    spec: {
      shards: p.shards,
      externalLabels: withKey({}, p.key, 'x'),
      nodeSelector: withKey({}, p.label, 'x'),
      podMetadata: { labels: withKey({}, p.label, 'x'), annotations: withKey({}, p.label, 'x') },
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

const alertmanagerConfig = fc.record({ name, ns, key: anyKey }).map(
  (c): KubeObject => ({
    apiVersion: 'monitoring.coreos.com/v1alpha1',
    kind: 'AlertmanagerConfig',
    metadata: { name: `amc-${c.name}`, namespace: c.ns, labels: { alertmanager: 'main' } },
    spec: {
      route: { receiver: 'hook', groupBy: ['alertname'], ...(c.key ? { matchers: [{ name: c.key, value: 'x' }] } : {}) },
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
        data: withKey({ user: Buffer.from('user').toString('base64'), pass: Buffer.from('pass').toString('base64') }, '__proto__', 'eA=='),
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
