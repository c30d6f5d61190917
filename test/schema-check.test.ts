/**
 * The schema checks every monitoring.coreos.com object passes before anything
 * is rendered: unknown fields, as the API server's strict field validation
 * would report them, and every served version checked alike.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Prometheus } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/Prometheus';
import { PrometheusAgent } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1alpha1/PrometheusAgent';
import { AlertmanagerConfig } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1alpha1/AlertmanagerConfig';
import { AlertmanagerConfig as AlertmanagerConfigV1beta1 } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1beta1/AlertmanagerConfig';
import { FieldShapes } from '../src/api/known-fields.js';
import { NEWER_FIELDS } from '../src/api/schema-check.js';
import { GENERATED_FROM } from '../src/krm/annotations.js';
import { errorResult, warningResult } from '../src/krm/results.js';
import { renderYaml } from './support/harness.js';

const ref = (kind: string, name: string, apiVersion = 'monitoring.coreos.com/v1') => ({ apiVersion, kind, name, namespace: 'monitoring' });

test('a misspelt field is an error naming the field path and the file, with the closest known field', () => {
  const out = renderYaml(`
apiVersion: monitoring.coreos.com/v1
kind: Prometheus
metadata: {name: k8s, namespace: monitoring, annotations: {config.kubernetes.io/path: prometheus.yaml}}
spec:
  serviceMonitorSelecter: {}
---
apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata: {name: api, namespace: monitoring, annotations: {config.kubernetes.io/path: api.yaml}}
spec:
  selector: {matchLabels: {app: api}}
  endpoints:
  - port: web
    intervall: 30s
`);
  assert.equal(out.results, [
    {
      ...errorResult('unknown field "spec.serviceMonitorSelecter"; did you mean "serviceMonitorSelector"?', ref('Prometheus', 'k8s'), 'spec.serviceMonitorSelecter'),
      file: { path: 'prometheus.yaml' },
    },
    {
      ...errorResult('unknown field "spec.endpoints[0].intervall"; did you mean "interval"?', ref('ServiceMonitor', 'api'), 'spec.endpoints[0].intervall'),
      file: { path: 'api.yaml' },
    },
  ]);
  assert.not.ok(out.items.some((o) => o.metadata.annotations?.[GENERATED_FROM]), 'nothing generated');
});

test('embedded object metadata and core types are checked; free-form places, int-or-string values and fields newer than the models are not', () => {
  const out = renderYaml(`
apiVersion: monitoring.coreos.com/v1
kind: Prometheus
metadata: {name: k8s, namespace: monitoring}
spec:
  serviceMonitorSelector: {}
  podMetadata: {labels: {a: b}, namespace: other}
  storage:
    volumeClaimTemplate:
      metadata: {name: data, labelz: {a: b}}
      spec: {resources: {requests: {storage: 1Gi}}}
  containers:
  - name: prometheus
    livenessProbe: {httpGet: {port: web, path: /-/healthy}}
    ports: [{containerPort: 9090, nam: web}]
  tsdb: {chunkEncoding: {floats: xor}, staleSeriesCompactionThreshold: 0.5}
---
apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata: {name: api, namespace: monitoring}
spec:
  selector: {}
  endpoints: [{targetPort: 8080}, {targetPort: metrics}]
---
apiVersion: monitoring.coreos.com/v1alpha1
kind: AlertmanagerConfig
metadata: {name: routes, namespace: monitoring}
spec:
  route:
    receiver: team
    routes: [{receiver: team, anything: goes}]
  receivers: [{name: team}]
`);
  const fields = out.results.filter((r) => r.severity === 'error').map((r) => [r.resourceRef?.name, r.field?.path, r.message]);
  assert.equal(fields, [
    ['k8s', 'spec.containers[0].ports[0].nam', 'unknown field "spec.containers[0].ports[0].nam"; did you mean "name"?'],
    ['k8s', 'spec.podMetadata.namespace', 'unknown field "spec.podMetadata.namespace"; Prometheus declares no such field there: remove it'],
    ['k8s', 'spec.storage.volumeClaimTemplate.metadata.labelz', 'unknown field "spec.storage.volumeClaimTemplate.metadata.labelz"; did you mean "labels"?'],
  ]);
});

test('an unknown field far into a long list of like objects is still found', () => {
  const monitor = (i: number, key: string) =>
    `---\napiVersion: monitoring.coreos.com/v1\nkind: ServiceMonitor\nmetadata: {name: m${i}, namespace: monitoring}\nspec: {selector: {}, endpoints: [{port: web, ${key}: 30s}]}\n`;
  const monitors = Array.from({ length: 60 }, (_, i) => monitor(i, i === 57 ? 'scrapeTimeOut' : 'scrapeTimeout')).join('');
  const out = renderYaml(`apiVersion: v1\nkind: Namespace\nmetadata: {name: monitoring}\n${monitors}`);
  assert.equal(out.results, [
    errorResult('unknown field "spec.endpoints[0].scrapeTimeOut"; did you mean "scrapeTimeout"?', ref('ServiceMonitor', 'm57'), 'spec.endpoints[0].scrapeTimeOut'),
  ]);
});

test('AlertmanagerConfig v1beta1 gets the checks v1alpha1 gets: a matcher value of the wrong type is refused in both', () => {
  const amc = (apiVersion: string) => `
apiVersion: ${apiVersion}
kind: AlertmanagerConfig
metadata: {name: team, namespace: monitoring}
spec:
  route:
    receiver: team
    matchers: [{name: urgent, value: y}]
  receivers: [{name: team}]
`;
  for (const apiVersion of ['monitoring.coreos.com/v1alpha1', 'monitoring.coreos.com/v1beta1']) {
    const out = renderYaml(amc(apiVersion));
    assert.equal(
      out.results,
      [warningResult('spec.route.matchers[0].value must be of type string, not boolean true; the object is left out', ref('AlertmanagerConfig', 'team', apiVersion), 'spec.route.matchers[0].value')],
      apiVersion,
    );
  }
});

test('each field listed as newer than the models is still unknown to their validators (remove the entry once the models know it)', () => {
  const validators: Record<string, { prototype: { validate(this: unknown): void } }> = {
    'monitoring.coreos.com/v1/Prometheus': Prometheus as never,
    'monitoring.coreos.com/v1alpha1/PrometheusAgent': PrometheusAgent as never,
    'monitoring.coreos.com/v1alpha1/AlertmanagerConfig': AlertmanagerConfig as never,
    'monitoring.coreos.com/v1beta1/AlertmanagerConfig': AlertmanagerConfigV1beta1 as never,
  };
  for (const [type, paths] of Object.entries(NEWER_FIELDS)) {
    const model = validators[type];
    assert.ok(model, type);
    for (const path of paths) {
      // spec.receivers[].webhookConfigs[].payload → {spec: {receivers: [{webhookConfigs: [{payload: {}}]}]}}
      const steps = path.split('.');
      const leaf = steps.pop() as string;
      const root: Record<string, unknown> = { apiVersion: type.slice(0, type.lastIndexOf('/')), kind: type.slice(type.lastIndexOf('/') + 1), metadata: { name: 'x' } };
      let at = root;
      for (const step of steps) {
        const next: Record<string, unknown> = {};
        at[step.replace('[]', '')] = step.endsWith('[]') ? [next] : next;
        at = next;
      }
      at[leaf] = {};
      const validate = (data: unknown) => {
        try {
          model.prototype.validate.call(data);
          return true;
        } catch {
          return false;
        }
      };
      const pattern = (steps: readonly (string | number)[]) => steps.reduce<string>((acc, s) => (typeof s === 'number' ? `${acc}[]` : acc ? `${acc}.${s}` : s), '');
      const unknown = new FieldShapes().check(type, validate, root).unknown.map((u) => pattern(u.path));
      assert.ok(unknown.includes(path), `${type} ${path}: the validators know it now; remove it from NEWER_FIELDS`);
    }
  }
});

test.run();
