/**
 * No secret value leaves a Secret's data: every Secret value of the input is
 * replaced by a random marker, the built command runs as kpt runs it, and no
 * marker (plain or base64) may appear in the output outside the data of a
 * Secret, in the results, or on stderr.
 */
import { randomBytes } from 'node:crypto';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseYamlStream, toYaml } from '../src/core/yaml.js';
import type { KubeObject } from '../src/krm/types.js';
import { renderResourceListText } from '../src/render/resource-list.js';
import { find, readList, renderYaml, runBin, secretText } from './support/harness.js';
import { ALERTMANAGER_MAIN_SECRET } from './support/secret-packages.js';
import { kubePrometheus, kubePrometheusTest } from './support/stacks.js';

/** Objects that reference Secrets in every way the renderers read them. */
const REFERENCING = parseYamlStream(`
apiVersion: v1
kind: Namespace
metadata: {name: team-a, labels: {team: a}}
---
apiVersion: v1
kind: Secret
metadata: {name: scrape-auth, namespace: team-a}
stringData: {user: placeholder, pass: placeholder, token: placeholder, client-id: placeholder, client-secret: placeholder}
---
apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata: {name: api, namespace: team-a, labels: {team: a}}
spec:
  selector: {matchLabels: {app: api}}
  endpoints:
  - port: web
    basicAuth: {username: {name: scrape-auth, key: user}, password: {name: scrape-auth, key: pass}}
  - port: admin
    authorization: {credentials: {name: scrape-auth, key: token}}
  - port: oauth
    oauth2:
      clientId: {secret: {name: scrape-auth, key: client-id}}
      clientSecret: {name: scrape-auth, key: client-secret}
      tokenUrl: https://auth.example.com/token
---
apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata: {name: missing-key, namespace: team-a, labels: {team: a}}
spec:
  selector: {matchLabels: {app: api}}
  endpoints:
  - port: web
    basicAuth: {username: {name: scrape-auth, key: nope}, password: {name: scrape-auth, key: pass}}
---
apiVersion: v1
kind: Secret
metadata: {name: remote-auth, namespace: team-a}
stringData: {user: placeholder, pass: placeholder}
---
apiVersion: v1
kind: Secret
metadata: {name: broken-additional, namespace: team-a}
stringData: {scrape.yaml: placeholder}
---
apiVersion: monitoring.coreos.com/v1
kind: Prometheus
metadata: {name: a, namespace: team-a}
spec:
  serviceMonitorSelector: {matchLabels: {team: a}}
  remoteWrite:
  - url: https://remote.example.com/api/v1/write
    basicAuth: {username: {name: remote-auth, key: user}, password: {name: remote-auth, key: pass}}
`) as KubeObject[];

/** A Prometheus whose additional scrape configs are not YAML: the error must not quote them. */
const BROKEN = parseYamlStream(`
apiVersion: monitoring.coreos.com/v1
kind: Prometheus
metadata: {name: broken, namespace: team-a}
spec:
  serviceMonitorSelector: {}
  additionalScrapeConfigs: {name: broken-additional, key: scrape.yaml}
`) as KubeObject[];

interface Marked {
  readonly items: KubeObject[];
  readonly markers: string[];
}

/**
 * Every Secret value becomes a fresh random marker. Values that hold
 * structured configuration (a YAML map or list) keep their structure, with a
 * marker appended as a comment, except where `breakStructure` names the key.
 */
function withMarkers(items: readonly KubeObject[], breakStructure = new Set<string>()): Marked {
  const markers: string[] = [];
  const mark = () => {
    const m = `MARKER${randomBytes(12).toString('hex')}`;
    markers.push(m);
    return m;
  };
  const out = items.map((o) => {
    if (o.kind !== 'Secret' || o.apiVersion !== 'v1') return o;
    const decoded: Record<string, string> = {};
    for (const [k, v] of Object.entries((o.data ?? {}) as Record<string, string>)) decoded[k] = Buffer.from(v, 'base64').toString('utf8');
    for (const [k, v] of Object.entries((o.stringData ?? {}) as Record<string, string>)) decoded[k] = v;
    const data: Record<string, string> = {};
    for (const [k, v] of Object.entries(decoded)) {
      let structured = false;
      try {
        const parsed = parseYamlStream(v)[0];
        structured = typeof parsed === 'object' && parsed !== null;
      } catch {
        structured = false;
      }
      const value = breakStructure.has(k) ? `- job_name: [${mark()}` : structured ? `${v}\n# ${mark()}\n` : mark();
      data[k] = Buffer.from(value).toString('base64');
    }
    const { stringData: _dropped, ...rest } = o as KubeObject & { stringData?: unknown };
    return { ...rest, data } as KubeObject;
  });
  return { items: out, markers };
}

/** The output with the data of every Secret removed: where no secret value may be. */
function outsideSecretData(items: readonly KubeObject[]): string {
  return toYaml(items.map((o) => (o.kind === 'Secret' ? { ...o, data: undefined, stringData: undefined } : o)));
}

function leaks(text: string, markers: readonly string[]): string[] {
  return markers.filter((m) => text.includes(m) || text.includes(Buffer.from(m).toString('base64')));
}

function runMarked(items: readonly KubeObject[]): { out: string; results: string; stderr: string; status: number; outItems: KubeObject[] } {
  const list = toYaml({ apiVersion: 'config.kubernetes.io/v1', kind: 'ResourceList', items });
  const run = runBin([], list);
  const parsed = readList(run.stdout);
  return { out: outsideSecretData(parsed.items), results: toYaml(parsed.results), stderr: run.stderr, status: run.status, outItems: parsed.items };
}

test('no Secret value of a monitor or remote write appears outside Secret data, in results or on stderr', () => {
  const { items, markers } = withMarkers(REFERENCING);
  const run = runMarked(items);
  assert.is(run.status, 0, run.stderr);
  // The markers did reach the generated configuration: the test would notice a leak.
  const config = secretText(find(run.outItems, 'Secret', 'team-a', 'prometheus-a'), 'prometheus.yaml.gz');
  assert.ok(markers.filter((m) => config.includes(m)).length >= 2, 'remote write credentials are in the configuration');
  assert.equal(leaks(run.out, markers), []);
  assert.equal(leaks(run.results, markers), []);
  assert.equal(leaks(run.stderr, markers), []);
});

test('an additionalScrapeConfigs Secret that is not YAML fails without quoting its content', () => {
  const { items, markers } = withMarkers([...REFERENCING, ...BROKEN], new Set(['scrape.yaml']));
  const run = runMarked(items);
  assert.is(run.status, 1);
  assert.match(run.results, /broken-additional/);
  assert.equal(leaks(run.results, markers), []);
  assert.equal(leaks(run.stderr, markers), []);
});

/**
 * Every kind of Secret value the renderers check: URLs (Alertmanager
 * receivers and global settings), YAML documents (the Alertmanager's own
 * configuration, additional scrape, alerting and relabel configurations),
 * tokens and credentials. Each key is read by an object of its own, so that
 * one invalid value does not hide the check of another.
 */
const CHECKED = `
apiVersion: v1
kind: Namespace
metadata: {name: team-b}
---
apiVersion: v1
kind: Secret
metadata: {name: am-secrets, namespace: team-b}
stringData:
  slack-url: https://hooks.slack.com/services/x
  webhook-url: https://hooks.example.com/x
  discord-url: https://discord.com/api/webhooks/x
  msteams-url: https://example.webhook.office.com/x
  msteamsv2-url: https://example.webhook.office.com/y
  telegram-token: token
  pagerduty-key: key
  opsgenie-key: key
  user: user
  pass: pass
  bearer: token
  proxy-header: value
  global-slack-url: https://hooks.slack.com/services/global
  global-opsgenie-url: https://api.opsgenie.com/
  smtp-pass: pass
---
apiVersion: v1
kind: Secret
metadata: {name: alertmanager-main, namespace: team-b}
stringData:
  alertmanager.yaml: |
    global:
      resolve_timeout: 5m
    route:
      receiver: default
    receivers:
    - name: default
---
apiVersion: monitoring.coreos.com/v1
kind: Alertmanager
metadata: {name: main, namespace: team-b}
spec:
  alertmanagerConfigSelector: {matchLabels: {am: main}}
${[
  ['slack', 'slackConfigs: [{apiURL: {name: am-secrets, key: slack-url}}]'],
  ['webhook', 'webhookConfigs: [{urlSecret: {name: am-secrets, key: webhook-url}}]'],
  [
    'webhook-auth',
    `webhookConfigs:
      - url: https://hooks.example.com/auth
        httpConfig:
          basicAuth: {username: {name: am-secrets, key: user}, password: {name: am-secrets, key: pass}}
          proxyURL: http://proxy.example.com:3128
          proxyConnectHeader: {X-Auth: [{name: am-secrets, key: proxy-header}]}`,
  ],
  ['discord', 'discordConfigs: [{apiURL: {name: am-secrets, key: discord-url}}]'],
  ['teams', 'msteamsConfigs: [{webhookUrl: {name: am-secrets, key: msteams-url}}]'],
  ['teams2', 'msteamsv2Configs: [{webhookURL: {name: am-secrets, key: msteamsv2-url}}]'],
  ['telegram', 'telegramConfigs: [{botToken: {name: am-secrets, key: telegram-token}, chatID: 1}]'],
  [
    'pagerduty',
    `pagerdutyConfigs:
      - routingKey: {name: am-secrets, key: pagerduty-key}
        httpConfig: {authorization: {credentials: {name: am-secrets, key: bearer}}}`,
  ],
  ['opsgenie', 'opsgenieConfigs: [{apiKey: {name: am-secrets, key: opsgenie-key}}]'],
]
  .map(
    ([name, receiver]) => `---
apiVersion: monitoring.coreos.com/v1alpha1
kind: AlertmanagerConfig
metadata: {name: ${name}, namespace: team-b, labels: {am: main}}
spec:
  route: {receiver: ${name}}
  receivers:
  - name: ${name}
    ${receiver}
`,
  )
  .join('')}
---
apiVersion: monitoring.coreos.com/v1alpha1
kind: AlertmanagerConfig
metadata: {name: global-config, namespace: team-b}
spec:
  route: {receiver: 'null'}
  receivers: [{name: 'null'}]
${[
  ['global-slack', 'slackApiUrl: {name: am-secrets, key: global-slack-url}'],
  ['global-opsgenie', 'opsGenieApiUrl: {name: am-secrets, key: global-opsgenie-url}'],
  ['global-smtp', 'smtp: {authPassword: {name: am-secrets, key: smtp-pass}}'],
]
  .map(
    ([name, global]) => `---
apiVersion: monitoring.coreos.com/v1
kind: Alertmanager
metadata: {name: ${name}, namespace: team-b}
spec:
  alertmanagerConfiguration:
    name: global-config
    global: {${global}}
`,
  )
  .join('')}
---
apiVersion: v1
kind: Secret
metadata: {name: prom-secrets, namespace: team-b}
stringData:
  scrape.yaml: |
    - job_name: extra
      static_configs: [{targets: ['a:9100']}]
  alerting.yaml: |
    - static_configs: [{targets: ['am:9093']}]
  relabel.yaml: |
    - action: drop
      source_labels: [x]
  user: user
  pass: pass
  bearer: token
  client-id: id
  client-secret: secret
  proxy-header: value
${[
  ['scrape', 'additionalScrapeConfigs: {name: prom-secrets, key: scrape.yaml}'],
  ['alerting', 'additionalAlertManagerConfigs: {name: prom-secrets, key: alerting.yaml}'],
  ['relabel', 'additionalAlertRelabelConfigs: {name: prom-secrets, key: relabel.yaml}'],
  [
    'basic',
    `remoteWrite:
  - url: https://remote.example.com/write
    basicAuth: {username: {name: prom-secrets, key: user}, password: {name: prom-secrets, key: pass}}
    proxyUrl: http://proxy.example.com:3128
    proxyConnectHeader: {X-Auth: [{name: prom-secrets, key: proxy-header}]}`,
  ],
  ['bearer', 'remoteWrite: [{url: https://remote.example.com/write, authorization: {credentials: {name: prom-secrets, key: bearer}}}]'],
  [
    'oauth',
    `remoteWrite:
  - url: https://remote.example.com/write
    oauth2:
      clientId: {secret: {name: prom-secrets, key: client-id}}
      clientSecret: {name: prom-secrets, key: client-secret}
      tokenUrl: https://auth.example.com/token`,
  ],
]
  .map(
    ([name, spec]) => `---
apiVersion: monitoring.coreos.com/v1
kind: Prometheus
metadata: {name: ${name}, namespace: team-b}
spec:
  serviceMonitorSelector: {}
  ${spec}
`,
  )
  .join('')}`;

/** Ways a Secret value can be invalid, each with the marker inside, where a careless message would quote it. */
const INVALID: ReadonlyArray<(m: string) => string> = [
  (m) => m,
  (m) => `ftp://${m}.example.com/`,
  (m) => `${m}:8080/path`,
  (m) => `https://exa mple.com/${m}`,
  (m) => `https:///${m}`,
  (m) => `https://example.com/{{ ${m}`,
  (m) => `${m}\n${m}`,
  (m) => `- [${m}`,
  (m) => `!<${m}> x`,
  (m) => `*${m}`,
  (m) => `key: ${m}`,
  (m) => `route:\n  receiver: ${m}\nreceivers:\n- name: x\n`,
  (m) => `global:\n  resolve_timeout: ${m}\nroute: {receiver: x}\nreceivers: [{name: x}]\n`,
  (m) => `global:\n  smtp_smarthost: ${m}\nroute: {receiver: x}\nreceivers: [{name: x}]\n`,
  (m) => `route: {receiver: x, group_wait: ${m}}\nreceivers: [{name: x, webhook_configs: [{url: 'ftp://${m}'}]}]\n`,
  (m) => `- job_name: ${m}\n  scrape_interval: ${m}\n`,
  (m) => `- action: ${m}\n  regex: '(${m}'\n`,
];

/** The CHECKED objects with every Secret value replaced by `value(marker)`, a fresh marker for each. */
function withInvalidValues(value: (marker: string) => string): Marked {
  const markers: string[] = [];
  const items = (parseYamlStream(CHECKED) as KubeObject[]).map((o) => {
    if (o.kind !== 'Secret') return o;
    const stringData = Object.fromEntries(
      Object.keys(o.stringData as Record<string, string>).map((key) => {
        const marker = `MARKER${randomBytes(12).toString('hex')}`;
        markers.push(marker);
        return [key, value(marker)];
      }),
    );
    return { ...o, stringData } as KubeObject;
  });
  return { items, markers };
}

const listOf = (items: readonly KubeObject[]) => toYaml({ apiVersion: 'config.kubernetes.io/v1', kind: 'ResourceList', items });
const problemsOf = (text: string) => ((parseYamlStream(text)[0] as { results?: Array<{ severity: string; message: string }> }).results ?? []).filter((r) => r.severity !== 'info');

test('a Secret value that fails a check (URL, YAML, duration, address...) is never quoted in a result', () => {
  assert.equal(problemsOf(renderResourceListText(listOf(parseYamlStream(CHECKED) as KubeObject[])).text), [], 'the valid values pass');
  const leaked: string[] = [];
  INVALID.forEach((invalid, i) => {
    const { items, markers } = withInvalidValues(invalid);
    const out = renderResourceListText(listOf(items));
    const problems = problemsOf(out.text);
    // Every object refuses its value, or at least enough of them for the check to mean something.
    assert.ok(problems.length >= 5, `value #${i} is refused (${problems.length} problems)`);
    if (leaks(toYaml(problems), markers).length > 0) leaked.push(`value #${i}:\n${toYaml(problems)}`);
  });
  assert.equal(leaked, []);
});

test('the built command names the Secret, key and field of an invalid URL, and prints the value nowhere', () => {
  const marker = `MARKER${randomBytes(12).toString('hex')}`;
  const items = (parseYamlStream(CHECKED) as KubeObject[]).map((o) =>
    o.kind === 'Secret' && o.metadata.name === 'am-secrets' ? ({ ...o, stringData: { ...(o.stringData as object), 'slack-url': `ftp://${marker}.example.com/` } } as KubeObject) : o,
  );
  const run = runBin([], listOf(items));
  assert.is(run.status, 0, run.stderr);
  const problems = readList(run.stdout).results.filter((r) => r.severity !== 'info');
  assert.equal(
    problems.map((r) => [r.resourceRef?.name, r.field?.path, r.message]),
    [
      [
        'slack',
        'spec.receivers[0].slackConfigs[0].apiURL',
        'failed to validate API URL (key "slack-url" of Secret team-b/am-secrets): unsupported scheme for URL; use http or https; it is left out of the configuration of Alertmanager/team-b/main',
      ],
    ],
  );
  assert.equal(leaks(toYaml(readList(run.stdout).results) + run.stderr, [marker]), []);
});

test('a message never quotes text that is also a Secret value, whatever field it was read from', () => {
  const marker = `MARKER${randomBytes(12).toString('hex')}`;
  const items = parseYamlStream(`
apiVersion: v1
kind: Secret
metadata: {name: blackbox, namespace: team-b}
stringData: {address: '${marker}:x:y'}
---
apiVersion: monitoring.coreos.com/v1
kind: Probe
metadata: {name: probe, namespace: team-b}
spec:
  prober: {url: '${marker}:x:y'}
  targets: {staticConfig: {static: [example.com]}}
---
apiVersion: monitoring.coreos.com/v1
kind: Prometheus
metadata: {name: p, namespace: team-b}
spec: {probeSelector: {}}
`) as KubeObject[];
  const out = renderResourceListText(listOf(items));
  const problems = problemsOf(out.text);
  assert.equal(leaks(toYaml(problems), [marker]), []);
  assert.ok(problems.some((p) => p.message.includes('<the value of key "address" of Secret team-b/blackbox>')), toYaml(problems));
});

/** A Prometheus and an Alertmanager whose configurations hold Secret values; `password` and `replicas` vary. */
function hashed(password: string, replicas: number): { prometheus: string; alertmanager: string; config: string } {
  const { items } = renderYaml(`
apiVersion: v1
kind: Secret
metadata: {name: remote, namespace: team-c}
stringData: {user: writer, pass: ${password}}
---
apiVersion: v1
kind: Secret
metadata: {name: alertmanager-main, namespace: team-c}
stringData:
  alertmanager.yaml: |
    route: {receiver: hook}
    receivers:
    - name: hook
      webhook_configs: [{url: 'https://hooks.example.com/${password}'}]
---
apiVersion: monitoring.coreos.com/v1
kind: Prometheus
metadata: {name: p, namespace: team-c}
spec:
  replicas: ${replicas}
  serviceMonitorSelector: {}
  remoteWrite:
  - url: https://remote.example.com/write
    basicAuth: {username: {name: remote, key: user}, password: {name: remote, key: pass}}
---
apiVersion: monitoring.coreos.com/v1
kind: Alertmanager
metadata: {name: main, namespace: team-c}
spec: {replicas: ${replicas}}
`);
  const hashOf = (name: string) => find(items, 'StatefulSet', 'team-c', name).metadata.annotations?.['prometheus-operator-input-hash'] ?? '';
  return { prometheus: hashOf('prometheus-p'), alertmanager: hashOf('alertmanager-main'), config: secretText(find(items, 'Secret', 'team-c', 'prometheus-p'), 'prometheus.yaml.gz') };
}

test('the input hash of a StatefulSet does not change with a Secret value, so it cannot be used to test password guesses', () => {
  const a = hashed('hunter2', 2);
  const b = hashed('correct-horse', 2);
  assert.is.not(a.config, b.config, 'the password is in the generated configuration');
  assert.ok(a.prometheus.length > 0 && a.alertmanager.length > 0);
  assert.is(b.prometheus, a.prometheus);
  assert.is(b.alertmanager, a.alertmanager);
});

test('the input hash of a StatefulSet changes with the settings of the resource', () => {
  const a = hashed('hunter2', 2);
  const b = hashed('hunter2', 3);
  assert.is.not(b.prometheus, a.prometheus);
  assert.is.not(b.alertmanager, a.alertmanager);
});

test('with secrets: inline, a Secret missing from the input: Prometheus-format configurations name it with the key, the Alertmanager configuration names it alone', () => {
  const out = renderYaml(
    `
apiVersion: monitoring.coreos.com/v1
kind: Prometheus
metadata: {name: k8s, namespace: monitoring}
spec:
  serviceMonitorSelector: {}
  remoteWrite: [{url: "https://remote", basicAuth: {username: {name: gone, key: user}, password: {name: gone, key: pass}}}]
---
apiVersion: monitoring.coreos.com/v1
kind: Alertmanager
metadata: {name: main, namespace: monitoring}
spec:
  alertmanagerConfigSelector: {}
---
${ALERTMANAGER_MAIN_SECRET}---
apiVersion: monitoring.coreos.com/v1alpha1
kind: AlertmanagerConfig
metadata: {name: team, namespace: monitoring}
spec:
  route: {receiver: slack}
  receivers: [{name: slack, slackConfigs: [{apiURL: {name: gone, key: url}}]}]
`,
    { secrets: 'inline' },
  );
  const about = (kind: string) => out.results.filter((r) => r.resourceRef?.kind === kind && r.severity !== 'info').map((r) => [r.severity, r.field?.path, r.message]);
  assert.equal(about('Prometheus'), [
    ['error', 'spec.remoteWrite[0].basicAuth.password', 'Secret monitoring/gone (key "pass") is not in the input'],
    ['error', 'spec.remoteWrite[0].basicAuth.username', 'Secret monitoring/gone (key "user") is not in the input'],
  ]);
  assert.equal(about('AlertmanagerConfig'), [
    ['warning', 'spec.receivers[0].slackConfigs[0].apiURL', 'Secret monitoring/gone is not in the input; it is left out of the configuration of Alertmanager/monitoring/main'],
  ]);
});

kubePrometheusTest(test)('kube-prometheus: no Secret value appears outside Secret data, in results or on stderr', () => {
  const { items, markers } = withMarkers(kubePrometheus());
  const run = runMarked(items);
  assert.is(run.status, 0, run.stderr);
  assert.ok(markers.length > 0);
  assert.equal(leaks(run.out, markers), []);
  assert.equal(leaks(run.results, markers), []);
  assert.equal(leaks(run.stderr, markers), []);
});

test.run();
