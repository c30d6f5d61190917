/**
 * Regular expressions on input text: Go regexes judged as Prometheus and
 * Alertmanager judge them (kept when they accept, refused when they
 * refuse), PromQL of any length, and every pattern-based check answering
 * hostile text (long runs of the repeated characters, ending in a
 * mismatch) within a generous time budget. The budgets guard against
 * hostile input; they are not benchmarks (see `npm run bench`).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { FieldShapes, schemaProblems } from '../src/api/schema-check.js';
import { splitHostPort } from '../src/alertmanager/config/receivers/email.js';
import { checkUrl } from '../src/alertmanager/config/url.js';
import { parseBase2Bytes, parseByteSize } from '../src/core/byte-size.js';
import { parseDuration } from '../src/core/duration.js';
import { goRegex } from '../src/core/regex/go-regex.js';
import { parseYamlStream } from '../src/core/yaml.js';
import type { KubeObject, Result } from '../src/krm/types.js';
import { relabelProblem } from '../src/promconfig/relabel.js';
import { checkServerUrl } from '../src/prometheus/config/scrape/sd/common.js';
import { fieldSelectorProblem, labelSelectorProblem } from '../src/prometheus/config/scrape/sd/k8s-selectors.js';
import { urlParseProblem } from '../src/prometheus/config/scrape/endpoint-checks.js';
import { quantityToFloat } from '../src/core/quantity.js';
import { parsePromQL } from '../src/rules/promql/parse.js';
import { printExpr } from '../src/rules/promql/print.js';
import { parseVersion } from '../src/version/semver.js';
import { buildImagePath } from '../src/workload/image-path.js';
import { dns1123Label } from '../src/workload/names.js';
import { find, renderYaml, secretText } from './support/harness.js';

/** Generous: the patterns these checks replaced took minutes, or never finished, on such text. */
const BUDGET_MS = 3000;
const HUGE = 100_000;

/** Runs `check`, asserting it answers within the budget, and returns its answer. */
function quick<T>(what: string, check: () => T): T {
  const start = performance.now();
  const answer = check();
  const ms = performance.now() - start;
  assert.ok(ms < BUDGET_MS, `${what} took ${Math.round(ms)} ms`);
  return answer;
}

// --- Go regexes ------------------------------------------------------------------

test('RE2 syntax as Go reads it: POSIX classes, \\x{..}, a{,3} as a literal, the repeat limit, no lookaround or backreference', () => {
  const verdict = (regex: string) => goRegex('relabel', regex).error ?? 'ok';
  assert.equal(
    ['[[:alpha:]]+', '\\x{41}', 'a{,3}', '(?P<n>a)', '(?<n>a)', '\\Qa.b\\E', '\\pL', 'a\\z', '(?i)a(?-i:b)', '(?U)a+', '(?m)^a$', 'a{1000}'].map(verdict),
    Array(12).fill('ok'),
  );
  assert.equal(verdict('(?=a)'), 'error parsing regexp: invalid or unsupported Perl syntax: `(?=`');
  assert.equal(verdict('(a)\\1'), 'error parsing regexp: invalid escape sequence: `\\1`');
  assert.equal(verdict('a{1001}'), 'error parsing regexp: invalid repeat count: `{1001}`');
  // Prometheus compiles ^(?s:<regex>)$, and Go's message quotes that text.
  assert.equal(verdict('(?<!a)b'), 'error parsing regexp: invalid named capture: `(?<!a)b)$`');
  // a{,3} is the four characters, as in Go.
  assert.ok(goRegex('alertmanager', 'a{,3}').pattern?.matchesAll('a{,3}'));
  assert.not.ok(goRegex('alertmanager', 'a{,3}').pattern?.matchesAll('aa'));
});

test('each reader anchors the regex its own way: Prometheus wraps relabel regexes, PromQL parses the regex alone', () => {
  // ^(?s:a)(b)$ and ^(?:a)(b)$ compile, so Prometheus's relabelings and Alertmanager accept this text; PromQL does not.
  assert.is(goRegex('relabel', 'a)(b').error, undefined);
  assert.is(goRegex('alertmanager', 'a)(b').error, undefined);
  assert.is(goRegex('promql', 'a)(b').error, 'error parsing regexp: unexpected ): `a)(b`');
  // The dot matches a newline in Prometheus's readers, not in Alertmanager's.
  assert.ok(goRegex('promql', 'a.b').pattern?.matchesAll('a\nb'));
  assert.not.ok(goRegex('alertmanager', 'a.b').pattern?.matchesAll('a\nb'));
  assert.is(goRegex('promql', '(').error, 'error parsing regexp: missing closing ): `(`');
});

test('a capture-group name used twice is valid Go (re2js alone refuses it)', () => {
  assert.is(goRegex('relabel', '(?P<n>a)|(?P<n>b)').error, undefined);
  assert.is(goRegex('promql', '(?<n>a)(?P<n>b)\\Q(?P<n>\\E').error, undefined);
  assert.ok(goRegex('alertmanager', '(?P<n>a)|(?P<n>b)').pattern?.matchesAll('b'));
});

const PROMETHEUS = (version = 'v3.5.0') => `
apiVersion: monitoring.coreos.com/v1
kind: Prometheus
metadata: {name: k8s, namespace: monitoring}
spec:
  version: ${version}
  serviceMonitorSelector: {}
  scrapeConfigSelector: {}
  ruleSelector: {}
`;

function serviceMonitor(name: string, relabeling: string): string {
  return `---
apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata: {name: ${name}, namespace: monitoring}
spec:
  selector: {}
  endpoints:
  - port: web
    relabelings: [${relabeling}]`;
}

function prometheusConfig(items: readonly KubeObject[]): { scrape_configs: Array<{ job_name: string }> } {
  return parseYamlStream(secretText(find(items, 'Secret', 'monitoring', 'prometheus-k8s'), 'prometheus.yaml.gz'))[0] as never;
}

const warnings = (results: readonly Result[]) => results.filter((r) => r.severity !== 'info');

test('relabel regexes: valid RE2 keeps the ServiceMonitor, what Prometheus refuses leaves it out with Go\'s reason', () => {
  const valid = ['[[:alpha:]]+', '\\\\x{41}', 'a{,3}'];
  const invalid = ['(?=a)', '(a)\\\\1', 'a{1001}'];
  const monitors = [...valid, ...invalid].map((r, i) => serviceMonitor(`m${i}`, `{sourceLabels: [a], regex: "${r}", action: keep}`));
  const out = renderYaml(PROMETHEUS() + monitors.join('\n'));
  assert.equal(
    prometheusConfig(out.items).scrape_configs.map((j) => j.job_name),
    ['serviceMonitor/monitoring/m0/0', 'serviceMonitor/monitoring/m1/0', 'serviceMonitor/monitoring/m2/0'],
  );
  assert.equal(
    warnings(out.results).map((r) => `${r.resourceRef?.name} ${r.field?.path}`),
    ['m3 spec.endpoints[0].relabelings[0]', 'm4 spec.endpoints[0].relabelings[0]', 'm5 spec.endpoints[0].relabelings[0]'],
  );
  assert.match(warnings(out.results)[2]?.message ?? '', 'invalid regex a{1001} for relabel configuration: error parsing regexp: invalid repeat count: `{1001}`');
  const failed = renderYaml(PROMETHEUS() + monitors[3], { onInvalid: 'fail' });
  assert.equal(warnings(failed.results).map((r) => r.severity), ['error']);
});

function rule(name: string, expr: string): string {
  return `---
apiVersion: monitoring.coreos.com/v1
kind: PrometheusRule
metadata: {name: ${name}, namespace: monitoring}
spec:
  groups:
  - name: g
    rules:
    - record: r
      expr: ${JSON.stringify(expr)}`;
}

function ruleFiles(items: readonly KubeObject[]): string[] {
  const cm = find(items, 'ConfigMap', 'monitoring', 'prometheus-k8s-rulefiles-0');
  return Object.keys((cm.data ?? {}) as Record<string, string>).sort();
}

test('PromQL matcher regexes: valid RE2 keeps the rule, what Prometheus refuses rejects it at the matcher', () => {
  const exprs = ['up{job=~"[[:alpha:]]+"}', 'up{job=~"\\\\x{41}"}', 'up{job!~"a{,3}"}', 'up{job=~"(?=a)"}', 'up{job=~"(a)\\\\1"}', 'up{job=~"a{1001}"}'];
  const out = renderYaml(PROMETHEUS() + exprs.map((e, i) => rule(`r${i}`, e)).join('\n'));
  assert.equal(ruleFiles(out.items), ['monitoring_r0.yaml', 'monitoring_r1.yaml', 'monitoring_r2.yaml']);
  const messages = warnings(out.results).map((r) => `${r.resourceRef?.name}: ${r.message}`);
  assert.is(messages.length, 3);
  assert.match(messages[0] ?? '', 'r3: ');
  assert.match(messages[0] ?? '', '1:4: parse error: error parsing regexp: invalid or unsupported Perl syntax: `(?=`');
  assert.match(messages[2] ?? '', 'invalid repeat count: `{1001}`');
  assert.equal(parsePromQL('{a=~"(?i)x|y", b!~"\\\\pL"}').error, undefined);
});

const ALERTMANAGER = `
apiVersion: monitoring.coreos.com/v1
kind: Alertmanager
metadata: {name: main, namespace: monitoring}
spec:
  version: v0.28.1
  alertmanagerConfigSelector: {}
  alertmanagerConfigNamespaceSelector: {}
---
apiVersion: v1
kind: Secret
metadata: {name: alertmanager-main, namespace: monitoring}
stringData:
  alertmanager.yaml: |
    route: {receiver: 'null'}
    receivers: [{name: 'null'}]
`;

function amConfig(name: string, matcher: string): string {
  return `---
apiVersion: monitoring.coreos.com/v1alpha1
kind: AlertmanagerConfig
metadata: {name: ${name}, namespace: monitoring}
spec:
  route:
    receiver: r
    routes:
    - receiver: r
      matchers: [${matcher}]
  receivers: [{name: r}]`;
}

test('AlertmanagerConfig matcher regexes: valid RE2 kept, what Alertmanager refuses rejects the object', () => {
  const valid = ['{name: a, value: "[[:alpha:]]+", matchType: "=~"}', '{name: a, value: "\\\\x{41}", regex: true}', '{name: a, value: "a{,3}", matchType: "!~"}'];
  const invalid = ['{name: a, value: "(?=a)", matchType: "=~"}', '{name: a, value: "(a)\\\\1", regex: true}', '{name: a, value: "a{1001}", matchType: "!~"}'];
  const out = renderYaml(ALERTMANAGER + [...valid, ...invalid].map((m, i) => amConfig(`c${i}`, m)).join('\n') + '\n---\napiVersion: v1\nkind: Namespace\nmetadata: {name: monitoring}');
  const cfg = parseYamlStream(secretText(find(out.items, 'Secret', 'monitoring', 'alertmanager-main-generated'), 'alertmanager.yaml.gz'))[0] as {
    route: { routes: Array<{ receiver: string; routes: Array<{ matchers: string[] }> }> };
  };
  assert.equal(
    cfg.route.routes.map((r) => r.routes[0]?.matchers.at(-1)),
    ['a=~"[[:alpha:]]+"', 'a=~"\\\\x{41}"', 'a!~"a{,3}"'],
  );
  const rejected = warnings(out.results).map((r) => r.resourceRef?.name);
  assert.equal(rejected, ['c3', 'c4', 'c5']);
  assert.match(warnings(out.results)[1]?.message ?? '', 'invalid regular expression "(a)\\\\1": error parsing regexp: invalid escape sequence: `\\1`');
});

// --- PromQL of any length ---------------------------------------------------------------

const terms = (n: number) => Array.from({ length: n }, (_, i) => `rate(http_requests_total{job="j${i}",code=~"5.."}[5m])`);

test('a 200-term or chain keeps its PrometheusRule', () => {
  const out = renderYaml(PROMETHEUS() + rule('long', terms(200).join(' or ')));
  assert.equal(warnings(out.results), []);
  assert.equal(ruleFiles(out.items).length, 1);
});

test('flat chains of any length parse to the same tree, printed back as written; nesting is what is limited', () => {
  for (const n of [200, 600, 5000]) {
    const text = terms(n).join(' or ');
    const parsed = parsePromQL(text);
    assert.is(parsed.error, undefined, `${n} terms`);
    assert.is(printExpr(parsed.expr as never), text.replaceAll('{job="j', '{code=~"5..",job="j').replaceAll('",code=~"5.."}', '"}'));
  }
  const modifiers = Array.from({ length: 700 }, (_, i) => `a${i}`).join(' or on (job) ');
  assert.is(printExpr(parsePromQL(modifiers).expr as never), modifiers.replaceAll('on (job)', 'on (job)'));
  assert.equal(parsePromQL(`${terms(600).join(' or ')} or rate(x)`).error, {
    message: 'parse error: expected type range vector in call to function "rate", got instant vector',
    line: 1,
    // At rate's argument, as a parse of the whole text reports it.
    column: terms(600).join(' or ').length + 10,
  });
  assert.equal(parsePromQL(`${terms(600).join(' or ')} or )`).error?.message, 'parse error: unexpected ")"');
  assert.is(parsePromQL(Array(3000).fill('1').join(' + ')).error, undefined);
  // 1000 levels, the innermost expression included.
  assert.is(parsePromQL(`${'('.repeat(999)}up${')'.repeat(999)}`).error, undefined);
  assert.equal(parsePromQL(`${'('.repeat(1000)}up${')'.repeat(1000)}`).error, { message: 'parse error: expression nests too deeply', line: 1, column: 1001 });
});

// --- the three patterns that never finished ---------------------------------------------------------

test('hostile label selectors of a Kubernetes SD: a few dozen bytes and 100 KB answered at once, with the right verdict', () => {
  assert.is(labelSelectorProblem('app in (a, b,c), tier notin (x)'), undefined);
  assert.is(labelSelectorProblem('app in ()'), undefined);
  for (const n of [20, 80, HUGE / 2]) {
    const hostile = `a in (${' ,'.repeat(n)}!)`;
    assert.ok(quick(`label selector of ${hostile.length} bytes`, () => labelSelectorProblem(hostile)), hostile.slice(0, 40));
  }
  const sc = (selector: string) => `---
apiVersion: monitoring.coreos.com/v1alpha1
kind: ScrapeConfig
metadata: {name: sd, namespace: monitoring}
spec:
  kubernetesSDConfigs:
  - role: Pod
    selectors: [{role: Pod, label: ${JSON.stringify(selector)}}]`;
  const out = quick('a render with a hostile selector', () => renderYaml(PROMETHEUS() + sc(`a in (${' ,'.repeat(40)}!)`)));
  assert.equal(warnings(out.results).map((r) => `${r.resourceRef?.name} ${r.field?.path}`), ['sd spec.kubernetesSDConfigs[0].selectors[0]']);
  assert.is(fieldSelectorProblem(`a=b,${'\\,'.repeat(HUGE)}`), `invalid selector: 'a=b,${'\\,'.repeat(HUGE)}'; can't understand '${'\\,'.repeat(HUGE)}'`);
});

test('hostile labelmap replacements under Prometheus 2.x: answered at once, Prometheus\'s verdict kept', () => {
  const version = parseVersion('2.55.0');
  if (!version) throw new Error('2.55.0 must parse');
  const labelmap = (replacement: string) => relabelProblem({ action: 'labelmap', regex: '(.+)', replacement }, version);
  assert.is(labelmap('${1}_suffix'), undefined);
  assert.is(labelmap('team_$1'), undefined);
  for (const n of [40, 170, HUGE]) {
    const hostile = `${'a'.repeat(n)}!`;
    assert.match(quick(`labelmap replacement of ${n} bytes`, () => labelmap(hostile)) ?? '', "is invalid 'replacement' for labelmap action");
  }
  const out = quick('a render with a hostile replacement', () =>
    renderYaml(PROMETHEUS('v2.53.0') + serviceMonitor('lm', `{action: labelmap, regex: "(.+)", replacement: "${'a'.repeat(60)}!"}`)),
  );
  assert.equal(warnings(out.results).map((r) => r.resourceRef?.name), ['lm']);
});

test('hostile ByteSize values (the CRD pattern is not anchored at the start): answered at once, the CRD\'s verdict kept', () => {
  const monitor = (bodySizeLimit: string) => ({
    apiVersion: 'monitoring.coreos.com/v1',
    kind: 'ServiceMonitor',
    metadata: { name: 'b', namespace: 'monitoring' },
    spec: { selector: {}, endpoints: [], bodySizeLimit },
  });
  assert.equal(schemaProblems(monitor('10MB'), new FieldShapes()), []);
  assert.equal(schemaProblems(monitor('1.5GiB'), new FieldShapes()), []);
  for (const n of [40, 170, HUGE]) {
    const problems = quick(`bodySizeLimit of ${n} digits`, () => schemaProblems(monitor(`${'1'.repeat(n)}x`), new FieldShapes()));
    assert.equal(problems.map((p) => p.path), ['spec.bodySizeLimit']);
  }
  const rendered = quick('a render with a hostile bodySizeLimit', () =>
    renderYaml(PROMETHEUS() + `---\napiVersion: monitoring.coreos.com/v1\nkind: ServiceMonitor\nmetadata: {name: b, namespace: monitoring}\nspec: {selector: {}, endpoints: [{port: web}], bodySizeLimit: "${'1'.repeat(HUGE)}x"}`),
  );
  assert.ok(rendered.results.some((r) => r.resourceRef?.name === 'b' && r.field?.path === 'spec.bodySizeLimit'));
  // (?i) patterns are Go's inline flag, on RE2 too.
  const group = (strategy: string) => ({
    apiVersion: 'monitoring.coreos.com/v1',
    kind: 'PrometheusRule',
    metadata: { name: 'g' },
    spec: { groups: [{ name: 'g', partial_response_strategy: strategy, rules: [] }] },
  });
  assert.equal(schemaProblems(group('WARN'), new FieldShapes()), []);
  assert.equal(schemaProblems(group(`${'warn'.repeat(HUGE / 4)}x`), new FieldShapes()).map((p) => p.path), ['spec.groups[0].partial_response_strategy']);
});

// --- every other pattern-based check on input text ---------------------------------------------------------

test('every pattern-based check on input text answers 100 KB of its worst text at once', () => {
  const digits = '1'.repeat(HUGE);
  const dashes = '-'.repeat(HUGE);
  const word = 'a'.repeat(HUGE);
  assert.is(quick('parseByteSize', () => parseByteSize(`${digits}x`)), 0);
  assert.is(quick('parseByteSize', () => parseByteSize('1.5KiB')), 1536);
  assert.is(quick('parseBase2Bytes', () => parseBase2Bytes(`${digits}.`)), 0);
  assert.is(quick('parseBase2Bytes', () => parseBase2Bytes('1GiB512MiB')), 1.5 * 1024 ** 3);
  assert.is(quick('parseBase2Bytes', () => parseBase2Bytes('1constructor')), 0);
  assert.is(quick('splitHostPort', () => splitHostPort(`[${':'.repeat(HUGE)}`)), undefined);
  assert.equal(quick('splitHostPort', () => splitHostPort('[::1]:25')), { host: '::1', port: '25' });
  assert.ok(quick('checkUrl', () => checkUrl(`h${'+'.repeat(HUGE)}`)));
  assert.is(quick('checkUrl', () => checkUrl('https://user@host/x')), undefined);
  assert.ok(quick('urlParseProblem', () => urlParseProblem(`http://${'@'.repeat(HUGE)}:x`)));
  assert.is(quick('urlParseProblem', () => urlParseProblem('http://u@h:9090/p')), undefined);
  assert.is(quick('parseVersion', () => parseVersion(`1.2.3-${'a.'.repeat(HUGE / 2)}`)), undefined);
  assert.is(quick('parseVersion', () => parseVersion(`${'0'.repeat(HUGE)}x`)), undefined);
  assert.ok(Number.isNaN(quick('quantityToFloat', () => quantityToFloat(`${digits}e${digits}x`))));
  assert.is(quick('durations', () => parseDuration(`${digits}x`)), undefined);
  assert.is(quick('durations', () => parseDuration(`${digits}y${digits}`)), undefined);
  assert.is(parseDuration('1h30m'), 5_400_000);
  assert.is(parseDuration('1m5ms'), 60_005);
  assert.is(parseDuration('5s1m'), undefined);
  assert.equal(quick('PromQL number literal', () => parsePromQL(`${digits}.${digits}e`).error), { message: 'parse error: unexpected "e"', line: 1, column: 2 * HUGE + 2 });
  assert.equal(quick('PromQL error after a long name', () => parsePromQL(`${word}(`).error?.message), `parse error: unknown function with name "${word}"`);
  const reports: string[] = [];
  quick('checkServerUrl', () => checkServerUrl(`a${'+'.repeat(HUGE)}`, 'f', (m) => void reports.push(m)));
  assert.is(reports.length, 1);
  const refused: string[] = [];
  const refuse = (message: string): undefined => void refused.push(message);
  const image = (baseImage: string, tag?: string) => buildImagePath({ baseImage, version: 'v1', tag, field: 'spec.image' }, refuse);
  assert.is(quick('image tag', () => image('quay.io/prometheus/prometheus', `${'a-'.repeat(HUGE / 2)}!`)), undefined);
  assert.is(quick('image registry', () => image(`${'a-'.repeat(HUGE / 2)}!.io/x`)), undefined);
  assert.is(quick('image path', () => image(`a/${'a-'.repeat(HUGE / 2)}`)), undefined);
  assert.is(quick('image digest', () => image(`a/b@${'a-'.repeat(HUGE / 2)}:ab`)), undefined);
  assert.is(quick('generated label names', () => dns1123Label('prometheus', `${dashes}x${dashes}`, refuse, 'spec.secrets[0]')), undefined);
  assert.is(refused.length, 5);
  assert.is(dns1123Label('alertmanager--', '--Main_Team--', refuse, 'f'), 'alertmanager---main-team');
  assert.is(dns1123Label('prometheus', 'Ünïcode..name---', refuse, 'f'), 'prometheus--n-code-name');
});

test.run();
