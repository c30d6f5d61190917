/**
 * Generated pods meet the Pod Security Standards "restricted" profile unless
 * the input weakens them, and then a warning names the field. The checker is
 * tested against the profile's published controls first.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { KubeObject } from '../src/krm/types.js';
import { podSecurityViolations } from '../src/workload/pod-security.js';
import { find, renderYaml } from './support/harness.js';
import { SEED_EXAMPLE } from './support/seeds.js';
import { kubePrometheus, kubePrometheusTest } from './support/stacks.js';

/** A pod spec that meets every control of the restricted profile. */
const COMPLIANT = {
  securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
  containers: [{ name: 'app', image: 'x', securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } } }],
  volumes: [{ name: 'config', secret: { secretName: 's' } }],
};

const withContainer = (sc: Record<string, unknown>) => ({
  ...COMPLIANT,
  containers: [{ name: 'app', image: 'x', securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, ...sc } }],
});

test('the checker accepts a pod that meets every restricted control', () => {
  assert.equal(podSecurityViolations(COMPLIANT), []);
});

test('the checker flags each published control with the field that breaks it', () => {
  const cases: Array<[string, unknown, string]> = [
    ['host network', { ...COMPLIANT, hostNetwork: true }, 'hostNetwork'],
    ['host PID', { ...COMPLIANT, hostPID: true }, 'hostPID'],
    ['privileged', withContainer({ privileged: true }), 'containers[app].securityContext.privileged'],
    ['capability added', withContainer({ capabilities: { drop: ['ALL'], add: ['SYS_ADMIN'] } }), 'containers[app].securityContext.capabilities.add'],
    ['ALL not dropped', withContainer({ capabilities: {} }), 'containers[app].securityContext.capabilities.drop'],
    ['privilege escalation', withContainer({ allowPrivilegeEscalation: true }), 'containers[app].securityContext.allowPrivilegeEscalation'],
    ['root user', withContainer({ runAsUser: 0 }), 'containers[app].securityContext.runAsUser'],
    ['seccomp unconfined', withContainer({ seccompProfile: { type: 'Unconfined' } }), 'containers[app].securityContext.seccompProfile.type'],
    ['proc mount', withContainer({ procMount: 'Unmasked' }), 'containers[app].securityContext.procMount'],
    ['host path', { ...COMPLIANT, volumes: [{ name: 'h', hostPath: { path: '/' } }] }, 'volumes[h].hostPath'],
    ['restricted volume type', { ...COMPLIANT, volumes: [{ name: 'n', nfs: { server: 's', path: '/' } }] }, 'volumes[n].nfs'],
    ['unsafe sysctl', { ...COMPLIANT, securityContext: { ...COMPLIANT.securityContext, sysctls: [{ name: 'kernel.msgmax', value: '1' }] } }, 'securityContext.sysctls[kernel.msgmax]'],
    ['runAsNonRoot missing', { ...COMPLIANT, securityContext: { seccompProfile: { type: 'RuntimeDefault' } } }, 'containers[app].securityContext.runAsNonRoot'],
  ];
  for (const [label, spec, field] of cases) {
    assert.ok(
      podSecurityViolations(spec).some((v) => v.field === field),
      `${label}: expected a violation at ${field}, got ${JSON.stringify(podSecurityViolations(spec))}`,
    );
  }
});

const podSpecOf = (o: KubeObject) => (o.spec as { template: { spec: Record<string, unknown> } }).template.spec;

test('the seed Prometheus pods meet the restricted profile, with runAsNonRoot and seccomp filled in', () => {
  const { items, results } = renderYaml(SEED_EXAMPLE);
  const sts = find(items, 'StatefulSet', 'default', 'prometheus-example');
  assert.equal(podSecurityViolations(podSpecOf(sts)), []);
  assert.equal(podSpecOf(sts).securityContext, { runAsUser: 65534, runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } });
  assert.not.ok(results.some((r) => /Pod Security/.test(r.message)));
});

test('a pod securityContext from the input is kept; only what it leaves unset is filled in', () => {
  const { items } = renderYaml(`${SEED_EXAMPLE}
---
apiVersion: monitoring.coreos.com/v1
kind: Prometheus
metadata: {name: own, namespace: default}
spec:
  securityContext: {fsGroup: 2000, runAsUser: 1000, runAsNonRoot: true}
`);
  const sts = find(items, 'StatefulSet', 'default', 'prometheus-own');
  assert.equal(podSpecOf(sts).securityContext, { fsGroup: 2000, runAsUser: 1000, runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } });
});

test('an input that weakens the pods gets a warning naming the field', () => {
  const { items, results } = renderYaml(`
apiVersion: monitoring.coreos.com/v1
kind: Prometheus
metadata: {name: weak, namespace: default}
spec:
  securityContext: {runAsUser: 0}
  containers:
  - name: prometheus
    securityContext: {privileged: true}
`);
  find(items, 'StatefulSet', 'default', 'prometheus-weak');
  const warnings = results.filter((r) => r.severity === 'warning' && /Pod Security Standards/.test(r.message)).map((r) => r.message);
  assert.ok(warnings.some((m) => m.includes('spec.template.spec.securityContext.runAsUser must not be 0')), warnings.join('\n'));
  assert.ok(warnings.some((m) => m.includes('spec.template.spec.containers[prometheus].securityContext.privileged must be unset or false')), warnings.join('\n'));
});

kubePrometheusTest(test)('kube-prometheus: every generated pod template meets the restricted profile', () => {
  const renderItems = renderYaml(kubePrometheus().map((o) => JSON.stringify(o)).join('\n---\n')).items;
  const workloads = renderItems.filter((o) => ['StatefulSet', 'DaemonSet', 'Deployment'].includes(o.kind) && (o.metadata.annotations ?? {})['prometheus-krm.dev/generated-from']);
  assert.ok(workloads.length >= 1, `generated workloads: ${workloads.map((w) => w.metadata.name).join(', ')}`);
  for (const w of workloads) assert.equal(podSecurityViolations(podSpecOf(w)), [], `${w.kind} ${w.metadata.name}`);
});

test.run();
