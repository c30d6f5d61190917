/**
 * `show --out` on kube-prometheus, with a ServiceMonitor and an
 * AlertmanagerConfig that take random credentials from a Secret: the files
 * load in the real promtool and amtool, and hold no Secret value.
 *
 * Debian's promtool 2.42 is built without Kubernetes service discovery and
 * predates `storage.tsdb.retention` in the configuration file, so those two
 * keys are taken out of a copy before `promtool check config`; every other
 * field is checked. The configuration refers to rule files and service
 * account credentials by their absolute paths inside the pod, so the config
 * is checked with --syntax-only and the rule files on their own.
 */
import { randomBytes } from 'node:crypto';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { isPlainObject } from '../src/core/objects.js';
import { parseYamlStream, toYaml } from '../src/core/yaml.js';
import { runBin } from './support/harness.js';
import { describeRun, run, withTools } from './support/integration.js';
import { KUBE_PROMETHEUS_DIR, kubePrometheusTest } from './support/stacks.js';

const kpTest = kubePrometheusTest(test);

const password = `pw-${randomBytes(12).toString('hex')}`;
const slack = `https://hooks.slack.com/services/${randomBytes(12).toString('hex')}`;

const EXTRA = `
apiVersion: v1
kind: Secret
metadata: {name: scrape-creds, namespace: monitoring}
stringData:
  password: ${password}
  slack: ${slack}
---
apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata: {name: with-auth, namespace: monitoring}
spec:
  selector: {matchLabels: {app: with-auth}}
  endpoints:
  - port: web
    basicAuth:
      username: {name: scrape-creds, key: password}
      password: {name: scrape-creds, key: password}
---
apiVersion: monitoring.coreos.com/v1alpha1
kind: AlertmanagerConfig
metadata: {name: slack, namespace: monitoring}
spec:
  route: {receiver: slack, matchers: [{name: team, value: a}]}
  receivers:
  - name: slack
    slackConfigs: [{apiURL: {name: scrape-creds, key: slack}, channel: "#alerts"}]
`;

/** kube-prometheus plus EXTRA, shown into a folder; returns the written files by relative path. */
function showKubePrometheus(): { root: string; files: Map<string, string> } {
  const root = mkdtempSync(join(tmpdir(), 'prometheus-krm-show-kp-'));
  const pkg = join(root, 'package');
  cpSync(KUBE_PROMETHEUS_DIR, pkg, { recursive: true });
  writeFileSync(join(pkg, 'zz-extra.yaml'), EXTRA);
  const out = join(root, 'out');
  const r = runBin(['show', pkg, '--out', out]);
  assert.is(r.status, 0, describeRun('show --out', r));
  const files = new Map<string, string>();
  const walk = (dir: string, rel: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(dir, e.name), `${rel}${e.name}/`);
      else files.set(`${rel}${e.name}`, readFileSync(join(dir, e.name), 'utf8'));
    }
  };
  walk(out, '');
  return { root, files };
}

/** A copy of a Prometheus configuration without the keys Debian's promtool 2.42 cannot read (see the file comment). */
function forPromtool242(text: string): string {
  const config = parseYamlStream(text)[0] as Record<string, unknown>;
  const drop = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(drop);
    if (!isPlainObject(v)) return v;
    return Object.fromEntries(Object.entries(v).filter(([k]) => k !== 'kubernetes_sd_configs').map(([k, x]) => [k, drop(x)]));
  };
  const out = drop(config) as { storage?: { tsdb?: Record<string, unknown> } };
  if (out.storage?.tsdb) delete out.storage.tsdb.retention;
  return toYaml(out);
}

withTools(kpTest, ['promtool', 'amtool'], "show --out on kube-prometheus: promtool and amtool accept the files, and no Secret value is in them", () => {
  const { root, files } = showKubePrometheus();
  try {
    const prom = files.get('monitoring/prometheus-k8s/prometheus.yaml') ?? '';
    assert.match(prom, '    basic_auth:\n      username: <secret:monitoring/scrape-creds/password>\n      password: <secret:monitoring/scrape-creds/password>\n');
    const copy = join(root, 'prometheus-242.yaml');
    writeFileSync(copy, forPromtool242(prom));
    const config = run('promtool', ['check', 'config', '--syntax-only', copy]);
    assert.is(config.status, 0, describeRun('promtool check config', config));

    const rules = [...files.keys()].filter((p) => p.startsWith('monitoring/prometheus-k8s-rulefiles-'));
    assert.ok(rules.length >= 8, `${rules.length} rule files`);
    const checked = run('promtool', ['check', 'rules', '--lint=none', ...rules.map((p) => join(root, 'out', p))]);
    assert.is(checked.status, 0, describeRun('promtool check rules', checked));

    const am = files.get('monitoring/alertmanager-main-generated/alertmanager.yaml') ?? '';
    assert.match(am, 'api_url: https://secret.invalid/monitoring/scrape-creds/slack\n');
    const amCheck = run('amtool', ['check-config', join(root, 'out', 'monitoring/alertmanager-main-generated/alertmanager.yaml')]);
    assert.is(amCheck.status, 0, describeRun('amtool check-config', amCheck));

    for (const [path, text] of files) {
      assert.not.ok(text.includes(password), `${path} holds the password`);
      assert.not.ok(text.includes(slack), `${path} holds the Slack URL`);
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test.run();
