/**
 * Properties over generated valid packages (fast-check): input order does not
 * matter, the output is a fixed point, and every emitted object validates
 * against the Kubernetes schema of its kind.
 */
import fc from 'fast-check';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseYamlStream, toYaml } from '../src/core/yaml.js';
import type { KubeObject } from '../src/krm/types.js';
import { renderResourceListText } from '../src/render/resource-list.js';
import { monitoringPackage } from './support/arbitraries.js';
import { schemaProblem } from './support/k8s-schema.js';

const KEEP_INPUTS = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'options' }, data: { keepInputs: 'true' } };

const list = (items: readonly unknown[]) => toYaml({ apiVersion: 'config.kubernetes.io/v1', kind: 'ResourceList', items, functionConfig: KEEP_INPUTS });
const itemsOf = (text: string) => ((parseYamlStream(text)[0] as { items?: KubeObject[] }).items ?? []);

/** Enough runs to explore, few enough for CI on two cores. */
const RUNS = { numRuns: 40 };

test('shuffling the input gives byte-identical output', () => {
  fc.assert(
    fc.property(
      monitoringPackage.chain((items) => fc.tuple(fc.constant(items), fc.shuffledSubarray(items, { minLength: items.length, maxLength: items.length }))),
      ([items, shuffled]) => {
        const a = renderResourceListText(list(items));
        const b = renderResourceListText(list(shuffled));
        assert.not.ok(a.failed, a.text.slice(0, 2000));
        assert.is(b.text, a.text);
      },
    ),
    RUNS,
  );
});

test('feeding the output back in gives the same output', () => {
  fc.assert(
    fc.property(monitoringPackage, (items) => {
      const first = renderResourceListText(list(items));
      assert.not.ok(first.failed, first.text.slice(0, 2000));
      const second = renderResourceListText(list(itemsOf(first.text)));
      assert.is(second.text, first.text);
    }),
    RUNS,
  );
});

test('every emitted object validates against the schema of its kind', async () => {
  await fc.assert(
    fc.asyncProperty(monitoringPackage, async (items) => {
      const out = renderResourceListText(list(items));
      const problems = (await Promise.all(itemsOf(out.text).map(schemaProblem))).filter(Boolean);
      assert.equal(problems, []);
    }),
    { numRuns: 20 },
  );
});

test.run();
