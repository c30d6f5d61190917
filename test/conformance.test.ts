/**
 * The operator's own test cases (../shared/conformance), run through render().
 * Prints the pass count of every group of cases. The cases known to fail are
 * pinned below, each with why, as kyaml's fixture runner pins its
 * expectations: the test fails on any change in either direction, a case that
 * starts failing (a regression) or one that starts passing (remove it from
 * the list).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { conformanceAvailable, listCases, runCase, type CaseOutcome } from './support/conformance.js';

/**
 * `<suite>/<case>` → why it fails. Each one is an object the CRD schema
 * refuses (so the API server would too), which the operator's Go test builds
 * in code, past admission; the render rejects it, as the schema says.
 */
const KNOWN_FAILURES: Readonly<Record<string, string>> = {
  'statefulset/alertmanager_TestRetention_1d': 'spec.retention "1d" does not match the CRD pattern, which has no day unit',
  'statefulset/prometheus_TestPrometheusQuerySpec_zero_values_are_skipped': 'spec.query.maxConcurrency 0 is below the CRD minimum of 1',
  'statefulset/thanos_ruler_TestPodTemplateConfig': 'a podAffinityTerm without the topologyKey the CRD requires',
  'prometheus-config/ScrapeConfigSpecConfig_EmptyRelabelConfig': 'spec.relabelings [] is below the CRD minItems of 1, so the ScrapeConfig is rejected',
};

const SUITES = ['statefulset', 'prometheus-config', 'agent-config', 'alertmanager-config', 'rules'] as const;

interface Group {
  readonly label: string;
  readonly suite: (typeof SUITES)[number];
  readonly include: (name: string) => boolean;
}

const isScrapeConfigCase = (n: string) => /ScrapeConfig/i.test(n);
const GROUPS: readonly Group[] = [
  { label: 'statefulset: Prometheus server', suite: 'statefulset', include: (n) => /^(prometheus|operator)_/.test(n) && !/Thanos/i.test(n) },
  { label: 'statefulset: Thanos sidecar', suite: 'statefulset', include: (n) => /^prometheus_/.test(n) && /Thanos/i.test(n) },
  { label: 'statefulset: PrometheusAgent', suite: 'statefulset', include: (n) => n.startsWith('prometheusagent_') },
  { label: 'statefulset: Alertmanager', suite: 'statefulset', include: (n) => n.startsWith('alertmanager_') },
  { label: 'statefulset: ThanosRuler (and its remote-write config)', suite: 'statefulset', include: (n) => n.startsWith('thanos_ruler_') || /_remote_write_config$/.test(n) },
  { label: 'statefulset: other', suite: 'statefulset', include: (n) => !/^(prometheus|prometheusagent|operator|alertmanager|thanos_ruler)_/.test(n) && !/_remote_write_config$/.test(n) },
  { label: 'prometheus-config (without ScrapeConfig)', suite: 'prometheus-config', include: (n) => !isScrapeConfigCase(n) },
  { label: 'prometheus-config: ScrapeConfig', suite: 'prometheus-config', include: isScrapeConfigCase },
  { label: 'agent-config', suite: 'agent-config', include: () => true },
  { label: 'alertmanager-config', suite: 'alertmanager-config', include: () => true },
  { label: 'rules', suite: 'rules', include: () => true },
];

const firstLine = (o: CaseOutcome) => (o.reason ?? '').split('\n')[0]?.slice(0, 200) ?? '';

if (!conformanceAvailable()) {
  process.stderr.write('\n!! SKIPPED: conformance corpus not found at ../shared/conformance\n');
  test.skip('the conformance cases that fail are exactly the known failures');
} else {
  const outcomes = new Map(SUITES.map((suite) => [suite, listCases(suite).map((n) => runCase(suite, n))]));
  console.log('\n  conformance (../shared/conformance):');
  for (const g of GROUPS) {
    const list = (outcomes.get(g.suite) ?? []).filter((o) => g.include(o.name));
    console.log(`    ${g.label}: ${list.filter((o) => o.pass).length}/${list.length} passed`);
  }

  test('the conformance cases that fail are exactly the known failures', () => {
    for (const suite of SUITES) assert.ok((outcomes.get(suite) ?? []).length > 0, `no cases in ../shared/conformance/${suite}`);
    const all = [...outcomes.values()].flat();
    const failing = all.filter((o) => !o.pass);
    const key = (o: CaseOutcome) => `${o.suite}/${o.name}`;
    const regressions = failing.filter((o) => !Object.hasOwn(KNOWN_FAILURES, key(o)));
    const fixed = Object.keys(KNOWN_FAILURES).filter((k) => !failing.some((o) => key(o) === k));
    assert.equal(
      { regressions: regressions.map(key), fixed },
      { regressions: [], fixed: [] },
      [
        ...regressions.map((o) => `newly failing ${key(o)}: ${firstLine(o)}`),
        ...fixed.map((k) => `now passing or gone, remove it from KNOWN_FAILURES: ${k}`),
      ].join('\n'),
    );
  });
}

test.run();
