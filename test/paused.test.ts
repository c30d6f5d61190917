/**
 * `spec.paused` and `shardRetentionPolicy` (issue 15, observation 11): what
 * the operator keeps running is kept where the package holds it, and what a
 * prune would delete is named.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { GENERATED_FROM } from '../src/krm/annotations.js';
import { infoResult, warningResult } from '../src/krm/results.js';
import type { KubeObject } from '../src/krm/types.js';
import { parseYamlStream, toYaml } from '../src/core/yaml.js';
import { readList, renderYaml, runBin } from './support/harness.js';

const prometheus = (spec: string) => `
apiVersion: monitoring.coreos.com/v1
kind: Prometheus
metadata: {name: k8s, namespace: monitoring}
spec:
  serviceMonitorSelector: {}
${spec}
`;
const ref = { apiVersion: 'monitoring.coreos.com/v1', kind: 'Prometheus', name: 'k8s', namespace: 'monitoring' };
const generatedFrom = (items: readonly KubeObject[]) => items.filter((o) => o.metadata.annotations?.[GENERATED_FROM] === 'Prometheus/monitoring/k8s');

const asYaml = (objects: readonly KubeObject[]) => objects.map((o) => `---\n${toYaml(o)}`).join('');

/** Runs the built command in KRM mode, as kpt does, on the given objects. */
function kpt(items: readonly unknown[]) {
  const run = runBin([], toYaml({ apiVersion: 'config.kubernetes.io/v1', kind: 'ResourceList', items }));
  assert.is(run.status, 0, run.stderr);
  return readList(run.stdout);
}

test('a paused Prometheus keeps its earlier output as it is, and nothing is rendered for it', () => {
  const first = renderYaml(prometheus('  replicas: 1'));
  const earlier = generatedFrom(first.items);
  assert.ok(earlier.length > 3);
  // The spec changes while paused: the running objects must not follow it.
  const paused = renderYaml(prometheus('  replicas: 3\n  paused: true') + asYaml(earlier));
  assert.equal(generatedFrom(paused.items), earlier);
  assert.equal(
    paused.results.filter((r) => r.field?.path === 'spec.paused'),
    [infoResult(`spec.paused is true: the ${earlier.length} objects an earlier run generated from it are kept as they are, and nothing is rendered for it`, ref, 'spec.paused')],
  );
});

test('under kpt the kept output comes back byte for byte, run after run', () => {
  const first = kpt(parseYamlStream(prometheus('')));
  const pausedSpec = parseYamlStream(prometheus('  paused: true\n  replicas: 5'));
  const second = kpt([...pausedSpec, ...generatedFrom(first.items)]);
  const third = kpt([...pausedSpec, ...generatedFrom(second.items)]);
  assert.equal(generatedFrom(second.items), generatedFrom(first.items));
  assert.equal(third.items, second.items);
});

test('a paused Prometheus without earlier output is rendered as if not paused, with a warning that says why', () => {
  const out = renderYaml(prometheus('  paused: true'));
  assert.ok(generatedFrom(out.items).some((o) => o.kind === 'StatefulSet'));
  assert.equal(
    out.results.filter((r) => r.severity === 'warning'),
    [
      warningResult(
        'spec.paused is true, but the input holds no earlier output of it to keep, so it is rendered as if it were not paused: a render cannot hold running objects still, and rendering nothing would let a prune delete them; to hold them, keep the generated objects in the package (kpt) or suspend automated sync of the application (Argo CD)',
        ref,
        'spec.paused',
      ),
    ],
  );
});

test('shards scaled down under whenScaled: Retain: a warning names the StatefulSets a prune would delete', () => {
  const retain = '  shardRetentionPolicy: {whenScaled: Retain, retain: {retentionPeriod: 3d}}';
  const earlier = generatedFrom(renderYaml(prometheus(`  shards: 3\n${retain}`)).items);
  const out = renderYaml(prometheus(`  shards: 1\n${retain}`) + asYaml(earlier));
  assert.equal(
    out.results.filter((r) => r.severity === 'warning'),
    [
      warningResult(
        'spec.shards went down to 1 with spec.shardRetentionPolicy.whenScaled Retain, but the StatefulSets prometheus-k8s-shard-1, prometheus-k8s-shard-2 of an earlier run are no longer generated, so a prune deletes them and their pods, where the operator would keep them for spec.shardRetentionPolicy.retain.retentionPeriod (3d); to keep them, take them out of the generated output or protect them from pruning (see "Shard retention" in the README)',
        ref,
        'spec.shardRetentionPolicy',
      ),
    ],
  );
  // With Delete (the default) scaling down is silent, as with the operator.
  const deleting = renderYaml(prometheus('  shards: 1') + asYaml(earlier));
  assert.equal(deleting.results.filter((r) => r.severity === 'warning'), []);
});

test('PrometheusAgent, Alertmanager and ThanosRuler keep their earlier output when paused, too', () => {
  const owners = `
apiVersion: monitoring.coreos.com/v1alpha1
kind: PrometheusAgent
metadata: {name: agent, namespace: monitoring}
spec: {remoteWrite: [{url: "http://remote:9090/api/v1/write"}]}
---
apiVersion: monitoring.coreos.com/v1
kind: Alertmanager
metadata: {name: main, namespace: monitoring}
spec: {}
---
apiVersion: monitoring.coreos.com/v1
kind: ThanosRuler
metadata: {name: ruler, namespace: monitoring}
spec: {queryEndpoints: ["dnssrv+_http._tcp.thanos-query.monitoring.svc"]}
`;
  const earlier = renderYaml(owners).items.filter((o) => o.metadata.annotations?.[GENERATED_FROM]);
  const paused = renderYaml(owners.replace(/spec: \{/g, 'spec: {paused: true, replicas: 4, ').replace(', }', '}') + asYaml(earlier));
  assert.equal(paused.items.filter((o) => o.metadata.annotations?.[GENERATED_FROM]), earlier);
  assert.equal(paused.results.filter((r) => r.field?.path === 'spec.paused').map((r) => r.resourceRef?.kind), ['Alertmanager', 'PrometheusAgent', 'ThanosRuler']);
});

test.run();
