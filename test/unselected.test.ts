/**
 * Objects no resource selects: one info result each, naming it, and one
 * line with the count (issue 15, observation 9).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { infoResult } from '../src/krm/results.js';
import { renderYaml } from './support/harness.js';

const INPUT = `
apiVersion: monitoring.coreos.com/v1
kind: Prometheus
metadata: {name: k8s, namespace: monitoring}
spec:
  serviceMonitorSelector: {matchLabels: {team: a}}
  ruleSelector: {matchLabels: {team: a}}
---
apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata: {name: web, namespace: monitoring, labels: {team: a}}
spec:
  selector: {matchLabels: {app: web}}
  endpoints: [{port: web}]
---
apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata: {name: api, namespace: monitoring, labels: {team: b}}
spec:
  selector: {matchLabels: {app: api}}
  endpoints: [{port: web}]
---
apiVersion: monitoring.coreos.com/v1
kind: PrometheusRule
metadata: {name: orphan, namespace: monitoring, labels: {team: b}}
spec:
  groups: [{name: g, rules: [{alert: Up, expr: up == 0}]}]
---
apiVersion: monitoring.coreos.com/v1alpha1
kind: AlertmanagerConfig
metadata: {name: routes, namespace: monitoring}
spec:
  route: {receiver: r}
  receivers: [{name: r}]
`;

const ref = (apiVersion: string, kind: string, name: string) => ({ apiVersion, kind, name, namespace: 'monitoring' });

test('each monitor, rule and AlertmanagerConfig that nothing selects gets one info result naming it, and the run one line with the count', () => {
  const out = renderYaml(INPUT);
  const infos = out.results.filter((r) => r.severity === 'info' && !r.message.startsWith('generated '));
  assert.equal(infos, [
    infoResult('3 objects are selected by no resource (1 AlertmanagerConfig, 1 PrometheusRule, 1 ServiceMonitor); each is named in its own result'),
    infoResult(
      'no Alertmanager selects it, so it is in no Alertmanager configuration; the input has no Alertmanager',
      ref('monitoring.coreos.com/v1alpha1', 'AlertmanagerConfig', 'routes'),
    ),
    infoResult(
      'no Prometheus or ThanosRuler selects it, so it is in no rule file; compare its labels with their spec.ruleSelector and its namespace with their spec.ruleNamespaceSelector',
      ref('monitoring.coreos.com/v1', 'PrometheusRule', 'orphan'),
    ),
    infoResult(
      'no Prometheus or PrometheusAgent selects it, so it is in no scrape configuration; compare its labels with their spec.serviceMonitorSelector and its namespace with their spec.serviceMonitorNamespaceSelector',
      ref('monitoring.coreos.com/v1', 'ServiceMonitor', 'api'),
    ),
  ]);
});

test('an object selected and then left out as invalid is reported as left out, not as unselected', () => {
  const invalid = INPUT.replace('endpoints: [{port: web}]', 'endpoints: [{port: web, basicAuth: {username: {name: missing, key: u}, password: {name: missing, key: p}}}]');
  // With secrets: inline, as the operator, a missing Secret makes the monitor invalid.
  const out = renderYaml(invalid, { secrets: 'inline' });
  const aboutWeb = out.results.filter((r) => r.resourceRef?.name === 'web').map((r) => r.severity);
  assert.equal(aboutWeb, ['warning', 'warning']);
  assert.ok(out.results.some((r) => r.message.startsWith('3 objects are selected by no resource')));
});

test.run();
