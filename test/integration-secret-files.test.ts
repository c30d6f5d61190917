/**
 * A package that holds none of the Secrets its scrape configs, remote write
 * and receivers name, rendered with secrets: reference: the real `promtool
 * check config` (Debian's 2.42) and `amtool check-config` (0.25) accept the
 * generated configurations once the files the pods mount exist. The
 * configurations are written with the mount directory moved to a temporary
 * one, holding one file per item of the referenced-secrets volume. (Debian's
 * promtool is built without Kubernetes service discovery, so the scrape jobs
 * come from ScrapeConfigs with static targets.)
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { KubeObject } from '../src/krm/types.js';
import { SELF_SIGNED_CERT } from './support/certs.js';
import { find, podSpec, renderYaml, secretText } from './support/harness.js';
import { alertmanagerPackage, namespaces, prometheusK8s } from './support/secret-packages.js';
import { describeRun, run, withTools } from './support/integration.js';

const PACKAGE = [
  namespaces('team-a', 'team-b'),
  prometheusK8s(`  version: v2.42.0
  scrapeConfigSelector: {}
  scrapeConfigNamespaceSelector: {}
  remoteWrite: [{url: "https://remote.example.org/write", basicAuth: {username: {name: remote, key: user}, password: {name: remote, key: pass}}}]`),
  `
apiVersion: monitoring.coreos.com/v1alpha1
kind: ScrapeConfig
metadata: {name: api, namespace: team-a}
spec:
  staticConfigs: [{targets: ["api.team-a:443"]}]
  scheme: HTTPS
  basicAuth: {password: {name: api-creds, key: pass}}
  tlsConfig: {ca: {secret: {name: api-tls, key: ca.crt}}, cert: {secret: {name: api-tls, key: tls.crt}}, keySecret: {name: api-tls, key: tls.key}}
---
apiVersion: monitoring.coreos.com/v1alpha1
kind: ScrapeConfig
metadata: {name: web, namespace: team-b}
spec:
  staticConfigs: [{targets: ["web.team-b:8080"]}]
  authorization: {credentials: {name: web-token, key: token}}
---
apiVersion: monitoring.coreos.com/v1alpha1
kind: ScrapeConfig
metadata: {name: oauth, namespace: team-b}
spec:
  staticConfigs: [{targets: ["web.team-b:8081"]}]
  oauth2: {clientId: {configMap: {name: web-oauth, key: id}}, clientSecret: {name: web-oauth, key: secret}, tokenUrl: "https://auth.example.org/token"}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: web-oauth, namespace: team-b}
data: {id: web-client}
`,
  alertmanagerPackage(
    'v0.25.0',
    `  route: {receiver: slack, routes: [{receiver: pager}, {receiver: mail}]}
  receivers:
  - name: slack
    slackConfigs: [{apiURL: {name: notify, key: slack}, channel: "#team-a"}]
  - name: pager
    pagerdutyConfigs: [{routingKey: {name: notify, key: pagerduty}}]
  - name: mail
    emailConfigs: [{to: team-a@example.org, from: am@example.org, smarthost: "smtp.example.org:587", authUsername: am, authPassword: {name: notify, key: smtp}}]`,
  ),
].join('---');

type Projected = { projected: { sources: Array<{ secret?: { items: Array<{ path: string }> }; configMap?: { items: Array<{ path: string }> } }> } };

/** Writes one file per item of the workload's referenced-secrets volume under `dir`; a certificate where a PEM is read. */
function mountFiles(items: readonly KubeObject[], statefulSet: string, dir: string): number {
  const pod = podSpec<{ volumes: Array<{ name: string } & Partial<Projected>> }>(items, 'monitoring', statefulSet);
  const volume = pod.volumes.find((v) => v.name === 'referenced-secrets') as Projected | undefined;
  assert.ok(volume, `${statefulSet} has no referenced-secrets volume`);
  const paths = volume.projected.sources.flatMap((s) => (s.secret ?? s.configMap)?.items ?? []).map((i) => i.path);
  for (const path of paths) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), path.endsWith('.crt') || path.endsWith('.key') ? SELF_SIGNED_CERT : 'https://hooks.example.org/x\n');
  }
  return paths.length;
}

withTools(test, ['promtool', 'amtool'], 'secrets: reference, no Secret in the package: promtool and amtool accept the configurations once the mounted files exist', () => {
  const out = renderYaml(PACKAGE, { secrets: 'reference' });
  assert.equal(out.results.filter((r) => r.severity === 'error'), []);
  const dir = mkdtempSync(join(tmpdir(), 'prometheus-krm-secret-files-'));
  try {
    assert.is(mountFiles(out.items, 'prometheus-k8s', join(dir, 'prometheus')), 7);
    const prometheus = secretText(find(out.items, 'Secret', 'monitoring', 'prometheus-k8s'), 'prometheus.yaml.gz').replaceAll('/etc/prometheus/referenced-secrets', join(dir, 'prometheus'));
    writeFileSync(join(dir, 'prometheus.yaml'), prometheus);
    const p = run('promtool', ['check', 'config', join(dir, 'prometheus.yaml')]);
    assert.is(p.status, 0, describeRun('promtool check config', p));

    assert.is(mountFiles(out.items, 'alertmanager-main', join(dir, 'alertmanager')), 3);
    const alertmanager = secretText(find(out.items, 'Secret', 'monitoring', 'alertmanager-main-generated'), 'alertmanager.yaml.gz').replaceAll(
      '/etc/alertmanager/referenced-secrets',
      join(dir, 'alertmanager'),
    );
    assert.ok(alertmanager.includes('routing_key_file:'), alertmanager);
    writeFileSync(join(dir, 'alertmanager.yaml'), alertmanager);
    const a = run('amtool', ['check-config', join(dir, 'alertmanager.yaml')]);
    assert.is(a.status, 0, describeRun('amtool check-config', a));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test.run();
