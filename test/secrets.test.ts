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
import { find, readList, runBin, secretText } from './support/harness.js';
import { kubePrometheusItems } from './support/stacks.js';

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

const kubePrometheus = kubePrometheusItems();
if (kubePrometheus) {
  test('kube-prometheus: no Secret value appears outside Secret data, in results or on stderr', () => {
    const { items, markers } = withMarkers(kubePrometheus);
    const run = runMarked(items);
    assert.is(run.status, 0, run.stderr);
    assert.ok(markers.length > 0);
    assert.equal(leaks(run.out, markers), []);
    assert.equal(leaks(run.results, markers), []);
    assert.equal(leaks(run.stderr, markers), []);
  });
} else {
  console.log('  ../shared/real-world/kube-prometheus not found: its secret test is not run (not counted as passed)');
}

test.run();
