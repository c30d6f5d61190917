// The operator's command-line flags that shape pods, as renderer options:
// --localhost and --enable-config-reloader-probes.
import type { V1Container, V1StatefulSet } from '@kubernetes/client-node';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
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

test.run();
