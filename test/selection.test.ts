import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseYamlStream } from '../src/core/yaml.js';
import { refOf, type KubeObject } from '../src/krm/types.js';
import { warningResult } from '../src/krm/results.js';
import { defaultOptions } from '../src/options/options.js';
import { Reporter } from '../src/krm/report.js';
import { buildNamespaceIndex } from '../src/selection/namespaces.js';
import { buildInputIndex } from '../src/selection/inputs.js';
import { namespaceMatcher, selectObjects, type Selection, type SelectionScope } from '../src/selection/select.js';

const objects = parseYamlStream(`
apiVersion: v1
kind: Namespace
metadata: {name: team-a, labels: {team: frontend}}
---
apiVersion: v1
kind: Namespace
metadata: {name: team-b, labels: {team: backend}}
---
apiVersion: monitoring.coreos.com/v1
kind: Prometheus
metadata: {name: p, namespace: monitoring}
---
apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata: {name: web, namespace: team-a, labels: {app: web}}
---
apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata: {name: api, namespace: team-b, labels: {app: api, tier: gold}}
---
apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata: {name: local, namespace: monitoring, labels: {app: local}}
---
apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata: {name: stray, namespace: no-object, labels: {app: stray}}
`) as KubeObject[];

function context(): SelectionScope {
  return { options: defaultOptions(), namespaces: buildNamespaceIndex(objects), inputs: buildInputIndex(objects), report: new Reporter() };
}
const owner = objects.find((o) => o.kind === 'Prometheus') as KubeObject;
const monitors = objects.filter((o) => o.kind === 'ServiceMonitor');
const names = (list: Selection | undefined) => (list?.selected ?? []).map((o) => `${o.metadata.namespace}/${o.metadata.name}`);

function select(selector: unknown, nsSelector: unknown, ctx = context()) {
  const ns = namespaceMatcher(owner, nsSelector as never, 'spec.serviceMonitorNamespaceSelector', ctx);
  assert.ok(ns);
  return selectObjects(owner, monitors, selector as never, 'spec.serviceMonitorSelector', ns, ctx);
}

test('an absent selector selects nothing', () => {
  assert.equal(names(select(undefined, {})), []);
});

test('an absent namespace selector means the owner namespace only', () => {
  assert.equal(names(select({}, undefined)), ['monitoring/local']);
});

test('an empty namespace selector means every namespace, sorted by namespace/name', () => {
  assert.equal(names(select({}, {})), ['monitoring/local', 'no-object/stray', 'team-a/web', 'team-b/api']);
});

test('namespace labels come from the Namespace objects', () => {
  assert.equal(names(select({}, { matchLabels: { team: 'frontend' } })), ['team-a/web']);
});

test('matchExpressions In, NotIn, Exists and DoesNotExist', () => {
  assert.equal(names(select({ matchExpressions: [{ key: 'app', operator: 'In', values: ['web', 'api'] }] }, {})), ['team-a/web', 'team-b/api']);
  assert.equal(names(select({ matchExpressions: [{ key: 'app', operator: 'NotIn', values: ['web'] }] }, {})), ['monitoring/local', 'no-object/stray', 'team-b/api']);
  assert.equal(names(select({ matchExpressions: [{ key: 'tier', operator: 'Exists' }] }, {})), ['team-b/api']);
  assert.equal(names(select({ matchExpressions: [{ key: 'tier', operator: 'DoesNotExist' }] }, {})), ['monitoring/local', 'no-object/stray', 'team-a/web']);
});

test('a namespace without a Namespace object carries only its name label; a selector that needs more warns once per namespace', () => {
  const ctx = context();
  assert.equal(names(select({}, { matchExpressions: [{ key: 'team', operator: 'DoesNotExist' }] }, ctx)), ['monitoring/local', 'no-object/stray']);
  const unknown = (ns: string) =>
    warningResult(
      `namespace ${ns} has no Namespace object in the input, so its labels other than kubernetes.io/metadata.name are unknown and spec.serviceMonitorNamespaceSelector cannot be decided for it; its objects are selected as if it had no other label. Add its Namespace object, or declare its labels with a Namespace object annotated config.kubernetes.io/local-config: "true", which is read and never applied`,
      refOf(owner),
      'spec.serviceMonitorNamespaceSelector',
    );
  assert.equal(ctx.report.results, [unknown('monitoring'), unknown('no-object')]);
});

test('a namespace selector on kubernetes.io/metadata.name alone is decided without a Namespace object, silently', () => {
  const ctx = context();
  const byName = { matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'In', values: ['no-object', 'team-a'] }] };
  assert.equal(names(select({}, byName, ctx)), ['no-object/stray', 'team-a/web']);
  // A requirement on the name that fails rules the namespace out whatever its other labels.
  const teamA = { matchLabels: { team: 'frontend' }, matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'In', values: ['team-a'] }] };
  assert.equal(names(select({}, teamA, ctx)), ['team-a/web']);
  assert.equal(ctx.report.results, []);
});

test('an invalid selector operator is an error naming the field', () => {
  const ctx = context();
  const ns = namespaceMatcher(owner, {}, 'spec.serviceMonitorNamespaceSelector', ctx);
  assert.ok(ns);
  const out = selectObjects(owner, monitors, { matchExpressions: [{ key: 'a', operator: 'Equals' }] } as never, 'spec.serviceMonitorSelector', ns, ctx);
  assert.is(out, undefined);
  assert.is(ctx.report.results[0]?.message, 'spec.serviceMonitorSelector.matchExpressions[0]: unknown operator "Equals"; use In, NotIn, Exists or DoesNotExist');
  assert.is(ctx.report.results[0]?.field?.path, 'spec.serviceMonitorSelector');
});

test.run();
