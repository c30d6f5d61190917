/**
 * Scrape jobs generated from ServiceMonitors, PodMonitors and Probes: names,
 * relabelings, credentials read from Secrets, TLS assets, scrape classes,
 * sharding, and the rejection of a monitor whose Secret is missing.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseYamlStream } from '../src/core/yaml.js';
import type { KubeObject, Result } from '../src/krm/types.js';
import { SELF_SIGNED_CERT } from './support/certs.js';
import { find, readList, renderYaml, resourceList, runBin, secretText } from './support/harness.js';

type Job = Record<string, unknown> & { job_name: string; relabel_configs: Record<string, unknown>[] };

const PROMETHEUS = `
apiVersion: monitoring.coreos.com/v1
kind: Prometheus
metadata: {name: k8s, namespace: monitoring}
spec:
  version: v3.5.0
  serviceMonitorSelector: {}
  serviceMonitorNamespaceSelector: {}
  podMonitorSelector: {}
  podMonitorNamespaceSelector: {}
  probeSelector: {}
  probeNamespaceSelector: {}
`;

const CA = `${SELF_SIGNED_CERT}\n`;

/** The Prometheus with extra lines appended to its spec, then more objects. */
function input(specExtra: string, ...objects: string[]): string {
  return [PROMETHEUS + specExtra, ...objects].join('\n---\n');
}

function jobs(items: readonly KubeObject[]): Job[] {
  const cfg = parseYamlStream(secretText(find(items, 'Secret', 'monitoring', 'prometheus-k8s'), 'prometheus.yaml.gz'))[0] as { scrape_configs: Job[] };
  return cfg.scrape_configs;
}

function job(items: readonly KubeObject[], name: string): Job {
  const found = jobs(items).find((j) => j.job_name === name);
  if (!found) throw new Error(`no job ${name} among ${jobs(items).map((j) => j.job_name).join(', ')}`);
  return found;
}

const notInfo = (results: readonly Result[]) => results.filter((r) => r.severity !== 'info');

const SHARDING_TAIL = [
  { target_label: '__tmp_current_shard', replacement: '$(SHARD)', action: 'replace' },
  { source_labels: ['__tmp_current_shard'], regex: '0', action: 'keep' },
  { source_labels: ['__address__', '__tmp_hash'], target_label: '__tmp_hash', regex: '(.+);', replacement: '$1', action: 'replace' },
  { source_labels: ['__tmp_hash'], target_label: '__tmp_hash', modulus: 1, action: 'hashmod' },
  { source_labels: ['__tmp_hash', '__tmp_disable_sharding'], regex: '$(SHARD);|.+;.+', action: 'keep' },
];

test('a ServiceMonitor gets one job per endpoint, named after it, with the operator relabelings', () => {
  const out = renderYaml(
    input(
      '',
      `apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata: {name: api, namespace: apps}
spec:
  selector: {matchLabels: {app.kubernetes.io/name: api}}
  jobLabel: team
  targetLabels: [tier]
  endpoints:
  - port: web
    interval: 15s
    path: /metrics
    relabelings:
    - {sourceLabels: [__meta_kubernetes_pod_node_name], targetLabel: instance_node, action: Replace}
  - port: admin
    scheme: HTTPS`,
    ),
  );
  assert.equal(notInfo(out.results), []);
  assert.equal(
    jobs(out.items).map((j) => j.job_name),
    ['serviceMonitor/apps/api/0', 'serviceMonitor/apps/api/1'],
  );
  const first = job(out.items, 'serviceMonitor/apps/api/0');
  assert.equal(Object.keys(first), ['job_name', 'honor_labels', 'kubernetes_sd_configs', 'scrape_interval', 'metrics_path', 'relabel_configs']);
  assert.equal(first.kubernetes_sd_configs, [{ role: 'endpoints', namespaces: { names: ['apps'] } }]);
  assert.equal(first.relabel_configs.slice(0, 3), [
    { source_labels: ['job'], target_label: '__tmp_prometheus_job_name' },
    {
      action: 'keep',
      source_labels: ['__meta_kubernetes_service_label_app_kubernetes_io_name', '__meta_kubernetes_service_labelpresent_app_kubernetes_io_name'],
      regex: '(api);true',
    },
    { action: 'keep', source_labels: ['__meta_kubernetes_endpoint_port_name'], regex: 'web' },
  ]);
  assert.equal(first.relabel_configs.slice(10, 16), [
    { source_labels: ['__meta_kubernetes_service_label_tier'], target_label: 'tier', regex: '(.+)', replacement: '${1}' },
    { source_labels: ['__meta_kubernetes_service_name'], target_label: 'job', replacement: '${1}' },
    { source_labels: ['__meta_kubernetes_service_label_team'], target_label: 'job', regex: '(.+)', replacement: '${1}' },
    { target_label: 'endpoint', replacement: 'web' },
    { source_labels: ['__meta_kubernetes_pod_node_name'], target_label: 'instance_node', action: 'replace' },
    SHARDING_TAIL[0],
  ]);
  assert.equal(job(out.items, 'serviceMonitor/apps/api/1').scheme, 'https');
});

test('a PodMonitor job discovers pods and names the job after the monitor', () => {
  const out = renderYaml(
    input(
      '',
      `apiVersion: monitoring.coreos.com/v1
kind: PodMonitor
metadata: {name: workers, namespace: apps}
spec:
  selector: {matchExpressions: [{key: role, operator: In, values: [worker, batch]}]}
  podMetricsEndpoints:
  - portNumber: 9102
    honorLabels: true
    filterRunning: false`,
    ),
  );
  assert.equal(notInfo(out.results), []);
  const pm = job(out.items, 'podMonitor/apps/workers/0');
  assert.equal(pm.honor_labels, true);
  assert.equal(pm.kubernetes_sd_configs, [{ role: 'pod', namespaces: { names: ['apps'] } }]);
  assert.equal(pm.relabel_configs.slice(0, 7), [
    { source_labels: ['job'], target_label: '__tmp_prometheus_job_name' },
    { action: 'keep', source_labels: ['__meta_kubernetes_pod_label_role', '__meta_kubernetes_pod_labelpresent_role'], regex: '(worker|batch);true' },
    { action: 'keep', source_labels: ['__meta_kubernetes_pod_container_port_number'], regex: 9102 },
    { source_labels: ['__meta_kubernetes_namespace'], target_label: 'namespace' },
    { source_labels: ['__meta_kubernetes_pod_container_name'], target_label: 'container' },
    { source_labels: ['__meta_kubernetes_pod_name'], target_label: 'pod' },
    { target_label: 'job', replacement: 'apps/workers' },
  ]);
});

test('a Probe with static targets hands them to the prober, one with an ingress discovers ingresses', () => {
  const probe = (name: string, targets: string) => `apiVersion: monitoring.coreos.com/v1
kind: Probe
metadata: {name: ${name}, namespace: apps}
spec:
  module: http_2xx
  prober: {url: 'blackbox:9115', scheme: HTTP, path: /probe}
  targets:
${targets}`;
  const out = renderYaml(
    input(
      '',
      probe('sites', '    staticConfig: {static: [example.com], labels: {site: public}}'),
      probe('ingresses', '    ingress: {selector: {matchLabels: {probe: "yes"}}, namespaceSelector: {any: true}}'),
    ),
  );
  assert.equal(notInfo(out.results), []);
  const sites = job(out.items, 'probe/apps/sites');
  assert.equal(Object.keys(sites), ['job_name', 'honor_timestamps', 'metrics_path', 'scheme', 'params', 'static_configs', 'relabel_configs']);
  assert.equal(sites.params, { module: ['http_2xx'] });
  assert.equal(sites.static_configs, [{ targets: ['example.com'], labels: { namespace: 'apps', site: 'public' } }]);
  assert.equal(sites.relabel_configs.slice(1, 4), [
    { source_labels: ['__address__'], target_label: '__param_target' },
    { source_labels: ['__param_target'], target_label: 'instance' },
    { target_label: '__address__', replacement: 'blackbox:9115' },
  ]);
  assert.equal(sites.relabel_configs[6], {
    source_labels: ['__param_target', '__tmp_hash'],
    target_label: '__tmp_hash',
    regex: '(.+);',
    replacement: '$1',
    action: 'replace',
  });

  const ingresses = job(out.items, 'probe/apps/ingresses');
  assert.equal(ingresses.kubernetes_sd_configs, [{ role: 'ingress' }]);
  assert.equal(ingresses.relabel_configs[1], {
    action: 'keep',
    source_labels: ['__meta_kubernetes_ingress_label_probe', '__meta_kubernetes_ingress_labelpresent_probe'],
    regex: '(yes);true',
  });
  assert.equal(ingresses.relabel_configs[2], {
    source_labels: ['__meta_kubernetes_ingress_scheme', '__address__', '__meta_kubernetes_ingress_path'],
    separator: ';',
    regex: '(.+);(.+);(.+)',
    target_label: '__param_target',
    replacement: '${1}://${2}${3}',
    action: 'replace',
  });
});

test('basicAuth credentials are read from the Secret in the monitor namespace and written inline', () => {
  const out = renderYaml(
    input(
      '',
      `apiVersion: v1
kind: Secret
metadata: {name: creds, namespace: apps}
stringData: {user: scraper, pass: s3cret}`,
      `apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata: {name: api, namespace: apps}
spec:
  selector: {}
  endpoints:
  - port: web
    basicAuth:
      username: {name: creds, key: user}
      password: {name: creds, key: pass}`,
    ),
  );
  assert.equal(notInfo(out.results), []);
  assert.equal(job(out.items, 'serviceMonitor/apps/api/0').basic_auth, { username: 'scraper', password: 's3cret' });
});

test('a TLS CA from a Secret is copied to the tls-assets Secret and referenced by its path', () => {
  const out = renderYaml(
    input(
      '',
      `apiVersion: v1
kind: Secret
metadata: {name: api-tls, namespace: apps}
stringData:
  ca.crt: |
${CA.split('\n')
  .map((l) => `    ${l}`)
  .join('\n')}`,
      `apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata: {name: api, namespace: apps}
spec:
  selector: {}
  endpoints:
  - port: web
    scheme: https
    tlsConfig:
      serverName: api.apps.svc
      ca: {secret: {name: api-tls, key: ca.crt}}`,
    ),
  );
  assert.equal(notInfo(out.results), []);
  assert.equal(job(out.items, 'serviceMonitor/apps/api/0').tls_config, {
    ca_file: '/etc/prometheus/certs/0_apps_api-tls_ca.crt',
    server_name: 'api.apps.svc',
  });
  const assets = find(out.items, 'Secret', 'monitoring', 'prometheus-k8s-tls-assets-0');
  assert.equal(secretText(assets, '0_apps_api-tls_ca.crt'), CA);
});

test('the default scrape class adds its relabelings, metric relabelings and TLS files to every monitor', () => {
  const out = renderYaml(
    input(
      `  scrapeClasses:
  - name: cluster
    default: true
    tlsConfig: {caFile: /etc/ca/ca.crt}
    relabelings: [{targetLabel: cluster, replacement: east}]
    metricRelabelings: [{action: LabelDrop, regex: tmp_.*}]`,
      `apiVersion: monitoring.coreos.com/v1
kind: PodMonitor
metadata: {name: workers, namespace: apps}
spec:
  selector: {}
  podMetricsEndpoints:
  - port: metrics
    metricRelabelings: [{action: Drop, sourceLabels: [__name__], regex: go_.*}]`,
    ),
  );
  assert.equal(notInfo(out.results), []);
  const pm = job(out.items, 'podMonitor/apps/workers/0');
  assert.equal(pm.tls_config, { ca_file: '/etc/ca/ca.crt' });
  assert.equal(pm.relabel_configs[pm.relabel_configs.length - SHARDING_TAIL.length - 1], { target_label: 'cluster', replacement: 'east' });
  assert.equal(pm.metric_relabel_configs, [
    { regex: 'tmp_.*', action: 'labeldrop' },
    { source_labels: ['__name__'], regex: 'go_.*', action: 'drop' },
  ]);
});

test('with shards: 2 each job keeps the targets whose address hashes to the shard', () => {
  const out = renderYaml(
    input(
      '  shards: 2',
      `apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata: {name: api, namespace: apps}
spec:
  selector: {}
  endpoints: [{port: web}]`,
    ),
  );
  assert.equal(notInfo(out.results), []);
  const sm = job(out.items, 'serviceMonitor/apps/api/0');
  assert.equal(sm.relabel_configs.slice(-5), [
    { target_label: '__tmp_current_shard', replacement: '$(SHARD)', action: 'replace' },
    { source_labels: ['__tmp_current_shard'], regex: '0|1', action: 'keep' },
    { source_labels: ['__address__', '__tmp_hash'], target_label: '__tmp_hash', regex: '(.+);', replacement: '$1', action: 'replace' },
    { source_labels: ['__tmp_hash'], target_label: '__tmp_hash', modulus: 2, action: 'hashmod' },
    { source_labels: ['__tmp_hash', '__tmp_disable_sharding'], regex: '$(SHARD);|.+;.+', action: 'keep' },
  ]);
});

const MISSING_SECRET = input(
  '',
  `apiVersion: v1
kind: Secret
metadata: {name: creds, namespace: apps}
stringData: {user: scraper, other: do-not-print-me}`,
  `apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata: {name: api, namespace: apps}
spec:
  selector: {}
  endpoints:
  - port: web
    basicAuth:
      username: {name: creds, key: user}
      password: {name: creds, key: pass}`,
  `apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata: {name: other, namespace: apps}
spec:
  selector: {}
  endpoints: [{port: web}]`,
);

test('with secrets: inline, a ServiceMonitor whose basicAuth key is missing is left out with a warning naming the Secret and key', () => {
  const out = renderYaml(MISSING_SECRET, { secrets: 'inline' });
  assert.equal(
    jobs(out.items).map((j) => j.job_name),
    ['serviceMonitor/apps/other/0'],
  );
  const problems = notInfo(out.results);
  assert.is(problems.length, 1);
  const [warning] = problems as [Result];
  assert.is(warning.severity, 'warning');
  assert.equal(warning.resourceRef, { apiVersion: 'monitoring.coreos.com/v1', kind: 'ServiceMonitor', name: 'api', namespace: 'apps' });
  assert.equal(warning.field, { path: 'spec.endpoints[0].basicAuth.password' });
  assert.match(warning.message, 'creds');
  assert.match(warning.message, '"pass"');
  assert.match(warning.message, 'it is left out of the configuration of Prometheus/monitoring/k8s');
  const everything = JSON.stringify(out.results);
  assert.not.match(everything, 'scraper');
  assert.not.match(everything, 'do-not-print-me');
});

test('with secrets: inline, a ServiceMonitor whose basicAuth Secret does not exist at all is left out, the warning naming Secret and key', () => {
  const out = renderYaml(
    input(
      '',
      `apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata: {name: api, namespace: apps}
spec:
  selector: {}
  endpoints:
  - port: web
    basicAuth:
      username: {name: absent, key: user}`,
    ),
    { secrets: 'inline' },
  );
  assert.equal(jobs(out.items), []);
  assert.equal(
    notInfo(out.results).map((r) => [r.severity, r.message, r.field?.path]),
    [
      [
        'warning',
        'Secret apps/absent (key "user") is not in the input; it is left out of the configuration of Prometheus/monitoring/k8s',
        'spec.endpoints[0].basicAuth.username',
      ],
    ],
  );
});

test('under onInvalid: fail and secrets: inline the built command exits 1 and quotes no secret value', () => {
  const run = runBin([], resourceList(MISSING_SECRET, 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: options}\ndata: {onInvalid: fail, secrets: inline}'));
  assert.is(run.status, 1);
  const results = readList(run.stdout).results;
  assert.ok(results.some((r) => r.severity === 'error' && /Secret apps\/creds has no key "pass"/.test(r.message)), JSON.stringify(results));
  assert.not.ok(JSON.stringify(results).includes('do-not-print-me') || run.stderr.includes('do-not-print-me'));
});

test('under onInvalid: fail and secrets: inline the missing basicAuth key is an error', () => {
  const out = renderYaml(MISSING_SECRET, { onInvalid: 'fail', secrets: 'inline' });
  const problems = notInfo(out.results);
  assert.is(problems.length, 1);
  assert.is(problems[0]?.severity, 'error');
  assert.equal(problems[0]?.field, { path: 'spec.endpoints[0].basicAuth.password' });
});


test('two Prometheus selecting one ServiceMonitor each get jobs for their own version and shards, and their own warnings', () => {
  const out = renderYaml(
    input(
      '',
      `apiVersion: monitoring.coreos.com/v1
kind: Prometheus
metadata: {name: old, namespace: monitoring}
spec:
  version: v2.45.0
  shards: 2
  serviceMonitorSelector: {}
  serviceMonitorNamespaceSelector: {}`,
      `apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata: {name: api, namespace: apps}
spec:
  selector: {matchLabels: {app: api}}
  endpoints: [{port: web, trackTimestampsStaleness: true}]`,
    ),
  );
  const configOf = (name: string) =>
    (parseYamlStream(secretText(find(out.items, 'Secret', 'monitoring', name), 'prometheus.yaml.gz'))[0] as { scrape_configs: Job[] }).scrape_configs;
  const [current] = configOf('prometheus-k8s');
  const [old] = configOf('prometheus-old');
  assert.is(current?.track_timestamps_staleness, true);
  assert.is(old?.track_timestamps_staleness, undefined);
  assert.equal(current?.relabel_configs.find((r) => r.action === 'hashmod')?.modulus, 1);
  assert.equal(old?.relabel_configs.find((r) => r.action === 'hashmod')?.modulus, 2);
  assert.equal(
    notInfo(out.results).map((r) => r.message),
    [
      '"track_timestamps_staleness" needs version >= 2.48.0, the target is 2.45.0; it is left out of the configuration of Prometheus/monitoring/old',
    ],
  );
});

test.run();
