import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseYamlStream } from '../src/core/yaml.js';
import type { KubeObject, Result } from '../src/krm/types.js';
import { find, renderYaml, secretText } from './support/harness.js';

const PROMETHEUS = (version = 'v3.5.0') => `
apiVersion: monitoring.coreos.com/v1
kind: Prometheus
metadata: {name: k8s, namespace: monitoring}
spec:
  version: ${version}
  scrapeConfigSelector: {matchLabels: {team: infra}}
  scrapeConfigNamespaceSelector: {}
---
apiVersion: v1
kind: Namespace
metadata: {name: monitoring}
---
apiVersion: v1
kind: Namespace
metadata: {name: apps}
---
apiVersion: v1
kind: Secret
metadata: {name: sd-auth, namespace: apps}
data:
  username: c2QtdXNlcg==
  password: c2QtcGFzc3dvcmQ=
  access: QUtJQUVYQU1QTEU=
  secret: c2VjcmV0LWtleS12YWx1ZQ==
`;

const scrapeConfig = (name: string, spec: string, namespace = 'apps') => `
---
apiVersion: monitoring.coreos.com/v1alpha1
kind: ScrapeConfig
metadata: {name: ${name}, namespace: ${namespace}, labels: {team: infra}}
spec:
${spec
  .trim()
  .split('\n')
  .map((l) => `  ${l}`)
  .join('\n')}
`;

type Job = Record<string, unknown>;

function jobs(items: readonly KubeObject[]): Job[] {
  const cfg = parseYamlStream(secretText(find(items, 'Secret', 'monitoring', 'prometheus-k8s'), 'prometheus.yaml.gz'))[0] as { scrape_configs?: Job[] };
  return cfg.scrape_configs ?? [];
}

function job(items: readonly KubeObject[], name: string): Job {
  const found = jobs(items).find((j) => j.job_name === name);
  if (!found) throw new Error(`no job ${name} among ${jobs(items).map((j) => j.job_name).join(', ')}`);
  return found;
}

const bySeverity = (results: readonly Result[], severity: string) => results.filter((r) => r.severity === severity);

test('a static config becomes the job scrapeConfig/<namespace>/<name> with its targets and labels', () => {
  const out = renderYaml(PROMETHEUS() + scrapeConfig('static', `
staticConfigs:
- targets: [node-1:9100, node-2:9100]
  labels: {zone: b, env: prod}
metricsPath: /metrics/node
scrapeInterval: 15s
`));
  assert.equal(bySeverity(out.results, 'error'), []);
  assert.equal(job(out.items, 'scrapeConfig/apps/static'), {
    job_name: 'scrapeConfig/apps/static',
    metrics_path: '/metrics/node',
    scrape_interval: '15s',
    static_configs: [{ targets: ['node-1:9100', 'node-2:9100'], labels: { env: 'prod', zone: 'b' } }],
    relabel_configs: [{ source_labels: ['job'], target_label: '__tmp_prometheus_job_name' }],
  });
});

test('HTTP SD reads its basic auth credentials from a Secret in the ScrapeConfig namespace', () => {
  const out = renderYaml(PROMETHEUS() + scrapeConfig('http', `
httpSDConfigs:
- url: http://sd.example.com/targets
  refreshInterval: 1m
  basicAuth:
    username: {name: sd-auth, key: username}
    password: {name: sd-auth, key: password}
`));
  assert.equal(bySeverity(out.results, 'warning'), []);
  assert.equal(job(out.items, 'scrapeConfig/apps/http').http_sd_configs, [
    { basic_auth: { username: 'sd-user', password: 'sd-password' }, url: 'http://sd.example.com/targets', refresh_interval: '1m' },
  ]);
});

test('Kubernetes SD writes the role in lower case, namespaces and selectors', () => {
  const out = renderYaml(PROMETHEUS() + scrapeConfig('k8s', `
kubernetesSDConfigs:
- role: EndpointSlice
  namespaces: {names: [apps, web], ownNamespace: false}
  selectors:
  - {role: Pod, label: 'app=web'}
  attachMetadata: {node: true}
`));
  assert.equal(job(out.items, 'scrapeConfig/apps/k8s').kubernetes_sd_configs, [
    {
      role: 'endpointslice',
      namespaces: { names: ['apps', 'web'], own_namespace: false },
      selectors: [{ role: 'pod', label: 'app=web' }],
      attach_metadata: { node: true },
    },
  ]);
});

test('a Kubernetes SD selector the role cannot use rejects the ScrapeConfig', () => {
  const out = renderYaml(PROMETHEUS() + scrapeConfig('k8s-bad', `
kubernetesSDConfigs:
- role: Node
  selectors:
  - {role: Pod, label: 'app=web'}
`));
  assert.equal(jobs(out.items), []);
  const warning = bySeverity(out.results, 'warning')[0];
  assert.match(warning?.message ?? '', /Node role supports only node selectors/);
  assert.equal(warning?.field?.path, 'spec.kubernetesSDConfigs[0].selectors');
});

test('DNS SD writes names, type and port', () => {
  const out = renderYaml(PROMETHEUS() + scrapeConfig('dns', `
dnsSDConfigs:
- names: [web.example.com]
  type: A
  port: 9100
`));
  assert.equal(job(out.items, 'scrapeConfig/apps/dns').dns_sd_configs, [{ names: ['web.example.com'], type: 'A', port: 9100 }]);
});

test('EC2 SD resolves its access and secret keys from Secrets and sorts filters by name', () => {
  const out = renderYaml(PROMETHEUS() + scrapeConfig('ec2', `
ec2SDConfigs:
- region: eu-west-1
  accessKey: {name: sd-auth, key: access}
  secretKey: {name: sd-auth, key: secret}
  port: 9100
  filters:
  - {name: tag:team, values: [infra]}
  - {name: instance-state-name, values: [running]}
`));
  assert.equal(job(out.items, 'scrapeConfig/apps/ec2').ec2_sd_configs, [
    {
      region: 'eu-west-1',
      access_key: 'AKIAEXAMPLE',
      secret_key: 'secret-key-value',
      port: 9100,
      filters: [
        { name: 'instance-state-name', values: ['running'] },
        { name: 'tag:team', values: ['infra'] },
      ],
    },
  ]);
});

const MISSING_SECRET = scrapeConfig('broken', `
ec2SDConfigs:
- region: eu-west-1
  accessKey: {name: sd-auth, key: access}
  secretKey: {name: aws-keys, key: secret}
`);

test('a missing Secret rejects the ScrapeConfig with a warning naming the Secret and key, never a value', () => {
  const out = renderYaml(PROMETHEUS() + MISSING_SECRET + scrapeConfig('ok', 'staticConfigs:\n- targets: [a:1]'));
  assert.equal(
    jobs(out.items).map((j) => j.job_name),
    ['scrapeConfig/apps/ok'],
  );
  const warnings = bySeverity(out.results, 'warning');
  assert.equal(warnings.length, 1);
  assert.equal(warnings[0]?.resourceRef?.name, 'broken');
  assert.match(warnings[0]?.message ?? '', /aws-keys/);
  assert.match(warnings[0]?.message ?? '', /"secret"/);
  assert.equal(bySeverity(out.results, 'error'), []);
  const text = JSON.stringify(out.results);
  assert.not.match(text, /AKIAEXAMPLE/);
  assert.not.match(text, /secret-key-value/);
});

test('onInvalid: fail turns the rejection of a ScrapeConfig into an error', () => {
  const out = renderYaml(PROMETHEUS() + MISSING_SECRET, { onInvalid: 'fail' });
  const errors = bySeverity(out.results, 'error');
  assert.ok(errors.some((r) => r.resourceRef?.kind === 'ScrapeConfig' && r.resourceRef?.name === 'broken'));
});

test('a setting newer than spec.version is left out with a warning', () => {
  const out = renderYaml(PROMETHEUS('v2.48.0') + scrapeConfig('ns-records', `
dnsSDConfigs:
- names: [example.com]
  type: NS
  port: 53
`));
  assert.equal(job(out.items, 'scrapeConfig/apps/ns-records').dns_sd_configs, [{ names: ['example.com'], port: 53 }]);
  const warnings = bySeverity(out.results, 'warning');
  assert.equal(warnings.length, 1);
  assert.match(warnings[0]?.message ?? '', /"type" needs version >= 2\.49\.0, the target is 2\.48\.0/);
  assert.equal(warnings[0]?.field?.path, 'spec.dnsSDConfigs[0].type');
});

test('a mechanism the version does not know rejects the ScrapeConfig, as the operator does', () => {
  const out = renderYaml(PROMETHEUS('v2.30.0') + scrapeConfig('puppet', `
puppetDBSDConfigs:
- url: https://puppetdb.example.com
  query: resources { type = "Class" }
`));
  assert.equal(jobs(out.items), []);
  const messages = bySeverity(out.results, 'warning').map((r) => r.message);
  assert.ok(messages.some((m) => /puppetdb_sd_configs is only supported for Prometheus version >= 2\.31\.0/.test(m)), messages.join('\n'));
});

test.run();
