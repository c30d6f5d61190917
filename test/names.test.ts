/**
 * Every generated name and label must be one the API server accepts. Names
 * built from a long metadata.name (StatefulSets per shard, the data and rule
 * volumes) are checked, and a name that would be refused is an error naming
 * the owner and the longest name that works.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { KubeObject, Result } from '../src/krm/types.js';
import { readList, renderYaml, resourceList, runBin } from './support/harness.js';

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

function stack(name: string, shards: number): string {
  return `
apiVersion: monitoring.coreos.com/v1
kind: Prometheus
metadata: {name: ${name}, namespace: monitoring}
spec:
  shards: ${shards}
  serviceMonitorSelector: {}
  ruleSelector: {}
  thanos: {image: quay.io/thanos/thanos:v0.32.4}
---
apiVersion: monitoring.coreos.com/v1
kind: Alertmanager
metadata: {name: ${name}, namespace: monitoring}
spec: {replicas: 3}
---
apiVersion: monitoring.coreos.com/v1
kind: ThanosRuler
metadata: {name: ${name}, namespace: monitoring}
spec: {queryEndpoints: [dnssrv+_http._tcp.thanos-query.monitoring.svc], ruleSelector: {}}
`;
}

/** What the API server and the StatefulSet controller check, written out independently of the code under test. */
function refused(items: readonly KubeObject[]): string[] {
  const out: string[] = [];
  for (const o of items) {
    const { name } = o.metadata;
    if (name.length > 253 || !/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/.test(name)) out.push(`${o.kind} ${name}`);
    if (o.kind === 'StatefulSet' && name.length > 52) out.push(`StatefulSet ${name} is longer than 52`);
    if (o.kind === 'Service' && (name.length > 63 || !/^[a-z]/.test(name))) out.push(`Service ${name}`);
    for (const v of Object.values(o.metadata.labels ?? {})) if (v.length > 63 || !LABEL_VALUE.test(v)) out.push(`${o.kind} ${name} label ${v}`);
    const spec = (o as { spec?: { template?: { spec?: { volumes?: Array<{ name: string }> } }; volumeClaimTemplates?: Array<{ metadata: { name: string } }> } }).spec;
    for (const v of spec?.template?.spec?.volumes ?? []) if (!DNS1123_LABEL.test(v.name) || v.name.length > 63) out.push(`${o.kind} ${name} volume ${v.name}`);
    for (const c of spec?.volumeClaimTemplates ?? []) if (c.metadata.name.length > 63) out.push(`${o.kind} ${name} claim ${c.metadata.name}`);
  }
  return out;
}

test('the longest name that fits renders 12 shards, every name and label one the API server accepts', () => {
  // prometheus-<32>-shard-11 is exactly 52 characters.
  const out = renderYaml(stack('a'.repeat(32), 12));
  assert.equal(out.results.filter((r) => r.severity === 'error'), []);
  assert.is(out.items.filter((o) => o.kind === 'StatefulSet').length, 14);
  assert.equal(refused(out.items), []);
  assert.ok(out.items.some((o) => o.metadata.name === `prometheus-${'a'.repeat(32)}-shard-11`));
});

test('one character more is an error naming the owner, the first refused name and the longest name that works', () => {
  const name = 'a'.repeat(33);
  const out = renderYaml(stack(name, 12));
  const errors = out.results.filter((r) => r.severity === 'error');
  assert.equal(
    errors.map((e) => [e.resourceRef?.kind, e.field?.path, e.message]),
    [
      [
        'Prometheus',
        'metadata.name',
        `the generated StatefulSet "prometheus-${name}-shard-10" has 53 characters; a StatefulSet name longer than 52 cannot create pods (their controller-revision-hash label is "<name>-<hash>", at most 63 characters) (and 1 more generated names or labels with the same cause); choose a metadata.name of at most 32 characters`,
      ],
    ],
  );
  assert.equal(out.items.filter((o) => o.kind === 'StatefulSet'), []);
});

test('a 60-character Alertmanager name gives one error for the StatefulSet and its data volume, and the command exits 1', () => {
  const name = 'b'.repeat(60);
  const run = runBin([], resourceList(`apiVersion: monitoring.coreos.com/v1\nkind: Alertmanager\nmetadata: {name: ${name}, namespace: monitoring}\nspec: {}\n`));
  assert.is(run.status, 1);
  assert.not.match(run.stderr, /at .*\.js:\d+/);
  const list = readList(run.stdout);
  assert.equal(
    (list.results ?? []).filter((r) => r.severity === 'error').map((r) => r.message),
    [
      `the generated StatefulSet "alertmanager-${name}" has 73 characters; a StatefulSet name longer than 52 cannot create pods (their controller-revision-hash label is "<name>-<hash>", at most 63 characters) (and 1 more generated names or labels with the same cause); choose a metadata.name of at most 39 characters`,
    ],
  );
});

const errorsOf = (results: readonly Result[]) => results.filter((r) => r.severity === 'error').map((r) => [r.resourceRef?.kind, r.field?.path, r.message]);

test('a namespace that is not a DNS-1123 label is an error naming metadata.namespace; every path kpt gets stays under generated/', () => {
  const input = `
apiVersion: monitoring.coreos.com/v1
kind: Prometheus
metadata: {name: p, namespace: ../../tmp/x}
spec: {serviceMonitorSelector: {}}
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: ../../escape
  namespace: ../..
  annotations: {prometheus-krm.dev/generated-from: Prometheus/x/y}
`;
  const run = runBin([], resourceList(input));
  assert.is(run.status, 1);
  const list = readList(run.stdout);
  assert.equal(errorsOf(list.results), [
    ['Prometheus', 'metadata.namespace', 'metadata.namespace "../../tmp/x" is not a valid namespace (a DNS-1123 label: at most 63 lowercase letters, digits and "-", starting and ending with a letter or digit)'],
  ]);
  const paths = list.items.flatMap((o) => [o.metadata.annotations?.['config.kubernetes.io/path'], o.metadata.annotations?.['internal.config.kubernetes.io/path']]).filter((p) => p !== undefined);
  assert.equal(paths, ['generated/_.__./configmap-_.__._escape.yaml', 'generated/_.__./configmap-_.__._escape.yaml']);
});

test('a monitor in a namespace the API server would refuse is left out with a warning, and gets no Role', () => {
  const out = renderYaml(`
apiVersion: monitoring.coreos.com/v1
kind: Prometheus
metadata: {name: p, namespace: monitoring}
spec: {serviceMonitorSelector: {}, serviceMonitorNamespaceSelector: {}}
---
apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata: {name: sm, namespace: Team_A}
spec: {selector: {}, endpoints: [{port: web}]}
`);
  assert.equal(
    out.results.filter((r) => r.severity !== 'info').map((r) => [r.severity, r.field?.path, r.message]),
    [
      [
        'warning',
        'metadata.namespace',
        'metadata.namespace "Team_A" is not a valid namespace (a DNS-1123 label: at most 63 lowercase letters, digits and "-", starting and ending with a letter or digit); the object is left out',
      ],
    ],
  );
  // Only the monitor itself (kept as local configuration) is in that namespace: no Role, no RoleBinding.
  assert.equal(
    out.items.filter((o) => o.metadata.namespace === 'Team_A').map((o) => `${o.kind}/${o.metadata.name}`),
    ['ServiceMonitor/sm'],
  );
});

test('an annotation key with a space or a newline is an error naming the field it comes from', () => {
  const own = renderYaml(`
apiVersion: monitoring.coreos.com/v1
kind: Prometheus
metadata: {name: p, namespace: monitoring, annotations: {"team owner": a}}
spec: {serviceMonitorSelector: {}}
`);
  assert.equal(errorsOf(own.results), [
    [
      'Prometheus',
      'metadata.annotations',
      'metadata has the annotation key "team owner", which is not a valid annotation key (an optional DNS subdomain prefix and "/", then at most 63 letters, digits, "-", "_" or ".", starting and ending with a letter or digit)',
    ],
  ]);
  const pods = renderYaml(`
apiVersion: monitoring.coreos.com/v1
kind: Alertmanager
metadata: {name: am, namespace: monitoring}
spec:
  podMetadata: {annotations: {"owner\\nx": a}}
`);
  assert.equal(errorsOf(pods.results), [
    [
      'Alertmanager',
      'spec.podMetadata.annotations',
      'the generated StatefulSet "alertmanager-am" (pod template) has the annotation key "owner\\nx", which is not a valid annotation key (an optional DNS subdomain prefix and "/", then at most 63 letters, digits, "-", "_" or ".", starting and ending with a letter or digit); change the annotation it comes from (metadata.annotations or spec.podMetadata.annotations)',
    ],
  ]);
});

test('annotations over 256 KiB in all (keys and values) are an error; exactly 256 KiB renders', () => {
  const withAnnotation = (bytes: number) => `
apiVersion: monitoring.coreos.com/v1
kind: ThanosRuler
metadata: {name: t, namespace: monitoring}
spec:
  queryEndpoints: [thanos-query:9090]
  podMetadata: {annotations: {note: "${'x'.repeat(bytes - 'note'.length)}"}}
`;
  // The pod template also carries kubectl's default-container annotation (51 bytes).
  const fits = renderYaml(withAnnotation(256 * 1024 - 51));
  assert.equal(errorsOf(fits.results), []);
  const over = renderYaml(withAnnotation(256 * 1024 - 50));
  assert.equal(errorsOf(over.results), [
    [
      'ThanosRuler',
      'spec.podMetadata.annotations',
      'the generated StatefulSet "thanos-ruler-t" (pod template) has annotations of 262145 bytes (keys and values), more than the 262144 the API server accepts; change the annotation it comes from (metadata.annotations or spec.podMetadata.annotations)',
    ],
  ]);
});

test.run();
