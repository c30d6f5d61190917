/**
 * User-supplied maps whose keys look like numbers ("9", "10"): JavaScript
 * lists such keys first, in numeric order; Go writes a map's keys sorted, by
 * bytes where the operator sorts (and in Kubernetes objects), or in
 * gopkg.in/yaml.v2's order where it hands a Go map to that encoder. The
 * written text must follow Go, so these tests read the text, never a parsed
 * value (parsing would restore JavaScript's order).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { compareYamlV2Keys } from '../src/core/key-order.js';
import { readResourceList } from '../src/krm/read.js';
import { renderResourceListText } from '../src/render/resource-list.js';
import { resourceList, secretText } from './support/harness.js';

const KEYS = '{"9": nine, "10": ten, "a": small, "B": big, "a9": a-nine, "a10": a-ten}';

const NAMESPACE = 'apiVersion: v1\nkind: Namespace\nmetadata: {name: monitoring}\n';

const PROMETHEUS = `
apiVersion: monitoring.coreos.com/v1
kind: Prometheus
metadata: {name: k8s, namespace: monitoring, annotations: ${KEYS}}
spec: {externalLabels: ${KEYS}, podMetadata: {labels: ${KEYS}}, serviceMonitorSelector: {}, ruleSelector: {}}
`;

const SERVICE_MONITOR = `
apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata: {name: app, namespace: monitoring}
spec: {selector: {matchLabels: {app: x}}, endpoints: [{port: web, params: ${KEYS.replace(/: ([\w-]+)/g, ': [$1]')}}]}
`;

const RULE = `
apiVersion: monitoring.coreos.com/v1
kind: PrometheusRule
metadata: {name: rules, namespace: monitoring}
spec: {groups: [{name: g, rules: [{alert: Down, expr: up == 0, labels: ${KEYS}}]}]}
`;

/** Renders through the KRM step and returns the output text. */
function renderText(...docs: string[]): string {
  const out = renderResourceListText(resourceList(docs.join('---\n')));
  assert.is(out.failed, false);
  return out.text;
}

/**
 * The keys of the block mapping under `path` in YAML `text`, in the order
 * they are written. Each path element names a key one level deeper; the
 * first one is looked for anywhere.
 */
function keysUnder(text: string, path: readonly string[]): string[] {
  const lines = text.split('\n');
  let at = -1;
  let indent = -1;
  for (const [depth, name] of path.entries()) {
    const pattern = new RegExp(`^(\\s*)(- )?${name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}:\\s*$`);
    const found = lines.findIndex((l, i) => i > at && pattern.test(l) && (depth === 0 || leading(l) > indent));
    assert.ok(found >= 0, `no ${path.slice(0, depth + 1).join('.')} in the text`);
    at = found;
    const m = pattern.exec(lines[found] as string) as RegExpExecArray;
    indent = (m[1] as string).length + (m[2] ? 2 : 0);
  }
  const keys: string[] = [];
  for (const line of lines.slice(at + 1)) {
    const depth = leading(line);
    if (depth <= indent) break;
    if (keys.length > 0 && depth !== leading(lines[at + 1] as string)) continue;
    keys.push(unquote(line.trim().split(':')[0] as string));
  }
  return keys;
}

const leading = (line: string): number => line.length - line.trimStart().length;
const unquote = (key: string): string => key.replace(/^'(.*)'$/, '$1');

/** The text of the object `kind`/`name` among the items of a KRM output text. */
function objectText(text: string, kind: string, name: string): string {
  const docs = text.split(/\n(?= *- apiVersion: )/);
  const doc = docs.find((d) => new RegExp(`\\n *kind: ${kind}\\n`).test(d) && new RegExp(`\\n *name: ${name}\\n`).test(d));
  assert.ok(doc, `no ${kind} ${name} in the output`);
  return doc as string;
}

test('external labels with number-like keys come out in byte order in prometheus.yaml, as the operator sorts them', () => {
  const text = renderText(NAMESPACE, PROMETHEUS);
  const secret = readResourceList(text).items.find((o) => o.kind === 'Secret' && o.metadata.name === 'prometheus-k8s');
  assert.ok(secret);
  const config = secretText(secret!, 'prometheus.yaml.gz');
  assert.equal(keysUnder(config, ['external_labels']), ['10', '9', 'B', 'a', 'a10', 'a9', 'prometheus', 'prometheus_replica']);
});

test('labels and annotations of generated objects come out in byte order, as Go serialises a map', () => {
  const sts = objectText(renderText(NAMESPACE, PROMETHEUS), 'StatefulSet', 'prometheus-k8s');
  const podLabels = keysUnder(sts, ['template', 'metadata', 'labels']);
  assert.equal(podLabels.slice(0, 6), ['10', '9', 'B', 'a', 'a10', 'a9']);
  const annotations = keysUnder(sts, ['annotations']);
  assert.equal(annotations.slice(0, 6), ['10', '9', 'B', 'a', 'a10', 'a9']);
});

test('ServiceMonitor params come out in gopkg.in/yaml.v2 order, the operator handing the Go map to that encoder', () => {
  const text = renderText(NAMESPACE, PROMETHEUS, SERVICE_MONITOR);
  const secret = readResourceList(text).items.find((o) => o.kind === 'Secret' && o.metadata.name === 'prometheus-k8s');
  const config = secretText(secret!, 'prometheus.yaml.gz');
  assert.equal(keysUnder(config, ['params']), ['9', '10', 'B', 'a', 'a9', 'a10']);
});

test('rule labels come out in gopkg.in/yaml.v2 order, as the operator writes rule files', () => {
  const text = renderText(NAMESPACE, PROMETHEUS, RULE);
  const cm = readResourceList(text).items.find((o) => o.kind === 'ConfigMap' && o.metadata.name === 'prometheus-k8s-rulefiles-0');
  const file = Object.values((cm?.data ?? {}) as Record<string, string>)[0] ?? '';
  assert.equal(keysUnder(file, ['labels']), ['9', '10', 'B', 'a', 'a9', 'a10']);
});

test('gopkg.in/yaml.v2 order: other characters before letters, runs of digits by value, letters by code point', () => {
  const keys = ['a10', 'B', '10', 'a', '_x', '9', 'a9', 'b01', 'b1', 'a_b', 'aB'];
  assert.equal([...keys].sort(compareYamlV2Keys), ['_x', '9', '10', 'B', 'a', 'a_b', 'a9', 'a10', 'aB', 'b1', 'b01']);
});

test.run();
