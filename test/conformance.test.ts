/**
 * The operator's own test cases (../shared/conformance), run through render().
 * Prints the pass count of every suite. Each group below has a floor: the share
 * of its cases that must pass. Floors only go up as behaviour lands; a group
 * whose work has not started has none and is only counted.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { conformanceAvailable, listCases, runCase, type CaseOutcome } from './support/conformance.js';

interface Group {
  readonly label: string;
  readonly suite: string;
  readonly include: (name: string) => boolean;
  /** Minimum share of passing cases, 0..1; undefined: counted, not yet enforced. */
  readonly floor?: number;
}

const isScrapeConfigCase = (n: string) => /ScrapeConfig/i.test(n);
const GROUPS: readonly Group[] = [
  { label: 'statefulset: Prometheus server', suite: 'statefulset', include: (n) => /^(prometheus|operator)_/.test(n) && !/Thanos/i.test(n), floor: 0.95 },
  { label: 'statefulset: Thanos sidecar', suite: 'statefulset', include: (n) => /^prometheus_/.test(n) && /Thanos/i.test(n), floor: 0.95 },
  { label: 'statefulset: PrometheusAgent', suite: 'statefulset', include: (n) => n.startsWith('prometheusagent_'), floor: 0.95 },
  { label: 'statefulset: Alertmanager', suite: 'statefulset', include: (n) => n.startsWith('alertmanager_'), floor: 0.95 },
  { label: 'statefulset: ThanosRuler (and its remote-write config)', suite: 'statefulset', include: (n) => n.startsWith('thanos_ruler_') || /_remote_write_config$/.test(n), floor: 0.95 },
  { label: 'statefulset: other', suite: 'statefulset', include: (n) => !/^(prometheus|prometheusagent|operator|alertmanager|thanos_ruler)_/.test(n) && !/_remote_write_config$/.test(n) },
  { label: 'prometheus-config (without ScrapeConfig)', suite: 'prometheus-config', include: (n) => !isScrapeConfigCase(n), floor: 0.95 },
  { label: 'prometheus-config: ScrapeConfig', suite: 'prometheus-config', include: isScrapeConfigCase, floor: 0.95 },
  { label: 'agent-config', suite: 'agent-config', include: () => true, floor: 0.95 },
  { label: 'alertmanager-config', suite: 'alertmanager-config', include: () => true, floor: 0.95 },
  { label: 'rules', suite: 'rules', include: () => true, floor: 0.95 },
];

if (!conformanceAvailable()) {
  console.log('  conformance corpus not found at ../shared/conformance: skipped (not counted as passed)');
} else {
  const outcomes = new Map<string, CaseOutcome[]>();
  for (const g of GROUPS) outcomes.set(g.label, listCases(g.suite, g.include).map((n) => runCase(g.suite, n)));
  console.log('\n  conformance (../shared/conformance):');
  for (const g of GROUPS) {
    const list = outcomes.get(g.label) ?? [];
    const passed = list.filter((o) => o.pass).length;
    const floor = g.floor === undefined ? 'not enforced yet' : `floor ${Math.round(g.floor * 100)}%`;
    console.log(`    ${g.label}: ${passed}/${list.length} passed (${floor})`);
  }
  for (const g of GROUPS) {
    if (g.floor === undefined) continue;
    test(`conformance ${g.label} passes at least ${Math.round(g.floor * 100)}% of its cases`, () => {
      const list = outcomes.get(g.label) ?? [];
      const failed = list.filter((o) => !o.pass);
      const rate = list.length === 0 ? 0 : (list.length - failed.length) / list.length;
      assert.ok(
        list.length > 0 && rate >= (g.floor ?? 0),
        `${list.length - failed.length}/${list.length} passed; failing:\n${failed.map((o) => `  ${o.name}: ${(o.reason ?? '').split('\n')[0]?.slice(0, 200)}`).join('\n')}`,
      );
    });
  }
}

test.run();
