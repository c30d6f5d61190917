// Generated objects too large for client-side apply's last-applied copy are
// marked for Argo CD's server-side apply; the others are left as they were.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { LAST_APPLIED } from '../src/render/apply-size.js';
import { find, renderYaml } from './support/harness.js';

const SYNC_OPTIONS = 'argocd.argoproj.io/sync-options';

/** A Prometheus and one PrometheusRule of `rules` alerting rules, each about 200 bytes of YAML. */
function withRules(rules: number): string {
  const list = Array.from({ length: rules }, (_, i) =>
    [
      `      - alert: HighErrorRate${i}`,
      `        expr: sum(rate(http_requests_total{job="api-${i}",code=~"5.."}[5m])) / sum(rate(http_requests_total{job="api-${i}"}[5m])) > 0.05`,
      '        for: 10m',
      '        labels: {severity: warning}',
    ].join('\n'),
  ).join('\n');
  return `
apiVersion: monitoring.coreos.com/v1
kind: Prometheus
metadata: {name: main, namespace: monitoring}
spec:
  ruleSelector: {}
---
apiVersion: monitoring.coreos.com/v1
kind: PrometheusRule
metadata: {name: many, namespace: monitoring}
spec:
  groups:
  - name: api
    rules:
${list}
`;
}

/** The bytes client-side apply would put in annotations: the object as JSON in last-applied, and the others. */
const appliedSize = (obj: { metadata: { annotations?: Record<string, string> } }) =>
  Buffer.byteLength(LAST_APPLIED) + Buffer.byteLength(JSON.stringify(obj)) + Object.entries(obj.metadata.annotations ?? {}).reduce((n, [k, v]) => n + k.length + v.length, 0);

test('a rule ConfigMap past the 262,144-byte annotation limit is marked ServerSideApply=true; the rest are not', () => {
  const out = renderYaml(withRules(1500));
  assert.equal(out.results.filter((r) => r.severity !== 'info'), []);
  const rules = find(out.items, 'ConfigMap', 'monitoring', 'prometheus-main-rulefiles-0');
  assert.ok(appliedSize(rules) > 262_144, `rule ConfigMap applies as ${appliedSize(rules)} bytes`);
  assert.is(rules.metadata.annotations?.[SYNC_OPTIONS], 'ServerSideApply=true');
  for (const obj of out.items.filter((o) => o !== rules)) assert.is(obj.metadata.annotations?.[SYNC_OPTIONS], undefined, `${obj.kind}/${obj.metadata.name}`);
});

test('a rule ConfigMap under the limit is not marked', () => {
  const out = renderYaml(withRules(800));
  const rules = find(out.items, 'ConfigMap', 'monitoring', 'prometheus-main-rulefiles-0');
  assert.ok(appliedSize(rules) < 261_000, `rule ConfigMap applies as ${appliedSize(rules)} bytes`);
  assert.is(rules.metadata.annotations?.[SYNC_OPTIONS], undefined);
});

test('sync options from the annotations option are kept, and ServerSideApply=true is added to them', () => {
  const out = renderYaml(withRules(1500), { annotations: `${SYNC_OPTIONS}=Prune=false` });
  assert.is(find(out.items, 'ConfigMap', 'monitoring', 'prometheus-main-rulefiles-0').metadata.annotations?.[SYNC_OPTIONS], 'Prune=false,ServerSideApply=true');
  assert.is(find(out.items, 'StatefulSet', 'monitoring', 'prometheus-main').metadata.annotations?.[SYNC_OPTIONS], 'Prune=false');
});

test.run();
