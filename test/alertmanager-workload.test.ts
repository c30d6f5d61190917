import type { V1Container, V1Service, V1StatefulSet } from '@kubernetes/client-node';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseBase2Bytes } from '../src/core/byte-size.js';
import { find, renderYaml, secretText } from './support/harness.js';

const NAMESPACE = `
apiVersion: v1
kind: Namespace
metadata: {name: monitoring}
---
apiVersion: v1
kind: Secret
metadata: {name: alertmanager-main, namespace: monitoring}
stringData:
  alertmanager.yaml: |
    route: {receiver: default}
    receivers: [{name: default}]
`;

/** A namespace, an Alertmanager `main` in it with the given spec lines (YAML, indented under spec), and its configuration Secret. */
function alertmanager(spec = '{}', metadata = ''): string {
  const body = spec.trim() === '{}' ? ' {}' : `\n${spec.trim().split('\n').map((l) => `  ${l}`).join('\n')}`;
  return `${NAMESPACE}---
apiVersion: monitoring.coreos.com/v1
kind: Alertmanager
metadata:
  name: main
  namespace: monitoring
${metadata}
spec:${body}
`;
}

function renderAm(spec = '{}', metadata = '', options: Record<string, string> = {}) {
  const out = renderYaml(alertmanager(spec, metadata), options);
  const errors = out.results.filter((r) => r.severity === 'error');
  assert.equal(errors, [], 'no error results');
  return out;
}

function statefulSet(items: ReturnType<typeof renderYaml>['items']): V1StatefulSet {
  return find(items, 'StatefulSet', 'monitoring', 'alertmanager-main') as unknown as V1StatefulSet;
}

function container(sts: V1StatefulSet, name: string, init = false): V1Container {
  const list = init ? sts.spec?.template.spec?.initContainers : sts.spec?.template.spec?.containers;
  const c = list?.find((x) => x.name === name);
  assert.ok(c, `container ${name} exists`);
  return c as V1Container;
}

test('more than 1,000 replicas is an error on spec.replicas: each would be a peer argument of every pod', () => {
  const out = renderYaml(alertmanager('{replicas: 2147483647}'));
  assert.equal(
    out.results.filter((r) => r.severity === 'error').map((r) => [r.field?.path, r.message]),
    [['spec.replicas', 'spec.replicas is 2147483647: every replica is a --cluster.peer argument of every pod, and at most 1000 are rendered; use fewer replicas']],
  );
  assert.equal(out.items.filter((o) => o.kind === 'StatefulSet'), []);
});

test('a default Alertmanager becomes StatefulSet alertmanager-main with its containers, args, ports and volumes', () => {
  const out = renderAm('{}', '  labels: {team: ops}');
  const sts = statefulSet(out.items);
  assert.is(sts.spec?.replicas, 1);
  assert.is(sts.spec?.serviceName, 'alertmanager-operated');
  assert.is(sts.spec?.podManagementPolicy, 'Parallel');
  assert.equal(sts.spec?.updateStrategy, { type: 'RollingUpdate' });
  assert.equal(sts.spec?.selector.matchLabels, {
    alertmanager: 'main',
    'app.kubernetes.io/instance': 'main',
    'app.kubernetes.io/managed-by': 'prometheus-operator',
    'app.kubernetes.io/name': 'alertmanager',
  });
  assert.equal(sts.metadata?.labels, {
    alertmanager: 'main',
    'app.kubernetes.io/instance': 'main',
    'app.kubernetes.io/managed-by': 'prometheus-operator',
    'app.kubernetes.io/name': 'alertmanager',
    'managed-by': 'prometheus-operator',
    team: 'ops',
  });
  assert.is(sts.spec?.template.metadata?.labels?.['app.kubernetes.io/version'], '0.33.1');
  assert.is(sts.spec?.template.metadata?.annotations?.['kubectl.kubernetes.io/default-container'], 'alertmanager');
  assert.ok(sts.metadata?.annotations?.['prometheus-operator-input-hash']);

  const pod = sts.spec?.template.spec;
  assert.equal(pod?.containers.map((c) => c.name), ['alertmanager', 'config-reloader']);
  assert.equal(pod?.initContainers?.map((c) => c.name), ['init-config-reloader']);
  assert.is(pod?.terminationGracePeriodSeconds, 120);

  const am = container(sts, 'alertmanager');
  assert.is(am.image, 'quay.io/prometheus/alertmanager:v0.33.1');
  assert.equal(am.args, [
    '--config.file=/etc/alertmanager/config_out/alertmanager.env.yaml',
    '--storage.path=/alertmanager',
    '--data.retention=120h',
    '--cluster.listen-address=',
    '--web.listen-address=:9093',
    '--web.route-prefix=/',
    '--cluster.peer-name=$(POD_NAME)',
    '--cluster.label=monitoring/main',
    '--cluster.peer=alertmanager-main-0.alertmanager-operated:9094',
    '--cluster.reconnect-timeout=5m',
    '--web.config.file=/etc/alertmanager/web_config/web-config.yaml',
  ]);
  assert.equal(am.ports, [
    { name: 'web', containerPort: 9093, protocol: 'TCP' },
    { name: 'mesh-tcp', containerPort: 9094, protocol: 'TCP' },
    { name: 'mesh-udp', containerPort: 9094, protocol: 'UDP' },
  ]);
  assert.equal(am.resources, { requests: { memory: '200Mi' } });
  assert.equal(am.env?.map((e) => e.name), ['POD_IP', 'POD_NAME']);
  assert.equal(am.livenessProbe, { httpGet: { path: '/-/healthy', port: 'web' }, timeoutSeconds: 3, failureThreshold: 10 });
  assert.equal(am.readinessProbe, {
    httpGet: { path: '/-/ready', port: 'web' },
    initialDelaySeconds: 3,
    timeoutSeconds: 3,
    periodSeconds: 5,
    failureThreshold: 10,
  });
  assert.equal(am.volumeMounts?.map((m) => `${m.name}:${m.mountPath}`), [
    'config-volume:/etc/alertmanager/config',
    'config-out:/etc/alertmanager/config_out',
    'tls-assets:/etc/alertmanager/certs',
    'alertmanager-main-db:/alertmanager',
    'web-config:/etc/alertmanager/web_config/web-config.yaml',
    'cluster-tls-config:/etc/alertmanager/cluster_tls_config/cluster-tls-config.yaml',
  ]);

  const reloader = container(sts, 'config-reloader');
  assert.equal(reloader.args, [
    '--listen-address=:8080',
    '--web-config-file=/etc/alertmanager/web_config/web-config.yaml',
    '--reload-url=http://localhost:9093/-/reload',
    '--config-file=/etc/alertmanager/config/alertmanager.yaml.gz',
    '--config-envsubst-file=/etc/alertmanager/config_out/alertmanager.env.yaml',
    '--watched-dir=/etc/alertmanager/config',
  ]);
  assert.equal(reloader.env?.find((e) => e.name === 'SHARD'), { name: 'SHARD', value: '-1' });
  assert.equal(container(sts, 'init-config-reloader', true).args, [
    '--watch-interval=0',
    '--listen-address=:8081',
    '--config-file=/etc/alertmanager/config/alertmanager.yaml.gz',
    '--config-envsubst-file=/etc/alertmanager/config_out/alertmanager.env.yaml',
    '--watched-dir=/etc/alertmanager/config',
  ]);

  assert.equal(pod?.volumes, [
    { name: 'config-volume', secret: { secretName: 'alertmanager-main-generated' } },
    { name: 'tls-assets', projected: { sources: [{ secret: { name: 'alertmanager-main-tls-assets-0' } }] } },
    { name: 'config-out', emptyDir: { medium: 'Memory' } },
    { name: 'web-config', secret: { secretName: 'alertmanager-main-web-config' } },
    { name: 'cluster-tls-config', secret: { secretName: 'alertmanager-main-cluster-tls-config' } },
    { name: 'alertmanager-main-db', emptyDir: {} },
  ]);

  // The Secrets the pods mount exist, with the web and cluster TLS files empty when unconfigured.
  assert.is(secretText(find(out.items, 'Secret', 'monitoring', 'alertmanager-main-web-config'), 'web-config.yaml'), '');
  assert.is(secretText(find(out.items, 'Secret', 'monitoring', 'alertmanager-main-cluster-tls-config'), 'cluster-tls-config.yaml'), '');
  assert.equal(find(out.items, 'Secret', 'monitoring', 'alertmanager-main-tls-assets-0').data, {});
});

test('replicas: 3 gossip over the governing Service with one --cluster.peer per pod', () => {
  const sts = statefulSet(renderAm('replicas: 3\nadditionalPeers: [am-other.example:9094]').items);
  assert.is(sts.spec?.replicas, 3);
  const args = container(sts, 'alertmanager').args ?? [];
  assert.ok(args.includes('--cluster.listen-address=[$(POD_IP)]:9094'));
  assert.not.ok(args.includes('--cluster.listen-address='));
  assert.equal(
    args.filter((a) => a.startsWith('--cluster.peer=')),
    [
      '--cluster.peer=alertmanager-main-0.alertmanager-operated:9094',
      '--cluster.peer=alertmanager-main-1.alertmanager-operated:9094',
      '--cluster.peer=alertmanager-main-2.alertmanager-operated:9094',
      '--cluster.peer=am-other.example:9094',
    ],
  );
});

test('a cluster domain makes the peer addresses fully qualified', () => {
  const sts = statefulSet(renderAm('replicas: 2', '', { clusterDomain: 'cluster.local' }).items);
  const peers = (container(sts, 'alertmanager').args ?? []).filter((a) => a.startsWith('--cluster.peer='));
  assert.equal(peers, [
    '--cluster.peer=alertmanager-main-0.alertmanager-operated.monitoring.svc.cluster.local.:9094',
    '--cluster.peer=alertmanager-main-1.alertmanager-operated.monitoring.svc.cluster.local.:9094',
  ]);
});

test('the governing Service alertmanager-operated publishes the web and gossip ports of every Alertmanager', () => {
  const svc = find(renderAm().items, 'Service', 'monitoring', 'alertmanager-operated') as unknown as V1Service;
  assert.equal(svc.metadata?.labels, {
    'app.kubernetes.io/managed-by': 'prometheus-operator',
    'managed-by': 'prometheus-operator',
    'operated-alertmanager': 'true',
  });
  assert.equal(svc.spec, {
    clusterIP: 'None',
    publishNotReadyAddresses: true,
    ports: [
      { name: 'web', port: 9093, targetPort: 'web', protocol: 'TCP' },
      { name: 'tcp-mesh', port: 9094, targetPort: 'mesh-tcp', protocol: 'TCP' },
      { name: 'udp-mesh', port: 9094, targetPort: 'mesh-udp', protocol: 'UDP' },
    ],
    selector: { 'app.kubernetes.io/name': 'alertmanager' },
  });
});

test('a custom spec.serviceName gets no alertmanager-operated Service', () => {
  const out = renderAm('serviceName: my-am');
  assert.not.ok(out.items.some((o) => o.kind === 'Service' && o.metadata.name === 'alertmanager-operated'));
  assert.is(statefulSet(out.items).spec?.serviceName, 'my-am');
});

test('a volumeClaimTemplate becomes the StatefulSet claim template, mounted with a sub path', () => {
  const sts = statefulSet(
    renderAm(`
storage:
  volumeClaimTemplate:
    spec:
      storageClassName: fast
      resources: {requests: {storage: 5Gi}}`).items,
  );
  assert.equal(sts.spec?.volumeClaimTemplates, [
    { metadata: { name: 'alertmanager-main-db' }, spec: { storageClassName: 'fast', resources: { requests: { storage: '5Gi' } }, accessModes: ['ReadWriteOnce'] } },
  ]);
  assert.not.ok(sts.spec?.template.spec?.volumes?.some((v) => v.name === 'alertmanager-main-db'));
  const mount = container(sts, 'alertmanager').volumeMounts?.find((m) => m.mountPath === '/alertmanager');
  assert.equal(mount, { name: 'alertmanager-main-db', mountPath: '/alertmanager', subPath: 'alertmanager-db' });
});

test('web TLS writes web-config.yaml, mounts the credentials and probes and reloads over HTTPS', () => {
  const out = renderAm(`
routePrefix: /am
web:
  tlsConfig:
    keySecret: {name: am-tls, key: tls.key}
    cert: {secret: {name: am-tls, key: tls.crt}}`);
  const sts = statefulSet(out.items);
  const am = container(sts, 'alertmanager');
  assert.equal(am.livenessProbe?.httpGet, { path: '/am/-/healthy', port: 'web', scheme: 'HTTPS' });
  assert.equal(am.readinessProbe?.httpGet, { path: '/am/-/ready', port: 'web', scheme: 'HTTPS' });
  assert.ok(am.volumeMounts?.some((m) => m.mountPath === '/etc/alertmanager/web_config/secret/am-tls-key'));
  assert.ok(am.volumeMounts?.some((m) => m.mountPath === '/etc/alertmanager/web_config/secret/am-tls-cert'));
  assert.ok(container(sts, 'config-reloader').args?.includes('--reload-url=https://localhost:9093/am/-/reload'));
  assert.is(
    secretText(find(out.items, 'Secret', 'monitoring', 'alertmanager-main-web-config'), 'web-config.yaml'),
    'tls_server_config:\n  cert_file: /etc/alertmanager/web_config/secret/am-tls-cert/tls.crt\n  key_file: /etc/alertmanager/web_config/secret/am-tls-key/tls.key\n',
  );
});

test('cluster TLS writes cluster-tls-config.yaml and passes --cluster.tls-config', () => {
  const out = renderAm(`
replicas: 2
clusterTLS:
  server:
    keySecret: {name: gossip, key: tls.key}
    cert: {secret: {name: gossip, key: tls.crt}}
  client:
    keySecret: {name: gossip, key: tls.key}
    cert: {secret: {name: gossip, key: tls.crt}}
    ca: {configMap: {name: gossip-ca, key: ca.crt}}`);
  const am = container(statefulSet(out.items), 'alertmanager');
  assert.ok(am.args?.includes('--cluster.tls-config=/etc/alertmanager/cluster_tls_config/cluster-tls-config.yaml'));
  assert.ok(am.volumeMounts?.some((m) => m.mountPath === '/etc/alertmanager/cluster_tls_config/client_tls/configmap/gossip-ca-ca'));
  assert.is(
    secretText(find(out.items, 'Secret', 'monitoring', 'alertmanager-main-cluster-tls-config'), 'cluster-tls-config.yaml'),
    [
      'tls_server_config:',
      '  key_file: /etc/alertmanager/cluster_tls_config/server_tls/secret/gossip-key/tls.key',
      '  cert_file: /etc/alertmanager/cluster_tls_config/server_tls/secret/gossip-cert/tls.crt',
      'tls_client_config:',
      '  key_file: /etc/alertmanager/cluster_tls_config/client_tls/secret/gossip-key/tls.key',
      '  cert_file: /etc/alertmanager/cluster_tls_config/client_tls/secret/gossip-cert/tls.crt',
      '  ca_file: /etc/alertmanager/cluster_tls_config/client_tls/configmap/gossip-ca-ca/ca.crt',
      '',
    ].join('\n'),
  );
});

test('cluster TLS without a client certificate is an error and nothing is rendered', () => {
  const out = renderYaml(
    alertmanager(`
clusterTLS:
  server:
    keySecret: {name: gossip, key: tls.key}
    cert: {secret: {name: gossip, key: tls.crt}}
  client: {}`),
  );
  const errors = out.results.filter((r) => r.severity === 'error');
  assert.is(errors.length, 1);
  assert.match(errors[0]?.message ?? '', /certificate is required/);
  assert.not.ok(out.items.some((o) => o.kind === 'StatefulSet'));
});

test('flags follow spec.version: older versions lose the flags they do not know, with a warning', () => {
  const args = (spec: string) => {
    const out = renderAm(spec);
    return { args: container(statefulSet(out.items), 'alertmanager').args ?? [], warnings: out.results.filter((r) => r.severity === 'warning') };
  };
  const current = args('limits: {maxSilences: 50, maxPerSilenceBytes: 5MB}\nenableFeatures: [classic-mode]\nminReadySeconds: 30');
  assert.ok(current.args.includes('--silences.max-silences=50'));
  assert.ok(current.args.includes('--silences.max-per-silence-bytes=5242880'));
  assert.ok(current.args.includes('--enable-feature=classic-mode'));
  assert.ok(current.args.includes('--dispatch.start-delay=30s'));
  const old = args('version: v0.25.0\nlimits: {maxSilences: 50}\nenableFeatures: [classic-mode]');
  assert.not.ok(old.args.some((a) => a.startsWith('--silences.') || a.startsWith('--enable-feature') || a.startsWith('--cluster.label')));
  assert.equal(old.warnings.map((w) => w.field?.path).sort(), ['spec.enableFeatures', 'spec.limits.maxSilences']);
});

test('additionalArgs that redefine a managed flag are an error', () => {
  const out = renderYaml(alertmanager('additionalArgs: [{name: web.route-prefix, value: /x}]'));
  assert.ok(out.results.some((r) => r.severity === 'error' && r.message.includes('--web.route-prefix')));
  assert.not.ok(out.items.some((o) => o.kind === 'StatefulSet'));
});

test('listenLocal drops the web port and the probes and binds to 127.0.0.1', () => {
  const am = container(statefulSet(renderAm('listenLocal: true').items), 'alertmanager');
  assert.ok(am.args?.includes('--web.listen-address=127.0.0.1:9093'));
  assert.equal(am.ports?.map((p) => p.name), ['mesh-tcp', 'mesh-udp']);
  assert.is(am.livenessProbe, undefined);
  assert.is(am.readinessProbe, undefined);
});

test('notification templates are projected into one volume and watched by the reloader', () => {
  const sts = statefulSet(
    renderYaml(`${alertmanager(`
alertmanagerConfiguration:
  name: global
  templates:
  - secret: {name: tpl-a, key: a.tmpl}
  - configMap: {name: tpl-b, key: a.tmpl}
  - configMap: {name: tpl-b, key: b.tmpl}`)}---
apiVersion: monitoring.coreos.com/v1alpha1
kind: AlertmanagerConfig
metadata: {name: global, namespace: monitoring}
spec:
  route: {receiver: 'null'}
  receivers: [{name: 'null'}]
`).items,
  );
  const volume = sts.spec?.template.spec?.volumes?.find((v) => v.name === 'notification-templates');
  assert.equal(volume?.projected?.sources, [
    { secret: { name: 'tpl-a', items: [{ key: 'a.tmpl', path: 'a.tmpl' }] } },
    { configMap: { name: 'tpl-b', items: [{ key: 'b.tmpl', path: 'b.tmpl' }] } },
  ]);
  assert.ok(container(sts, 'config-reloader').args?.includes('--watched-dir=/etc/alertmanager/templates'));
});

test('byte sizes are read in powers of 1024', () => {
  assert.is(parseBase2Bytes('5MB'), 5 * 1024 * 1024);
  assert.is(parseBase2Bytes('1KiB'), 1024);
  assert.is(parseBase2Bytes('512B'), 512);
  assert.is(parseBase2Bytes('nonsense'), 0);
});

test.run();
