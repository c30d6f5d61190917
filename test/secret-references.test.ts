/**
 * Option secrets: a Secret the package does not hold (auto), or any Secret
 * (reference), is read by Prometheus from a mounted file instead of being
 * copied into the generated configuration.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseYamlStream } from '../src/core/yaml.js';
import type { KubeObject, Result } from '../src/krm/types.js';
import { find, podSpec, renderYaml, secretText } from './support/harness.js';
import { schemaProblem } from './support/k8s-schema.js';
import { alertmanagerPackage, apiServiceMonitor, namespaces, prometheusK8s } from './support/secret-packages.js';

type Doc = Record<string, unknown>;

/** The namespace team-a and Prometheus monitoring/k8s with `spec` (YAML lines indented by two). */
const prometheus = (spec: string) => `${namespaces('team-a')}---${prometheusK8s(spec)}`;

const PROMETHEUS = prometheus('  serviceMonitorSelector: {}\n  serviceMonitorNamespaceSelector: {}');

const MONITOR = apiServiceMonitor(`  - port: web
    basicAuth: {username: {name: creds, key: user}, password: {name: creds, key: pass}}
  - port: admin
    authorization: {credentials: {name: creds, key: token}}
  - port: oauth
    oauth2: {clientId: {configMap: {name: oauth, key: id}}, clientSecret: {name: creds, key: client-secret}, tokenUrl: "https://auth/token"}
    tlsConfig: {ca: {secret: {name: tls, key: ca.crt}}}`);

const OAUTH_CONFIGMAP = `
apiVersion: v1
kind: ConfigMap
metadata: {name: oauth, namespace: team-a}
data: {id: api-client}
`;

const MARKER = 'marker-7f3a9c1e5b';

/** The Secrets MONITOR reads, with a marker in every value. */
const SECRETS = `
apiVersion: v1
kind: Secret
metadata: {name: creds, namespace: team-a}
stringData: {user: ${MARKER}-user, pass: ${MARKER}-pass, token: ${MARKER}-token, client-secret: ${MARKER}-cs}
---
apiVersion: v1
kind: Secret
metadata: {name: tls, namespace: team-a}
stringData: {ca.crt: ""}
`;

interface Rendered {
  items: KubeObject[];
  results: Result[];
  /** The objects the render generated (the input's pass through). */
  generated: KubeObject[];
}

function render(yaml: string, secrets: string, more: Record<string, string> = {}): Rendered {
  const out = renderYaml(yaml, { secrets, ...more });
  const id = (o: KubeObject) => `${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`;
  const input = new Set((parseYamlStream(yaml).filter((d) => d) as KubeObject[]).map(id));
  return { ...out, generated: out.items.filter((o) => !input.has(id(o))) };
}

function config(items: readonly KubeObject[], name = 'prometheus-k8s'): Doc {
  return parseYamlStream(secretText(find(items, 'Secret', 'monitoring', name), 'prometheus.yaml.gz'))[0] as Doc;
}

function job(items: readonly KubeObject[], name: string): Doc {
  const jobs = (config(items).scrape_configs ?? []) as Doc[];
  const found = jobs.find((j) => j.job_name === name);
  if (!found) throw new Error(`no job ${name} among ${jobs.map((j) => j.job_name).join(', ')}`);
  return found;
}

type PodSpec = { volumes: Doc[]; containers: Array<{ name: string; volumeMounts?: Doc[] }> };

function referencedVolume(items: readonly KubeObject[], statefulSet = 'prometheus-k8s'): Doc | undefined {
  return podSpec<PodSpec>(items, 'monitoring', statefulSet).volumes.find((v) => v.name === 'referenced-secrets');
}

const notInfo = (results: readonly Result[]) => results.filter((r) => r.severity !== 'info');

test('auto, Secrets absent: the ServiceMonitor is kept and reads each credential from a file of the referenced-secrets volume', () => {
  const out = render(PROMETHEUS + '---' + MONITOR + '---' + OAUTH_CONFIGMAP, 'auto');
  assert.equal(notInfo(out.results), []);
  const dir = '/etc/prometheus/referenced-secrets/team-a';
  assert.equal(job(out.items, 'serviceMonitor/team-a/api/0').basic_auth, { username_file: `${dir}.creds/user`, password_file: `${dir}.creds/pass` });
  assert.equal(job(out.items, 'serviceMonitor/team-a/api/1').authorization, { type: 'Bearer', credentials_file: `${dir}.creds/token` });
  const oauth = job(out.items, 'serviceMonitor/team-a/api/2');
  // The client id is in a ConfigMap of the package: not secret, copied.
  assert.equal(oauth.oauth2, { client_id: 'api-client', client_secret_file: `${dir}.creds/client-secret`, token_url: 'https://auth/token' });
  assert.equal(oauth.tls_config, { ca_file: `${dir}.tls/ca.crt` });
  assert.equal(referencedVolume(out.items), {
    name: 'referenced-secrets',
    projected: {
      sources: [
        {
          secret: {
            name: 'team-a.creds',
            optional: true,
            items: [
              { key: 'client-secret', path: 'team-a.creds/client-secret' },
              { key: 'pass', path: 'team-a.creds/pass' },
              { key: 'token', path: 'team-a.creds/token' },
              { key: 'user', path: 'team-a.creds/user' },
            ],
          },
        },
        { secret: { name: 'team-a.tls', optional: true, items: [{ key: 'ca.crt', path: 'team-a.tls/ca.crt' }] } },
      ],
    },
  });
  const prometheus = podSpec<PodSpec>(out.items, 'monitoring', 'prometheus-k8s').containers.find((c) => c.name === 'prometheus');
  assert.equal(prometheus?.volumeMounts?.at(-1), { name: 'referenced-secrets', readOnly: true, mountPath: '/etc/prometheus/referenced-secrets' });
  const reloader = podSpec<PodSpec>(out.items, 'monitoring', 'prometheus-k8s').containers.find((c) => c.name === 'config-reloader');
  assert.not.ok(JSON.stringify(reloader).includes('referenced-secrets'));
});

test('auto, every Secret in the package: the output is byte-identical to inline', () => {
  const yaml = PROMETHEUS + '---' + MONITOR + '---' + OAUTH_CONFIGMAP + '---' + SECRETS;
  const auto = renderYaml(yaml, { secrets: 'auto' });
  const inline = renderYaml(yaml, { secrets: 'inline' });
  assert.is(JSON.stringify(auto), JSON.stringify(inline));
  assert.is(referencedVolume(auto.items), undefined);
  assert.equal((job(auto.items, 'serviceMonitor/team-a/api/0').basic_auth as Doc).password, `${MARKER}-pass`);
});

test('reference: no value read from a Secret reaches a generated object or a result, though the package holds them all', () => {
  const out = render(PROMETHEUS + '---' + MONITOR + '---' + OAUTH_CONFIGMAP + '---' + SECRETS, 'reference');
  assert.equal(notInfo(out.results), []);
  const text = JSON.stringify(out.generated) + JSON.stringify(out.results);
  const configText = secretText(find(out.items, 'Secret', 'monitoring', 'prometheus-k8s'), 'prometheus.yaml.gz');
  assert.not.ok(text.includes(MARKER) || configText.includes(MARKER));
  assert.ok(configText.includes('password_file: /etc/prometheus/referenced-secrets/team-a.creds/pass'), configText);
  assert.equal(find(out.items, 'Secret', 'monitoring', 'prometheus-k8s-tls-assets-0').data, {});
});

test('a file form the target Prometheus does not read is left out with a warning naming the field and the version', () => {
  const out = render(PROMETHEUS.replace('serviceMonitorSelector: {}', 'serviceMonitorSelector: {}\n  version: v2.45.0') + '---' + MONITOR + '---' + OAUTH_CONFIGMAP, 'auto');
  assert.equal(
    notInfo(out.results).map((r) => [r.severity, r.resourceRef?.name, r.field?.path, r.message]),
    [['warning', 'api', 'spec.endpoints[0].basicAuth.username', '"username_file" needs version >= 2.49.0, the target is 2.45.0; it is left out of the configuration of Prometheus/monitoring/k8s']],
  );
  assert.equal(job(out.items, 'serviceMonitor/team-a/api/0').basic_auth, { username: '', password_file: '/etc/prometheus/referenced-secrets/team-a.creds/pass' });
  const items = (referencedVolume(out.items) as { projected: { sources: Array<{ secret: { items: Doc[] } }> } }).projected.sources[0]?.secret.items;
  assert.equal(items?.map((i) => i.key), ['client-secret', 'pass', 'token']);
});

test('a reference in the Prometheus namespace keeps its Secret name; one from another namespace expects <namespace>.<name>, hashed beyond 253 characters', () => {
  const long = 'n'.repeat(250);
  const out = render(
    PROMETHEUS.replace('serviceMonitorSelector: {}', `serviceMonitorSelector: {}\n  remoteWrite: [{url: "https://remote", basicAuth: {password: {name: rw, key: pass}}}]`) +
      `---
apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata: {name: long, namespace: team-a}
spec:
  selector: {}
  endpoints: [{port: web, bearerTokenSecret: {name: ${long}, key: token}}]`,
    'auto',
  );
  assert.equal(notInfo(out.results), []);
  const rw = (config(out.items).remote_write as Doc[])[0] as Doc;
  assert.equal(rw.basic_auth, { username: '', password_file: '/etc/prometheus/referenced-secrets/rw/pass' });
  const names = ((referencedVolume(out.items) as { projected: { sources: Array<{ secret: { name: string } }> } }).projected.sources).map((s) => s.secret.name);
  assert.is(names.length, 2);
  const hashed = names[1] as string;
  assert.is(names[0], 'rw');
  assert.is(hashed.length, 253);
  assert.ok(hashed.startsWith(`team-a.${'n'.repeat(229)}-`), hashed);
  assert.match(hashed, /-[0-9a-f]{16}$/);
  assert.is(job(out.items, 'serviceMonitor/team-a/long/0').bearer_token_file, `/etc/prometheus/referenced-secrets/${hashed}/token`);
});

test('a Secret key that is not a valid key is an error naming the field, before it reaches a path', () => {
  const out = render(
    PROMETHEUS.replace('serviceMonitorSelector: {}', `serviceMonitorSelector: {}\n  remoteWrite: [{url: "https://remote", authorization: {credentials: {name: rw, key: ../../etc/passwd}}}]`),
    'reference',
  );
  assert.equal(
    notInfo(out.results).map((r) => [r.severity, r.resourceRef?.kind, r.field?.path, r.message]),
    [['error', 'Prometheus', 'spec.remoteWrite[0].authorization.credentials', 'key "../../etc/passwd" is not a valid Secret key (letters, digits, "-", "_" and ".", at most 253, not "." or starting with ".."); it cannot be mounted as a file']],
  );
  assert.not.ok(JSON.stringify(out.generated).includes('passwd'));
});

test('a Secret name that is not a valid name is an error naming the field', () => {
  const out = render(PROMETHEUS.replace('serviceMonitorSelector: {}', `serviceMonitorSelector: {}\n  remoteWrite: [{url: "https://remote", basicAuth: {password: {name: Bad/Name, key: pass}}}]`), 'auto');
  assert.equal(
    notInfo(out.results).map((r) => [r.severity, r.field?.path, r.message]),
    [['error', 'spec.remoteWrite[0].basicAuth.password', 'Secret name "Bad/Name" is not a valid Secret name (lower-case letters, digits, "-" and ".", at most 253); it cannot be mounted as a file']],
  );
});

test('a setting Prometheus reads only inline is an error naming the field and what to use instead, and quotes no value', () => {
  const out = render(
    PROMETHEUS.replace('serviceMonitorSelector: {}', `serviceMonitorSelector: {}\n  remoteWrite: [{url: "https://remote", sigv4: {region: eu, accessKey: {name: aws, key: id}, secretKey: {name: aws, key: secret}}}]`) +
      `---
apiVersion: v1
kind: Secret
metadata: {name: aws, namespace: monitoring}
stringData: {id: ${MARKER}-id, secret: ${MARKER}-secret}`,
    'reference',
  );
  const errors = out.results.filter((r) => r.severity === 'error');
  assert.equal(
    errors.map((r) => r.field?.path),
    ['spec.remoteWrite[0].sigv4.accessKey', 'spec.remoteWrite[0].sigv4.secretKey'],
  );
  assert.is(
    errors[0]?.message,
    'Secret monitoring/aws (key "id") is referenced, not copied (option secrets: reference), and Prometheus reads "access_key" only inline, with no file form; use roleArn, profile or the AWS default credential chain (environment, IRSA), which need no key in the configuration, or add the Secret to the package (options secrets: auto and inline copy it)',
  );
  assert.not.ok(JSON.stringify([out.generated, out.results]).includes(MARKER));
});

test('a user volume named referenced-secrets is an error, not a silent replacement', () => {
  const out = render(
    PROMETHEUS.replace('serviceMonitorSelector: {}', 'serviceMonitorSelector: {}\n  volumes: [{name: referenced-secrets, emptyDir: {}}]') + '---' + MONITOR + '---' + OAUTH_CONFIGMAP,
    'auto',
  );
  const errors = out.results.filter((r) => r.severity === 'error');
  assert.equal(errors.map((r) => [r.resourceRef?.name, r.field?.path]), [['k8s', 'spec.volumes']]);
  assert.match(errors[0]?.message ?? '', 'a volume is already named "referenced-secrets"');
});

test('PodMonitors, Probes, ScrapeConfigs (with their service discovery), remote read and alerting read absent Secrets from files too', () => {
  const out = render(
    prometheus(`  podMonitorSelector: {}
  podMonitorNamespaceSelector: {}
  probeSelector: {}
  probeNamespaceSelector: {}
  scrapeConfigSelector: {}
  scrapeConfigNamespaceSelector: {}
  remoteRead: [{url: "https://read", authorization: {credentials: {name: rr, key: token}}}]
  alerting: {alertmanagers: [{name: am, namespace: monitoring, port: web, basicAuth: {username: {name: am, key: u}, password: {name: am, key: p}}}]}`) +
      `---
apiVersion: monitoring.coreos.com/v1
kind: PodMonitor
metadata: {name: pods, namespace: team-a}
spec:
  selector: {}
  podMetricsEndpoints: [{port: web, bearerTokenSecret: {name: pm, key: token}}]
---
apiVersion: monitoring.coreos.com/v1
kind: Probe
metadata: {name: blackbox, namespace: team-a}
spec:
  prober: {url: "blackbox:9115"}
  authorization: {credentials: {name: probe, key: token}}
  targets: {staticConfig: {static: ["https://example.org"]}}
---
apiVersion: monitoring.coreos.com/v1alpha1
kind: ScrapeConfig
metadata: {name: sd, namespace: team-a}
spec:
  httpSDConfigs: [{url: "https://sd/targets", basicAuth: {password: {name: sd, key: pass}}}]
  scalewaySDConfigs: [{accessKey: AK, secretKey: {name: scw, key: secret}, projectID: p, role: Instance}]`,
    'auto',
  );
  assert.equal(notInfo(out.results), []);
  const dir = '/etc/prometheus/referenced-secrets';
  const doc = config(out.items);
  assert.is(job(out.items, 'podMonitor/team-a/pods/0').bearer_token_file, `${dir}/team-a.pm/token`);
  assert.equal(job(out.items, 'probe/team-a/blackbox').authorization, { type: 'Bearer', credentials_file: `${dir}/team-a.probe/token` });
  const sd = job(out.items, 'scrapeConfig/team-a/sd');
  assert.equal((sd.http_sd_configs as Doc[])[0]?.basic_auth, { username: '', password_file: `${dir}/team-a.sd/pass` });
  assert.is((sd.scaleway_sd_configs as Doc[])[0]?.secret_key_file, `${dir}/team-a.scw/secret`);
  assert.not.ok('secret_key' in ((sd.scaleway_sd_configs as Doc[])[0] as Doc));
  assert.equal(((doc.remote_read as Doc[])[0] as Doc).authorization, { type: 'Bearer', credentials_file: `${dir}/rr/token` });
  assert.equal((((doc.alerting as Doc).alertmanagers as Doc[])[0] as Doc).basic_auth, { username_file: `${dir}/am/u`, password_file: `${dir}/am/p` });
  const names = ((referencedVolume(out.items) as { projected: { sources: Array<{ secret: { name: string } }> } }).projected.sources).map((s) => s.secret.name);
  assert.equal(names, ['am', 'rr', 'team-a.pm', 'team-a.probe', 'team-a.scw', 'team-a.sd']);
});

test('each Prometheus lists, in one info result, the Secrets and keys it expects in its namespace and who refers to each', () => {
  const out = render(PROMETHEUS.replace('serviceMonitorNamespaceSelector: {}', 'serviceMonitorNamespaceSelector: {}\n  remoteWrite: [{url: "https://remote", basicAuth: {password: {name: team-a.creds, key: pass}}}]') + '---' + MONITOR + '---' + OAUTH_CONFIGMAP, 'auto');
  const listed = out.results.filter((r) => r.severity === 'info' && r.message.startsWith('expects'));
  assert.equal(
    listed.map((r) => [r.resourceRef?.kind, r.resourceRef?.name, r.message.split('\n')]),
    [
      [
        'Prometheus',
        'k8s',
        [
          'expects 2 Secrets in namespace monitoring that the render did not copy (option secrets), mounted read-only at /etc/prometheus/referenced-secrets; the mount is optional, so the pod starts without them and only what reads a missing key fails until it exists:',
          '- Secret team-a.creds (a copy of Secret team-a/creds), key client-secret: ServiceMonitor team-a/api spec.endpoints[2].oauth2.clientSecret',
          '- Secret team-a.creds (a copy of Secret team-a/creds), key pass: Prometheus monitoring/k8s spec.remoteWrite[0].basicAuth.password; ServiceMonitor team-a/api spec.endpoints[0].basicAuth.password',
          '- Secret team-a.creds (a copy of Secret team-a/creds), key token: ServiceMonitor team-a/api spec.endpoints[1].authorization.credentials',
          '- Secret team-a.creds (a copy of Secret team-a/creds), key user: ServiceMonitor team-a/api spec.endpoints[0].basicAuth.username',
          '- Secret team-a.tls (a copy of Secret team-a/tls), key ca.crt: ServiceMonitor team-a/api spec.endpoints[2].tlsConfig.ca.secret',
        ],
      ],
    ],
  );
});

test('a remote write TLS file Prometheus loads at start is a warning saying it will not start until the Secret exists', () => {
  const out = render(prometheus('  serviceMonitorSelector: {}\n  remoteWrite: [{url: "https://remote", tlsConfig: {ca: {secret: {name: rw-tls, key: ca.crt}}}}]'), 'reference');
  assert.equal(
    notInfo(out.results).map((r) => [r.severity, r.field?.path, r.message]),
    [
      [
        'warning',
        'spec.remoteWrite[0].tlsConfig.ca.secret',
        'Prometheus loads this TLS file when it starts or reloads: until Secret monitoring/rw-tls (key "ca.crt") exists, the configuration does not load and Prometheus does not start',
      ],
    ],
  );
  assert.equal(((config(out.items).remote_write as Doc[])[0] as Doc).tls_config, { ca_file: '/etc/prometheus/referenced-secrets/rw-tls/ca.crt' });
});

function inputHash(out: Rendered): string {
  return String(find(out.items, 'StatefulSet', 'monitoring', 'prometheus-k8s').metadata.annotations?.['prometheus-operator-input-hash']);
}

test('the input hash covers the configuration only when it holds no value read from a Secret', () => {
  const yaml = (interval: string, password: string) =>
    PROMETHEUS + '---' + MONITOR.replace('port: web', `port: web\n    interval: ${interval}`) + '---' + OAUTH_CONFIGMAP + '---' + SECRETS.replace(`${MARKER}-pass`, password);
  // Values copied (auto, the package holds them): neither the configuration nor a password moves the hash.
  assert.is(inputHash(render(yaml('30s', 'one'), 'auto')), inputHash(render(yaml('30s', 'two'), 'auto')));
  assert.is(inputHash(render(yaml('30s', 'one'), 'auto')), inputHash(render(yaml('20s', 'one'), 'auto')));
  // Nothing copied (reference): a changed configuration changes the hash, a changed Secret value cannot.
  assert.is.not(inputHash(render(yaml('30s', 'one'), 'reference')), inputHash(render(yaml('20s', 'one'), 'reference')));
  assert.is(inputHash(render(yaml('30s', 'one'), 'reference')), inputHash(render(yaml('30s', 'two'), 'reference')));
});

test('a ThanosRuler remote write reads an absent Secret from a file of its own referenced-secrets volume, and lists it', () => {
  const out = render(
    `
apiVersion: monitoring.coreos.com/v1
kind: ThanosRuler
metadata: {name: main, namespace: monitoring}
spec:
  queryEndpoints: [q]
  remoteWrite: [{url: "https://receive", basicAuth: {username: {name: receive, key: user}, password: {name: receive, key: pass}}}]`,
    'auto',
  );
  assert.equal(notInfo(out.results), []);
  assert.is(
    secretText(find(out.items, 'Secret', 'monitoring', 'thanos-ruler-main-config'), 'remote-write.yaml'),
    'remote_write:\n  - url: https://receive\n    basic_auth:\n      username_file: /etc/thanos/referenced-secrets/receive/user\n      password_file: /etc/thanos/referenced-secrets/receive/pass\n',
  );
  assert.equal(referencedVolume(out.items, 'thanos-ruler-main'), {
    name: 'referenced-secrets',
    projected: { sources: [{ secret: { name: 'receive', optional: true, items: [{ key: 'pass', path: 'receive/pass' }, { key: 'user', path: 'receive/user' }] } }] },
  });
  assert.equal(podSpec<PodSpec>(out.items, 'monitoring', 'thanos-ruler-main').containers.find((c) => c.name === 'thanos-ruler')?.volumeMounts?.at(-1), { name: 'referenced-secrets', readOnly: true, mountPath: '/etc/thanos/referenced-secrets' });
  assert.ok(out.results.some((r) => r.resourceRef?.kind === 'ThanosRuler' && r.message.includes('- Secret receive, key pass: ThanosRuler monitoring/main spec.remoteWrite[0].basicAuth.password')));
});

const ALERTMANAGER = (version = 'v0.33.1') => `${namespaces('team-a')}---${alertmanagerPackage(
  version,
  `  route: {receiver: slack, routes: [{receiver: pd}, {receiver: mail}, {receiver: teams}]}
  receivers:
  - name: slack
    slackConfigs: [{apiURL: {name: notify, key: slack}, channel: '#a'}]
  - name: pd
    pagerdutyConfigs: [{routingKey: {name: notify, key: pd}}]
  - name: mail
    emailConfigs: [{to: a@b.c, from: x@b.c, smarthost: 'mail:25', authUsername: u, authPassword: {name: notify, key: smtp}}]
  - name: teams
    msteamsConfigs: [{webhookUrl: {name: notify, key: teams}}]`,
)}`;

function alertmanagerConfig(items: readonly KubeObject[]): Doc {
  return parseYamlStream(secretText(find(items, 'Secret', 'monitoring', 'alertmanager-main-generated'), 'alertmanager.yaml.gz'))[0] as Doc;
}

function receiver(items: readonly KubeObject[], name: string): Doc {
  const found = (alertmanagerConfig(items).receivers as Doc[]).find((r) => r.name === name);
  if (!found) throw new Error(`no receiver ${name}`);
  return found;
}

test('auto, receiver Secrets absent: Slack, PagerDuty, email and MS Teams receivers are kept and read their keys from files', () => {
  const out = render(ALERTMANAGER(), 'auto');
  assert.equal(notInfo(out.results), []);
  const dir = '/etc/alertmanager/referenced-secrets/team-a.notify';
  assert.equal(receiver(out.items, 'team-a/team/slack').slack_configs, [{ api_url_file: `${dir}/slack`, channel: '#a' }]);
  assert.equal(receiver(out.items, 'team-a/team/pd').pagerduty_configs, [{ routing_key_file: `${dir}/pd` }]);
  assert.equal((receiver(out.items, 'team-a/team/mail').email_configs as Doc[])[0]?.auth_password_file, `${dir}/smtp`);
  // MS Teams requires a webhook URL: its file form satisfies that.
  assert.equal(receiver(out.items, 'team-a/team/teams').msteams_configs, [{ webhook_url_file: `${dir}/teams` }]);
  assert.equal(referencedVolume(out.items, 'alertmanager-main'), {
    name: 'referenced-secrets',
    projected: {
      sources: [
        {
          secret: {
            name: 'team-a.notify',
            optional: true,
            items: ['pd', 'slack', 'smtp', 'teams'].map((key) => ({ key, path: `team-a.notify/${key}` })),
          },
        },
      ],
    },
  });
  assert.equal(podSpec<PodSpec>(out.items, 'monitoring', 'alertmanager-main').containers.find((c) => c.name === 'alertmanager')?.volumeMounts?.at(-1), { name: 'referenced-secrets', readOnly: true, mountPath: '/etc/alertmanager/referenced-secrets' });
  assert.ok(out.results.some((r) => r.resourceRef?.kind === 'Alertmanager' && r.message.includes('- Secret team-a.notify (a copy of Secret team-a/notify), key pd: AlertmanagerConfig team-a/team spec.receivers[1].pagerdutyConfigs[0].routingKey')));
});

test('reference: no receiver key reaches the Alertmanager configuration or a result, though the package holds them', () => {
  const yaml = ALERTMANAGER() + `---
apiVersion: v1
kind: Secret
metadata: {name: notify, namespace: team-a}
stringData: {slack: "https://hooks.slack.com/${MARKER}", pd: ${MARKER}-pd, smtp: ${MARKER}-smtp, teams: "https://teams/${MARKER}"}`;
  const out = render(yaml, 'reference');
  assert.equal(notInfo(out.results), []);
  const text = JSON.stringify(out.generated) + JSON.stringify(out.results) + JSON.stringify(alertmanagerConfig(out.items));
  assert.not.ok(text.includes(MARKER));
  assert.is((receiver(out.items, 'team-a/team/pd').pagerduty_configs as Doc[])[0]?.routing_key_file, '/etc/alertmanager/referenced-secrets/team-a.notify/pd');
  // auto copies them, as the operator does.
  assert.is((receiver(render(yaml, 'auto').items, 'team-a/team/pd').pagerduty_configs as Doc[])[0]?.routing_key, `${MARKER}-pd`);
});

test('a receiver file form the target Alertmanager does not read is left out with a warning naming the field', () => {
  const out = render(ALERTMANAGER('v0.24.0').replace(/\n  - name: teams\n.*\n/, '\n').replace(', {receiver: teams}', ''), 'auto');
  assert.equal(
    notInfo(out.results).map((r) => [r.severity, r.field?.path, r.message]),
    [
      ['warning', 'spec.receivers[1].pagerdutyConfigs[0].routingKey', '"routing_key_file" needs version >= 0.25.0, the target is 0.24.0; it is left out of the generated configuration'],
      ['warning', 'spec.receivers[2].emailConfigs[0].authPassword', '"auth_password_file" needs version >= 0.25.0, the target is 0.24.0; it is left out of the generated configuration'],
    ],
  );
  assert.equal(receiver(out.items, 'team-a/team/slack').slack_configs, [{ api_url_file: '/etc/alertmanager/referenced-secrets/team-a.notify/slack', channel: '#a' }]);
});

test('a receiver TLS file Alertmanager loads at start is a warning on the AlertmanagerConfig field; a CA in an absent ConfigMap is a configMap source', () => {
  const out = render(
    ALERTMANAGER().replace(
      "pagerdutyConfigs: [{routingKey: {name: notify, key: pd}}]",
      'pagerdutyConfigs: [{routingKey: {name: notify, key: pd}, httpConfig: {tlsConfig: {ca: {configMap: {name: pd-ca, key: ca.crt}}}}}]',
    ),
    'auto',
  );
  assert.equal(
    notInfo(out.results).map((r) => [r.severity, r.resourceRef?.kind, r.field?.path, r.message]),
    [
      [
        'warning',
        'AlertmanagerConfig',
        'spec.receivers[1].pagerdutyConfigs[0].httpConfig.tlsConfig.ca.configMap',
        'Alertmanager loads this TLS file when it starts or reloads: until ConfigMap monitoring/team-a.pd-ca (key "ca.crt") exists, the configuration does not load and Alertmanager does not start',
      ],
    ],
  );
  assert.equal((receiver(out.items, 'team-a/team/pd').pagerduty_configs as Doc[])[0]?.http_config, {
    tls_config: { ca_file: '/etc/alertmanager/referenced-secrets/team-a.pd-ca/ca.crt', insecure_skip_verify: false },
  });
  const sources = (referencedVolume(out.items, 'alertmanager-main') as { projected: { sources: Doc[] } }).projected.sources;
  assert.equal(sources[1], { configMap: { name: 'team-a.pd-ca', optional: true, items: [{ key: 'ca.crt', path: 'team-a.pd-ca/ca.crt' }] } });
});

test('reference: a scrape class CA is neither copied into the tls-assets Secret nor read, and jobs read it from its mounted file', () => {
  const out = render(
    prometheus(`  serviceMonitorSelector: {}
  scrapeClasses: [{name: tls, default: true, tlsConfig: {ca: {secret: {name: class-ca, key: ca.crt}}}}]`) +
      `---
apiVersion: v1
kind: Secret
metadata: {name: class-ca, namespace: monitoring}
stringData: {ca.crt: "${MARKER} is no certificate"}
---
apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata: {name: api, namespace: monitoring}
spec:
  selector: {}
  endpoints: [{port: web}]`,
    'reference',
  );
  assert.equal(notInfo(out.results), []);
  assert.equal(find(out.items, 'Secret', 'monitoring', 'prometheus-k8s-tls-assets-0').data, {});
  assert.equal(job(out.items, 'serviceMonitor/monitoring/api/0').tls_config, { ca_file: '/etc/prometheus/referenced-secrets/class-ca/ca.crt' });
  assert.not.ok(JSON.stringify(out.generated).includes(MARKER));
});

test('every generated object of a package that references its Secrets validates against the Kubernetes schema', async () => {
  const out = render(PROMETHEUS + '---' + MONITOR + '---' + OAUTH_CONFIGMAP + ALERTMANAGER().replace(/^\napiVersion: v1\nkind: Namespace\nmetadata: \{name: team-a\}\n---/, '\n---'), 'auto');
  assert.equal(out.results.filter((r) => r.severity === 'error'), []);
  const kinds = out.generated.map((o) => o.kind);
  assert.ok(kinds.includes('StatefulSet') && kinds.filter((k) => k === 'StatefulSet').length === 2, kinds.join(', '));
  const problems = (await Promise.all(out.generated.map((o) => schemaProblem(o)))).filter((p) => p !== undefined);
  assert.equal(problems, []);
});

test('an HTTP client file form the target Alertmanager lacks is one warning, and the key is left out', () => {
  const spec = `  route: {receiver: hook}
  receivers:
  - name: hook
    webhookConfigs: [{url: "http://hook", httpConfig: {basicAuth: {username: {name: hook, key: u}, password: {name: hook, key: p}}}}]`;
  const out = render(`${namespaces('team-a')}---${alertmanagerPackage('v0.25.0', spec)}`, 'auto');
  assert.equal(
    notInfo(out.results).map((r) => [r.severity, r.field?.path, r.message]),
    [['warning', 'spec.receivers[0].webhookConfigs[0].httpConfig.basicAuth.username', '"username_file" needs version >= 0.27.0, the target is 0.25.0; it is left out of the generated configuration']],
  );
  assert.equal((receiver(out.items, 'team-a/team/hook').webhook_configs as Doc[])[0]?.http_config, {
    basic_auth: { password_file: '/etc/alertmanager/referenced-secrets/team-a.hook/p' },
  });
});

test('a monitor setting Prometheus reads only inline, whose Secret the package lacks, is an error naming the monitor and field, not a dropped monitor', () => {
  const out = render(
    PROMETHEUS +
      `---
apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata: {name: proxied, namespace: team-a}
spec:
  selector: {}
  endpoints: [{port: web, proxyUrl: "http://proxy:3128", proxyConnectHeader: {Proxy-Authorization: [{name: proxy, key: auth}]}, basicAuth: {password: {name: creds, key: pass}}}]`,
    'auto',
  );
  assert.equal(
    notInfo(out.results).map((r) => [r.severity, r.resourceRef?.kind, r.resourceRef?.name, r.field?.path, r.message]),
    [
      [
        'error',
        'ServiceMonitor',
        'proxied',
        'spec.endpoints[0].proxyConnectHeader.Proxy-Authorization[0]',
        'Secret team-a/proxy (key "auth") is not in the input, and Prometheus reads "proxy_connect_header" only inline, with no file form; add the Secret to the package (options secrets: auto and inline copy it)',
      ],
    ],
  );
  // An error stops the render: nothing is written, rather than a Prometheus that silently stops scraping the monitor.
  assert.equal(out.items.filter((o) => o.kind === 'StatefulSet'), []);
});

test('a receiver setting Alertmanager reads only inline, whose Secret the package lacks, is one error naming the AlertmanagerConfig and field', () => {
  const spec = `  route: {receiver: sns}
  receivers:
  - name: sns
    snsConfigs: [{topicARN: "arn:aws:sns:eu-west-1:123456789012:alerts", sigv4: {region: eu-west-1, accessKey: {name: aws, key: id}, secretKey: {name: aws, key: secret}}}]`;
  const out = render(`${namespaces('team-a')}---${alertmanagerPackage('v0.33.1', spec)}`, 'auto');
  assert.equal(
    notInfo(out.results).map((r) => [r.severity, r.resourceRef?.kind, r.field?.path]),
    [
      ['error', 'AlertmanagerConfig', 'spec.receivers[0].snsConfigs[0].sigv4.accessKey'],
      ['error', 'AlertmanagerConfig', 'spec.receivers[0].snsConfigs[0].sigv4.secretKey'],
    ],
  );
  assert.match(notInfo(out.results)[0]?.message ?? '', 'Alertmanager reads "access_key" only inline, with no file form; use roleArn, profile or the AWS default credential chain');
});

test.run();
