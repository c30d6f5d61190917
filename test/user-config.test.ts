/**
 * Configuration that belongs to the user (issue 15, observations 7 and 8):
 * a Prometheus without monitor selectors keeps the user's own configuration
 * Secret, and an Alertmanager whose base configuration is not in the package
 * never silently routes every alert to "null".
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { GENERATED_FROM } from '../src/krm/annotations.js';
import { errorResult, infoResult } from '../src/krm/results.js';
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

const ALERTMANAGER = (spec: string) => `
apiVersion: monitoring.coreos.com/v1
kind: Alertmanager
metadata: {name: main, namespace: monitoring}
spec: ${spec}
`;
const ROUTES = `
---
apiVersion: monitoring.coreos.com/v1alpha1
kind: AlertmanagerConfig
metadata: {name: team, namespace: monitoring}
spec:
  route: {receiver: hook}
  receivers: [{name: hook, webhookConfigs: [{url: "http://hook.monitoring.svc:8080/"}]}]
`;
const amRef = { apiVersion: 'monitoring.coreos.com/v1', kind: 'Alertmanager', name: 'main', namespace: 'monitoring' };

test('an Alertmanager whose config Secret is not in the package, with nothing to merge, mounts that Secret as it is instead of routing every alert to "null"', () => {
  for (const spec of ['{}', '{alertmanagerConfigSelector: {matchLabels: {team: none}}}']) {
    const out = renderYaml(ALERTMANAGER(spec) + ROUTES);
    assert.not.ok(out.items.some((o) => o.kind === 'Secret' && o.metadata.name === 'alertmanager-main-generated'), spec);
    const sts = find(out.items, 'StatefulSet', 'monitoring', 'alertmanager-main');
    const volumes = (sts.spec as { template: { spec: { volumes: Array<{ name: string }> } } }).template.spec.volumes;
    assert.equal(volumes.find((v) => v.name === 'config-volume'), {
      name: 'config-volume',
      projected: {
        sources: [{ secret: { name: 'alertmanager-main' } }, { secret: { name: 'alertmanager-main', items: [{ key: 'alertmanager.yaml', path: 'alertmanager.yaml.gz' }] } }],
      },
    });
    assert.equal(
      out.results.filter((r) => r.resourceRef?.kind === 'Alertmanager' && r.field),
      [
        infoResult(
          'the base configuration, Secret monitoring/alertmanager-main, is not in the input and no AlertmanagerConfig is merged into it: the pods mount it from the cluster as it is (key alertmanager.yaml, and any templates beside it), where the operator would copy it into alertmanager-main-generated',
          amRef,
          'spec.configSecret',
        ),
      ],
    );
  }
});

test('an Alertmanager whose config Secret is not in the package, with AlertmanagerConfigs to merge into it, is an error that says how to fix it', () => {
  const out = renderYaml(ALERTMANAGER('{alertmanagerConfigSelector: {}}') + ROUTES);
  assert.equal(
    out.results.filter((r) => r.severity === 'error'),
    [
      errorResult(
        'the selected AlertmanagerConfigs (monitoring/team) must be merged into the base configuration, Secret monitoring/alertmanager-main, which is not in the input, and a render cannot read it from the cluster; add that Secret to the package, or set spec.alertmanagerConfiguration to an AlertmanagerConfig that holds the base configuration',
        amRef,
        'spec.configSecret',
      ),
    ],
  );
});

test.run();
