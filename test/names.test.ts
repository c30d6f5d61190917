/**
 * Every generated name and label must be one the API server accepts. Names
 * built from a long metadata.name (StatefulSets per shard, the data and rule
 * volumes) are checked, and a name that would be refused is an error naming
 * the owner and the longest name that works.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { KubeObject } from '../src/krm/types.js';
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

test.run();
