/**
 * One render holds many teams' objects. A tenant who writes `__proto__`,
 * `constructor`, `prototype`, `toString` or `hasOwnProperty` as a key in
 * every map-shaped place of its own objects changes nothing for another
 * tenant: those are ordinary keys, never a path into a prototype and never
 * an inherited property that matches a selector.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseYamlStream, toYaml } from '../src/core/yaml.js';
import type { KubeObject, Result } from '../src/krm/types.js';
import { SELF_SIGNED_CERT } from './support/certs.js';
import { find, renderYaml, secretText } from './support/harness.js';

/** The victim tenant: a Prometheus, an Alertmanager and what they select, all in namespace `victim`. */
const VICTIM = `
apiVersion: v1
kind: Namespace
metadata: {name: victim, labels: {team: victim}}
---
apiVersion: v1
kind: Namespace
metadata: {name: kube-system}
---
apiVersion: v1
kind: Secret
metadata: {name: scrape-auth, namespace: victim}
stringData: {user: victim-user, pass: victim-pass}
---
apiVersion: monitoring.coreos.com/v1
kind: Prometheus
metadata: {name: v, namespace: victim, labels: {team: victim}}
spec:
  securityContext: {runAsNonRoot: true, runAsUser: 1000, fsGroup: 2000}
  serviceMonitorSelector: {matchLabels: {team: victim}}
  podMonitorSelector: {matchLabels: {team: victim}}
  probeSelector: {matchLabels: {team: victim}}
  scrapeConfigSelector: {matchLabels: {team: victim}}
  ruleSelector: {matchLabels: {team: victim}}
  externalLabels: {cluster: one}
---
apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata: {name: api, namespace: victim, labels: {team: victim}}
spec:
  selector: {matchLabels: {app: api}}
  endpoints:
  - port: web
    basicAuth: {username: {name: scrape-auth, key: user}, password: {name: scrape-auth, key: pass}}
---
apiVersion: monitoring.coreos.com/v1
kind: PrometheusRule
metadata: {name: rules, namespace: victim, labels: {team: victim}}
spec:
  groups:
  - name: g
    rules:
    - alert: Down
      expr: up == 0
      labels: {severity: page}
---
apiVersion: monitoring.coreos.com/v1
kind: Alertmanager
metadata: {name: main, namespace: victim}
spec:
  alertmanagerConfigSelector: {matchLabels: {team: victim}}
---
apiVersion: v1
kind: Secret
metadata: {name: alertmanager-main, namespace: victim}
stringData:
  alertmanager.yaml: |
    route: {receiver: 'null'}
    receivers: [{name: 'null'}]
---
apiVersion: monitoring.coreos.com/v1alpha1
kind: AlertmanagerConfig
metadata: {name: hooks, namespace: victim, labels: {team: victim}}
spec:
  route: {receiver: hook}
  receivers:
  - name: hook
    webhookConfigs: [{url: 'https://hooks.example.com/victim'}]
`;

/**
 * The attacker: the same kinds, with the dangerous names as keys in every
 * map-shaped field where the API server accepts them (label and annotation
 * keys cannot start with "_", so `__proto__` is left out of those). In a
 * struct-shaped field they are unknown fields: see the last test.
 */
const ATTACKER = `
apiVersion: v1
kind: Namespace
metadata: {name: attacker, labels: {constructor: x, toString: x, hasOwnProperty: x, prototype: x}}
---
apiVersion: v1
kind: Secret
metadata: {name: creds, namespace: attacker}
stringData: {__proto__: proto-user, constructor: ctor-pass, toString: token}
---
apiVersion: monitoring.coreos.com/v1
kind: Prometheus
metadata:
  name: a
  namespace: attacker
  labels: {constructor: x, prototype: x, toString: x, hasOwnProperty: x}
  annotations: {constructor: x, prototype: x, toString: x, hasOwnProperty: x}
spec:
  enforcedNamespaceLabel: __proto__
  podMetadata:
    labels: {constructor: x, prototype: x, toString: x, hasOwnProperty: x}
    annotations: {constructor: x, prototype: x, toString: x, hasOwnProperty: x}
  nodeSelector: {constructor: x, prototype: x, toString: x, hasOwnProperty: x}
  externalLabels: {__proto__: x, constructor: x, prototype: x, toString: x, hasOwnProperty: x}
  serviceMonitorSelector:
    matchLabels: {constructor: x}
    matchExpressions: [{key: toString, operator: Exists}]
  serviceMonitorNamespaceSelector:
    matchExpressions: [{key: constructor, operator: Exists}]
  podMonitorSelector: {matchExpressions: [{key: hasOwnProperty, operator: Exists}]}
  podMonitorNamespaceSelector: {matchExpressions: [{key: prototype, operator: Exists}]}
  probeSelector: {matchLabels: {toString: x}}
  probeNamespaceSelector: {matchExpressions: [{key: toString, operator: Exists}]}
  scrapeConfigSelector: {matchLabels: {constructor: x}}
  scrapeConfigNamespaceSelector: {matchExpressions: [{key: hasOwnProperty, operator: Exists}]}
  ruleSelector: {matchLabels: {prototype: x}}
  ruleNamespaceSelector: {matchExpressions: [{key: constructor, operator: In, values: [x]}]}
  storage:
    volumeClaimTemplate:
      metadata:
        labels: {constructor: x, toString: x}
        annotations: {constructor: x, toString: x}
      spec: {resources: {requests: {storage: 1Gi}}}
  containers:
  - name: prometheus
    env:
    - {name: __proto__, value: x}
    - {name: constructor, value: x}
  remoteWrite:
  - url: https://remote.example.com/write
    headers: {__proto__: x, constructor: x, toString: x}
    writeRelabelConfigs:
    - {sourceLabels: [__proto__], targetLabel: constructor, action: replace}
  - url: https://remote.example.com/oauth
    oauth2:
      clientId: {secret: {name: creds, key: __proto__}}
      clientSecret: {name: creds, key: constructor}
      tokenUrl: https://auth.example.com/token
      endpointParams: {__proto__: x, constructor: x, toString: x}
  remoteRead:
  - url: https://remote.example.com/read
    headers: {__proto__: x, hasOwnProperty: x}
    requiredMatchers: {__proto__: x, constructor: x, toString: x}
---
apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata: {name: sm, namespace: attacker, labels: {constructor: x, toString: x}}
spec:
  selector:
    matchLabels: {constructor: x, toString: x}
    matchExpressions: [{key: hasOwnProperty, operator: DoesNotExist}]
  targetLabels: [constructor, toString]
  podTargetLabels: [prototype]
  endpoints:
  - port: web
    params: {__proto__: [x], constructor: [x], toString: [x]}
    basicAuth: {username: {name: creds, key: __proto__}, password: {name: creds, key: constructor}}
    relabelings:
    - {sourceLabels: [__proto__, constructor], targetLabel: toString, action: replace}
    metricRelabelings:
    - {sourceLabels: [hasOwnProperty], targetLabel: __proto__, action: replace}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: ca, namespace: attacker}
data: {__proto__: ${JSON.stringify(SELF_SIGNED_CERT)}, constructor: not a certificate}
---
apiVersion: monitoring.coreos.com/v1
kind: PodMonitor
metadata: {name: pm, namespace: attacker, labels: {hasOwnProperty: x}}
spec:
  selector: {matchLabels: {prototype: x}}
  podMetricsEndpoints:
  - port: web
    scheme: https
    params: {__proto__: [x], hasOwnProperty: [x]}
    authorization: {credentials: {name: creds, key: toString}}
    tlsConfig: {ca: {configMap: {name: ca, key: __proto__}}}
---
apiVersion: monitoring.coreos.com/v1
kind: Probe
metadata: {name: probe, namespace: attacker, labels: {toString: x}}
spec:
  prober: {url: 'blackbox:9115'}
  module: http_2xx
  params:
  - {name: __proto__, values: [x]}
  - {name: constructor, values: [x]}
  targets:
    staticConfig:
      static: ['https://example.com']
      labels: {__proto__: x, constructor: x, namespace: x, toString: x}
---
apiVersion: monitoring.coreos.com/v1alpha1
kind: ScrapeConfig
metadata: {name: sc, namespace: attacker, labels: {constructor: x}}
spec:
  params: {__proto__: [x], constructor: [x]}
  staticConfigs:
  - targets: ['a.example.com:9100']
    labels: {__proto__: x, constructor: x, prototype: x, toString: x}
---
apiVersion: monitoring.coreos.com/v1
kind: PrometheusRule
metadata: {name: rules, namespace: attacker, labels: {prototype: x}}
spec:
  groups:
  - name: g
    labels: {constructor: x, toString: x}
    rules:
    - alert: Evil
      expr: up == 0
      labels: {__proto__: x, constructor: x, toString: x}
      annotations: {__proto__: x, hasOwnProperty: x, prototype: x}
---
apiVersion: monitoring.coreos.com/v1
kind: Alertmanager
metadata: {name: am, namespace: attacker, labels: {constructor: x}}
spec:
  podMetadata: {labels: {toString: x}, annotations: {hasOwnProperty: x, constructor: x}}
  nodeSelector: {constructor: x}
  alertmanagerConfigSelector: {matchLabels: {constructor: x}}
---
apiVersion: v1
kind: Secret
metadata: {name: alertmanager-am, namespace: attacker}
stringData:
  alertmanager.yaml: |
    route:
      receiver: 'null'
      routes:
      - {receiver: 'null', match: {__proto__: x, constructor: x}}
      - {receiver: 'null', match_re: {toString: x, hasOwnProperty: x}}
    receivers: [{name: 'null'}]
---
apiVersion: monitoring.coreos.com/v1alpha1
kind: AlertmanagerConfig
metadata: {name: cfg, namespace: attacker, labels: {constructor: x}}
spec:
  route:
    receiver: hook
    matchers: [{name: __proto__, value: x}, {name: constructor, value: x, matchType: '=~'}]
  inhibitRules:
  - sourceMatch: [{name: __proto__, value: x}]
    targetMatch: [{name: toString, value: x}]
  receivers:
  - name: hook
    webhookConfigs:
    - url: 'https://hooks.example.com/attacker'
      httpConfig:
        proxyURL: 'http://proxy.example.com:3128'
        proxyConnectHeader: {__proto__: [{name: creds, key: __proto__}], constructor: [{name: creds, key: constructor}]}
    pagerdutyConfigs:
    - routingKey: {name: creds, key: toString}
      details: [{key: __proto__, value: x}, {key: constructor, value: x}]
`;

const nonInfo = (results: readonly Result[]) => results.filter((r) => r.severity !== 'info').map((r) => `${r.severity}: ${r.message}`);

/** The victim's generated objects, as text: everything in its namespace and the cluster objects generated from it. */
function victimText(items: readonly KubeObject[]): string {
  const from = (o: KubeObject) => o.metadata.annotations?.['prometheus-krm.dev/generated-from'] ?? '';
  return toYaml(items.filter((o) => o.metadata.namespace === 'victim' || (o.metadata.namespace === undefined && from(o).includes('/victim/'))));
}

test('a tenant that writes __proto__, constructor, prototype, toString and hasOwnProperty keys in every map-shaped field changes no byte of another tenant, nor Object.prototype', () => {
  const before = Object.getOwnPropertyNames(Object.prototype).sort();
  const alone = renderYaml(VICTIM);
  const shared = renderYaml(`${ATTACKER}\n---\n${VICTIM}`);
  assert.equal(nonInfo(shared.results).filter((m) => m.startsWith('error')), []);
  assert.ok(shared.items.some((o) => o.kind === 'StatefulSet' && o.metadata.name === 'prometheus-a'), 'the attacker is rendered too');
  assert.equal(victimText(shared.items), victimText(alone.items));
  assert.equal(Object.getOwnPropertyNames(Object.prototype).sort(), before);
  assert.is(({} as Record<string, unknown>).hostNetwork, undefined);
});

test('the dangerous names come out as ordinary keys of the tenant that wrote them', () => {
  const { items } = renderYaml(`${ATTACKER}\n---\n${VICTIM}`);
  const config = secretText(find(items, 'Secret', 'attacker', 'prometheus-a'), 'prometheus.yaml.gz');
  assert.match(config, /external_labels:\n +__proto__: x\n +constructor: x\n +hasOwnProperty: x\n +prometheus: attacker\/a\n/);
  // Probe labels: `__proto__` kept, and the user's own `namespace` label is not overwritten.
  assert.match(config, /labels:\n +__proto__: x\n +constructor: x\n +namespace: x\n +toString: x\n/);
  assert.match(config, /params:\n +module:\n +- http_2xx\n +__proto__:\n +- x\n +constructor:\n +- x\n/);
  // Secret keys named like prototype properties are read as keys.
  assert.match(config, /username: proto-user\n +password: ctor-pass\n/);
  const rules = find(items, 'ConfigMap', 'attacker', 'prometheus-a-rulefiles-0');
  const ruleText = Object.values(rules.data as Record<string, string>).join('\n');
  // The enforced namespace label named `__proto__` is applied like any other.
  assert.match(ruleText, /labels:\n +__proto__: attacker\n +constructor: x\n/);
  assert.match(config, /endpoint_params:\n +__proto__: x\n +constructor: x\n +toString: x\n/);
  assert.match(config, /required_matchers:\n +__proto__: x\n +constructor: x\n +toString: x\n/);
  // A ConfigMap key named `__proto__` is read as a key: its CA is mounted.
  assert.match(config, /ca_file: \/etc\/prometheus\/certs\/1_attacker_ca___proto__\n/);
  assert.match(secretText(find(items, 'Secret', 'attacker', 'prometheus-a-tls-assets-0'), '1_attacker_ca___proto__'), /^-----BEGIN CERTIFICATE-----\n/);
  const am = secretText(find(items, 'Secret', 'attacker', 'alertmanager-am-generated'), 'alertmanager.yaml.gz');
  assert.match(am, /match:\n +__proto__: x\n +constructor: x\n/);
  const sts = find(items, 'StatefulSet', 'attacker', 'prometheus-a') as unknown as { spec: { template: { spec: { containers: Array<{ name: string; env?: unknown[] }> } } } };
  const prom = sts.spec.template.spec.containers.find((c) => c.name === 'prometheus');
  assert.ok(prom?.env?.some((e) => JSON.stringify(e) === '{"name":"__proto__","value":"x"}'), 'an environment variable named __proto__ is kept');
});

test('a namespace selector on an inherited property name matches only namespaces that carry that label', () => {
  const { items } = renderYaml(`${ATTACKER}\n---\n${VICTIM}`);
  const config = secretText(find(items, 'Secret', 'attacker', 'prometheus-a'), 'prometheus.yaml.gz');
  assert.match(config, /job_name: serviceMonitor\/attacker\/sm\/0\n/);
  assert.not.match(config, /victim/);
  const roles = items.filter((o) => o.kind === 'Role' && o.metadata.annotations?.['prometheus-krm.dev/generated-from']?.includes('/attacker/a'));
  assert.equal(
    roles.map((r) => r.metadata.namespace),
    ['attacker'],
  );
});

test('a label selector whose key is not a label key (__proto__) is refused, naming the field', () => {
  const out = renderYaml(`${VICTIM}\n---\n${ATTACKER.replace('ruleSelector: {matchLabels: {prototype: x}}', 'ruleSelector: {matchLabels: {__proto__: x}}')}`);
  const errors = out.results.filter((r) => r.severity === 'error');
  assert.equal(
    errors.map((r) => [r.resourceRef?.name, r.field?.path, r.message]),
    [
      [
        'a',
        'spec.ruleSelector',
        'spec.ruleSelector.matchLabels: "__proto__" is not a valid label key (an optional DNS subdomain prefix and "/", then at most 63 letters, digits, "-", "_" or ".", starting and ending with a letter or digit)',
      ],
    ],
  );
});

test('in a struct-shaped field (a container) the dangerous names are unknown fields: errors naming each, nothing generated, Object.prototype untouched', () => {
  const before = Object.getOwnPropertyNames(Object.prototype).sort();
  const container = `  containers:
  - name: prometheus
    __proto__:
      hostNetwork: true
      serviceAccountName: evil
      args: [--web.enable-admin-api]
    constructor: {prototype: {polluted: true}}
    toString: x
    env:`;
  const attacker = ATTACKER.replace('  containers:\n  - name: prometheus\n    env:', container);
  assert.is.not(attacker, ATTACKER);
  const input = `${attacker}\n---\n${VICTIM}`;
  const out = renderYaml(input);
  assert.equal(
    out.results.filter((r) => r.severity === 'error').map((r) => [r.resourceRef?.kind, r.resourceRef?.name, r.field?.path, r.message]),
    ['__proto__', 'constructor', 'toString'].map((key) => [
      'Prometheus',
      'a',
      `spec.containers[0].${key}`,
      `unknown field "spec.containers[0].${key}"; Prometheus declares no such field there: remove it`,
    ]),
  );
  // The input comes back as it was read, and nothing generated.
  assert.is(toYaml(out.items), toYaml(parseYamlStream(input).filter((d) => d)));
  assert.equal(Object.getOwnPropertyNames(Object.prototype).sort(), before);
  assert.is(({} as Record<string, unknown>).hostNetwork, undefined);
  assert.is(({} as Record<string, unknown>).polluted, undefined);
});

test.run();
