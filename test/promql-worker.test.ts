import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { MIN_WORKER_EXPRESSIONS, withPromQLWorker } from '../src/cli/promql-pool.js';
import { toYaml } from '../src/core/yaml.js';
import type { RenderHooks } from '../src/render/run.js';
import { renderResourceListText } from '../src/render/resource-list.js';
import { runBin } from './support/harness.js';

const WORKER = resolve('dist/promql-worker.mjs');
const BAD = 'sum(rate(http_requests_total[5m])';
const BAD_ERROR = { message: 'parse error: unexpected end of input', line: 1, column: 34 };

/** Enough distinct expressions for the worker to be used. */
const expressions = Array.from({ length: MIN_WORKER_EXPRESSIONS }, (_, i) => `sum by (job) (rate(http_requests_total{service="s-${i}"}[5m]))`);

/** A run that records what its checker answered for a few expressions. */
function probe(calls: Array<Record<string, unknown>>) {
  return (hooks: RenderHooks) => {
    const check = hooks.promql;
    const answers = { good: check?.(expressions[0] as string, {}), bad: check?.(BAD, {}), badExperimental: check?.(BAD, { experimentalFunctions: true }) };
    calls.push(answers);
    return calls.length;
  };
}

test('with every expression valid, the render runs once and its optimistic answers stand', async () => {
  const calls: Array<Record<string, unknown>> = [];
  const runs = await withPromQLWorker(expressions, (hooks) => {
    const answer = hooks.promql?.(expressions[1] as string, {});
    calls.push({ answer, checked: hooks.promql !== undefined });
    return calls.length;
  }, WORKER);
  assert.is(runs, 1);
  assert.equal(calls, [{ answer: undefined, checked: true }]);
});

test('an expression the worker finds invalid makes a second render with the real answers', async () => {
  const calls: Array<Record<string, unknown>> = [];
  const runs = await withPromQLWorker([...expressions, BAD], probe(calls), WORKER);
  assert.is(runs, 2);
  // First run: optimistic. Second: the worker's verdict, and an on-the-spot parse for switches it was not asked about.
  assert.equal(calls[0], { good: undefined, bad: undefined, badExperimental: undefined });
  assert.equal(calls[1], { good: undefined, bad: BAD_ERROR, badExperimental: BAD_ERROR });
});

test('a worker that fails leaves the checks to an on-the-spot parse', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'promql-worker-'));
  const broken = join(dir, 'broken.mjs');
  writeFileSync(broken, "throw new Error('broken worker');\n");
  const calls: Array<Record<string, unknown>> = [];
  const runs = await withPromQLWorker([...expressions, BAD], probe(calls), broken);
  assert.is(runs, 2);
  assert.equal(calls[1], { good: undefined, bad: BAD_ERROR, badExperimental: BAD_ERROR });
});

test('below the threshold no worker starts: the render parses on the spot', async () => {
  const calls: Array<Record<string, unknown>> = [];
  await withPromQLWorker(expressions.slice(0, 10), (hooks) => calls.push({ checked: hooks.promql !== undefined }), WORKER);
  assert.equal(calls, [{ checked: false }]);
});

/** A package with enough rules for the command to use its worker, one of them unparsable. */
function bigRulePackage(bad: boolean): string {
  const rules = expressions.map((expr, i) => ({ record: `job:requests:rate5m_${i}`, expr: bad && i === 7 ? BAD : expr }));
  const items = [
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'monitoring' } },
    { apiVersion: 'monitoring.coreos.com/v1', kind: 'Prometheus', metadata: { name: 'main', namespace: 'monitoring' }, spec: { ruleSelector: {}, ruleNamespaceSelector: {} } },
    ...Array.from({ length: 15 }, (_, i) => ({
      apiVersion: 'monitoring.coreos.com/v1',
      kind: 'PrometheusRule',
      metadata: { name: `rules-${i}`, namespace: 'monitoring' },
      spec: { groups: [{ name: 'g', rules: rules.slice(i * 100, (i + 1) * 100) }] },
    })),
  ];
  return toYaml({ apiVersion: 'config.kubernetes.io/v1', kind: 'ResourceList', items });
}

test('the command with its worker writes exactly what an on-the-spot render writes, invalid rule included', () => {
  const input = bigRulePackage(true);
  const run = runBin([], input);
  assert.is(run.stdout, renderResourceListText(input).text);
  assert.match(run.stdout, 'group "g": rule 8 ("job:requests:rate5m_7"): could not parse expression: 1:34: parse error: unexpected end of input');
  assert.is(run.status, 0);
});

test('the command with its worker writes exactly what an on-the-spot render writes, all rules valid', () => {
  const input = bigRulePackage(false);
  const run = runBin([], input);
  assert.is(run.stdout, renderResourceListText(input).text);
  assert.match(run.stdout, 'prometheus-main-rulefiles-0');
});

test.run();
