// `prometheus-krm show`, through the built command: the decoded
// configuration files, their headers, shards, --resource, --out, and the
// masking of secret values (random values, so that no pass is an accident).
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseYamlStream } from '../src/core/yaml.js';
import { runBin } from './support/harness.js';

const rand = (prefix: string) => `${prefix}${randomBytes(9).toString('hex')}`;

/** A package folder holding one file; removed by the caller. */
function packageDir(yaml: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'prometheus-krm-show-'));
  writeFileSync(join(dir, 'all.yaml'), yaml);
  return dir;
}

/** The printed files of a show run, by the path each header names. */
function shownFiles(stdout: string): Map<string, { header: string[]; body: string }> {
  const files = new Map<string, { header: string[]; body: string }>();
  for (const chunk of stdout.split(/\n(?=# [^\n]+\n# (?:Secret|ConfigMap)\/)/)) {
    const lines = chunk.split('\n');
    const header = lines.filter((l, i) => l.startsWith('# ') && lines.slice(0, i).every((p) => p.startsWith('# ')));
    files.set((header[0] ?? '').slice(2), { header, body: lines.slice(header.length).join('\n') });
  }
  return files;
}

const secrets = {
  user: 'ab1',
  password: `p'a:ss "w0rd\\${rand('')}`,
  slack: `https://hooks.slack.com/services/${rand('T')}`,
  inline: rand('smtp'),
  token: `${rand('tok')}\n`,
};

const PACKAGE = `
apiVersion: v1
kind: Namespace
metadata: {name: monitoring}
---
apiVersion: monitoring.coreos.com/v1
kind: Prometheus
metadata: {name: main, namespace: monitoring}
spec:
  serviceMonitorSelector: {}
---
apiVersion: v1
kind: Secret
metadata: {name: creds, namespace: monitoring}
data:
  user: ${Buffer.from(secrets.user).toString('base64')}
  password: ${Buffer.from(secrets.password).toString('base64')}
  slack: ${Buffer.from(secrets.slack).toString('base64')}
  token: ${Buffer.from(secrets.token).toString('base64')}
---
apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata: {name: app, namespace: monitoring}
spec:
  selector: {matchLabels: {app: x}}
  endpoints:
  - port: web
    basicAuth:
      username: {name: creds, key: user}
      password: {name: creds, key: password}
  - port: metrics
    authorization:
      credentials: {name: creds, key: token}
---
apiVersion: monitoring.coreos.com/v1
kind: Alertmanager
metadata: {name: main, namespace: monitoring}
spec:
  alertmanagerConfigSelector: {}
  alertmanagerConfigNamespaceSelector: {}
---
apiVersion: v1
kind: Secret
metadata: {name: alertmanager-main, namespace: monitoring}
stringData:
  alertmanager.yaml: |
    global:
      smtp_auth_password: ${secrets.inline}
      smtp_smarthost: smtp.example.org:587
      smtp_from: am@example.org
    route: {receiver: default}
    receivers:
    - name: default
---
apiVersion: monitoring.coreos.com/v1alpha1
kind: AlertmanagerConfig
metadata: {name: team, namespace: monitoring}
spec:
  route: {receiver: slack}
  receivers:
  - name: slack
    slackConfigs: [{apiURL: {name: creds, key: slack}, channel: "#alerts"}]
`;

/** Every form a value could take in YAML text: as it is, JSON-escaped, single-quoted, each line of it. */
function forms(value: string): string[] {
  const lines = value.split('\n').filter((l) => l.length >= 4);
  return [value, JSON.stringify(value).slice(1, -1), value.replace(/'/g, "''"), ...lines];
}

test('show prints each configuration file decoded, headed by the object and key it ships in and its owner', () => {
  const dir = packageDir(PACKAGE);
  try {
    const r = runBin(['show', dir]);
    assert.is(r.status, 0, r.stderr);
    const files = shownFiles(r.stdout);
    assert.equal([...files.keys()], [
      'monitoring/alertmanager-main-cluster-tls-config/cluster-tls-config.yaml',
      'monitoring/alertmanager-main-generated/alertmanager.yaml',
      'monitoring/alertmanager-main-web-config/web-config.yaml',
      'monitoring/prometheus-main/prometheus.yaml',
      'monitoring/prometheus-main-thanos-prometheus-http-client-file/prometheus.http-client-file.yaml',
      'monitoring/prometheus-main-web-config/web-config.yaml',
    ]);
    const prom = files.get('monitoring/prometheus-main/prometheus.yaml');
    assert.equal(prom?.header, [
      '# monitoring/prometheus-main/prometheus.yaml',
      '# Secret/monitoring/prometheus-main, key prometheus.yaml.gz (gzip, expanded), generated from Prometheus/monitoring/main',
      '# $(SHARD) is 0 here, as the config-reloader of StatefulSet/monitoring/prometheus-main expands it',
    ]);
    const config = parseYamlStream(prom?.body ?? '')[0] as { scrape_configs: Array<{ job_name: string }> };
    assert.equal(config.scrape_configs.map((j) => j.job_name), ['serviceMonitor/monitoring/app/0', 'serviceMonitor/monitoring/app/1']);
    assert.match(files.get('monitoring/alertmanager-main-web-config/web-config.yaml')?.header.join('\n') ?? '', '# (empty)');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('show masks every Secret value of the package, whatever its quoting, and names the Secret and key', () => {
  const dir = packageDir(PACKAGE);
  try {
    const r = runBin(['show', dir]);
    assert.is(r.status, 0, r.stderr);
    for (const [name, value] of Object.entries(secrets)) {
      if (name === 'user') continue; // three characters: masked as a whole value only (next test)
      for (const form of forms(value)) assert.not.ok((r.stdout + r.stderr).includes(form), `${name} appears as ${JSON.stringify(form)}`);
    }
    assert.match(r.stdout, '      password: <secret:monitoring/creds/password>\n');
    assert.match(r.stdout, '      credentials: <secret:monitoring/creds/token>\n');
    // A URL value keeps a URL's shape, so that amtool still reads the file.
    assert.match(r.stdout, '      - api_url: https://secret.invalid/monitoring/creds/slack\n');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a secret value shorter than four characters is masked where it is a whole value, not inside other text', () => {
  const dir = packageDir(PACKAGE.replace('name: app, namespace', 'name: ab1-app, namespace'));
  try {
    const r = runBin(['show', dir]);
    assert.is(r.status, 0, r.stderr);
    assert.match(r.stdout, '      username: <secret:monitoring/creds/user>\n');
    assert.match(r.stdout, 'job_name: serviceMonitor/monitoring/ab1-app/0\n');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("a credential written inline in a Secret's configuration is masked as Alertmanager prints it", () => {
  const dir = packageDir(PACKAGE);
  try {
    const r = runBin(['show', dir, '--resource', 'alertmanager/monitoring/main']);
    assert.is(r.status, 0, r.stderr);
    assert.match(r.stdout, '  smtp_auth_password: <secret>\n');
    assert.match(r.stdout, '  smtp_smarthost: smtp.example.org:587\n');
    assert.not.ok(r.stdout.includes(secrets.inline));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('--show-secrets prints the values as they ship', () => {
  const dir = packageDir(PACKAGE);
  try {
    const r = runBin(['show', dir, '--show-secrets']);
    assert.is(r.status, 0, r.stderr);
    assert.match(r.stdout, `smtp_auth_password: ${secrets.inline}\n`);
    assert.match(r.stdout, `api_url: ${secrets.slack}\n`);
    assert.match(r.stdout, `      username: ab1\n`);
    assert.not.match(r.stdout, '<secret');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a sharded Prometheus shows one prometheus.yaml per shard, $(SHARD) expanded as each reloader does', () => {
  const dir = packageDir(PACKAGE.replace('  serviceMonitorSelector: {}\n', '  serviceMonitorSelector: {}\n  shards: 2\n'));
  try {
    const r = runBin(['show', dir, '--resource', 'Prometheus/monitoring/main']);
    assert.is(r.status, 0, r.stderr);
    const files = shownFiles(r.stdout);
    const shard0 = files.get('monitoring/prometheus-main/prometheus-main/prometheus.yaml');
    const shard1 = files.get('monitoring/prometheus-main/prometheus-main-shard-1/prometheus.yaml');
    assert.is(shard0?.header[2], '# $(SHARD) is 0 here, as the config-reloader of StatefulSet/monitoring/prometheus-main expands it');
    assert.is(shard1?.header[2], '# $(SHARD) is 1 here, as the config-reloader of StatefulSet/monitoring/prometheus-main-shard-1 expands it');
    assert.match(shard0?.body ?? '', '        regex: 0;|.+;.+\n');
    assert.match(shard1?.body ?? '', '        regex: 1;|.+;.+\n');
    assert.not.match(`${shard0?.body}${shard1?.body}`, '$(SHARD)');
    assert.not.match(r.stdout, 'alertmanager.yaml');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('--resource that generated nothing is an error naming the resources that did', () => {
  const dir = packageDir(PACKAGE);
  try {
    const r = runBin(['show', dir, '--resource', 'Prometheus/monitoring/other']);
    assert.is(r.status, 1);
    assert.is(r.stdout, '');
    assert.match(r.stderr, '--resource Prometheus/monitoring/other: nothing generated from it; configuration was generated from Alertmanager/monitoring/main, Prometheus/monitoring/main');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('--out writes each file, as printed without its header, at the path its header names', () => {
  const dir = packageDir(PACKAGE);
  const out = join(dir, 'out');
  try {
    const printed = shownFiles(runBin(['show', dir]).stdout);
    const r = runBin(['show', dir, '--out', out]);
    assert.is(r.status, 0, r.stderr);
    assert.equal(r.stdout.trim().split('\n'), [...printed.keys()].map((p) => join(out, p)));
    for (const [path, { body }] of printed) assert.is(readFileSync(join(out, path), 'utf8'), body, path);
    assert.is(statSync(join(out, 'monitoring/prometheus-main/prometheus.yaml')).mode & 0o777, 0o644);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('--out never writes into a folder that holds files', () => {
  const dir = packageDir(PACKAGE);
  const out = join(dir, 'out');
  try {
    mkdirSync(out);
    writeFileSync(join(out, 'keep.txt'), 'mine');
    const r = runBin(['show', dir, '--out', out]);
    assert.is(r.status, 1);
    assert.match(r.stderr, `--out ${out}: not an empty folder`);
    assert.is(readFileSync(join(out, 'keep.txt'), 'utf8'), 'mine');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('show on a package that does not render prints the errors and nothing else', () => {
  const dir = packageDir(PACKAGE.replace('  serviceMonitorSelector: {}\n', '  serviceMonitorSelector: {}\n  replicas: two\n'));
  try {
    const r = runBin(['show', dir]);
    assert.is(r.status, 1);
    assert.is(r.stdout, '');
    assert.match(r.stderr, 'error: Prometheus/monitoring/main: spec.replicas');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test.run();
