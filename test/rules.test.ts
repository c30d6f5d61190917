import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseYamlStream } from '../src/core/yaml.js';
import type { KubeObject, Result } from '../src/krm/types.js';
import { MAX_RULE_CONFIGMAP_BYTES, ruleFileKey } from '../src/rules/config-maps.js';
import { parsePromQL } from '../src/rules/promql/parse.js';
import { printExpr } from '../src/rules/promql/print.js';
import { find, renderYaml, resourceList, readList, runBin, secretText } from './support/harness.js';

const PROMETHEUS = `
apiVersion: monitoring.coreos.com/v1
kind: Prometheus
metadata: {name: k8s, namespace: monitoring}
spec:
  ruleSelector: {}
  ruleNamespaceSelector: {}
  serviceMonitorSelector: {}
`;

const NAMESPACES = `
apiVersion: v1
kind: Namespace
metadata: {name: monitoring}
---
apiVersion: v1
kind: Namespace
metadata: {name: team-a}
`;

function promRule(namespace: string, name: string, expr: string, extra = ''): string {
  return `
apiVersion: monitoring.coreos.com/v1
kind: PrometheusRule
metadata: {name: ${name}, namespace: ${namespace}}
spec:
  groups:
  - name: g
    rules:
    - alert: HighErrors
      expr: ${JSON.stringify(expr)}
      for: 5m
${extra}`;
}

function ruleFiles(items: readonly KubeObject[], prom = 'prometheus-k8s'): Map<string, string> {
  const files = new Map<string, string>();
  for (const cm of items.filter((o) => o.kind === 'ConfigMap' && o.metadata.name.startsWith(`${prom}-rulefiles-`))) {
    for (const [k, v] of Object.entries((cm.data ?? {}) as Record<string, string>)) files.set(k, v);
  }
  return files;
}

function exprOf(file: string): unknown {
  const doc = parseYamlStream(file)[0] as { groups: Array<{ rules: Array<{ expr: unknown; labels?: Record<string, string> }> }> };
  return doc.groups[0]?.rules[0];
}

const warnings = (results: readonly Result[]) => results.filter((r) => r.severity === 'warning');
const errors = (results: readonly Result[]) => results.filter((r) => r.severity === 'error');

test('a selected PrometheusRule becomes a rule file in prometheus-k8s-rulefiles-0, labelled like the operator does', () => {
  const out = renderYaml(PROMETHEUS + '---' + NAMESPACES + '---' + promRule('team-a', 'api', 'sum(rate(http_requests_total{job="a"}[5m])) > 1'));
  assert.equal(errors(out.results), []);
  const cm = find(out.items, 'ConfigMap', 'monitoring', 'prometheus-k8s-rulefiles-0');
  assert.equal(cm.metadata.labels, {
    'app.kubernetes.io/managed-by': 'prometheus-operator',
    'managed-by': 'prometheus-operator',
    'prometheus-name': 'k8s',
  });
  assert.equal(Object.keys(cm.data as object), ['team-a_api.yaml']);
  assert.equal(parseYamlStream((cm.data as Record<string, string>)['team-a_api.yaml'] as string)[0], {
    groups: [{ name: 'g', rules: [{ alert: 'HighErrors', expr: 'sum(rate(http_requests_total{job="a"}[5m])) > 1', for: '5m' }] }],
  });
});

test('expr "sum(rate(x[5m]) by (" gives a warning naming the rule and the column, and the PrometheusRule is left out', () => {
  const out = renderYaml(PROMETHEUS + '---' + NAMESPACES + '---' + promRule('team-a', 'broken', 'sum(rate(x[5m]) by ('));
  const w = warnings(out.results);
  assert.is(w.length, 1);
  assert.equal(w[0]?.resourceRef, { apiVersion: 'monitoring.coreos.com/v1', kind: 'PrometheusRule', name: 'broken', namespace: 'team-a' });
  assert.equal(w[0]?.field, { path: 'spec.groups[0].rules[0].expr' });
  assert.match(w[0]?.message ?? '', 'group "g": rule 1 ("HighErrors"): could not parse expression: 1:17: parse error');
  assert.equal(errors(out.results), []);
  assert.equal([...ruleFiles(out.items).keys()], []);
  // The pods mount the rule ConfigMaps, so the first one is there, empty.
  const ruleConfigMaps = out.items.filter((o) => o.kind === 'ConfigMap' && o.metadata.name.startsWith('prometheus-k8s-rulefiles-'));
  assert.equal(ruleConfigMaps.map((o) => [o.metadata.name, o.data ?? {}]), [['prometheus-k8s-rulefiles-0', {}]]);
});

test('with onInvalid: fail an unparsable expression is an error result', () => {
  const out = renderYaml(PROMETHEUS + '---' + NAMESPACES + '---' + promRule('team-a', 'broken', 'sum(rate(x[5m]) by ('), { onInvalid: 'fail' });
  const e = errors(out.results);
  assert.is(e.length, 1);
  assert.is(e[0]?.resourceRef?.name, 'broken');
  assert.match(e[0]?.message ?? '', /1:17/);
});

test('bin/prometheus-krm exits 1 on an unparsable expression under onInvalid: fail, and still writes the ResourceList', () => {
  const input = resourceList(
    PROMETHEUS + '---' + NAMESPACES + '---' + promRule('team-a', 'broken', 'sum(rate(x[5m]) by ('),
    'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: opts}\ndata: {onInvalid: fail}',
  );
  const r = runBin([], input);
  assert.is(r.status, 1, r.stderr);
  const list = readList(r.stdout);
  assert.ok(list.results.some((x) => x.severity === 'error' && /1:17/.test(x.message)));
});

test('enforcedNamespaceLabel injects namespace="team-a" into every selector and the rule labels', () => {
  const prom = PROMETHEUS + '  enforcedNamespaceLabel: namespace\n';
  const out = renderYaml(prom + '---' + NAMESPACES + '---' + promRule('team-a', 'api', 'sum(rate(http_requests_total{job="a"}[5m])) / sum(up{namespace="other"})'));
  assert.equal(errors(out.results), []);
  const rule = exprOf(ruleFiles(out.items).get('team-a_api.yaml') as string);
  assert.equal(rule, {
    alert: 'HighErrors',
    expr: 'sum(rate(http_requests_total{job="a",namespace="team-a"}[5m])) / sum(up{namespace="team-a"})',
    for: '5m',
    labels: { namespace: 'team-a' },
  });
});

test('a PrometheusRule listed in excludedFromEnforcement keeps its expression as written', () => {
  const prom = `${PROMETHEUS}  enforcedNamespaceLabel: namespace
  excludedFromEnforcement:
  - {resource: prometheusrules, namespace: team-a, name: api}
`;
  const expr = 'sum(rate(http_requests_total{job="a"}[5m]))';
  const out = renderYaml(prom + '---' + NAMESPACES + '---' + promRule('team-a', 'api', expr) + '---' + promRule('team-a', 'other', expr));
  const files = ruleFiles(out.items);
  assert.equal(exprOf(files.get('team-a_api.yaml') as string), { alert: 'HighErrors', expr, for: '5m' });
  assert.equal((exprOf(files.get('team-a_other.yaml') as string) as { expr: string }).expr, 'sum(rate(http_requests_total{job="a",namespace="team-a"}[5m]))');
});

test('the deprecated prometheusRulesExcludedFromEnforce also exempts a rule', () => {
  const prom = `${PROMETHEUS}  enforcedNamespaceLabel: namespace
  prometheusRulesExcludedFromEnforce:
  - {ruleNamespace: team-a, ruleName: api}
`;
  const out = renderYaml(prom + '---' + NAMESPACES + '---' + promRule('team-a', 'api', 'up == 0'));
  assert.equal((exprOf(ruleFiles(out.items).get('team-a_api.yaml') as string) as { expr: string }).expr, 'up == 0');
});

test('the printer writes expressions the way Prometheus String() does', () => {
  const cases: Array<[string, string]> = [
    ['sum(rate(x[90m])) by (job)', 'sum by (job) (rate(x[1h30m]))'],
    ['x{b="1",a=~"2"} offset 5m', 'x{a=~"2",b="1"} offset 5m'],
    ['a * on(x) group_left(y) b', 'a * on (x) group_left (y) b'],
    ['topk(5, x) > bool 1e6', 'topk(5, x) > bool 1000000'],
    ['-1 + -x', '-1 + -x'],
    ["label_replace(up, 'a', \"$1\", `b`, \"(.*)\")", 'label_replace(up, "a", "$1", "b", "(.*)")'],
    ['rate(x[5m:30s] @ 100)', 'rate(x[5m:30s] @ 100.000)'],
  ];
  for (const [input, want] of cases) {
    const p = parsePromQL(input);
    assert.ok(p.expr, `${input}: ${JSON.stringify(p.error)}`);
    assert.is(printExpr(p.expr!), want);
  }
});

test('type and function errors are reported the way the PromQL parser does', () => {
  assert.equal(parsePromQL('invalidfn(x)').error, { message: 'parse error: unknown function with name "invalidfn"', line: 1, column: 1 });
  assert.equal(parsePromQL('sum(x[5m])').error?.message, 'parse error: expected type instant vector in aggregation expression, got range vector');
  assert.equal(parsePromQL('rate(x)').error?.message, 'parse error: expected type range vector in call to function "rate", got instant vector');
  assert.equal(parsePromQL('1 > 2').error?.message, 'parse error: comparisons between scalars must use BOOL modifier');
  assert.equal(parsePromQL('mad_over_time(x[5m])').error?.message, 'parse error: function "mad_over_time" is not enabled');
  assert.ok(parsePromQL('mad_over_time(x[5m])', { experimentalFunctions: true }).expr);
  assert.equal(parsePromQL('up\n  and on(job)\n  (').error, { message: 'parse error: unexpected end of input', line: 3, column: 4 });
});

test('rules Prometheus 2.x refuses to load are rejected: both alert and record, invalid label names, repeated groups', () => {
  // Before Prometheus 3.0 label and annotation names are the legacy charset; 3.x accepts any UTF-8 name.
  const bad = `
apiVersion: monitoring.coreos.com/v1
kind: PrometheusRule
metadata: {name: bad, namespace: monitoring}
spec:
  groups:
  - name: g
    rules:
    - {alert: A, record: b, expr: up}
    - {record: 'job:up:sum', expr: up, for: 5m}
    - {alert: C, expr: up, annotations: {"bad/annotation": x}}
    - {alert: D, expr: up, labels: {"bad-label": x}}
  - name: g
    rules: []
`;
  const out = renderYaml(PROMETHEUS + '  version: v2.55.0\n---' + NAMESPACES + '---' + bad);
  const msgs = warnings(out.results).map((r) => `${r.field?.path}: ${r.message.replace(/; the PrometheusRule.*$/, '')}`);
  assert.equal(msgs, [
    'spec.groups[0].rules[0]: group "g": rule 1 ("A"): only one of \'record\' and \'alert\' must be set',
    'spec.groups[0].rules[1].for: group "g": rule 2 ("job:up:sum"): invalid field \'for\' in recording rule',
    'spec.groups[0].rules[2].annotations["bad/annotation"]: group "g": rule 3 ("C"): invalid annotation name: bad/annotation',
    'spec.groups[0].rules[3].labels["bad-label"]: group "g": rule 4 ("D"): invalid label name: bad-label',
    'spec.groups[1].name: group "g": group name "g" is repeated in the same file',
  ]);
  assert.equal([...ruleFiles(out.items).keys()], []);
});

test('a for duration that is not a Prometheus duration leaves the PrometheusRule out', () => {
  const out = renderYaml(PROMETHEUS + '---' + NAMESPACES + '---' + promRule('team-a', 'slow', 'up == 0').replace('for: 5m', 'for: 5x'));
  assert.equal(warnings(out.results).map((r) => [r.resourceRef?.name, r.field?.path]), [['slow', 'spec.groups[0].rules[0].for']]);
  assert.equal([...ruleFiles(out.items).keys()], []);
});

test('a for duration too long to count exactly in milliseconds leaves the PrometheusRule out', () => {
  const out = renderYaml(PROMETHEUS + '---' + NAMESPACES + '---' + promRule('team-a', 'slow', 'up == 0').replace('for: 5m', 'for: 300000000y'));
  assert.equal(warnings(out.results).map((r) => [r.resourceRef?.name, r.field?.path]), [['slow', 'spec.groups[0].rules[0].for']]);
  assert.equal([...ruleFiles(out.items).keys()], []);
});

test('group fields the target version does not know are dropped with a warning', () => {
  const prom = PROMETHEUS + '  version: v2.45.0\n';
  const rule = `
apiVersion: monitoring.coreos.com/v1
kind: PrometheusRule
metadata: {name: r, namespace: monitoring}
spec:
  groups:
  - name: g
    limit: 10
    query_offset: 1m
    labels: {team: a}
    partial_response_strategy: warn
    rules:
    - {alert: A, expr: up == 0, keep_firing_for: 5m}
`;
  const out = renderYaml(prom + '---' + NAMESPACES + '---' + rule);
  assert.equal(
    warnings(out.results).map((r) => r.field?.path),
    ['spec.groups[0].labels', 'spec.groups[0].query_offset'],
  );
  assert.equal(parseYamlStream(ruleFiles(out.items).get('monitoring_r.yaml') as string)[0], {
    groups: [{ limit: 10, name: 'g', rules: [{ alert: 'A', expr: 'up == 0', keep_firing_for: '5m' }] }],
  });
});

test('two Prometheus selecting one PrometheusRule each get a file for their own version and enforcement, and their own warnings', () => {
  const enforced = `
apiVersion: monitoring.coreos.com/v1
kind: Prometheus
metadata: {name: enforced, namespace: monitoring}
spec:
  version: v2.45.0
  enforcedNamespaceLabel: namespace
  ruleSelector: {}
  ruleNamespaceSelector: {}
`;
  const rule = promRule('team-a', 'api', 'up{job="a"} == 0', '    query_offset: 1m\n');
  const out = renderYaml(PROMETHEUS + '---' + enforced + '---' + NAMESPACES + '---' + rule);
  const plain = parseYamlStream(ruleFiles(out.items).get('team-a_api.yaml') as string)[0] as { groups: Array<Record<string, unknown>> };
  const other = parseYamlStream(ruleFiles(out.items, 'prometheus-enforced').get('team-a_api.yaml') as string)[0] as { groups: Array<Record<string, unknown>> };
  assert.is(plain.groups[0]?.query_offset, '1m');
  assert.is(other.groups[0]?.query_offset, undefined);
  assert.equal(exprOf(ruleFiles(out.items).get('team-a_api.yaml') as string), { alert: 'HighErrors', expr: 'up{job="a"} == 0', for: '5m' });
  assert.equal(exprOf(ruleFiles(out.items, 'prometheus-enforced').get('team-a_api.yaml') as string), {
    alert: 'HighErrors',
    expr: 'up{job="a",namespace="team-a"} == 0',
    for: '5m',
    labels: { namespace: 'team-a' },
  });
  assert.equal(
    warnings(out.results).map((r) => r.message),
    ['"query_offset" needs version >= 2.53.0, the target is 2.45.0; it is left out of Prometheus/monitoring/enforced\'s rule file'],
  );
});

test('data keys are <namespace>_<name>.yaml: foo-bar/fred and foo/bar-fred do not collide', () => {
  assert.is(ruleFileKey('foo-bar', 'fred'), 'foo-bar_fred.yaml');
  assert.is(ruleFileKey('foo', 'bar-fred'), 'foo_bar-fred.yaml');
  const long = ruleFileKey('ns', 'x'.repeat(253));
  assert.is(long.length, 253);
  assert.match(long, /^ns_x+-[0-9a-f]{16}\.yaml$/);
});

test('3,000 rules over 300 PrometheusRules split into several ConfigMaps under the size limit, all mounted and in rule_files', () => {
  const docs: string[] = [PROMETHEUS, NAMESPACES];
  for (let i = 0; i < 300; i++) {
    const rules = Array.from({ length: 10 }, (_, j) => `    - alert: Alert${j}\n      expr: sum(rate(http_requests_total{job="svc-${i}",code=~"5.."}[5m])) by (instance) > ${j}\n      annotations: {description: "${'d'.repeat(400)}"}`).join('\n');
    docs.push(`apiVersion: monitoring.coreos.com/v1\nkind: PrometheusRule\nmetadata: {name: rules-${String(i).padStart(3, '0')}, namespace: team-a}\nspec:\n  groups:\n  - name: g\n    rules:\n${rules}\n`);
  }
  const out = renderYaml(docs.join('\n---\n'));
  assert.equal(errors(out.results), []);
  const cms = out.items.filter((o) => o.kind === 'ConfigMap' && o.metadata.name.startsWith('prometheus-k8s-rulefiles-'));
  assert.ok(cms.length >= 3, `${cms.length} ConfigMaps`);
  let files = 0;
  for (const cm of cms) {
    const data = cm.data as Record<string, string>;
    files += Object.keys(data).length;
    assert.ok(Buffer.byteLength(Object.values(data).join('')) <= MAX_RULE_CONFIGMAP_BYTES, cm.metadata.name);
  }
  assert.is(files, 300);
  const names = cms.map((c) => c.metadata.name).sort();
  const sts = find(out.items, 'StatefulSet', 'monitoring', 'prometheus-k8s') as KubeObject & { spec: { template: { spec: { volumes: Array<{ name: string; configMap?: { name: string } }> } } } };
  const mounted = sts.spec.template.spec.volumes.filter((v) => v.configMap?.name.startsWith('prometheus-k8s-rulefiles-')).map((v) => v.name);
  assert.equal(mounted, names.length >= 3 ? names : mounted);
  for (const n of names) assert.ok(mounted.includes(n), n);
  const cfg = parseYamlStream(secretText(find(out.items, 'Secret', 'monitoring', 'prometheus-k8s'), 'prometheus.yaml.gz'))[0] as { rule_files: string[] };
  assert.equal(cfg.rule_files, names.map((n) => `/etc/prometheus/rules/${n}/*.yaml`));
});

test('with no rule selected there is one empty ConfigMap, and rule_files and volumes still name three', () => {
  const out = renderYaml(PROMETHEUS + '---' + NAMESPACES);
  const cms = out.items.filter((o) => o.kind === 'ConfigMap' && o.metadata.name.startsWith('prometheus-k8s-rulefiles-'));
  assert.equal(cms.map((c) => [c.metadata.name, c.data]), [['prometheus-k8s-rulefiles-0', {}]]);
  const cfg = parseYamlStream(secretText(find(out.items, 'Secret', 'monitoring', 'prometheus-k8s'), 'prometheus.yaml.gz'))[0] as { rule_files: string[] };
  assert.equal(cfg.rule_files, [0, 1, 2].map((i) => `/etc/prometheus/rules/prometheus-k8s-rulefiles-${i}/*.yaml`));
});

test('ruleNamespaceSelector unset selects rules in the Prometheus namespace only', () => {
  const prom = `apiVersion: monitoring.coreos.com/v1\nkind: Prometheus\nmetadata: {name: k8s, namespace: monitoring}\nspec: {ruleSelector: {}}\n`;
  const out = renderYaml(prom + '---' + NAMESPACES + '---' + promRule('team-a', 'a', 'up') + '---' + promRule('monitoring', 'm', 'up'));
  assert.equal([...ruleFiles(out.items).keys()], ['monitoring_m.yaml']);
});

test.run();
