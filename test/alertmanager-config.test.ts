import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseYamlStream } from '../src/core/yaml.js';
import type { KubeObject } from '../src/krm/types.js';
import { find, renderYaml, secretText } from './support/harness.js';

type Config = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const b64 = (s: string) => Buffer.from(s).toString('base64');

const AM = (extra = '') => `
apiVersion: monitoring.coreos.com/v1
kind: Alertmanager
metadata: {name: main, namespace: monitoring}
spec:
  version: v0.28.1
  alertmanagerConfigSelector: {}
  alertmanagerConfigNamespaceSelector: {}
${extra}
`;

/** The config Secret `alertmanager-main` holding `yaml` as its alertmanager.yaml. */
const baseSecret = (yaml: string) => `
apiVersion: v1
kind: Secret
metadata: {name: alertmanager-main, namespace: monitoring}
data:
  alertmanager.yaml: ${b64(yaml)}
`;

const BASE = baseSecret('global:\n  resolve_timeout: 300s\nroute:\n  receiver: default\n  group_wait: 30s\n  routes:\n  - receiver: critical\n    matchers: [severity="critical"]\nreceivers:\n- name: default\n- name: critical\n');

const NAMESPACES = ['monitoring', 'team-a', 'team-b'].map((n) => `---\napiVersion: v1\nkind: Namespace\nmetadata: {name: ${n}}\n`).join('');

const team = (ns: string, apiVersion = 'monitoring.coreos.com/v1alpha1') => `
---
apiVersion: v1
kind: Secret
metadata: {name: slack, namespace: ${ns}}
stringData: {url: "https://hooks.slack.com/services/${ns}"}
---
apiVersion: ${apiVersion}
kind: AlertmanagerConfig
metadata: {name: alerts, namespace: ${ns}}
spec:
  route:
    receiver: slack
    groupBy: [alertname]
    routes:
    - receiver: slack
      matchers: [{name: severity, value: critical, matchType: "="}]
  receivers:
  - name: slack
    slackConfigs:
    - apiURL: {name: slack, key: url}
      channel: "#${ns}"
  inhibitRules:
  - sourceMatch: [{name: severity, value: critical, matchType: "="}]
    targetMatch: [{name: severity, value: warning, matchType: "="}]
    equal: [alertname]
`;

function config(items: readonly { kind: string; metadata: { name: string; namespace?: string } }[] & unknown[]): Config {
  return parseYamlStream(secretText(find(items as never, 'Secret', 'monitoring', 'alertmanager-main-generated'), 'alertmanager.yaml.gz'))[0] as Config;
}

test('the base configuration comes from the config Secret, durations written as Alertmanager writes them', () => {
  const out = renderYaml(AM() + '---' + BASE + NAMESPACES);
  const cfg = config(out.items);
  assert.equal(cfg.global, { resolve_timeout: '5m' });
  assert.equal(cfg.route, { receiver: 'default', routes: [{ receiver: 'critical', matchers: ['severity="critical"'] }], group_wait: '30s' });
  assert.equal(cfg.receivers, [{ name: 'default' }, { name: 'critical' }]);
  assert.equal(cfg.templates, []);
  const secret = find(out.items, 'Secret', 'monitoring', 'alertmanager-main-generated');
  assert.equal(secret.metadata.labels, { 'app.kubernetes.io/managed-by': 'prometheus-operator', 'managed-by': 'prometheus-operator' });
});

test("the operator's default configuration is used when the config Secret has no alertmanager.yaml, with a warning", () => {
  const out = renderYaml(AM() + NAMESPACES + '---\napiVersion: v1\nkind: Secret\nmetadata: {name: alertmanager-main, namespace: monitoring}\nstringData: {other.tmpl: x}\n');
  assert.equal(config(out.items), { route: { receiver: 'null' }, receivers: [{ name: 'null' }], templates: [] });
  assert.equal(
    out.results.filter((r) => r.severity === 'warning').map((r) => r.message),
    ['Secret monitoring/alertmanager-main has no key "alertmanager.yaml", so the operator\'s default configuration is used: alerts that no AlertmanagerConfig routes go to the "null" receiver; put the configuration under that key'],
  );
});

test('AlertmanagerConfig routes go under the top route, each with its namespace matcher and continue: true', () => {
  const cfg = config(renderYaml(AM() + '---' + BASE + NAMESPACES + team('team-a') + team('team-b')).items);
  const routes = cfg.route.routes as Config[];
  assert.equal(routes.length, 3);
  assert.equal(routes[0], {
    receiver: 'team-a/alerts/slack',
    group_by: ['alertname'],
    matchers: ['namespace="team-a"'],
    continue: true,
    routes: [{ receiver: 'team-a/alerts/slack', matchers: ['severity="critical"'] }],
  });
  assert.equal(routes[1]?.matchers, ['namespace="team-b"']);
  assert.equal(routes[2], { receiver: 'critical', matchers: ['severity="critical"'] });
});

test('receiver names carry namespace and name; each Slack URL comes from its own Secret', () => {
  const cfg = config(renderYaml(AM() + '---' + BASE + NAMESPACES + team('team-a') + team('team-b')).items);
  const receivers = cfg.receivers as Config[];
  assert.equal(receivers.map((r) => r.name), ['default', 'critical', 'team-a/alerts/slack', 'team-b/alerts/slack']);
  assert.equal(receivers[2]?.slack_configs, [{ api_url: 'https://hooks.slack.com/services/team-a', channel: '#team-a' }]);
  assert.equal(receivers[3]?.slack_configs[0].api_url, 'https://hooks.slack.com/services/team-b');
});

test('inhibit rules are scoped to the namespace of their AlertmanagerConfig', () => {
  const cfg = config(renderYaml(AM() + '---' + BASE + NAMESPACES + team('team-a')).items);
  assert.equal(cfg.inhibit_rules, [
    { target_matchers: ['severity="warning"', 'namespace="team-a"'], source_matchers: ['severity="critical"', 'namespace="team-a"'], equal: ['alertname'] },
  ]);
});

test('alertmanagerConfigMatcherStrategy None leaves routes unscoped', () => {
  const cfg = config(renderYaml(AM('  alertmanagerConfigMatcherStrategy: {type: None}') + '---' + BASE + NAMESPACES + team('team-a')).items);
  assert.equal(cfg.route.routes[0].matchers, undefined);
  assert.equal(cfg.route.routes[0].continue, true);
});

test('v1beta1 AlertmanagerConfigs are accepted, timeIntervals included', () => {
  const v1beta1 = team('team-a', 'monitoring.coreos.com/v1beta1').replace(
    '  inhibitRules:',
    '  timeIntervals:\n  - name: workdays\n    timeIntervals: [{weekdays: ["monday:friday"]}]\n  inhibitRules:',
  ).replace('    groupBy: [alertname]', '    groupBy: [alertname]\n    muteTimeIntervals: [workdays]');
  const out = renderYaml(AM() + '---' + BASE + NAMESPACES + v1beta1);
  const cfg = config(out.items);
  assert.equal(cfg.route.routes[0].receiver, 'team-a/alerts/slack');
  assert.equal(cfg.route.routes[0].mute_time_intervals, ['team-a/alerts/workdays']);
  assert.equal(cfg.mute_time_intervals, [{ name: 'team-a/alerts/workdays', time_intervals: [{ weekdays: ["monday:friday"] }] }]);
});

test('with secrets: inline, a missing receiver Secret rejects the AlertmanagerConfig with a warning naming Secret and key, never a value', () => {
  const withoutKey = team('team-a').replace('stringData: {url: "https://hooks.slack.com/services/team-a"}', 'stringData: {other: "s3cr3t-value"}');
  const out = renderYaml(AM() + '---' + BASE + NAMESPACES + withoutKey + team('team-b'), { secrets: 'inline' });
  const cfg = config(out.items);
  assert.equal((cfg.receivers as Config[]).map((r) => r.name), ['default', 'critical', 'team-b/alerts/slack']);
  const warning = out.results.find((r) => r.severity === 'warning' && r.resourceRef?.name === 'alerts' && r.resourceRef?.namespace === 'team-a');
  assert.ok(warning, JSON.stringify(out.results));
  assert.match(warning.message, 'Secret team-a/slack has no key "url"');
  assert.equal(warning.field?.path, 'spec.receivers[0].slackConfigs[0].apiURL');
  assert.not.match(JSON.stringify(out.results), 's3cr3t-value');
});

test('onInvalid: fail turns the rejection into an error', () => {
  const bad = team('team-a').replace('receiver: slack\n    groupBy', 'receiver: nowhere\n    groupBy');
  const out = renderYaml(AM() + '---' + BASE + NAMESPACES + bad, { onInvalid: 'fail' });
  const error = out.results.find((r) => r.severity === 'error');
  assert.ok(error, JSON.stringify(out.results));
  assert.match(error.message, 'receiver "nowhere" not found');
  assert.equal(error.resourceRef?.name, 'alerts');
});

test('a base configuration time interval that is not a mapping is an error naming its path', () => {
  const base = baseSecret('route: {receiver: default}\nreceivers: [{name: default}]\ntime_intervals: [workdays]\n');
  const out = renderYaml(AM() + '---' + base + NAMESPACES);
  assert.equal(
    out.results.filter((r) => r.severity === 'error').map((r) => r.message),
    ['the Alertmanager configuration cannot be generated: config.time_intervals[0]: not a valid time interval'],
  );
});

test('a field the target version does not know is dropped with a warning', () => {
  const am = AM().replace('v0.28.1', 'v0.29.0');
  const timeout = team('team-a').replace('      channel: "#team-a"', '      channel: "#team-a"\n      timeout: 10s');
  const out = renderYaml(am + '---' + BASE + NAMESPACES + timeout);
  const cfg = config(out.items);
  assert.equal(cfg.receivers[2].slack_configs[0].timeout, undefined);
  assert.ok(out.results.some((r) => r.severity === 'warning' && r.message.includes('"timeout" needs version >= 0.30.0')), JSON.stringify(out.results));
});

test('a global setting the target version leaves out mounts no Secret: only the version warning, no volume source, no expected-Secrets result', () => {
  const out = renderYaml(
    AM('  version: v0.28.0\n  alertmanagerConfiguration:\n    name: global-config\n    global:\n      wechat:\n        apiURL: https://wechat.example.com\n        apiSecret: {name: wechat-missing, key: api_secret}\n        apiCorpID: corp').replace('  version: v0.28.1\n', '') +
      NAMESPACES +
      '---\napiVersion: monitoring.coreos.com/v1alpha1\nkind: AlertmanagerConfig\nmetadata: {name: global-config, namespace: monitoring}\nspec:\n  route: {receiver: "null"}\n  receivers: [{name: "null"}]\n',
  );
  assert.ok(out.results.some((r) => r.severity === 'warning' && r.message.includes('"wechat_api_secret_file" needs version >= 0.31.0')), JSON.stringify(out.results));
  assert.not.ok(out.results.some((r) => r.message.includes('wechat-missing')), JSON.stringify(out.results));
  const sts = find(out.items, 'StatefulSet', 'monitoring', 'alertmanager-main') as KubeObject & { spec: { template: { spec: { volumes?: Array<{ name: string }> } } } };
  assert.not.ok((sts.spec.template.spec.volumes ?? []).some((v) => v.name === 'referenced-secrets'));
});

test.run();
