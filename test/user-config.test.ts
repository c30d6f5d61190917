/**
 * Configuration that belongs to the user (issue 15, observations 7 and 8):
 * a Prometheus without monitor selectors keeps the user's own configuration
 * Secret, and an Alertmanager whose base configuration is not in the package
 * never silently routes every alert to "null".
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { GENERATED_FROM } from '../src/krm/annotations.js';
import { infoResult } from '../src/krm/results.js';
import { parseYamlStream } from '../src/core/yaml.js';
import type { KubeObject } from '../src/krm/types.js';
import { find, renderYaml } from './support/harness.js';

const BYO_PROMETHEUS = `
apiVersion: monitoring.coreos.com/v1
kind: Prometheus
metadata: {name: k8s, namespace: monitoring}
spec: {replicas: 1}
`;
const USER_SECRET = `
apiVersion: v1
kind: Secret
metadata:
  name: prometheus-k8s
  namespace: monitoring
  annotations: {team: observability}
type: Opaque
data:
  prometheus.yaml.gz: H4sIAAAAAAAAA0vOzytJzSvRUUhKzStKLVayUlAqSk3OzytJLS4BAEVdeZgdAAAA
`;
const promRef = { apiVersion: 'monitoring.coreos.com/v1', kind: 'Prometheus', name: 'k8s', namespace: 'monitoring' };
const MODE = 'no monitor selector is set, so the configuration is yours (the operator\'s "bring your own config" mode)';

test('bring your own config: the user\'s prometheus-<name> Secret passes through untouched, and none is generated', () => {
  const out = renderYaml(BYO_PROMETHEUS + '---' + USER_SECRET);
  const secret = find(out.items, 'Secret', 'monitoring', 'prometheus-k8s');
  assert.equal(secret, parseYamlStream(USER_SECRET)[0] as KubeObject);
  assert.equal(out.results.filter((r) => r.severity !== 'info'), []);
  assert.ok(out.results.some((r) => r.message === `${MODE}: Secret monitoring/prometheus-k8s in the input is used as it is`));
  // The StatefulSet still mounts it, as the operator's does.
  const sts = find(out.items, 'StatefulSet', 'monitoring', 'prometheus-k8s');
  const volumes = (sts.spec as { template: { spec: { volumes: Array<{ name: string; secret?: { secretName: string } }> } } }).template.spec.volumes;
  assert.equal(volumes.find((v) => v.name === 'config')?.secret?.secretName, 'prometheus-k8s');
});

test('bring your own config without the Secret in the package: nothing replaces it, and an info result says it is expected in the cluster', () => {
  const out = renderYaml(BYO_PROMETHEUS);
  assert.not.ok(out.items.some((o) => o.kind === 'Secret' && o.metadata.name === 'prometheus-k8s'));
  assert.ok(out.items.some((o) => o.kind === 'StatefulSet' && o.metadata.annotations?.[GENERATED_FROM] === 'Prometheus/monitoring/k8s'));
  assert.equal(
    out.results.filter((r) => r.message.startsWith(MODE)),
    [
      infoResult(
        `${MODE}: Secret monitoring/prometheus-k8s is not in the input, so it must exist in the cluster, with the key prometheus.yaml.gz; none is generated, because an empty one would replace yours on every apply`,
        promRef,
      ),
    ],
  );
});

test.run();
