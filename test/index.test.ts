/** The public surface (src/index.ts): what it exports at run time, and a render through it alone. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as api from '../src/index.js';

test('the public surface exports render, the ResourceList step and option loading, and nothing else at run time', () => {
  assert.equal(Object.keys(api).sort(), ['OPTIONS_API_VERSION', 'OPTIONS_KIND', 'defaultOptions', 'loadOptions', 'render', 'renderResourceListText']);
});

test('a Prometheus renders through the public surface alone: options loaded from a functionConfig, objects and results back', () => {
  const loaded = api.loadOptions({ apiVersion: api.OPTIONS_API_VERSION, kind: api.OPTIONS_KIND, metadata: { name: 'options' }, spec: { rbac: 'none' } });
  if (!loaded.options) throw new Error(JSON.stringify(loaded.problems));
  const prometheus: api.KubeObject = { apiVersion: 'monitoring.coreos.com/v1', kind: 'Prometheus', metadata: { name: 'k8s', namespace: 'monitoring' }, spec: {} };
  const out: api.RenderOutput = api.render([prometheus], loaded.options);
  assert.equal(out.results.filter((r: api.Result) => r.severity !== 'info'), []);
  assert.ok(out.items.some((o) => o.kind === 'StatefulSet' && o.metadata.name === 'prometheus-k8s'));
  assert.equal(out.selection?.owners.map((o) => o.owner.metadata.name), ['k8s']);
});

test.run();
