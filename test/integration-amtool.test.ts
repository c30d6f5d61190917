/**
 * The generated Alertmanager configuration loads in the real `amtool
 * check-config` (Debian's prometheus-alertmanager, amtool 0.25). Receivers
 * newer than 0.25 (msteams 0.26, msteamsv2/jira/rocketchat 0.28, incident.io
 * 0.29, mattermost 0.30) are not exercised here: amtool 0.25 cannot load them.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { defaultOptions } from '../src/options/options.js';
import { render } from '../src/render/render.js';
import { find, renderYaml, secretText } from './support/harness.js';
import { describeRun, run, withTools } from './support/integration.js';
import { kubePrometheus, kubePrometheusTest } from './support/stacks.js';

function amtoolCheck(configText: string): ReturnType<typeof run> {
  const dir = mkdtempSync(join(tmpdir(), 'amtool-'));
  try {
    const file = join(dir, 'alertmanager.yaml');
    writeFileSync(file, configText);
    return run('amtool', ['check-config', file]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

withTools(kubePrometheusTest(test), ['amtool'], "kube-prometheus's Alertmanager main: the generated configuration passes amtool check-config", () => {
  const items = kubePrometheus();
  const out = render(items, defaultOptions());
  const errors = out.results.filter((r) => r.severity === 'error');
  assert.equal(errors, []);
  const text = secretText(find(out.items, 'Secret', 'monitoring', 'alertmanager-main-generated'), 'alertmanager.yaml.gz');
  const r = amtoolCheck(text);
  assert.is(r.status, 0, describeRun('amtool check-config', r));
});

const b64 = (s: string) => Buffer.from(s).toString('base64');

const SEVERAL = `
apiVersion: monitoring.coreos.com/v1
kind: Alertmanager
metadata: {name: main, namespace: monitoring}
spec:
  version: v0.25.0
  alertmanagerConfigSelector: {}
  alertmanagerConfigNamespaceSelector: {}
---
apiVersion: v1
kind: Secret
metadata: {name: alertmanager-main, namespace: monitoring}
data:
  alertmanager.yaml: ${b64('global:\n  smtp_smarthost: smtp.example.org:587\n  smtp_from: am@example.org\nroute:\n  receiver: default\nreceivers:\n- name: default\n')}
---
apiVersion: v1
kind: Namespace
metadata: {name: team-a}
---
apiVersion: v1
kind: Secret
metadata: {name: keys, namespace: team-a}
stringData:
  slack: https://hooks.slack.com/services/T0/B0/X
  webhook: https://hooks.example.org/alerts
  discord: https://discord.com/api/webhooks/1/abc
  key: k3y
  token: t0ken
  password: pa55
---
apiVersion: monitoring.coreos.com/v1alpha1
kind: AlertmanagerConfig
metadata: {name: all, namespace: team-a}
spec:
  route:
    receiver: slack
    groupBy: [alertname]
    groupWait: 30s
    routes:
    - {receiver: pagerduty, matchers: [{name: severity, value: critical, matchType: "="}]}
    - {receiver: webhook, matchers: [{name: team, value: a.*, matchType: "=~"}], continue: true}
    - {receiver: email, matchers: [{name: kind, value: mail}]}
    - {receiver: misc}
  inhibitRules:
  - sourceMatch: [{name: severity, value: critical, matchType: "="}]
    targetMatch: [{name: severity, value: warning, matchType: "="}]
    equal: [alertname]
  receivers:
  - name: slack
    slackConfigs: [{apiURL: {name: keys, key: slack}, channel: "#alerts", sendResolved: true}]
  - name: pagerduty
    pagerdutyConfigs: [{routingKey: {name: keys, key: key}, severity: critical}]
  - name: webhook
    webhookConfigs:
    - urlSecret: {name: keys, key: webhook}
      maxAlerts: 10
      httpConfig: {basicAuth: {username: {name: keys, key: key}, password: {name: keys, key: password}}}
  - name: email
    emailConfigs: [{to: team-a@example.org, authPassword: {name: keys, key: password}, authUsername: am}]
  - name: misc
    opsgenieConfigs: [{apiKey: {name: keys, key: key}, responders: [{name: ops, type: team}]}]
    victoropsConfigs: [{apiKey: {name: keys, key: key}, routingKey: team-a}]
    pushoverConfigs: [{userKey: {name: keys, key: key}, token: {name: keys, key: token}, retry: 1m}]
    wechatConfigs: [{apiSecret: {name: keys, key: token}, corpID: corp, apiURL: "https://qyapi.weixin.qq.com/cgi-bin/"}]
    telegramConfigs: [{botToken: {name: keys, key: token}, chatID: 42}]
    snsConfigs: [{topicARN: "arn:aws:sns:eu-west-1:123456789012:alerts", sigv4: {region: eu-west-1}}]
    discordConfigs: [{apiURL: {name: keys, key: discord}}]
    webexConfigs: [{roomID: room, httpConfig: {authorization: {credentials: {name: keys, key: token}}}}]
`;

withTools(test, ['amtool'], 'a configuration with every receiver amtool 0.25 knows passes amtool check-config', () => {
  const out = renderYaml(SEVERAL);
  assert.equal(out.results.filter((r) => r.severity !== 'info'), []);
  const text = secretText(find(out.items, 'Secret', 'monitoring', 'alertmanager-main-generated'), 'alertmanager.yaml.gz');
  for (const key of ['slack_configs', 'pagerduty_configs', 'webhook_configs', 'email_configs', 'opsgenie_configs', 'victorops_configs', 'pushover_configs', 'wechat_configs', 'telegram_configs', 'sns_configs', 'discord_configs', 'webex_configs']) {
    assert.ok(text.includes(`${key}:`), `${key} missing from\n${text}`);
  }
  const r = amtoolCheck(text);
  assert.is(r.status, 0, describeRun('amtool check-config', r) + '\n' + text);
});

test.run();
