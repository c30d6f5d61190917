import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { GENERATED_FROM } from '../src/krm/annotations.js';
import { infoResult, warningResult, errorResult } from '../src/krm/results.js';
import { parseYamlStream } from '../src/core/yaml.js';
import { renderYaml } from './support/harness.js';

const PROM = `
apiVersion: monitoring.coreos.com/v1
kind: Prometheus
metadata: {name: k8s, namespace: monitoring}
spec: {serviceMonitorSelector: {}}
`;
const BAD_MONITOR = `
---
apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata: {name: broken, namespace: monitoring}
spec:
  selector: {}
  endpoints: [{port: web, scheme: gopher}]
`;
const smRef = { apiVersion: 'monitoring.coreos.com/v1', kind: 'ServiceMonitor', name: 'broken', namespace: 'monitoring' };

test('a monitor that fails its schema is rejected with a warning naming it and the field', () => {
  const out = renderYaml(PROM + BAD_MONITOR);
  const warnings = out.results.filter((r) => r.severity === 'warning');
  assert.equal(warnings, [
    warningResult(
      'spec.endpoints[0].scheme is "gopher"; it must be one of "http", "https", "HTTP", "HTTPS"; the object is left out',
      smRef,
      'spec.endpoints[0].scheme',
    ),
  ]);
  assert.ok(out.items.some((o) => o.kind === 'StatefulSet'), 'the Prometheus is still rendered');
});

test('with onInvalid: fail a rejected monitor is an error and nothing is generated', () => {
  const out = renderYaml(PROM + BAD_MONITOR, { onInvalid: 'fail' });
  assert.equal(out.results.filter((r) => r.severity === 'error'), [
    errorResult(
      'spec.endpoints[0].scheme is "gopher"; it must be one of "http", "https", "HTTP", "HTTPS"; the object is left out',
      smRef,
      'spec.endpoints[0].scheme',
    ),
  ]);
  assert.not.ok(out.items.some((o) => o.metadata.annotations?.[GENERATED_FROM]));
});

test('each rendered resource ends with a one-line summary result', () => {
  const out = renderYaml(PROM);
  const generated = out.items.filter((o) => o.metadata.annotations?.[GENERATED_FROM] === 'Prometheus/monitoring/k8s');
  const info = out.results.filter((r) => r.severity === 'info');
  assert.equal(info, [
    infoResult(`generated ${generated.length} objects`, {
      apiVersion: 'monitoring.coreos.com/v1',
      kind: 'Prometheus',
      name: 'k8s',
      namespace: 'monitoring',
    }),
  ]);
});

test('two Prometheus resources in one namespace share one governing Service', () => {
  const out = renderYaml(`${PROM}---
apiVersion: monitoring.coreos.com/v1
kind: Prometheus
metadata: {name: second, namespace: monitoring}
spec: {}
`);
  const svc = out.items.filter((o) => o.kind === 'Service' && o.metadata.name === 'prometheus-operated');
  assert.is(svc.length, 1);
  assert.is(svc[0]?.metadata.annotations?.[GENERATED_FROM], 'Prometheus/monitoring/k8s,Prometheus/monitoring/second');
});

const promRef = { apiVersion: 'monitoring.coreos.com/v1', kind: 'Prometheus', name: 'k8s', namespace: 'monitoring' };

/** An object as kpt hands it over: with the file it was read from. */
const inFile = (path: string, yaml: string) =>
  yaml.replace(/^metadata: \{(.*)\}$/m, (_, inner: string) => `metadata: {${inner}, annotations: {internal.config.kubernetes.io/path: ${path}}}`);

test("a user's object with the kind and name of a generated one is an error naming both, its file and the way out; nothing is replaced", () => {
  const service = inFile('services.yaml', 'apiVersion: v1\nkind: Service\nmetadata: {name: prometheus-operated, namespace: monitoring}\nspec: {ports: [{port: 9090}]}\n');
  const rules = inFile('rules.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: prometheus-k8s-rulefiles-0, namespace: monitoring}\n');
  const input = `${PROM}---\n${service}---\n${rules}`;
  const out = renderYaml(input);
  assert.equal(out.results, [
    {
      ...errorResult(
        'this object (in rules.yaml) has the kind and name of an object generated from Prometheus/monitoring/k8s; rename or remove this one',
        { apiVersion: 'v1', kind: 'ConfigMap', name: 'prometheus-k8s-rulefiles-0', namespace: 'monitoring' },
      ),
      file: { path: 'rules.yaml' },
    },
    {
      ...errorResult(
        'this object (in services.yaml) has the kind and name of an object generated from Prometheus/monitoring/k8s; set spec.serviceName on Prometheus/monitoring/k8s to use your own Service instead, or remove this one',
        { apiVersion: 'v1', kind: 'Service', name: 'prometheus-operated', namespace: 'monitoring' },
      ),
      file: { path: 'services.yaml' },
    },
  ]);
  // The input comes back as it was, and nothing is generated.
  assert.equal(out.items, parseYamlStream(input));
});

test('objects the operator reads rather than writes are not collisions: a named ServiceAccount, the bring-your-own config Secret, the Alertmanager config Secret', () => {
  const out = renderYaml(`
apiVersion: monitoring.coreos.com/v1
kind: Prometheus
metadata: {name: byo, namespace: monitoring}
spec: {serviceAccountName: scraper}
---
apiVersion: v1
kind: ServiceAccount
metadata: {name: scraper, namespace: monitoring}
---
apiVersion: v1
kind: Secret
metadata: {name: prometheus-byo, namespace: monitoring}
stringData: {prometheus.yaml.gz: mine}
---
apiVersion: monitoring.coreos.com/v1
kind: Alertmanager
metadata: {name: main, namespace: monitoring}
spec: {}
---
apiVersion: v1
kind: Secret
metadata: {name: alertmanager-main, namespace: monitoring}
stringData: {alertmanager.yaml: "route: {receiver: a}\\nreceivers: [{name: a}]\\n"}
`);
  assert.equal(out.results.filter((r) => r.severity !== 'info'), []);
  const secrets = out.items.filter((o) => o.kind === 'Secret' && o.metadata.name === 'prometheus-byo');
  assert.equal(secrets, [{ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'prometheus-byo', namespace: 'monitoring' }, stringData: { 'prometheus.yaml.gz': 'mine' } }]);
  assert.is(out.items.filter((o) => o.kind === 'ServiceAccount' && o.metadata.name === 'scraper').length, 1);
  assert.ok(out.items.some((o) => o.kind === 'StatefulSet' && o.metadata.name === 'alertmanager-main'));
});

test('a monitoring.coreos.com object of a version or kind the operator does not serve is an error listing what it serves', () => {
  const out = renderYaml(`
apiVersion: monitoring.coreos.com/v1beta1
kind: Prometheus
metadata: {name: k8s, namespace: monitoring}
spec: {}
---
apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitors
metadata: {name: api, namespace: monitoring}
spec: {}
`);
  assert.equal(out.results, [
    errorResult(
      'apiVersion monitoring.coreos.com/v1beta1 is not served for Prometheus; use monitoring.coreos.com/v1',
      { apiVersion: 'monitoring.coreos.com/v1beta1', kind: 'Prometheus', name: 'k8s', namespace: 'monitoring' },
      'apiVersion',
    ),
    errorResult(
      'kind ServiceMonitors is not a monitoring.coreos.com kind; did you mean ServiceMonitor? The kinds served are Alertmanager (v1), AlertmanagerConfig (v1alpha1, v1beta1), PodMonitor (v1), Probe (v1), Prometheus (v1), PrometheusAgent (v1alpha1), PrometheusRule (v1), ScrapeConfig (v1alpha1), ServiceMonitor (v1), ThanosRuler (v1)',
      { apiVersion: 'monitoring.coreos.com/v1', kind: 'ServiceMonitors', name: 'api', namespace: 'monitoring' },
      'kind',
    ),
  ]);
  assert.not.ok(out.items.some((o) => o.metadata.annotations?.[GENERATED_FROM]));
});

test('two copies of one Prometheus in two files are an error naming both files, whichever is read first', () => {
  const copy = (file: string, replicas: number) => inFile(file, `apiVersion: monitoring.coreos.com/v1\nkind: Prometheus\nmetadata: {name: k8s, namespace: monitoring}\nspec: {replicas: ${replicas}}\n`);
  const out = renderYaml(`${copy('a/prometheus.yaml', 1)}---\n${copy('b/prometheus.yaml', 2)}`);
  assert.equal(out.results, [
    {
      ...errorResult('this object is defined in a/prometheus.yaml and b/prometheus.yaml; keep one (the same kind, namespace and name cannot be applied twice)', promRef),
      file: { path: 'b/prometheus.yaml' },
    },
  ]);
  assert.not.ok(out.items.some((o) => o.kind === 'StatefulSet'));
});

test("results name their object once, in resourceRef, and carry the object's file; a failed run has no summary", () => {
  const prometheus = inFile('prometheus.yaml', 'apiVersion: monitoring.coreos.com/v1\nkind: Prometheus\nmetadata: {name: k8s, namespace: monitoring}\nspec: {replicas: two}\n');
  const monitor = inFile('monitors/broken.yaml', BAD_MONITOR.replace('---\n', '').trim());
  const out = renderYaml(`${prometheus}---\n${monitor}`);
  assert.equal(out.results, [
    { ...errorResult('spec.replicas must be of type integer, not string "two"', promRef, 'spec.replicas'), file: { path: 'prometheus.yaml' } },
    {
      ...warningResult('spec.endpoints[0].scheme is "gopher"; it must be one of "http", "https", "HTTP", "HTTPS"; the object is left out', smRef, 'spec.endpoints[0].scheme'),
      file: { path: 'monitors/broken.yaml' },
    },
  ]);
});

test('an owner whose selector is invalid gets that error and no other result: nothing more is rendered for it', () => {
  // Each also has an invalid web TLS configuration, which would be a second error if rendering went on.
  const badSelector = { matchExpressions: [{ key: 'team', operator: 'In' }] };
  const web = { tlsConfig: { keySecret: { name: 'tls', key: 'tls.key' } } };
  const owners = [
    { apiVersion: 'monitoring.coreos.com/v1', kind: 'Prometheus', field: 'serviceMonitorSelector' },
    { apiVersion: 'monitoring.coreos.com/v1', kind: 'Alertmanager', field: 'alertmanagerConfigSelector' },
    { apiVersion: 'monitoring.coreos.com/v1', kind: 'ThanosRuler', field: 'ruleSelector' },
  ];
  for (const { apiVersion, kind, field } of owners) {
    const spec: Record<string, unknown> = { [field]: badSelector, web };
    if (kind === 'ThanosRuler') spec.queryEndpoints = ['http://query:9090'];
    const out = renderYaml(JSON.stringify({ apiVersion, kind, metadata: { name: 'main', namespace: 'monitoring' }, spec }));
    const ref = { apiVersion, kind, name: 'main', namespace: 'monitoring' };
    assert.equal(
      out.results.filter((r) => r.severity !== 'info'),
      [errorResult(`spec.${field}.matchExpressions[0]: operator In needs at least one value`, ref, `spec.${field}`)],
      kind,
    );
  }
});

test.run();
