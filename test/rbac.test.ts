import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseYamlStream } from '../src/core/yaml.js';
import type { KubeObject, Result } from '../src/krm/types.js';
import { defaultOptions } from '../src/options/options.js';
import { discoveryNeeds } from '../src/rbac/discovery.js';
import { render } from '../src/render/render.js';
import { find, renderYaml, secretText } from './support/harness.js';
import { kubePrometheus, kubePrometheusTest } from './support/stacks.js';

const RBAC_KINDS = new Set(['ServiceAccount', 'Role', 'RoleBinding', 'ClusterRole', 'ClusterRoleBinding']);
const READ = ['get', 'list', 'watch'];

/** A Prometheus in `monitoring` whose additional scrape configs are `scrape` (YAML list, indented for stringData). */
function stack(scrape: string, extraSpec = '', name = 'main'): string {
  return `
apiVersion: monitoring.coreos.com/v1
kind: Prometheus
metadata: {name: ${name}, namespace: monitoring}
spec:
  serviceMonitorSelector: {matchLabels: {none: none}}
  additionalScrapeConfigs: {name: extra-${name}, key: scrape.yaml}
${extraSpec}
---
apiVersion: v1
kind: Secret
metadata: {name: extra-${name}, namespace: monitoring}
stringData:
  scrape.yaml: |
${scrape
  .trim()
  .split('\n')
  .map((l) => `    ${l}`)
  .join('\n')}
`;
}

const generatedRbac = (items: readonly KubeObject[]) =>
  items.filter((o) => RBAC_KINDS.has(o.kind) && o.metadata.annotations?.['prometheus-krm.dev/generated-from'] !== undefined);
const ids = (items: readonly KubeObject[]) => items.map((o) => `${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`).sort();
const problems = (results: readonly Result[]) => results.filter((r) => r.severity !== 'info').map((r) => r.message);
const podSpec = (items: readonly KubeObject[], namespace: string, name: string) =>
  (find(items, 'StatefulSet', namespace, name).spec as { template: { spec: Record<string, unknown> } }).template.spec;

test('the derivation reads every kubernetes_sd_configs entry of scrape_configs and alerting, per namespace and role', () => {
  const needs = discoveryNeeds(
    {
      scrape_configs: [
        { job_name: 'a', kubernetes_sd_configs: [{ role: 'endpointslice', namespaces: { names: ['web', 'apps'] } }] },
        { job_name: 'b', kubernetes_sd_configs: [{ role: 'pod', namespaces: { own_namespace: true } }] },
        { job_name: 'remote', kubernetes_sd_configs: [{ role: 'pod', api_server: 'https://other:6443' }] },
        { job_name: 'kubeconfig', kubernetes_sd_configs: [{ role: 'service', kubeconfig_file: '/etc/kube/config' }] },
        { job_name: 'static', static_configs: [{ targets: ['x:9090'] }] },
      ],
      alerting: { alertmanagers: [{ kubernetes_sd_configs: [{ role: 'endpoints', namespaces: { names: ['alerts'] } }] }] },
    },
    'monitoring',
  );
  assert.equal(
    [...needs.namespaced],
    [
      ['alerts', ['endpoints']],
      ['apps', ['endpointslice']],
      ['monitoring', ['pod']],
      ['web', ['endpointslice']],
    ],
  );
  assert.equal(needs.allNamespaces, []);
  assert.equal([needs.nodeRole, needs.nodeMetadata, needs.namespaceMetadata], [false, false, false]);
  assert.equal(needs.unknownRoles, []);
});

test('an entry without namespaces reads every namespace; the node role and attach_metadata are cluster-wide', () => {
  const needs = discoveryNeeds(
    {
      scrape_configs: [
        { job_name: 'all', kubernetes_sd_configs: [{ role: 'service' }, { role: 'pod', namespaces: { names: [] } }] },
        { job_name: 'nodes', kubernetes_sd_configs: [{ role: 'node', namespaces: { names: ['ignored'] } }] },
        { job_name: 'meta', kubernetes_sd_configs: [{ role: 'endpoints', namespaces: { names: ['apps'] }, attach_metadata: { node: true } }] },
      ],
    },
    'monitoring',
  );
  assert.equal(needs.allNamespaces, ['pod', 'service']);
  assert.equal([...needs.namespaced], [['apps', ['endpoints']]]);
  assert.equal([needs.nodeRole, needs.nodeMetadata], [true, true]);
});

test('Roles only in the discovered namespaces, with exactly the resources of the roles used there', () => {
  const out = renderYaml(
    stack(
      `
- job_name: pods
  kubernetes_sd_configs:
  - {role: pod, namespaces: {names: [apps, web]}}
- job_name: ingresses
  kubernetes_sd_configs:
  - {role: ingress, namespaces: {names: [web]}}
`,
      `  alerting:
    alertmanagers:
    - {name: alertmanager-main, namespace: alerts, port: web}`,
    ),
  );
  assert.equal(problems(out.results), []);
  const rbac = generatedRbac(out.items);
  assert.equal(ids(rbac), [
    'Role/alerts/prometheus-monitoring-main',
    'Role/apps/prometheus-monitoring-main',
    'Role/web/prometheus-monitoring-main',
    'RoleBinding/alerts/prometheus-monitoring-main',
    'RoleBinding/apps/prometheus-monitoring-main',
    'RoleBinding/web/prometheus-monitoring-main',
    'ServiceAccount/monitoring/prometheus-main',
  ]);
  assert.equal(find(out.items, 'Role', 'alerts', 'prometheus-monitoring-main').rules, [
    { apiGroups: [''], resources: ['endpoints', 'pods', 'services'], verbs: READ },
  ]);
  assert.equal(find(out.items, 'Role', 'apps', 'prometheus-monitoring-main').rules, [{ apiGroups: [''], resources: ['pods'], verbs: READ }]);
  assert.equal(find(out.items, 'Role', 'web', 'prometheus-monitoring-main').rules, [
    { apiGroups: [''], resources: ['pods'], verbs: READ },
    { apiGroups: ['networking.k8s.io'], resources: ['ingresses'], verbs: READ },
  ]);
  const binding = find(out.items, 'RoleBinding', 'web', 'prometheus-monitoring-main');
  assert.equal(binding.roleRef, { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'prometheus-monitoring-main' });
  assert.equal(binding.subjects, [{ kind: 'ServiceAccount', name: 'prometheus-main', namespace: 'monitoring' }]);
  assert.equal(binding.metadata.labels, {
    'app.kubernetes.io/instance': 'main',
    'app.kubernetes.io/managed-by': 'prometheus-operator',
    'app.kubernetes.io/name': 'prometheus',
    'managed-by': 'prometheus-operator',
  });
});

test('the endpointslice role reads endpointslices in discovery.k8s.io with services and pods', () => {
  const out = renderYaml(stack(`- job_name: eps\n  kubernetes_sd_configs:\n  - {role: endpointslice, namespaces: {names: [apps]}}`));
  assert.equal(find(out.items, 'Role', 'apps', 'prometheus-monitoring-main').rules, [
    { apiGroups: [''], resources: ['pods', 'services'], verbs: READ },
    { apiGroups: ['discovery.k8s.io'], resources: ['endpointslices'], verbs: READ },
  ]);
});

test('a ClusterRole only when discovery spans all namespaces; Roles then only add what it does not grant', () => {
  const out = renderYaml(
    stack(`
- job_name: all-pods
  kubernetes_sd_configs:
  - {role: pod}
- job_name: apps-endpoints
  kubernetes_sd_configs:
  - {role: endpoints, namespaces: {names: [apps]}}
- job_name: web-pods
  kubernetes_sd_configs:
  - {role: pod, namespaces: {names: [web]}}
`),
  );
  assert.equal(problems(out.results), []);
  assert.equal(ids(generatedRbac(out.items)), [
    'ClusterRole//prometheus-monitoring-main',
    'ClusterRoleBinding//prometheus-monitoring-main',
    'Role/apps/prometheus-monitoring-main',
    'RoleBinding/apps/prometheus-monitoring-main',
    'ServiceAccount/monitoring/prometheus-main',
  ]);
  assert.equal(find(out.items, 'ClusterRole', undefined, 'prometheus-monitoring-main').rules, [{ apiGroups: [''], resources: ['pods'], verbs: READ }]);
  assert.equal(find(out.items, 'Role', 'apps', 'prometheus-monitoring-main').rules, [{ apiGroups: [''], resources: ['endpoints', 'services'], verbs: READ }]);
  const binding = find(out.items, 'ClusterRoleBinding', undefined, 'prometheus-monitoring-main');
  assert.equal(binding.roleRef, { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'prometheus-monitoring-main' });
  assert.equal(binding.subjects, [{ kind: 'ServiceAccount', name: 'prometheus-main', namespace: 'monitoring' }]);
});

test('the node role brings a ClusterRole with nodes, nodes/metrics and the /metrics URL', () => {
  const out = renderYaml(stack(`- job_name: kubelets\n  kubernetes_sd_configs:\n  - {role: node}`));
  assert.equal(ids(generatedRbac(out.items)), [
    'ClusterRole//prometheus-monitoring-main',
    'ClusterRoleBinding//prometheus-monitoring-main',
    'ServiceAccount/monitoring/prometheus-main',
  ]);
  assert.equal(find(out.items, 'ClusterRole', undefined, 'prometheus-monitoring-main').rules, [
    { apiGroups: [''], resources: ['nodes'], verbs: READ },
    { apiGroups: [''], resources: ['nodes/metrics'], verbs: ['get'] },
    { nonResourceURLs: ['/metrics'], verbs: ['get'] },
  ]);
});

test('attach_metadata.node reads nodes cluster-wide but grants no kubelet metrics', () => {
  const out = renderYaml(stack(`- job_name: pods\n  kubernetes_sd_configs:\n  - {role: pod, namespaces: {names: [apps]}, attach_metadata: {node: true}}`));
  assert.equal(find(out.items, 'ClusterRole', undefined, 'prometheus-monitoring-main').rules, [{ apiGroups: [''], resources: ['nodes'], verbs: READ }]);
  assert.equal(find(out.items, 'Role', 'apps', 'prometheus-monitoring-main').rules, [{ apiGroups: [''], resources: ['pods'], verbs: READ }]);
});

test('discovery through another API server (spec.apiserverConfig) needs no roles', () => {
  const out = renderYaml(
    stack(
      `- job_name: remote\n  kubernetes_sd_configs:\n  - {role: pod, api_server: "https://remote:6443"}`,
      `  apiserverConfig: {host: "https://remote:6443"}
  alerting:
    alertmanagers:
    - {name: alertmanager-main, namespace: alerts, port: web}`,
    ),
  );
  assert.equal(problems(out.results), []);
  assert.equal(ids(generatedRbac(out.items)), ['ServiceAccount/monitoring/prometheus-main']);
});

test('with no serviceAccountName, prometheus-<name> is generated and set on the pods', () => {
  const out = renderYaml(stack(`- job_name: pods\n  kubernetes_sd_configs:\n  - {role: pod, namespaces: {names: [apps]}}`));
  const sa = find(out.items, 'ServiceAccount', 'monitoring', 'prometheus-main');
  assert.equal(sa.metadata.labels, { 'app.kubernetes.io/managed-by': 'prometheus-operator', 'app.kubernetes.io/name': 'prometheus', 'managed-by': 'prometheus-operator' });
  assert.is(podSpec(out.items, 'monitoring', 'prometheus-main').serviceAccountName, 'prometheus-main');
});

test('a spec.serviceAccountName missing from the input is generated under that name and bound', () => {
  const out = renderYaml(stack(`- job_name: pods\n  kubernetes_sd_configs:\n  - {role: pod, namespaces: {names: [apps]}}`, '  serviceAccountName: scraper'));
  find(out.items, 'ServiceAccount', 'monitoring', 'scraper');
  assert.is(podSpec(out.items, 'monitoring', 'prometheus-main').serviceAccountName, 'scraper');
  assert.equal(find(out.items, 'RoleBinding', 'apps', 'prometheus-monitoring-main').subjects, [{ kind: 'ServiceAccount', name: 'scraper', namespace: 'monitoring' }]);
});

test('a ServiceAccount already in the input is bound but not generated again', () => {
  const out = renderYaml(
    stack(`- job_name: pods\n  kubernetes_sd_configs:\n  - {role: pod, namespaces: {names: [apps]}}`, '  serviceAccountName: scraper') +
      `---
apiVersion: v1
kind: ServiceAccount
metadata: {name: scraper, namespace: monitoring, labels: {mine: "true"}}
`,
  );
  assert.equal(problems(out.results), []);
  const accounts = out.items.filter((o) => o.kind === 'ServiceAccount');
  assert.equal(accounts.length, 1);
  assert.equal(accounts[0]?.metadata.labels, { mine: 'true' });
  assert.equal(find(out.items, 'RoleBinding', 'apps', 'prometheus-monitoring-main').subjects, [{ kind: 'ServiceAccount', name: 'scraper', namespace: 'monitoring' }]);
});

test('rbac: none generates no RBAC objects and leaves the pods on the default account', () => {
  const out = renderYaml(stack(`- job_name: all\n  kubernetes_sd_configs:\n  - {role: node}\n  - {role: pod}`), { rbac: 'none' });
  assert.equal(problems(out.results), []);
  assert.equal(generatedRbac(out.items), []);
  assert.is(podSpec(out.items, 'monitoring', 'prometheus-main').serviceAccountName, undefined);
});

test('an unknown role is a warning and grants nothing', () => {
  const out = renderYaml(stack(`- job_name: odd\n  kubernetes_sd_configs:\n  - {role: Pods, namespaces: {names: [apps]}}`));
  const warnings = out.results.filter((r) => r.severity === 'warning');
  assert.equal(warnings.length, 1);
  assert.match(warnings[0]?.message ?? '', /kubernetes_sd_configs at scrape_configs\[odd\]: "Pods" is not a role Prometheus knows/);
  assert.equal(ids(generatedRbac(out.items)), ['ServiceAccount/monitoring/prometheus-main']);
});

test('same-named Prometheus in two namespaces get distinct cluster-scoped names, whatever the input order', () => {
  const scrape = `- job_name: all\n  kubernetes_sd_configs:\n  - {role: pod}\n  - {role: service, namespaces: {names: [shared]}}`;
  const first = stack(scrape, '', 'k8s');
  const second = first.replace(/namespace: monitoring/g, 'namespace: team');
  const a = renderYaml(first + '---\n' + second);
  const b = renderYaml(second + '---\n' + first);
  assert.equal(problems(a.results), []);
  assert.equal(ids(generatedRbac(a.items)), [
    'ClusterRole//prometheus-monitoring-k8s',
    'ClusterRole//prometheus-team-k8s',
    'ClusterRoleBinding//prometheus-monitoring-k8s',
    'ClusterRoleBinding//prometheus-team-k8s',
    'Role/shared/prometheus-monitoring-k8s',
    'Role/shared/prometheus-team-k8s',
    'RoleBinding/shared/prometheus-monitoring-k8s',
    'RoleBinding/shared/prometheus-team-k8s',
    'ServiceAccount/monitoring/prometheus-k8s',
    'ServiceAccount/team/prometheus-k8s',
  ]);
  assert.equal(JSON.stringify(generatedRbac(a.items)), JSON.stringify(generatedRbac(b.items)));
});

kubePrometheusTest(test)('kube-prometheus: its ServiceAccount and roles are kept, ours never collide with them', () => {
  const out = render(kubePrometheus(), defaultOptions());
  assert.equal(problems(out.results), []);
  const ours = generatedRbac(out.items);
  assert.not.ok(ours.some((o) => o.kind === 'ServiceAccount'), 'prometheus-k8s is in the input');
  assert.ok(ours.every((o) => o.metadata.name === 'prometheus-monitoring-k8s' || o.kind === 'ServiceAccount'));
  for (const name of ['prometheus-k8s', 'prometheus-k8s-config']) {
    assert.ok(out.items.some((o) => o.kind === 'Role' && o.metadata.name === name), `their Role ${name} passes through`);
  }
  assert.is(podSpec(out.items, 'monitoring', 'prometheus-k8s').serviceAccountName, 'prometheus-k8s');
  // Our Roles sit in exactly the namespaces its configuration discovers.
  const config = parseYamlStream(secretText(find(out.items, 'Secret', 'monitoring', 'prometheus-k8s'), 'prometheus.yaml.gz'))[0] as Record<string, unknown>;
  const discovered = [...discoveryNeeds(config, 'monitoring').namespaced.keys()];
  assert.equal(ours.filter((o) => o.kind === 'Role').map((o) => o.metadata.namespace), discovered);
});

test.run();
