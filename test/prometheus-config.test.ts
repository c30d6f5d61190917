import { createHash } from 'node:crypto';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { gunzipText } from '../src/core/gzip.js';
import { parseYamlStream } from '../src/core/yaml.js';
import type { KubeObject, Result } from '../src/krm/types.js';
import { defaultOptions } from '../src/options/options.js';
import { render } from '../src/render/render.js';
import { makeGate, type DroppedField } from '../src/version/gate.js';
import { parseVersion } from '../src/version/semver.js';
import { shardSecretData } from '../src/workload/tls-assets.js';

const SEED = `
apiVersion: monitoring.coreos.com/v1
kind: Prometheus
metadata: {name: k8s, namespace: monitoring, labels: {prometheus: k8s}}
spec:
  alerting:
    alertmanagers:
    - {name: alertmanager-main, namespace: monitoring, port: web}
  podMonitorSelector: {}
  replicas: 2
  retention: 15d
  ruleSelector: {matchLabels: {prometheus: k8s, role: alert-rules}}
  serviceAccountName: prometheus-k8s
  serviceMonitorNamespaceSelector: {}
  serviceMonitorSelector: {}
`;

type Config = Record<string, unknown>;

function renderYaml(...docs: string[]): { items: KubeObject[]; results: Result[] } {
  const items = docs.flatMap((d) => parseYamlStream(d)) as KubeObject[];
  return render(items, defaultOptions());
}

/** With option secrets: inline, the operator's way: Secret values are copied, a missing one is an error. */
function renderInline(...docs: string[]): { items: KubeObject[]; results: Result[] } {
  const items = docs.flatMap((d) => parseYamlStream(d)) as KubeObject[];
  return render(items, { ...defaultOptions(), secrets: 'inline' });
}

function find(items: readonly KubeObject[], kind: string, namespace: string, name: string): KubeObject {
  const obj = items.find((o) => o.kind === kind && o.metadata.namespace === namespace && o.metadata.name === name);
  if (!obj) throw new Error(`no ${kind} ${namespace}/${name} in output: ${items.map((o) => `${o.kind}/${o.metadata.name}`).join(', ')}`);
  return obj;
}

function secretText(secret: KubeObject, key: string): string {
  const data = secret.data as Record<string, string>;
  const raw = Buffer.from(data[key] ?? '', 'base64');
  return key.endsWith('.gz') ? gunzipText(raw) : raw.toString('utf8');
}

function prometheusConfig(items: readonly KubeObject[], namespace: string, name: string): Config {
  return parseYamlStream(secretText(find(items, 'Secret', namespace, `prometheus-${name}`), 'prometheus.yaml.gz'))[0] as Config;
}

const errors = (results: readonly Result[]) => results.filter((r) => r.severity === 'error');

test('the seed Prometheus gets the operator global section, external labels and alerting', () => {
  const out = renderYaml(SEED);
  assert.equal(errors(out.results), []);
  const cfg = prometheusConfig(out.items, 'monitoring', 'k8s');
  assert.equal(Object.keys(cfg), ['global', 'rule_files', 'scrape_configs', 'storage', 'alerting']);
  assert.equal(cfg.global, {
    scrape_interval: '30s',
    external_labels: { prometheus: 'monitoring/k8s', prometheus_replica: '$(POD_NAME)' },
    evaluation_interval: '30s',
  });
  assert.ok(Array.isArray(cfg.rule_files), 'rule_files present because ruleSelector is set');
  assert.equal(cfg.storage, { tsdb: { retention: { time: '15d' } } });
  assert.equal(cfg.alerting, {
    alert_relabel_configs: [{ action: 'labeldrop', regex: 'prometheus_replica' }],
    alertmanagers: [
      {
        kubernetes_sd_configs: [{ role: 'endpoints', namespaces: { names: ['monitoring'] } }],
        relabel_configs: [
          { action: 'keep', source_labels: ['__meta_kubernetes_service_name'], regex: 'alertmanager-main' },
          { action: 'keep', source_labels: ['__meta_kubernetes_endpoint_port_name'], regex: 'web' },
        ],
      },
    ],
  });
});

test('the config Secret carries the operator labels and the gzip key', () => {
  const out = renderYaml(SEED);
  const secret = find(out.items, 'Secret', 'monitoring', 'prometheus-k8s');
  assert.equal(secret.metadata.labels, { 'app.kubernetes.io/managed-by': 'prometheus-operator', 'managed-by': 'prometheus-operator' });
  assert.equal(Object.keys(secret.data as object), ['prometheus.yaml.gz']);
});

test('rule_files is absent without a ruleSelector', () => {
  const out = renderYaml(SEED.replace(/ {2}ruleSelector: .*\n/, ''));
  const cfg = prometheusConfig(out.items, 'monitoring', 'k8s');
  assert.not.ok('rule_files' in cfg);
});

test('external label names can be renamed or dropped, and user labels are sorted after reserved ones are ignored', () => {
  const out = renderYaml(
    SEED.replace(
      'replicas: 2',
      `replicas: 2
  prometheusExternalLabelName: cluster_prom
  replicaExternalLabelName: ""
  externalLabels: {zeta: z, alpha: a, cluster_prom: clash}`,
    ),
  );
  const cfg = prometheusConfig(out.items, 'monitoring', 'k8s');
  const global = cfg.global as Config;
  assert.equal(Object.entries(global.external_labels as object), [
    ['alpha', 'a'],
    ['cluster_prom', 'monitoring/k8s'],
    ['zeta', 'z'],
  ]);
  // No replica label, so alerting drops nothing.
  assert.equal((cfg.alerting as Config).alert_relabel_configs, []);
  assert.ok(out.results.some((r) => r.severity === 'warning' && r.field?.path === 'spec.externalLabels.cluster_prom'));
});

test('additional scrape configs come from the referenced Secret', () => {
  const jobs = Buffer.from('- job_name: extra\n  static_configs:\n  - targets: [a:9090]\n').toString('base64');
  const out = renderYaml(
    SEED.replace('replicas: 2', 'replicas: 2\n  additionalScrapeConfigs: {name: extra-scrape, key: jobs.yaml}'),
    `apiVersion: v1\nkind: Secret\nmetadata: {name: extra-scrape, namespace: monitoring}\ndata: {jobs.yaml: ${jobs}}\n`,
  );
  assert.equal(errors(out.results), []);
  const cfg = prometheusConfig(out.items, 'monitoring', 'k8s');
  assert.equal(cfg.scrape_configs, [{ job_name: 'extra', static_configs: [{ targets: ['a:9090'] }] }]);
});

test('a missing additionalScrapeConfigs Secret is an error naming the Secret and the key', () => {
  const out = renderYaml(SEED.replace('replicas: 2', 'replicas: 2\n  additionalScrapeConfigs: {name: extra-scrape, key: jobs.yaml}'));
  const errs = errors(out.results);
  assert.is(errs.length, 1);
  const err = errs[0] as Result;
  assert.equal(err.resourceRef, { apiVersion: 'monitoring.coreos.com/v1', kind: 'Prometheus', name: 'k8s', namespace: 'monitoring' });
  assert.is(err.field?.path, 'spec.additionalScrapeConfigs');
  assert.match(err.message, 'Secret monitoring/extra-scrape');
  assert.match(err.message, '"jobs.yaml"');
});

test('an optional additionalScrapeConfigs reference may be missing', () => {
  const out = renderYaml(SEED.replace('replicas: 2', 'replicas: 2\n  additionalScrapeConfigs: {name: extra-scrape, key: jobs.yaml, optional: true}'));
  assert.equal(errors(out.results), []);
  assert.equal(prometheusConfig(out.items, 'monitoring', 'k8s').scrape_configs, []);
});

test('with secrets: inline, a missing basic-auth Secret of an alertmanager is an error that does not leak values', () => {
  const out = renderInline(
    SEED.replace(
      '{name: alertmanager-main, namespace: monitoring, port: web}',
      '{name: alertmanager-main, namespace: monitoring, port: web, basicAuth: {username: {name: am-auth, key: user}, password: {name: am-auth, key: pass}}}',
    ),
    'apiVersion: v1\nkind: Secret\nmetadata: {name: am-auth, namespace: monitoring}\nstringData: {user: admin}\n',
  );
  const errs = errors(out.results);
  assert.is(errs.length, 1);
  assert.is(errs[0]?.field?.path, 'spec.alerting.alertmanagers[0].basicAuth.password');
  assert.match(errs[0]?.message ?? '', 'Secret monitoring/am-auth has no key "pass"');
  assert.not.match(errs[0]?.message ?? '', 'admin');
});

test('alertmanager TLS files point at the tls-assets volume and their data lands in the tls-assets Secret', () => {
  const out = renderYaml(
    SEED.replace(
      '{name: alertmanager-main, namespace: monitoring, port: web}',
      '{name: alertmanager-main, namespace: monitoring, port: web, scheme: HTTPS, tlsConfig: {ca: {configMap: {name: am-ca, key: ca.crt}}, serverName: am}}',
    ),
    'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: am-ca, namespace: monitoring}\ndata: {ca.crt: ""}\n',
  );
  assert.equal(errors(out.results), []);
  const am = ((prometheusConfig(out.items, 'monitoring', 'k8s').alerting as Config).alertmanagers as Config[])[0] as Config;
  assert.is(am.scheme, 'https');
  assert.equal(am.tls_config, { ca_file: '/etc/prometheus/certs/1_monitoring_am-ca_ca.crt', server_name: 'am' });
  const tls = find(out.items, 'Secret', 'monitoring', 'prometheus-k8s-tls-assets-0');
  // An empty CA is referenced but not copied, as the operator does.
  assert.equal(tls.data, {});
});

test('fields the target version does not know are dropped with a warning naming the field', () => {
  const out = renderYaml(
    SEED.replace('replicas: 2', 'replicas: 2\n  version: v2.40.0\n  ruleQueryOffset: 1m').replace(
      '{name: alertmanager-main, namespace: monitoring, port: web}',
      '{name: alertmanager-main, namespace: monitoring, port: web, sigv4: {region: eu-west-1}}',
    ),
  );
  const cfg = prometheusConfig(out.items, 'monitoring', 'k8s');
  assert.not.ok('rule_query_offset' in (cfg.global as Config));
  const am = ((cfg.alerting as Config).alertmanagers as Config[])[0] as Config;
  assert.not.ok('sigv4' in am);
  const warned = out.results.filter((r) => r.severity === 'warning').map((r) => r.field?.path);
  assert.ok(warned.includes('spec.ruleQueryOffset'));
  assert.ok(warned.includes('spec.alerting.alertmanagers[0].sigv4'));
});

test('a scrape timeout longer than the scrape interval is refused', () => {
  const out = renderYaml(SEED.replace('replicas: 2', 'replicas: 2\n  scrapeInterval: 30s\n  scrapeTimeout: 1m'));
  assert.equal(errors(out.results).map((r) => r.field?.path), ['spec.scrapeTimeout']);
});

test('web-config Secret holds the TLS server settings and HTTP headers', () => {
  const out = renderYaml(
    SEED.replace(
      'replicas: 2',
      `replicas: 2
  web:
    tlsConfig:
      cert: {secret: {name: web-tls, key: tls.crt}}
      keySecret: {name: web-tls, key: tls.key}
      client_ca: {configMap: {name: web-ca, key: ca.crt}}
      clientAuthType: RequireAndVerifyClientCert
      minVersion: TLS12
    httpConfig:
      http2: false
      headers: {xFrameOptions: Deny, contentSecurityPolicy: "default-src 'self'"}`,
    ),
  );
  assert.equal(errors(out.results), []);
  const secret = find(out.items, 'Secret', 'monitoring', 'prometheus-k8s-web-config');
  assert.equal(secret.metadata.labels, { 'app.kubernetes.io/managed-by': 'prometheus-operator', 'managed-by': 'prometheus-operator' });
  const web = parseYamlStream(secretText(secret, 'web-config.yaml'))[0];
  assert.equal(web, {
    tls_server_config: {
      cert_file: '/etc/prometheus/web_config/secret/web-tls-cert/tls.crt',
      key_file: '/etc/prometheus/web_config/secret/web-tls-key/tls.key',
      client_auth_type: 'RequireAndVerifyClientCert',
      client_ca_file: '/etc/prometheus/web_config/configmap/web-ca-ca/ca.crt',
      min_version: 'TLS12',
    },
    http_server_config: {
      http2: false,
      headers: { 'Content-Security-Policy': "default-src 'self'", 'X-Frame-Options': 'deny' },
    },
  });
});

test('web-config.yaml is empty when spec.web sets nothing', () => {
  const out = renderYaml(SEED);
  assert.is(secretText(find(out.items, 'Secret', 'monitoring', 'prometheus-k8s-web-config'), 'web-config.yaml'), '');
});

test('the version gate puts in range and reports the dropped key outside it', () => {
  const dropped: DroppedField[] = [];
  const version = parseVersion('2.45.0');
  if (!version) throw new Error('2.45.0 must parse');
  const gate = makeGate(version, (d) => dropped.push(d));
  const out: Record<string, unknown> = {};
  gate.since('2.40.0').put(out, 'a', 1);
  gate.since('2.48.0').at('spec.b').put(out, 'b', 2);
  gate.until('2.45.0').put(out, 'c', 3);
  assert.equal(out, { a: 1 });
  assert.equal(
    dropped.map((d) => [d.key, d.field]),
    [
      ['b', 'spec.b'],
      ['c', undefined],
    ],
  );
});

test('TLS assets are sharded by byte size, keys in byte order', () => {
  const big = Buffer.alloc(600_000, 1);
  const shards = shardSecretData(new Map([['b', big], ['a', big], ['c', Buffer.from('x')]]));
  assert.equal(shards.map((s) => [...s.keys()]), [['a'], ['b', 'c']]);
});

test('a configuration that does not fit a Secret after gzip is an error, and the Secret is not written', () => {
  // 2,000 ServiceMonitors selecting by twenty labels whose values are hashes (cut to the 63 characters of a label value): about 1.6 MB after gzip.
  const monitors = Array.from({ length: 2000 }, (_, i) => {
    const labels = Array.from({ length: 20 }, (_, l) => `l${l}: "${createHash('sha256').update(`${i}/${l}`).digest('hex').slice(0, 63)}"`);
    return `apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata: {name: m${i}, namespace: monitoring}
spec:
  selector: {matchLabels: {${labels.join(', ')}}}
  endpoints: [{port: web}]`;
  });
  const out = renderYaml(SEED, ...monitors.map((m) => `---\n${m}`));
  const errors = out.results.filter((r) => r.severity === 'error');
  assert.equal(errors.map((e) => e.field?.path), ['spec.serviceMonitorSelector']);
  assert.match(errors[0]?.message ?? '', /^the generated configuration is \d+ bytes after gzip, more than a Secret can hold \(998576\); select fewer monitors/);
  assert.not.ok(out.items.some((o) => o.kind === 'Secret' && o.metadata.name === 'prometheus-k8s'));
});

test.run();
