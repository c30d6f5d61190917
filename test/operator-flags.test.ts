// The operator's command-line flags that shape generated objects, as
// renderer options: --localhost, --enable-config-reloader-probes, --labels
// and --annotations.
import type { V1Container, V1StatefulSet } from '@kubernetes/client-node';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { GENERATED_FROM } from '../src/krm/annotations.js';
import type { KubeObject } from '../src/krm/types.js';
import { find, readList, renderYaml, resourceList, runBin } from './support/harness.js';

const NAMESPACE = `
apiVersion: v1
kind: Namespace
metadata: {name: monitoring}
`;

/** A Prometheus with a Thanos sidecar and extra spec fields. */
function prometheus(extraSpec = ''): string {
  return `${NAMESPACE}---
apiVersion: monitoring.coreos.com/v1
kind: Prometheus
metadata: {name: main, namespace: monitoring}
spec:
  serviceMonitorSelector: {}
  thanos: {}
${extraSpec}`;
}

const ALERTMANAGER = `${NAMESPACE}---
apiVersion: monitoring.coreos.com/v1
kind: Alertmanager
metadata: {name: main, namespace: monitoring}
spec: {}
`;

const THANOS_RULER = `${NAMESPACE}---
apiVersion: monitoring.coreos.com/v1
kind: ThanosRuler
metadata: {name: main, namespace: monitoring}
spec:
  queryEndpoints: [dnssrv+_http._tcp.thanos-query.monitoring.svc]
  ruleSelector: {}
---
apiVersion: monitoring.coreos.com/v1
kind: PrometheusRule
metadata: {name: rules, namespace: monitoring}
spec:
  groups:
    - name: g
      rules: [{alert: Up, expr: up == 0}]
`;

function podContainers(items: readonly KubeObject[], name: string): { containers: V1Container[]; initContainers: V1Container[] } {
  const sts = find(items, 'StatefulSet', 'monitoring', name) as unknown as V1StatefulSet;
  const pod = sts.spec?.template.spec;
  return { containers: pod?.containers ?? [], initContainers: pod?.initContainers ?? [] };
}

function containerNamed(list: readonly V1Container[], name: string): V1Container {
  const c = list.find((x) => x.name === name);
  assert.ok(c, `container ${name} among ${list.map((x) => x.name).join(', ')}`);
  return c as V1Container;
}

/** The objects the function generated (not passed through), known by their marker. */
function generatedObjects(items: readonly KubeObject[]): KubeObject[] {
  return items.filter((o) => o.metadata.annotations?.[GENERATED_FROM] !== undefined);
}

function rendered(yaml: string, options: Record<string, string>): KubeObject[] {
  const out = renderYaml(yaml, options);
  assert.equal(
    out.results.filter((r) => r.severity === 'error').map((r) => r.message),
    [],
  );
  return out.items;
}

test('localhost: the Prometheus reloader and the Thanos sidecar reach Prometheus on that host', () => {
  const { containers } = podContainers(rendered(prometheus(), { localhost: '127.0.0.1' }), 'prometheus-main');
  const reloaderArgs = containerNamed(containers, 'config-reloader').args ?? [];
  assert.ok(reloaderArgs.includes('--reload-url=http://127.0.0.1:9090/-/reload'), reloaderArgs.join(' '));
  assert.ok(reloaderArgs.includes('--listen-address=:8080'), 'the reloader still listens on every address');
  const sidecarArgs = containerNamed(containers, 'thanos-sidecar').args ?? [];
  assert.ok(sidecarArgs.includes('--prometheus.url=http://127.0.0.1:9090/'), sidecarArgs.join(' '));
});

test('localhost: under listenLocal the reloader listens on that host and exposes no port', () => {
  const { containers } = podContainers(rendered(prometheus('  listenLocal: true\n'), { localhost: 'ip6-localhost' }), 'prometheus-main');
  const reloader = containerNamed(containers, 'config-reloader');
  assert.ok(reloader.args?.includes('--listen-address=ip6-localhost:8080'), reloader.args?.join(' '));
  assert.is(reloader.ports, undefined);
});

test('localhost: the signal reload strategy checks the runtime info on that host', () => {
  const { containers } = podContainers(rendered(prometheus('  reloadStrategy: ProcessSignal\n'), { localhost: '127.0.0.1' }), 'prometheus-main');
  const args = containerNamed(containers, 'config-reloader').args ?? [];
  assert.ok(args.includes('--runtimeinfo-url=http://127.0.0.1:9090/api/v1/status/runtimeinfo'), args.join(' '));
});

test('localhost: Alertmanager and ThanosRuler reloaders reload on that host', () => {
  const am = podContainers(rendered(ALERTMANAGER, { localhost: '127.0.0.1' }), 'alertmanager-main').containers;
  assert.ok(containerNamed(am, 'config-reloader').args?.includes('--reload-url=http://127.0.0.1:9093/-/reload'));
  const ruler = podContainers(rendered(THANOS_RULER, { localhost: '127.0.0.1' }), 'thanos-ruler-main').containers;
  const args = containerNamed(ruler, 'config-reloader').args ?? [];
  assert.ok(args.includes('--reload-url=http://127.0.0.1:10902/-/reload'), args.join(' '));
});

test('enableConfigReloaderProbes: the reloader sidecar gets liveness, readiness and startup probes, the init container none', () => {
  const { containers, initContainers } = podContainers(rendered(prometheus(), { enableConfigReloaderProbes: 'true' }), 'prometheus-main');
  const reloader = containerNamed(containers, 'config-reloader');
  const probe = { httpGet: { path: '/healthz', port: 8080 } };
  assert.equal(reloader.livenessProbe, probe);
  assert.equal(reloader.readinessProbe, probe);
  assert.equal(reloader.startupProbe, probe);
  const init = containerNamed(initContainers, 'init-config-reloader');
  assert.is(init.livenessProbe, undefined);
  assert.is(init.readinessProbe, undefined);
  assert.is(init.startupProbe, undefined);
});

test('enableConfigReloaderProbes: a reloader listening on localhost only is probed from inside the container', () => {
  const items = rendered(ALERTMANAGER.replace('spec: {}', 'spec: {listenLocal: true}'), { enableConfigReloaderProbes: 'true' });
  const reloader = containerNamed(podContainers(items, 'alertmanager-main').containers, 'config-reloader');
  const command = reloader.livenessProbe?.exec?.command ?? [];
  assert.is(command[0], 'sh');
  assert.match(command[2] ?? '', 'exec curl --fail http://localhost:8080/healthz');
  assert.is(reloader.livenessProbe?.httpGet, undefined);
});

test('without the option the reloader has no probes, as with the operator', () => {
  const { containers } = podContainers(rendered(prometheus(), {}), 'prometheus-main');
  const reloader = containerNamed(containers, 'config-reloader');
  assert.is(reloader.livenessProbe, undefined);
  assert.ok(reloader.args?.includes('--reload-url=http://localhost:9090/-/reload'));
});

test('a localhost value that is not a host is an error naming the option, with exit 1', () => {
  const fc = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: fc}\ndata: {localhost: "http://127.0.0.1:9090"}';
  const run = runBin([], resourceList(prometheus(), fc));
  assert.is(run.status, 1);
  assert.equal(
    readList(run.stdout).results.map((r) => [r.field?.path, r.message]),
    [['data.localhost', 'option localhost "http://127.0.0.1:9090" is not a host name or IP address; write it like localhost, 127.0.0.1 or [::1]']],
  );
});

test('labels: every generated object carries them, over its own labels; objects passed through keep theirs', () => {
  const input = prometheus().replace('metadata: {name: main, namespace: monitoring}', 'metadata: {name: main, namespace: monitoring, labels: {team: from-prometheus}}');
  const items = rendered(`${input}---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: mine, namespace: monitoring, labels: {a: b}}\n`, {
    labels: 'team=platform,cost-center=42',
  });
  const generated = generatedObjects(items);
  assert.ok(generated.length >= 5, `${generated.length} generated objects`);
  for (const obj of generated) {
    const labels = obj.metadata.labels ?? {};
    assert.is(labels.team, 'platform', `${obj.kind} ${obj.metadata.name}`);
    assert.is(labels['cost-center'], '42', `${obj.kind} ${obj.metadata.name}`);
  }
  assert.equal(find(items, 'ConfigMap', 'monitoring', 'mine').metadata.labels, { a: 'b' });
});

test('labels: Prometheus pods carry them and the StatefulSet selects on them', () => {
  const items = rendered(prometheus('  podMetadata: {labels: {team: from-pod-metadata}}\n'), { labels: 'team=platform' });
  const sts = find(items, 'StatefulSet', 'monitoring', 'prometheus-main') as unknown as V1StatefulSet;
  assert.is(sts.spec?.template.metadata?.labels?.team, 'platform');
  assert.equal(sts.spec?.selector.matchLabels, {
    'app.kubernetes.io/instance': 'main',
    'app.kubernetes.io/managed-by': 'prometheus-operator',
    'app.kubernetes.io/name': 'prometheus',
    'operator.prometheus.io/name': 'main',
    'operator.prometheus.io/shard': '0',
    prometheus: 'main',
    team: 'platform',
  });
});

test('labels: Alertmanager pods carry them and the StatefulSet selects on them', () => {
  const sts = find(rendered(ALERTMANAGER, { labels: 'team=platform' }), 'StatefulSet', 'monitoring', 'alertmanager-main') as unknown as V1StatefulSet;
  assert.is(sts.spec?.template.metadata?.labels?.team, 'platform');
  assert.is(sts.spec?.selector.matchLabels?.team, 'platform');
});

test('labels: a ThanosRuler selector takes them over the pod metadata, its own selector labels over both', () => {
  const input = THANOS_RULER.replace('  ruleSelector: {}', '  ruleSelector: {}\n  podMetadata: {labels: {team: from-pod-metadata, extra: kept}}');
  const items = rendered(input, { labels: 'team=platform,app.kubernetes.io/name=mine' });
  const sts = find(items, 'StatefulSet', 'monitoring', 'thanos-ruler-main') as unknown as V1StatefulSet;
  const selector = sts.spec?.selector.matchLabels ?? {};
  assert.is(selector.team, 'platform');
  assert.is(selector.extra, 'kept');
  assert.is(selector['app.kubernetes.io/name'], 'thanos-ruler');
  assert.is(sts.spec?.template.metadata?.labels?.team, 'platform');
});

test('annotations: every generated object carries them, over its own, beside the generated-from marker', () => {
  const input = ALERTMANAGER.replace('metadata: {name: main, namespace: monitoring}', 'metadata: {name: main, namespace: monitoring, annotations: {owner: from-alertmanager}}');
  const items = rendered(input, { annotations: 'owner=sre,example.com/ticket=OPS-1' });
  const generated = generatedObjects(items);
  assert.ok(generated.length >= 3, `${generated.length} generated objects`);
  for (const obj of generated) {
    const annotations = obj.metadata.annotations ?? {};
    assert.is(annotations.owner, 'sre', `${obj.kind} ${obj.metadata.name}`);
    assert.is(annotations['example.com/ticket'], 'OPS-1', `${obj.kind} ${obj.metadata.name}`);
  }
  const sts = find(items, 'StatefulSet', 'monitoring', 'alertmanager-main') as unknown as V1StatefulSet;
  assert.is(sts.spec?.template.metadata?.annotations?.owner, undefined, 'pod templates do not get them, as with the operator');
});

test('labels and annotations that the API server would refuse are errors naming the option', () => {
  const fc = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: fc}\ndata: {labels: "team=platform,bad value=x", annotations: "noequals"}';
  const run = runBin([], resourceList(prometheus(), fc));
  assert.is(run.status, 1);
  assert.equal(
    readList(run.stdout).results.map((r) => [r.field?.path, r.message]),
    [
      ['data.annotations', 'option annotations: "noequals" is not a key=value pair; write them like team=platform,tier=monitoring'],
      [
        'data.labels',
        'option labels: "bad value" is not a valid label key (an optional DNS prefix and "/", then at most 63 letters, digits, "-", "_" or ".", starting and ending with a letter or digit)',
      ],
    ],
  );
});

test.run();
