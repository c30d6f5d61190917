import type { V1Container, V1DaemonSet, V1Service, V1StatefulSet } from '@kubernetes/client-node';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseYamlStream } from '../src/core/yaml.js';
import type { KubeObject } from '../src/krm/types.js';
import { find, renderYaml, secretText } from './support/harness.js';

const NAMESPACE = `
apiVersion: v1
kind: Namespace
metadata:
  name: monitoring
`;

const POD_MONITOR = `
apiVersion: monitoring.coreos.com/v1
kind: PodMonitor
metadata:
  name: app
  namespace: monitoring
  labels:
    team: edge
spec:
  selector:
    matchLabels:
      app: web
  podMetricsEndpoints:
  - port: metrics
`;

const SERVICE_MONITOR = `
apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata:
  name: api
  namespace: monitoring
  labels:
    team: edge
spec:
  selector:
    matchLabels:
      app: api
  endpoints:
  - port: http
`;

/** A PrometheusAgent `edge` in monitoring with the given spec lines (indented under spec). */
function agent(spec: string): string {
  const body = spec
    .trim()
    .split('\n')
    .map((l) => `  ${l}`)
    .join('\n');
  return `
apiVersion: monitoring.coreos.com/v1alpha1
kind: PrometheusAgent
metadata:
  name: edge
  namespace: monitoring
spec:
${body}
`;
}

function stream(...docs: string[]): string {
  return docs.map((d) => d.trim()).join('\n---\n');
}

const DAEMONSET_GATE = { featureGates: 'PrometheusAgentDaemonSet=true' };

function containerOf(pod: { spec?: { template: { spec?: { containers: V1Container[] } } } }, name: string): V1Container {
  const c = pod.spec?.template.spec?.containers.find((x) => x.name === name);
  assert.ok(c, `container ${name} exists`);
  return c as V1Container;
}

function configOf(items: readonly KubeObject[]): Record<string, unknown> {
  return parseYamlStream(secretText(find(items, 'Secret', 'monitoring', 'prom-agent-edge'), 'prometheus.yaml.gz'))[0] as Record<string, unknown>;
}

function errors(out: { results: { severity: string; message: string }[] }): string[] {
  return out.results.filter((r) => r.severity === 'error').map((r) => r.message);
}

test('StatefulSet mode renders prom-agent-<name> with the agent flags, no rules and the agent governing Service', () => {
  const out = renderYaml(stream(NAMESPACE, agent('version: v3.5.0\nwalCompression: true')));
  assert.equal(errors(out), []);
  const sts = find(out.items, 'StatefulSet', 'monitoring', 'prom-agent-edge') as unknown as V1StatefulSet;
  assert.is(sts.spec?.serviceName, 'prometheus-agent-operated');
  assert.is(sts.metadata?.labels?.['operator.prometheus.io/mode'], 'agent');
  assert.equal(sts.spec?.selector.matchLabels, {
    'app.kubernetes.io/instance': 'edge',
    'app.kubernetes.io/managed-by': 'prometheus-operator',
    'app.kubernetes.io/name': 'prometheus-agent',
    'operator.prometheus.io/name': 'edge',
    'operator.prometheus.io/shard': '0',
  });
  const prom = containerOf(sts, 'prometheus');
  assert.equal(prom.args, [
    '--config.file=/etc/prometheus/config_out/prometheus.env.yaml',
    '--web.enable-lifecycle',
    '--web.route-prefix=/',
    '--agent',
    '--storage.agent.path=/prometheus',
    '--storage.agent.wal-compression',
    '--web.config.file=/etc/prometheus/web_config/web-config.yaml',
  ]);
  assert.is(prom.image, 'quay.io/prometheus/prometheus:v3.5.0');
  assert.equal(
    sts.spec?.template.spec?.containers.map((c) => c.name),
    ['prometheus', 'config-reloader'],
  );
  // No rule ConfigMaps are mounted or watched.
  assert.not.ok(sts.spec?.template.spec?.volumes?.some((v) => v.name.includes('rulefiles')));
  const reloader = containerOf(sts, 'config-reloader');
  assert.not.ok(reloader.args?.some((a) => a.includes('/etc/prometheus/rules')));
  assert.ok(sts.spec?.template.spec?.volumes?.some((v) => v.name === 'prom-agent-edge-db' && v.emptyDir));
  const svc = find(out.items, 'Service', 'monitoring', 'prometheus-agent-operated') as unknown as V1Service;
  assert.equal(svc.spec?.selector, { 'app.kubernetes.io/name': 'prometheus-agent' });
  assert.equal(svc.spec?.ports, [{ name: 'web', port: 9090, targetPort: 'web' }]);
  assert.equal(
    out.items.filter((o) => o.kind === 'Secret').map((o) => `${o.metadata.namespace}/${o.metadata.name}`),
    ['monitoring/prom-agent-edge', 'monitoring/prom-agent-edge-tls-assets-0', 'monitoring/prom-agent-edge-web-config'],
  );
  assert.not.ok(out.items.some((o) => o.metadata.name === 'prometheus-operated'));
});

test('an agent without spec.remoteWrite renders, with a warning that its samples go nowhere', () => {
  const out = renderYaml(stream(NAMESPACE, agent('podMonitorSelector: {}')));
  assert.equal(errors(out), []);
  assert.ok(out.items.some((o) => o.kind === 'StatefulSet' && o.metadata.name === 'prom-agent-edge'));
  assert.equal(
    out.results.filter((r) => r.severity === 'warning').map((r) => [r.field?.path, r.message]),
    [['spec.remoteWrite', 'spec.remoteWrite is empty: an agent keeps no data you can query, so its samples are scraped and dropped; add a remote write endpoint']],
  );
});

test('Prometheus 2 runs the agent through --enable-feature=agent', () => {
  const out = renderYaml(stream(NAMESPACE, agent('version: v2.53.0\nwalCompression: false')));
  const prom = containerOf(find(out.items, 'StatefulSet', 'monitoring', 'prom-agent-edge') as unknown as V1StatefulSet, 'prometheus');
  assert.ok(prom.args?.includes('--enable-feature=agent'));
  assert.ok(prom.args?.includes('--no-storage.agent.wal-compression'));
  assert.not.ok(prom.args?.includes('--agent'));
});

test('shards become StatefulSets prom-agent-<name>-shard-<n> with their SHARD number', () => {
  const out = renderYaml(stream(NAMESPACE, agent('shards: 3')));
  const names = out.items.filter((o) => o.kind === 'StatefulSet').map((o) => o.metadata.name);
  assert.equal(names, ['prom-agent-edge', 'prom-agent-edge-shard-1', 'prom-agent-edge-shard-2']);
  const shard2 = find(out.items, 'StatefulSet', 'monitoring', 'prom-agent-edge-shard-2') as unknown as V1StatefulSet;
  assert.is(shard2.spec?.selector.matchLabels?.['operator.prometheus.io/shard'], '2');
  const env = containerOf(shard2, 'config-reloader').env ?? [];
  assert.equal(env.find((e) => e.name === 'SHARD'), { name: 'SHARD', value: '2' });
});

test('the config Secret holds the scrape jobs and remote_write, and no rule_files, alerting or evaluation settings', () => {
  const out = renderYaml(
    stream(
      NAMESPACE,
      agent(`
version: v3.5.0
podMonitorSelector:
  matchLabels:
    team: edge
serviceMonitorSelector:
  matchLabels:
    team: edge
remoteWrite:
- url: http://receive.thanos:19291/api/v1/receive
`),
      POD_MONITOR,
      SERVICE_MONITOR,
    ),
  );
  assert.equal(errors(out), []);
  const cfg = configOf(out.items);
  assert.equal(Object.keys(cfg), ['global', 'scrape_configs', 'remote_write']);
  assert.equal(cfg.global, {
    scrape_interval: '30s',
    external_labels: { prometheus: 'monitoring/edge', prometheus_replica: '$(POD_NAME)' },
  });
  // The agent writes PodMonitor jobs before ServiceMonitor jobs.
  const jobs = cfg.scrape_configs as Array<{ job_name: string }>;
  assert.equal(
    jobs.map((j) => j.job_name),
    ['podMonitor/monitoring/app/0', 'serviceMonitor/monitoring/api/0'],
  );
  assert.equal(cfg.remote_write, [{ url: 'http://receive.thanos:19291/api/v1/receive' }]);
});

test('DaemonSet mode renders a DaemonSet, no StatefulSet and no governing Service', () => {
  const out = renderYaml(stream(NAMESPACE, agent('mode: DaemonSet\nversion: v3.5.0')), DAEMONSET_GATE);
  assert.equal(errors(out), []);
  assert.not.ok(out.items.some((o) => o.kind === 'StatefulSet'));
  assert.not.ok(out.items.some((o) => o.kind === 'Service'));
  const ds = find(out.items, 'DaemonSet', 'monitoring', 'prom-agent-edge') as unknown as V1DaemonSet;
  assert.is(ds.metadata?.labels?.['operator.prometheus.io/mode'], 'agent');
  assert.not.ok(ds.spec?.selector.matchLabels?.['operator.prometheus.io/shard']);
  assert.not.ok(ds.metadata?.annotations?.['prometheus-operator-input-hash']);
  const prom = containerOf(ds, 'prometheus');
  assert.not.ok(prom.volumeMounts?.some((m) => m.mountPath === '/prometheus'), 'no data volume in DaemonSet mode');
  const reloader = containerOf(ds, 'config-reloader');
  assert.equal(
    reloader.env?.find((e) => e.name === 'NODE_NAME'),
    { name: 'NODE_NAME', valueFrom: { fieldRef: { fieldPath: 'spec.nodeName' } } },
  );
  assert.ok(reloader.args?.includes('--web-config-file=/etc/prometheus/web_config/web-config.yaml'));
});

test('DaemonSet mode discovers only PodMonitor pods of its own node, without sharding', () => {
  const out = renderYaml(
    stream(
      NAMESPACE,
      agent(`
mode: DaemonSet
podMonitorSelector:
  matchLabels:
    team: edge
remoteWrite:
- url: http://receive.thanos:19291/api/v1/receive
`),
      POD_MONITOR,
      SERVICE_MONITOR,
    ),
    DAEMONSET_GATE,
  );
  assert.equal(errors(out), []);
  const jobs = configOf(out.items).scrape_configs as Array<Record<string, unknown>>;
  assert.equal(
    jobs.map((j) => j.job_name),
    ['podMonitor/monitoring/app/0'],
  );
  assert.equal(jobs[0]?.kubernetes_sd_configs, [
    { role: 'pod', namespaces: { names: ['monitoring'] }, selectors: [{ role: 'pod', field: 'spec.nodeName=$(NODE_NAME)' }] },
  ]);
  const relabelings = jobs[0]?.relabel_configs as Array<Record<string, unknown>>;
  assert.not.ok(relabelings.some((r) => r.action === 'hashmod'), 'no sharding relabelings');
});

test('DaemonSet mode needs the PrometheusAgentDaemonSet feature gate', () => {
  const out = renderYaml(stream(NAMESPACE, agent('mode: DaemonSet')));
  assert.ok(errors(out).some((m) => m.includes('PrometheusAgentDaemonSet')));
  assert.not.ok(out.items.some((o) => o.kind === 'DaemonSet'));
});

test('DaemonSet mode refuses fields the CRD forbids in that mode', () => {
  const out = renderYaml(stream(NAMESPACE, agent('mode: DaemonSet\nreplicas: 2\nserviceMonitorSelector: {}')), DAEMONSET_GATE);
  const problems = errors(out);
  assert.ok(problems.some((m) => m.includes('spec.replicas cannot be set')));
  assert.ok(problems.some((m) => m.includes('spec.serviceMonitorSelector cannot be set')));
});

test('the out-of-order window needs Prometheus 2.54.0 in the agent (2.39.0 in the server): older versions drop it with a warning', () => {
  const out = renderYaml(stream(NAMESPACE, agent('version: v2.53.0\ntsdb:\n  outOfOrderTimeWindow: 10m')));
  assert.equal(errors(out), []);
  assert.not.ok('storage' in configOf(out.items));
  const warning = out.results.find((r) => r.severity === 'warning' && r.field?.path === 'spec.tsdb.outOfOrderTimeWindow');
  assert.ok(warning, `a warning names spec.tsdb.outOfOrderTimeWindow (got ${JSON.stringify(out.results)})`);

  const newer = renderYaml(stream(NAMESPACE, agent('version: v2.54.0\ntsdb:\n  outOfOrderTimeWindow: 10m')));
  assert.equal(configOf(newer.items).storage, { tsdb: { out_of_order_time_window: '10m' } });
});

test.run();
