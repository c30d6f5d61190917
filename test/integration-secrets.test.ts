// Secrets that live only in the cluster, end to end: a package with two
// teams' ServiceMonitors (basic auth, a bearer token, OAuth2, client TLS), a
// remote write with basic auth, and an Alertmanager whose AlertmanagerConfigs
// hold Slack, PagerDuty and email receivers, with none of their Secrets in
// the package. The real command renders it; the real promtool and amtool
// (Debian's 2.42 and 0.25, so the resources pin those versions) accept the
// generated configurations once the files the pods mount exist. Prometheus
// 2.42 has no username_file (2.49 and later), so the render warns and leaves
// the user names out; a newer Prometheus reads them from files too.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseYamlStream, toYaml } from '../src/core/yaml.js';
import type { KubeObject } from '../src/krm/types.js';
import { BIN, find, podSpec, secretText } from './support/harness.js';
import { describeRun, run, withTools } from './support/integration.js';
import { apiServiceMonitor, namespaces, prometheusK8s } from './support/secret-packages.js';

type Doc = Record<string, unknown>;

const PACKAGE = [
  namespaces('monitoring', 'team-a', 'team-b'),
  prometheusK8s(`  version: v2.42.0
  serviceMonitorSelector: {}
  serviceMonitorNamespaceSelector: {}
  remoteWrite:
  - url: https://metrics.example.com/api/v1/write
    basicAuth: {username: {name: remote-write, key: user}, password: {name: remote-write, key: pass}}`),
  apiServiceMonitor(`  - port: web
    basicAuth: {username: {name: scrape, key: user}, password: {name: scrape, key: pass}}
  - port: admin
    bearerTokenSecret: {name: scrape, key: token}`),
  `
apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata: {name: billing, namespace: team-b}
spec:
  selector: {matchLabels: {app: billing}}
  endpoints:
  - port: web
    oauth2: {clientId: {configMap: {name: oauth, key: id}}, clientSecret: {name: oauth, key: secret}, tokenUrl: "https://auth.example.com/token"}
  - port: mtls
    scheme: https
    tlsConfig:
      ca: {secret: {name: mtls, key: ca.crt}}
      cert: {secret: {name: mtls, key: tls.crt}}
      keySecret: {name: mtls, key: tls.key}
---
# A client id is not secret: Prometheus reads it only inline, so it comes from a ConfigMap.
apiVersion: v1
kind: ConfigMap
metadata: {name: oauth, namespace: team-b}
data: {id: billing-scraper}
---
apiVersion: monitoring.coreos.com/v1
kind: Alertmanager
metadata: {name: main, namespace: monitoring}
spec:
  version: v0.25.0
  alertmanagerConfiguration: {name: base}
  alertmanagerConfigSelector: {}
  alertmanagerConfigNamespaceSelector: {}
---
apiVersion: monitoring.coreos.com/v1alpha1
kind: AlertmanagerConfig
metadata: {name: base, namespace: monitoring}
spec:
  route: {receiver: none}
  receivers: [{name: none}]
---
apiVersion: monitoring.coreos.com/v1alpha1
kind: AlertmanagerConfig
metadata: {name: oncall, namespace: team-a}
spec:
  route: {receiver: slack, routes: [{receiver: pager}, {receiver: mail}]}
  receivers:
  - name: slack
    slackConfigs: [{apiURL: {name: notify, key: slack}, channel: '#alerts'}]
  - name: pager
    pagerdutyConfigs: [{routingKey: {name: notify, key: pagerduty}}]
  - name: mail
    emailConfigs: [{to: oncall@example.com, from: alerts@example.com, smarthost: 'smtp.example.com:587', authUsername: alerts, authPassword: {name: notify, key: smtp}}]
`,
].join('---');

interface Rendered {
  readonly items: KubeObject[];
  readonly stderr: string;
}

/** The package as files, rendered by the real command (`render DIR`). */
function renderPackage(): Rendered {
  const dir = mkdtempSync(join(tmpdir(), 'prometheus-krm-secrets-'));
  try {
    writeFileSync(join(dir, 'package.yaml'), PACKAGE);
    const r = run(BIN, ['render', dir]);
    assert.is(r.status, 0, describeRun('render', r));
    return { items: parseYamlStream(r.stdout) as KubeObject[], stderr: r.stderr };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Every value of a key ending in `_file`, anywhere in a document. */
function filePaths(doc: unknown, out: string[] = []): string[] {
  if (Array.isArray(doc)) for (const v of doc) filePaths(v, out);
  else if (doc && typeof doc === 'object') {
    for (const [k, v] of Object.entries(doc)) {
      if (k.endsWith('_file') && typeof v === 'string') out.push(v);
      else filePaths(v, out);
    }
  }
  return out;
}

interface Pod {
  volumes: Array<{ name: string; projected?: { sources: Array<{ secret: { name: string; optional: boolean; items: Array<{ key: string; path: string }> } }> } }>;
  containers: Array<{ name: string; volumeMounts?: Array<{ name: string; mountPath: string; readOnly?: boolean }> }>;
}

/** Each file a container reads through the referenced-secrets volume: its path in the pod, and the Secret and key behind it. */
function mountedFiles(items: readonly KubeObject[], statefulSet: string, container: string): Map<string, { secret: string; key: string }> {
  const pod = podSpec<Pod>(items, 'monitoring', statefulSet);
  const volume = pod.volumes.find((v) => v.name === 'referenced-secrets');
  const mount = pod.containers.find((c) => c.name === container)?.volumeMounts?.find((m) => m.name === 'referenced-secrets');
  assert.ok(volume?.projected && mount, `${statefulSet} mounts no referenced-secrets volume in ${container}`);
  assert.is(mount.readOnly, true);
  const files = new Map<string, { secret: string; key: string }>();
  for (const { secret } of volume.projected.sources) {
    assert.is(secret.optional, true, `Secret ${secret.name} is not optional: the pod would not start without it`);
    for (const item of secret.items) files.set(`${mount.mountPath}/${item.path}`, { secret: secret.name, key: item.key });
  }
  return files;
}

/** Writes a file for each path under `prefix` into `root`, and returns the text with the prefix moved there. */
function materialise(text: string, paths: readonly string[], prefix: string, root: string, contents: (path: string) => string): string {
  for (const p of paths) {
    const local = join(root, p.slice(prefix.length));
    mkdirSync(dirname(local), { recursive: true });
    writeFileSync(local, contents(p));
  }
  return text.split(prefix).join(`${root}/`);
}

const rendered = (() => {
  let cached: Rendered | undefined;
  return () => (cached ??= renderPackage());
})();

test('with none of the Secrets in the package, every target and receiver is rendered, reading its credentials from files the pod mounts', () => {
  const { items } = rendered();
  const prometheus = parseYamlStream(secretText(find(items, 'Secret', 'monitoring', 'prometheus-k8s'), 'prometheus.yaml.gz'))[0] as Doc;
  const jobs = (prometheus.scrape_configs as Doc[]).map((j) => j.job_name);
  assert.equal(jobs, ['serviceMonitor/team-a/api/0', 'serviceMonitor/team-a/api/1', 'serviceMonitor/team-b/billing/0', 'serviceMonitor/team-b/billing/1']);
  const am = parseYamlStream(secretText(find(items, 'Secret', 'monitoring', 'alertmanager-main-generated'), 'alertmanager.yaml.gz'))[0] as Doc;
  assert.equal((am.receivers as Doc[]).map((r) => r.name), ['monitoring/base/none', 'team-a/oncall/slack', 'team-a/oncall/pager', 'team-a/oncall/mail']);

  const promFiles = filePaths(prometheus).filter((p) => p.startsWith('/etc/prometheus/referenced-secrets/'));
  assert.equal(
    promFiles.sort(),
    ['remote-write/pass', 'team-a.scrape/pass', 'team-a.scrape/token', 'team-b.mtls/ca.crt', 'team-b.mtls/tls.crt', 'team-b.mtls/tls.key', 'team-b.oauth/secret'].map(
      (f) => `/etc/prometheus/referenced-secrets/${f}`,
    ),
  );
  const promMounted = mountedFiles(items, 'prometheus-k8s', 'prometheus');
  for (const p of promFiles) assert.ok(promMounted.has(p), `${p} is not backed by the referenced-secrets volume`);
  // Team Secrets are expected in the Prometheus's namespace as <namespace>.<name>; its own keep their names.
  assert.equal(promMounted.get('/etc/prometheus/referenced-secrets/team-b.mtls/tls.key'), { secret: 'team-b.mtls', key: 'tls.key' });
  assert.equal(promMounted.get('/etc/prometheus/referenced-secrets/remote-write/pass'), { secret: 'remote-write', key: 'pass' });

  const amFiles = filePaths(am).filter((p) => p.startsWith('/etc/alertmanager/referenced-secrets/'));
  assert.equal(amFiles.sort(), ['pagerduty', 'slack', 'smtp'].map((k) => `/etc/alertmanager/referenced-secrets/team-a.notify/${k}`));
  const amMounted = mountedFiles(items, 'alertmanager-main', 'alertmanager');
  for (const p of amFiles) assert.ok(amMounted.has(p), `${p} is not backed by the referenced-secrets volume`);
});

test('the Secrets each workload expects in the cluster are listed in the results, with who refers to them', () => {
  const { stderr } = rendered();
  for (const line of [
    'Secret team-a.scrape (a copy of Secret team-a/scrape), key pass',
    'Secret team-b.mtls (a copy of Secret team-b/mtls), key tls.key',
    'Secret remote-write, key pass',
    'Secret team-b.oauth (a copy of Secret team-b/oauth), key secret',
    'Secret team-a.notify (a copy of Secret team-a/notify), key smtp',
  ]) {
    assert.ok(stderr.includes(line), `results do not list "${line}":\n${stderr}`);
  }
});

withTools(test, ['promtool'], 'promtool check config accepts the Prometheus configuration once the mounted files exist', () => {
  const { items } = rendered();
  const text = secretText(find(items, 'Secret', 'monitoring', 'prometheus-k8s'), 'prometheus.yaml.gz');
  const prefix = '/etc/prometheus/referenced-secrets/';
  const dir = mkdtempSync(join(tmpdir(), 'prometheus-krm-promtool-'));
  try {
    const paths = filePaths(parseYamlStream(text)[0]).filter((p) => p.startsWith(prefix));
    // promtool checks that each file exists; Prometheus reads them when it scrapes or sends.
    const local = materialise(text, paths, prefix, join(dir, 'files'), () => 'placeholder\n');
    // Debian builds promtool without Kubernetes service discovery: the jobs
    // get a static target instead, which leaves every credential setting as rendered.
    const doc = parseYamlStream(local)[0] as { scrape_configs: Doc[] };
    for (const job of doc.scrape_configs) {
      delete job.kubernetes_sd_configs;
      job.static_configs = [{ targets: ['localhost:9090'] }];
    }
    writeFileSync(join(dir, 'prometheus.yaml'), toYaml(doc));
    const r = run('promtool', ['check', 'config', join(dir, 'prometheus.yaml')]);
    assert.is(r.status, 0, describeRun('promtool check config', r));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

withTools(test, ['amtool'], 'amtool check-config accepts the Alertmanager configuration once the mounted files exist', () => {
  const { items } = rendered();
  const text = secretText(find(items, 'Secret', 'monitoring', 'alertmanager-main-generated'), 'alertmanager.yaml.gz');
  const prefix = '/etc/alertmanager/referenced-secrets/';
  const dir = mkdtempSync(join(tmpdir(), 'prometheus-krm-amtool-'));
  try {
    const paths = filePaths(parseYamlStream(text)[0]).filter((p) => p.startsWith(prefix));
    const local = materialise(text, paths, prefix, join(dir, 'files'), (p) => (p.endsWith('/slack') ? 'https://hooks.slack.com/services/x\n' : 'placeholder\n'));
    writeFileSync(join(dir, 'alertmanager.yaml'), local);
    const r = run('amtool', ['check-config', join(dir, 'alertmanager.yaml')]);
    assert.is(r.status, 0, describeRun('amtool check-config', r));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test.run();

