/**
 * The operator's resource-selector checks on ServiceMonitors, PodMonitors and
 * Probes (a rejected monitor is left out with a warning, or an error under
 * onInvalid: fail), and its checks on the Prometheus's own scrape classes.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseYamlStream } from '../src/core/yaml.js';
import type { KubeObject, Result } from '../src/krm/types.js';
import { SELF_SIGNED_CERT } from './support/certs.js';
import { find, renderYaml, secretText } from './support/harness.js';

const PROMETHEUS = `
apiVersion: monitoring.coreos.com/v1
kind: Prometheus
metadata: {name: k8s, namespace: monitoring}
spec:
  version: v3.5.0
  serviceMonitorSelector: {}
  podMonitorSelector: {}
  probeSelector: {}
`;

const PROM_REF = { apiVersion: 'monitoring.coreos.com/v1', kind: 'Prometheus', name: 'k8s', namespace: 'monitoring' };
const ref = (kind: string, name: string) => ({ apiVersion: 'monitoring.coreos.com/v1', kind, name, namespace: 'monitoring' });
const LEFT_OUT = 'it is left out of the configuration of Prometheus/monitoring/k8s';

/** The Prometheus with extra lines appended to its spec, then more objects. */
function input(specExtra: string, ...objects: string[]): string {
  return [PROMETHEUS + specExtra, ...objects].join('\n---\n');
}

function jobNames(items: readonly KubeObject[]): string[] {
  const cfg = parseYamlStream(secretText(find(items, 'Secret', 'monitoring', 'prometheus-k8s'), 'prometheus.yaml.gz'))[0] as {
    scrape_configs: { job_name: string }[];
  };
  return cfg.scrape_configs.map((j) => j.job_name);
}

/** A self-signed EC certificate and a key generated separately: they do not form a pair. */
const CERT = SELF_SIGNED_CERT;
const UNRELATED_KEY = `-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgmDQMq7p0guGocAX1
JzvDN+SzgqB3Pa4NMKOY9/rp9lShRANCAAQb57OGr12o0UinY/4oT7fOXWRmpviZ
Kzdq0a0BvYqmKDLGecuPs9qpeGZORXaptnk9FREygfIFVO12HhmUPGWm
-----END PRIVATE KEY-----`;

const notInfo = (results: readonly Result[]) => results.filter((r) => r.severity !== 'info');

function serviceMonitor(name: string, endpoint: string): string {
  return `apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata: {name: ${name}, namespace: monitoring}
spec:
  selector: {}
  endpoints:
  - ${endpoint}`;
}

test('a ServiceMonitor with an invalid relabeling regex is left out with a warning naming it and the field', () => {
  const out = renderYaml(
    input(
      '',
      serviceMonitor('bad', '{port: web, relabelings: [{sourceLabels: [a], regex: "(", action: keep}]}'),
      serviceMonitor('good', '{port: web}'),
    ),
  );
  const [warning, ...rest] = notInfo(out.results);
  assert.equal(rest, []);
  assert.is(warning?.severity, 'warning');
  assert.equal(warning?.resourceRef, ref('ServiceMonitor', 'bad'));
  assert.equal(warning?.field, { path: 'spec.endpoints[0].relabelings[0]' });
  assert.match(warning?.message ?? '', /^spec\.endpoints\[0\]\.relabelings\[0\]: invalid regex \( for relabel configuration: /);
  assert.ok(warning?.message.endsWith(LEFT_OUT));
  assert.equal(jobNames(out.items), ['serviceMonitor/monitoring/good/0']);
});

test('arbitraryFSAccessThroughSMs.deny rejects a ServiceMonitor that reads a bearer token file', () => {
  const sm = serviceMonitor('files', '{port: web, bearerTokenFile: /var/run/secrets/token}');
  const denied = renderYaml(input('  arbitraryFSAccessThroughSMs: {deny: true}', sm));
  assert.equal(notInfo(denied.results), [
    {
      severity: 'warning',
      message:
        'spec.endpoints[0].bearerTokenFile: reading a bearer token file is denied by the Prometheus ' +
        `(spec.arbitraryFSAccessThroughSMs.deny); use authorization.credentials with a Secret instead; ${LEFT_OUT}`,
      resourceRef: ref('ServiceMonitor', 'files'),
      field: { path: 'spec.endpoints[0].bearerTokenFile' },
    },
  ]);
  assert.equal(jobNames(denied.items), []);
  const allowed = renderYaml(input('', sm));
  assert.ok(jobNames(allowed.items).includes('serviceMonitor/monitoring/files/0'));
});

test('a monitor naming a scrape class the Prometheus does not define is rejected', () => {
  const pm = `apiVersion: monitoring.coreos.com/v1
kind: PodMonitor
metadata: {name: pm, namespace: monitoring}
spec:
  selector: {}
  scrapeClass: nope
  podMetricsEndpoints: [{port: web}]`;
  const out = renderYaml(input('  scrapeClasses: [{name: tls}]', pm));
  assert.equal(notInfo(out.results), [
    {
      severity: 'warning',
      message: `spec.scrapeClass: scrape class "nope" is not in the Prometheus's spec.scrapeClasses; the Prometheus defines "tls"; ${LEFT_OUT}`,
      resourceRef: ref('PodMonitor', 'pm'),
      field: { path: 'spec.scrapeClass' },
    },
  ]);
  assert.equal(jobNames(out.items), []);
  const fixed = renderYaml(input('  scrapeClasses: [{name: tls}]', pm.replace('nope', 'tls')));
  assert.equal(notInfo(fixed.results), []);
  assert.equal(jobNames(fixed.items), ['podMonitor/monitoring/pm/0']);
});

test('under onInvalid: fail a rejected monitor is an error', () => {
  const out = renderYaml(input('', serviceMonitor('slow', '{port: web, interval: 10s, scrapeTimeout: 20s}')), { onInvalid: 'fail' });
  assert.equal(notInfo(out.results), [
    {
      severity: 'error',
      message:
        'spec.endpoints[0].scrapeTimeout: scrapeTimeout "20s" greater than scrapeInterval "10s"; ' +
        `the scrape timeout may not exceed the scrape interval; ${LEFT_OUT}`,
      resourceRef: ref('ServiceMonitor', 'slow'),
      field: { path: 'spec.endpoints[0].scrapeTimeout' },
    },
  ]);
});

test('two default scrape classes are an error for the Prometheus', () => {
  const out = renderYaml(input('  scrapeClasses: [{name: a, default: true}, {name: b, default: true}]', serviceMonitor('sm', '{port: web}')));
  assert.equal(notInfo(out.results), [
    {
      severity: 'error',
      message: 'scrape classes "a" and "b" are both marked default; at most one scrape class may be the default',
      resourceRef: PROM_REF,
      field: { path: 'spec.scrapeClasses[1].default' },
    },
  ]);
});

test('a scrape class with an invalid relabeling is an error for the Prometheus', () => {
  const out = renderYaml(input('  scrapeClasses: [{name: a, relabelings: [{action: hashmod, sourceLabels: [__address__], targetLabel: shard}]}]'));
  const errs = out.results.filter((r) => r.severity === 'error');
  assert.is(errs.length, 1);
  assert.equal(errs[0]?.resourceRef, PROM_REF);
  assert.equal(errs[0]?.field, { path: 'spec.scrapeClasses[0].relabelings[0]' });
  assert.match(errs[0]?.message ?? '', 'scrape class "a": invalid relabelings[0]: relabel configuration for hashmod requires non-zero modulus');
});

test('a Probe whose prober URL carries a scheme is rejected, a host:port prober is accepted', () => {
  const probe = (name: string, url: string) => `apiVersion: monitoring.coreos.com/v1
kind: Probe
metadata: {name: ${name}, namespace: monitoring}
spec:
  prober: {url: "${url}"}
  targets: {staticConfig: {static: [example.com]}}`;
  const out = renderYaml(input('', probe('scheme', 'http://blackbox:9115'), probe('plain', 'blackbox.monitoring.svc:9115')));
  const [warning, ...rest] = notInfo(out.results);
  assert.equal(rest, []);
  assert.equal(warning?.resourceRef, ref('Probe', 'scheme'));
  assert.equal(warning?.field, { path: 'spec.prober.url' });
  assert.match(warning?.message ?? '', '"http://blackbox:9115" is not a valid prober address');
  assert.equal(jobNames(out.items), ['probe/monitoring/plain']);
});

test('a Probe without targets is rejected', () => {
  const probe = `apiVersion: monitoring.coreos.com/v1
kind: Probe
metadata: {name: empty, namespace: monitoring}
spec:
  prober: {url: "blackbox:9115"}`;
  const out = renderYaml(input('', probe));
  const [warning] = notInfo(out.results);
  assert.equal(warning?.field, { path: 'spec.targets' });
  assert.equal(jobNames(out.items), []);
});

test('a ServiceMonitor whose client certificate and key do not match is rejected without quoting either', () => {
  const secret = `apiVersion: v1
kind: Secret
metadata: {name: tls, namespace: monitoring}
stringData: {cert: ${JSON.stringify(CERT)}, key: ${JSON.stringify(UNRELATED_KEY)}}`;
  const sm = serviceMonitor('mtls', '{port: web, tlsConfig: {cert: {secret: {name: tls, key: cert}}, keySecret: {name: tls, key: key}}}');
  const out = renderYaml(input('', secret, sm));
  assert.equal(notInfo(out.results), [
    {
      severity: 'warning',
      message:
        'spec.endpoints[0].tlsConfig.cert: the certificate in Secret tls key "cert" and the key in Secret tls key "key": ' +
        `the private key does not match the certificate; ${LEFT_OUT}`,
      resourceRef: ref('ServiceMonitor', 'mtls'),
      field: { path: 'spec.endpoints[0].tlsConfig.cert' },
    },
  ]);
  assert.equal(jobNames(out.items), []);
});

test('a ServiceMonitor with two authentication methods is rejected', () => {
  const sm = serviceMonitor(
    'auth',
    '{port: web, authorization: {credentials: {name: s, key: t}}, basicAuth: {username: {name: s, key: u}, password: {name: s, key: p}}}',
  );
  const out = renderYaml(input('', sm));
  const [warning, ...rest] = notInfo(out.results);
  assert.equal(rest, []);
  assert.equal(warning?.field, { path: 'spec.endpoints[0]' });
  assert.match(warning?.message ?? '', 'authorization and basicAuth cannot be configured at the same time');
});

test('with secrets: inline, a scrape class whose TLS Secret is missing is an error for the Prometheus', () => {
  const out = renderYaml(input('  scrapeClasses: [{name: mtls, tlsConfig: {ca: {secret: {name: scrape-ca, key: ca.crt}}}}]'), { secrets: 'inline' });
  const errs = out.results.filter((r) => r.severity === 'error');
  assert.is(errs.length, 1);
  assert.equal(errs[0]?.resourceRef, PROM_REF);
  assert.equal(errs[0]?.field, { path: 'spec.scrapeClasses[0].tlsConfig.ca.secret' });
  assert.match(errs[0]?.message ?? '', 'scrape-ca');
});

test.run();
