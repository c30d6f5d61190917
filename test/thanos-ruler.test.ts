import type { V1ConfigMap, V1Container, V1Service, V1StatefulSet } from '@kubernetes/client-node';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseYamlStream } from '../src/core/yaml.js';
import { find, renderYaml, secretText } from './support/harness.js';

const NAMESPACE = `
apiVersion: v1
kind: Namespace
metadata:
  name: monitoring
`;

/** A ThanosRuler `main` in monitoring with the given spec lines (YAML, indented under spec). */
function ruler(spec: string, extra = ''): string {
  const body = spec
    .trim()
    .split('\n')
    .map((l) => `  ${l}`)
    .join('\n');
  return `${NAMESPACE}---
apiVersion: monitoring.coreos.com/v1
kind: ThanosRuler
metadata:
  name: main
  namespace: monitoring
spec:
${body}
${extra ? `---\n${extra}` : ''}`;
}

function statefulSet(items: ReturnType<typeof renderYaml>['items']): V1StatefulSet {
  return find(items, 'StatefulSet', 'monitoring', 'thanos-ruler-main') as unknown as V1StatefulSet;
}

function container(sts: V1StatefulSet, name: string): V1Container {
  const c = sts.spec?.template.spec?.containers.find((x) => x.name === name);
  assert.ok(c, `container ${name} exists`);
  return c as V1Container;
}

const errors = (out: ReturnType<typeof renderYaml>) => out.results.filter((r) => r.severity === 'error');
const warningFields = (out: ReturnType<typeof renderYaml>) =>
  out.results
    .filter((r) => r.severity === 'warning')
    .map((r) => r.field?.path)
    .sort();

/** The decoded `remote-write.yaml` of thanos-ruler-main-config. */
function remoteWrite(out: ReturnType<typeof renderYaml>): Array<Record<string, unknown>> {
  const secret = find(out.items, 'Secret', 'monitoring', 'thanos-ruler-main-config');
  const doc = parseYamlStream(secretText(secret, 'remote-write.yaml'))[0] as { remote_write: Array<Record<string, unknown>> };
  return doc.remote_write;
}

/** A Secret in monitoring whose keys hold the given values, written base64-encoded as `data`. */
function secretObject(name: string, values: Record<string, string>): string {
  const data = Object.entries(values)
    .map(([k, v]) => `  ${k}: ${Buffer.from(v).toString('base64')}`)
    .join('\n');
  return `apiVersion: v1
kind: Secret
metadata: {name: ${name}, namespace: monitoring}
data:
${data}
`;
}

/**
 * Renders ThanosRuler `main` (spec lines `spec`, a query endpoint by default)
 * with one spec.remoteWrite entry to https://receive/api/v1/receive whose
 * other keys are the YAML lines `entry`, next to the objects `extra`.
 */
function renderRemoteWrite(entry: string, extra = '', spec = 'queryEndpoints: [q]', options: Record<string, string> = {}): ReturnType<typeof renderYaml> {
  const keys = entry
    .trim()
    .split('\n')
    .map((l) => `  ${l}`)
    .join('\n');
  return renderYaml(ruler(`${spec}\nremoteWrite:\n- url: https://receive/api/v1/receive\n${keys}`, extra), options);
}

/** Secret values may be written only into a Secret's (base64) data: never in plain text, in any object or result. */
function assertNoPlainSecrets(out: ReturnType<typeof renderYaml>, values: readonly string[]): void {
  const text = JSON.stringify(out);
  for (const v of values) assert.not.ok(text.includes(v), `the secret value ${v} appears outside Secret data`);
}

test('a ThanosRuler with one query endpoint becomes StatefulSet thanos-ruler-<name> with the default flags', () => {
  const out = renderYaml(ruler('queryEndpoints: [dnssrv+_http._tcp.thanos-query.monitoring.svc]'));
  assert.equal(errors(out), []);
  const sts = statefulSet(out.items);
  assert.is(sts.spec?.serviceName, 'thanos-ruler-operated');
  assert.is(sts.spec?.podManagementPolicy, 'Parallel');
  assert.is(sts.spec?.replicas, undefined);
  assert.equal(sts.spec?.selector.matchLabels, {
    'app.kubernetes.io/instance': 'main',
    'app.kubernetes.io/managed-by': 'prometheus-operator',
    'app.kubernetes.io/name': 'thanos-ruler',
    'thanos-ruler': 'main',
  });
  assert.is(sts.spec?.template.metadata?.labels?.['app.kubernetes.io/version'], '0.42.4');
  const tr = container(sts, 'thanos-ruler');
  assert.is(tr.image, 'quay.io/thanos/thanos:v0.42.4');
  assert.equal(tr.args, [
    'rule',
    '--data-dir=/thanos/data',
    '--eval-interval=15s',
    '--tsdb.retention=24h',
    '--label=thanos_ruler_replica="$(POD_NAME)"',
    '--alert.label-drop=thanos_ruler_replica',
    '--rule-file=/etc/thanos/rules/*/*.yaml',
    '--query=dnssrv+_http._tcp.thanos-query.monitoring.svc',
    '--http.config=/etc/thanos/web_config/web-config.yaml',
  ]);
  assert.equal(tr.ports, [
    { name: 'grpc', containerPort: 10901, protocol: 'TCP' },
    { name: 'web', containerPort: 10902, protocol: 'TCP' },
  ]);
  assert.equal(tr.resources, { requests: { memory: '200Mi' } });
  assert.equal(
    sts.spec?.template.spec?.volumes?.map((v) => v.name),
    ['remote-write-config', 'tls-assets', 'web-config', 'thanos-ruler-main-rulefiles-0', 'thanos-ruler-main-data'],
  );
  assert.equal(sts.spec?.template.spec?.volumes?.[4], { name: 'thanos-ruler-main-data', emptyDir: {} });
  const reloader = container(sts, 'config-reloader');
  assert.ok(reloader.args?.includes('--reload-url=http://localhost:10902/-/reload'));
  assert.ok(reloader.args?.includes('--watched-dir=/etc/thanos/rules/thanos-ruler-main-rulefiles-0'));
});

test('the remote-write config Secret is always created and mounted, empty without spec.remoteWrite', () => {
  const out = renderYaml(ruler('queryEndpoints: [thanos-query:10901]'));
  const secret = find(out.items, 'Secret', 'monitoring', 'thanos-ruler-main-config');
  assert.is(secretText(secret, 'remote-write.yaml'), 'remote_write: []\n');
  const tr = container(statefulSet(out.items), 'thanos-ruler');
  assert.ok(!tr.args?.some((a) => a.startsWith('--remote-write.config-file')));
  assert.ok(tr.volumeMounts?.some((m) => m.name === 'remote-write-config' && m.mountPath === '/etc/thanos/config/remote-write-config'));
});

test('spec.remoteWrite is written to remote-write.yaml and passed with --remote-write.config-file', () => {
  const out = renderYaml(
    ruler(`
queryEndpoints: [thanos-query:10901]
remoteWrite:
- url: http://receive:19291/api/v1/receive
  name: receive
  queueConfig:
    maxShards: 10
`),
  );
  assert.equal(errors(out), []);
  const secret = find(out.items, 'Secret', 'monitoring', 'thanos-ruler-main-config');
  assert.is(secretText(secret, 'remote-write.yaml'), 'remote_write:\n  - url: http://receive:19291/api/v1/receive\n    name: receive\n    queue_config:\n      max_shards: 10\n');
  const tr = container(statefulSet(out.items), 'thanos-ruler');
  assert.ok(tr.args?.includes('--remote-write.config-file=/etc/thanos/config/remote-write-config/remote-write.yaml'));
});

test('remote write basicAuth reads its Secret from the input; with secrets: inline a missing Secret is an error', () => {
  const secret = `apiVersion: v1
kind: Secret
metadata: {name: receive-auth, namespace: monitoring}
stringData: {user: ruler, pass: s3cret}
`;
  const spec = `
queryEndpoints: [q]
remoteWrite:
- url: http://receive/api/v1/receive
  basicAuth:
    username: {name: receive-auth, key: user}
    password: {name: receive-auth, key: pass}
`;
  const out = renderYaml(ruler(spec, secret));
  assert.equal(errors(out), []);
  const text = secretText(find(out.items, 'Secret', 'monitoring', 'thanos-ruler-main-config'), 'remote-write.yaml');
  assert.is(text, 'remote_write:\n  - url: http://receive/api/v1/receive\n    basic_auth:\n      username: ruler\n      password: s3cret\n');
  const missing = renderYaml(ruler(spec), { secrets: 'inline' });
  assert.equal(errors(missing).map((r) => r.field?.path), ['spec.remoteWrite[0].basicAuth.password', 'spec.remoteWrite[0].basicAuth.username']);
});

test('remote write oauth2 reads the client secret from a Secret and the client ID from a ConfigMap; with secrets: inline missing ones are errors', () => {
  const clientId = `apiVersion: v1
kind: ConfigMap
metadata: {name: receive-oauth, namespace: monitoring}
data: {id: ruler-client}
`;
  const out = renderRemoteWrite(
    `
oauth2:
  clientId: {configMap: {name: receive-oauth, key: id}}
  clientSecret: {name: receive-oauth, key: secret}
  tokenUrl: https://auth.example.com/token
  scopes: [metrics.write]
  endpointParams: {audience: receive, a: b}
`,
    `${secretObject('receive-oauth', { secret: 'oauth-client-s3cret' })}---\n${clientId}`,
  );
  assert.equal(errors(out), []);
  assert.equal(warningFields(out), []);
  assert.equal(remoteWrite(out), [
    {
      url: 'https://receive/api/v1/receive',
      oauth2: {
        client_id: 'ruler-client',
        client_secret: 'oauth-client-s3cret',
        token_url: 'https://auth.example.com/token',
        scopes: ['metrics.write'],
        endpoint_params: { a: 'b', audience: 'receive' },
      },
    },
  ]);
  assertNoPlainSecrets(out, ['oauth-client-s3cret']);
  const missing = renderRemoteWrite('oauth2: {clientId: {secret: {name: gone, key: id}}, clientSecret: {name: gone, key: s}, tokenUrl: "http://t"}', '', undefined, { secrets: 'inline' });
  assert.equal(errors(missing).map((r) => r.field?.path).sort(), ['spec.remoteWrite[0].oauth2.clientId.secret', 'spec.remoteWrite[0].oauth2.clientSecret']);
  assert.not.ok(missing.items.some((o) => o.kind === 'StatefulSet'));
});

test('remote write sigv4 inlines the access keys and drops externalId, which no Thanos reads, with a warning', () => {
  const out = renderRemoteWrite(
    `
sigv4:
  region: eu-west-1
  accessKey: {name: aws, key: id}
  secretKey: {name: aws, key: key}
  roleArn: arn:aws:iam::123456789012:role/ruler
  externalId: ext-1
  useFIPSSTSEndpoint: true
`,
    secretObject('aws', { id: 'AKIAEXAMPLEKEYID', key: 'aws-secret-access-key-value' }),
  );
  assert.equal(errors(out), []);
  assert.equal(warningFields(out), ['spec.remoteWrite[0].sigv4.externalId']);
  assert.equal(remoteWrite(out)[0]?.sigv4, {
    region: 'eu-west-1',
    access_key: 'AKIAEXAMPLEKEYID',
    secret_key: 'aws-secret-access-key-value',
    role_arn: 'arn:aws:iam::123456789012:role/ruler',
    use_fips_sts_endpoint: true,
  });
  assertNoPlainSecrets(out, ['AKIAEXAMPLEKEYID', 'aws-secret-access-key-value']);
});

const RECEIVE_CA = `-----BEGIN CERTIFICATE-----
MIIBgTCCASegAwIBAgIUSoY303MuxGlp7ryHK2iFfts6Mf0wCgYIKoZIzj0EAwIw
FTETMBEGA1UEAwwKcmVjZWl2ZS1jYTAgFw0yNjExMjIwMTE4NDFaGA8yMTI2MTAy
OTAxMTg0MVowFTETMBEGA1UEAwwKcmVjZWl2ZS1jYTBZMBMGByqGSM49AgEGCCqG
SM49AwEHA0IABPgb3gudQX0JrW66yeCEX/IWzVvSud5YG2BY8y1BWo4mjLBPXYts
vUrIPIohxJryoFR5JxglMD38FP9JW1+K4xSjUzBRMB0GA1UdDgQWBBTTXWHVnyUT
OTITV9z5+CzbOuS9ujAfBgNVHSMEGDAWgBTTXWHVnyUTOTITV9z5+CzbOuS9ujAP
BgNVHRMBAf8EBTADAQH/MAoGCCqGSM49BAMCA0gAMEUCIQCE9KjL4Z73SgbdTFv2
VpWBmH3QDWzCl8FkaBDW2Vn6vAIgeYTRPaHTYXAtvHBH4+dUNM+utYUSVDbhpfzZ
z5msfGs=
-----END CERTIFICATE-----
`;

test('remote write tlsConfig copies the CA from its Secret into the tls-assets Secret the ruler mounts at /etc/thanos/certs', () => {
  const tls = `
tlsConfig:
  ca: {secret: {name: receive-ca, key: ca.crt}}
  serverName: receive.monitoring.svc
  insecureSkipVerify: false
  minVersion: TLS12
`;
  const out = renderRemoteWrite(tls, secretObject('receive-ca', { 'ca.crt': RECEIVE_CA }));
  assert.equal(errors(out), []);
  assert.equal(remoteWrite(out)[0]?.tls_config, {
    insecure_skip_verify: false,
    ca_file: '/etc/thanos/certs/0_monitoring_receive-ca_ca.crt',
    server_name: 'receive.monitoring.svc',
    min_version: 'TLS12',
  });
  const assets = find(out.items, 'Secret', 'monitoring', 'thanos-ruler-main-tls-assets-0');
  assert.equal(Object.keys(assets.data as object), ['0_monitoring_receive-ca_ca.crt']);
  assert.is(secretText(assets, '0_monitoring_receive-ca_ca.crt'), RECEIVE_CA);
  const sts = statefulSet(out.items);
  assert.equal(
    sts.spec?.template.spec?.volumes?.find((v) => v.name === 'tls-assets'),
    { name: 'tls-assets', projected: { sources: [{ secret: { name: 'thanos-ruler-main-tls-assets-0' } }] } },
  );
  assert.ok(container(sts, 'thanos-ruler').volumeMounts?.some((m) => m.name === 'tls-assets' && m.mountPath === '/etc/thanos/certs' && m.readOnly));

  const notPem = renderRemoteWrite(tls, secretObject('receive-ca', { 'ca.crt': 'not a certificate' }));
  assert.equal(errors(notPem).map((r) => r.field?.path), ['spec.remoteWrite[0].tlsConfig.ca']);
});

test('remote write azureAd oauth reads its client secret from a Secret; scope, which no Thanos reads, is dropped', () => {
  const out = renderRemoteWrite(
    `
azureAd:
  cloud: AzurePublic
  scope: https://monitor.azure.com//.default
  oauth:
    clientId: 00000000-0000-0000-0000-000000000001
    tenantId: 00000000-0000-0000-0000-000000000002
    clientSecret: {name: azure, key: secret}
`,
    secretObject('azure', { secret: 'azure-client-s3cret' }),
  );
  assert.equal(errors(out), []);
  assert.equal(warningFields(out), ['spec.remoteWrite[0].azureAd.scope']);
  assert.equal(remoteWrite(out)[0]?.azuread, {
    oauth: {
      client_id: '00000000-0000-0000-0000-000000000001',
      client_secret: 'azure-client-s3cret',
      tenant_id: '00000000-0000-0000-0000-000000000002',
    },
    cloud: 'AzurePublic',
  });
  assertNoPlainSecrets(out, ['azure-client-s3cret']);
});

test('remote write azureAd managedIdentity needs a client ID before Thanos 0.40.0', () => {
  const old = renderRemoteWrite('azureAd: {managedIdentity: {}}', '', 'queryEndpoints: [q]\nversion: v0.39.0');
  assert.equal(errors(old).map((r) => r.field?.path), ['spec.remoteWrite[0].azureAd.managedIdentity.clientId']);
  const current = renderRemoteWrite('azureAd: {managedIdentity: {}}', '', 'queryEndpoints: [q]\nversion: v0.40.0');
  assert.equal(errors(current), []);
  assert.equal(remoteWrite(current)[0]?.azuread, { managed_identity: {} });
});

test('remote write fields the Thanos version cannot read are left out with a warning naming each', () => {
  const out = renderRemoteWrite(
    'sendNativeHistograms: true\ntlsConfig: {minVersion: TLS12, maxVersion: TLS13, insecureSkipVerify: true}',
    '',
    'queryEndpoints: [q]\nversion: v0.27.0',
  );
  assert.equal(errors(out), []);
  assert.equal(warningFields(out), [
    'spec.remoteWrite[0].sendNativeHistograms',
    'spec.remoteWrite[0].tlsConfig.maxVersion',
    'spec.remoteWrite[0].tlsConfig.minVersion',
  ]);
  assert.equal(remoteWrite(out), [{ url: 'https://receive/api/v1/receive', tls_config: { insecure_skip_verify: true } }]);
});

test('remote write before Thanos 0.24.0 is refused with an error naming spec.remoteWrite', () => {
  const out = renderYaml(ruler('queryEndpoints: [q]\nversion: v0.23.0\nremoteWrite: [{url: "http://r"}]'));
  assert.equal(errors(out).map((r) => r.field?.path), ['spec.remoteWrite']);
});

test('queryEndpoints and alertmanagersUrl become --query and --alertmanagers.url flags in order', () => {
  const out = renderYaml(
    ruler(`
queryEndpoints: [query-a:10902, query-b:10902]
alertmanagersUrl: [http://am-0:9093, http://am-1:9093]
`),
  );
  const args = container(statefulSet(out.items), 'thanos-ruler').args ?? [];
  assert.equal(
    args.filter((a) => a.startsWith('--query') || a.startsWith('--alertmanagers')),
    ['--query=query-a:10902', '--query=query-b:10902', '--alertmanagers.url=http://am-0:9093', '--alertmanagers.url=http://am-1:9093'],
  );
});

test('queryConfig and alertmanagersConfig are mounted from their Secrets and win over the lists', () => {
  const out = renderYaml(
    ruler(`
queryEndpoints: [ignored:10902]
queryConfig: {name: thanos-query, key: query.yaml}
alertmanagersUrl: [http://ignored:9093]
alertmanagersConfig: {name: thanos-am, key: am.yaml}
`),
  );
  const sts = statefulSet(out.items);
  const args = container(sts, 'thanos-ruler').args ?? [];
  assert.ok(args.includes('--query.config-file=/etc/thanos/config/query-config/query.yaml'));
  assert.ok(args.includes('--alertmanagers.config-file=/etc/thanos/config/alertmanager-config/am.yaml'));
  assert.not.ok(args.some((a) => a.startsWith('--query=') || a.startsWith('--alertmanagers.url=')));
  const volume = sts.spec?.template.spec?.volumes?.find((v) => v.name === 'query-config');
  assert.equal(volume, { name: 'query-config', secret: { secretName: 'thanos-query', items: [{ key: 'query.yaml', path: 'query.yaml' }] } });
});

test('objectStorageConfig from a Secret key is mounted and passed with --objstore.config-file', () => {
  const out = renderYaml(ruler('queryEndpoints: [q]\nobjectStorageConfig: {name: thanos-objstore, key: objstore.yml}'));
  const sts = statefulSet(out.items);
  const tr = container(sts, 'thanos-ruler');
  assert.ok(tr.args?.includes('--objstore.config-file=/etc/thanos/config/objstorage-config/objstore.yml'));
  assert.ok(tr.volumeMounts?.some((m) => m.name === 'objstorage-config' && m.mountPath === '/etc/thanos/config/objstorage-config' && m.readOnly));
  assert.equal(
    sts.spec?.template.spec?.volumes?.find((v) => v.name === 'objstorage-config'),
    { name: 'objstorage-config', secret: { secretName: 'thanos-objstore', items: [{ key: 'objstore.yml', path: 'objstore.yml' }] } },
  );
});

test('labels are sorted by key after the replica label, alert drop labels keep their order', () => {
  const out = renderYaml(ruler('queryEndpoints: [q]\nlabels: {region: eu, cluster: a}\nalertDropLabels: [zone, cluster]'));
  const args = container(statefulSet(out.items), 'thanos-ruler').args ?? [];
  assert.equal(
    args.filter((a) => a.startsWith('--label=') || a.startsWith('--alert.label-drop=')),
    [
      '--label=thanos_ruler_replica="$(POD_NAME)"',
      '--label=cluster="a"',
      '--label=region="eu"',
      '--alert.label-drop=thanos_ruler_replica',
      '--alert.label-drop=zone',
      '--alert.label-drop=cluster',
    ],
  );
});

test('a flag the Thanos version lacks is left out with a warning naming the field', () => {
  const out = renderYaml(ruler('queryEndpoints: [q]\nversion: v0.36.0\nruleConcurrentEval: 4'));
  const args = container(statefulSet(out.items), 'thanos-ruler').args ?? [];
  assert.not.ok(args.some((a) => a.startsWith('--rule-concurrent-evaluation')));
  assert.ok(out.results.some((r) => r.severity === 'warning' && r.field?.path === 'spec.ruleConcurrentEval'));
  assert.is(container(statefulSet(out.items), 'thanos-ruler').image, 'quay.io/thanos/thanos:v0.36.0');
});

test('selected PrometheusRules land in thanos-ruler-<name>-rulefiles-0, labelled and mounted', () => {
  const rule = `apiVersion: monitoring.coreos.com/v1
kind: PrometheusRule
metadata:
  name: alerts
  namespace: monitoring
  labels: {role: alert-rules}
spec:
  groups:
  - name: g
    rules:
    - alert: Down
      expr: up == 0
---
apiVersion: monitoring.coreos.com/v1
kind: PrometheusRule
metadata:
  name: other
  namespace: monitoring
spec:
  groups: [{name: o, rules: [{record: x, expr: up}]}]
`;
  const out = renderYaml(ruler('queryEndpoints: [q]\nruleSelector: {matchLabels: {role: alert-rules}}', rule));
  const cm = find(out.items, 'ConfigMap', 'monitoring', 'thanos-ruler-main-rulefiles-0') as unknown as V1ConfigMap;
  assert.is(cm.metadata?.labels?.['thanos-ruler-name'], 'main');
  assert.equal(Object.keys(cm.data ?? {}), ['monitoring_alerts.yaml']);
  assert.match(cm.data?.['monitoring_alerts.yaml'] ?? '', 'alert: Down');
  const sts = statefulSet(out.items);
  assert.equal(
    sts.spec?.template.spec?.volumes?.find((v) => v.name === 'thanos-ruler-main-rulefiles-0'),
    { name: 'thanos-ruler-main-rulefiles-0', configMap: { name: 'thanos-ruler-main-rulefiles-0', optional: true } },
  );
  assert.ok(
    container(sts, 'thanos-ruler').volumeMounts?.some(
      (m) => m.name === 'thanos-ruler-main-rulefiles-0' && m.mountPath === '/etc/thanos/rules/thanos-ruler-main-rulefiles-0' && m.readOnly,
    ),
  );
});

test('the governing Service thanos-ruler-operated exposes the web and gRPC ports', () => {
  const out = renderYaml(ruler('queryEndpoints: [q]'));
  const svc = find(out.items, 'Service', 'monitoring', 'thanos-ruler-operated') as unknown as V1Service;
  assert.is(svc.metadata?.labels?.['operated-thanos-ruler'], 'true');
  assert.is(svc.spec?.clusterIP, 'None');
  assert.equal(svc.spec?.selector, { 'app.kubernetes.io/name': 'thanos-ruler' });
  assert.equal(svc.spec?.ports, [
    { name: 'web', port: 10902, targetPort: 'web', protocol: 'TCP' },
    { name: 'grpc', port: 10901, targetPort: 'grpc', protocol: 'TCP' },
  ]);
});

test('a ThanosRuler with neither queryEndpoints nor queryConfig is refused', () => {
  const out = renderYaml(ruler('retention: 12h'));
  assert.equal(errors(out).map((r) => r.field?.path), ['spec.queryEndpoints']);
  assert.not.ok(out.items.some((o) => o.kind === 'StatefulSet'));
});

test('web TLS switches the reloader to https and mounts the credentials', () => {
  const out = renderYaml(
    ruler(`
queryEndpoints: [q]
web:
  tlsConfig:
    keySecret: {name: tls, key: tls.key}
    cert: {secret: {name: tls, key: tls.crt}}
`),
  );
  assert.equal(errors(out), []);
  const web = find(out.items, 'Secret', 'monitoring', 'thanos-ruler-main-web-config');
  assert.match(secretText(web, 'web-config.yaml'), 'cert_file: /etc/thanos/web_config/secret/tls-cert/tls.crt');
  const reloader = container(statefulSet(out.items), 'config-reloader');
  assert.ok(reloader.args?.includes('--reload-url=https://localhost:10902/-/reload'));
});

test.run();
