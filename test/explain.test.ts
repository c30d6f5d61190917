// `prometheus-krm explain`, through the built command on real package
// folders: what each resource selected and what it became, what it rejected
// and why, and the nearest miss of every object nothing selected, in text
// and as JSON.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { runBin, type CommandRun } from './support/harness.js';

/** Runs explain on a package folder holding one file. */
function explain(yaml: string, ...args: string[]): CommandRun {
  const dir = mkdtempSync(join(tmpdir(), 'prometheus-krm-explain-'));
  try {
    writeFileSync(join(dir, 'all.yaml'), yaml);
    return runBin(['explain', dir, ...args]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

interface Json {
  owners: Array<{
    kind: string;
    namespace: string;
    name: string;
    valid: boolean;
    kinds: Array<{ kind: string; selectorUnset: boolean; selected: Array<Record<string, unknown>>; rejected: Array<Record<string, unknown>>; notSelected: number }>;
    references: Array<Record<string, unknown>>;
  }>;
  unselected: Array<Record<string, unknown>>;
  refused: Array<Record<string, unknown>>;
}

/** The monitor `broken` refers to a Secret the package lacks: with secrets: inline, as the operator, that rejects it. */
const INLINE = ['--option', 'secrets=inline'];

function explainJson(yaml: string, ...args: string[]): Json {
  const r = explain(yaml, '--output', 'json', ...args);
  assert.is(r.status, 0, r.stderr);
  return JSON.parse(r.stdout) as Json;
}

const kindOf = (json: Json, owner: string, kind: string) => {
  const found = json.owners.find((o) => `${o.kind}/${o.namespace}/${o.name}` === owner)?.kinds.find((k) => k.kind === kind);
  if (!found) throw new Error(`no ${kind} under ${owner}`);
  return found;
};

const PROMETHEUS = `
apiVersion: v1
kind: Namespace
metadata: {name: monitoring, labels: {monitoring: enabled}}
---
apiVersion: v1
kind: Namespace
metadata: {name: team-x}
---
apiVersion: monitoring.coreos.com/v1
kind: Prometheus
metadata: {name: k8s, namespace: monitoring}
spec:
  serviceMonitorSelector: {matchLabels: {team: a}}
  serviceMonitorNamespaceSelector: {matchLabels: {monitoring: enabled}}
`;

/** A Prometheus that selects every PrometheusRule of its namespace. */
const RULES_PROMETHEUS = `
apiVersion: monitoring.coreos.com/v1
kind: Prometheus
metadata: {name: k8s, namespace: monitoring}
spec:
  ruleSelector: {}
`;

const PROBE = `---
apiVersion: monitoring.coreos.com/v1
kind: Probe
metadata: {name: site, namespace: monitoring}
spec:
  prober: {url: blackbox:9115}
  targets: {staticConfig: {static: [https://example.org]}}
`;

/** The case: a monitor in a namespace no Prometheus watches, one with a label off, and one rejected. */
const THREE_MISSES = `${PROMETHEUS}
---
apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata: {name: web, namespace: monitoring, labels: {team: a}}
spec:
  selector: {matchLabels: {app: web}}
  endpoints: [{port: web}, {port: metrics}]
---
apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata: {name: api, namespace: monitoring, labels: {team: b}}
spec:
  selector: {matchLabels: {app: api}}
  endpoints: [{port: web}]
---
apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata: {name: elsewhere, namespace: team-x, labels: {team: a}}
spec:
  selector: {matchLabels: {app: x}}
  endpoints: [{port: web}]
---
apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata: {name: broken, namespace: monitoring, labels: {team: a}}
spec:
  selector: {matchLabels: {app: b}}
  endpoints: [{port: web, bearerTokenSecret: {name: missing, key: token}}]
`;

test('explain names the monitor in an unwatched namespace, the one with a label off, and the rejected one, each with its reason', () => {
  const r = explain(THREE_MISSES, ...INLINE);
  assert.is(r.status, 0, r.stderr);
  assert.is(
    r.stdout,
    [
      'Prometheus monitoring/k8s',
      '  ServiceMonitor (spec.serviceMonitorSelector, spec.serviceMonitorNamespaceSelector): 1 selected, 1 rejected, 2 not selected',
      '    selected monitoring/web: jobs serviceMonitor/monitoring/web/0, serviceMonitor/monitoring/web/1',
      '    rejected monitoring/broken:',
      '      spec.endpoints[0].bearerTokenSecret: Secret monitoring/missing (key "token") is not in the input',
      '  PodMonitor: none, spec.podMonitorSelector is unset',
      '  Probe: none, spec.probeSelector is unset',
      '  ScrapeConfig: none, spec.scrapeConfigSelector is unset',
      '  PrometheusRule: none, spec.ruleSelector is unset',
      '',
      'Selected by nothing (2), with the nearest miss:',
      '  ServiceMonitor monitoring/api: nearest miss Prometheus monitoring/k8s: spec.serviceMonitorSelector requires `team: a` (the object has `team: b`)',
      '  ServiceMonitor team-x/elsewhere: nearest miss Prometheus monitoring/k8s: its namespace `team-x` is not matched by spec.serviceMonitorNamespaceSelector, which requires `monitoring: enabled`',
      '',
    ].join('\n'),
  );
  // The rejection's reason is the warning's.
  assert.match(r.stderr, 'warning: ServiceMonitor/monitoring/broken: spec.endpoints[0].bearerTokenSecret: Secret monitoring/missing (key "token") is not in the input');
});

test('a rejection reason that holds a Secret value of the package is redacted, as in the result', () => {
  const decoy = `${THREE_MISSES}
---
apiVersion: v1
kind: Secret
metadata: {name: decoy, namespace: monitoring}
stringData: {v: monitoring/missing}
`;
  const r = explain(decoy, ...INLINE);
  assert.is(r.status, 0, r.stderr);
  const redacted = 'Secret <the value of key "v" of Secret monitoring/decoy> (key "token") is not in the input';
  assert.match(r.stderr, `warning: ServiceMonitor/monitoring/broken: spec.endpoints[0].bearerTokenSecret: ${redacted}`);
  assert.match(r.stdout, `    rejected monitoring/broken:\n      spec.endpoints[0].bearerTokenSecret: ${redacted}\n`);
  assert.not.match(r.stdout, 'monitoring/missing');
});

test('explain --output json carries the same three, with the selector fields and the requirements missed', () => {
  const json = explainJson(THREE_MISSES, ...INLINE);
  const monitors = kindOf(json, 'Prometheus/monitoring/k8s', 'ServiceMonitor');
  assert.equal(monitors, {
    kind: 'ServiceMonitor',
    selector: 'spec.serviceMonitorSelector',
    namespaceSelector: 'spec.serviceMonitorNamespaceSelector',
    selectorUnset: false,
    selected: [{ kind: 'ServiceMonitor', namespace: 'monitoring', name: 'web', jobs: ['serviceMonitor/monitoring/web/0', 'serviceMonitor/monitoring/web/1'] }],
    rejected: [
      {
        kind: 'ServiceMonitor',
        namespace: 'monitoring',
        name: 'broken',
        problems: [{ message: 'Secret monitoring/missing (key "token") is not in the input', field: 'spec.endpoints[0].bearerTokenSecret' }],
      },
    ],
    notSelected: 2,
  });
  const owner = { kind: 'Prometheus', namespace: 'monitoring', name: 'k8s' };
  assert.equal(json.unselected, [
    {
      kind: 'ServiceMonitor',
      namespace: 'monitoring',
      name: 'api',
      nearestMiss: {
        owner,
        reason: 'labels',
        field: 'spec.serviceMonitorSelector',
        missedLabels: ['team: a'],
        missedNamespaceLabels: [],
        message: 'Prometheus monitoring/k8s: spec.serviceMonitorSelector requires `team: a` (the object has `team: b`)',
      },
    },
    {
      kind: 'ServiceMonitor',
      namespace: 'team-x',
      name: 'elsewhere',
      nearestMiss: {
        owner,
        reason: 'namespace',
        field: 'spec.serviceMonitorNamespaceSelector',
        missedLabels: [],
        missedNamespaceLabels: ['monitoring: enabled'],
        message: 'Prometheus monitoring/k8s: its namespace `team-x` is not matched by spec.serviceMonitorNamespaceSelector, which requires `monitoring: enabled`',
      },
    },
  ]);
  assert.equal(json.refused, []);
});

test('the nearest miss is the resource whose selectors the object misses by the fewest requirements, each named', () => {
  const yaml = `${PROMETHEUS}
---
apiVersion: monitoring.coreos.com/v1
kind: Prometheus
metadata: {name: strict, namespace: monitoring}
spec:
  serviceMonitorSelector:
    matchLabels: {team: a, tier: gold}
    matchExpressions: [{key: env, operator: In, values: [prod, staging]}, {key: legacy, operator: DoesNotExist}]
---
apiVersion: monitoring.coreos.com/v1
kind: Prometheus
metadata: {name: loose, namespace: monitoring}
spec:
  serviceMonitorSelector:
    matchLabels: {team: a, tier: gold}
    matchExpressions: [{key: env, operator: NotIn, values: [dev]}]
---
apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata: {name: near, namespace: monitoring, labels: {team: b, tier: gold, env: dev, legacy: "yes"}}
spec:
  selector: {matchLabels: {app: near}}
  endpoints: [{port: web}]
`;
  const r = explain(yaml);
  assert.is(r.status, 0, r.stderr);
  // k8s misses 1 of 1, loose 2 of 3, strict 3 of 4: k8s is nearest, ahead of the later ones.
  assert.match(r.stdout, 'ServiceMonitor monitoring/near: nearest miss Prometheus monitoring/k8s: spec.serviceMonitorSelector requires `team: a` (the object has `team: b`)\n');
  const farther = explain(yaml.replace('serviceMonitorSelector: {matchLabels: {team: a}}', 'serviceMonitorSelector: {matchLabels: {team: a, zone: z1, rack: r1}}'));
  assert.match(
    farther.stdout,
    'ServiceMonitor monitoring/near: nearest miss Prometheus monitoring/loose: spec.serviceMonitorSelector matches 1 of its 3 requirements; it misses `team: a` (the object has `team: b`), `env notin (dev)` (the object has `env: dev`)\n',
  );
  // loose and strict both miss one requirement: the tie goes to the first in render order (by namespace and name).
  const tie = explain(yaml.replace('labels: {team: b, tier: gold, env: dev, legacy: "yes"}', 'labels: {team: a, tier: gold, env: dev}').replace('{matchLabels: {team: a}}', '{matchLabels: {team: z, zone: z1}}'));
  assert.match(tie.stdout, 'ServiceMonitor monitoring/near: nearest miss Prometheus monitoring/loose: spec.serviceMonitorSelector matches all labels but `env notin (dev)` (the object has `env: dev`)\n');
});

test('an object outside the owner namespace, with the namespace selector unset, is told the one namespace the owner looks in and the labels it also misses', () => {
  const yaml = `
apiVersion: monitoring.coreos.com/v1alpha1
kind: PrometheusAgent
metadata: {name: agent, namespace: monitoring}
spec:
  podMonitorSelector: {matchExpressions: [{key: scrape, operator: Exists}]}
  remoteWrite: [{url: 'https://remote.example/write'}]
---
apiVersion: monitoring.coreos.com/v1
kind: PodMonitor
metadata: {name: pods, namespace: apps}
spec:
  selector: {matchLabels: {app: web}}
  podMetricsEndpoints: [{port: web}]
`;
  const json = explainJson(yaml);
  assert.equal(json.unselected, [
    {
      kind: 'PodMonitor',
      namespace: 'apps',
      name: 'pods',
      nearestMiss: {
        owner: { kind: 'PrometheusAgent', namespace: 'monitoring', name: 'agent' },
        reason: 'namespace',
        field: 'spec.podMonitorNamespaceSelector',
        missedLabels: ['scrape exists'],
        missedNamespaceLabels: [],
        message:
          'PrometheusAgent monitoring/agent: its namespace `apps` is not `monitoring`, the only namespace it looks in while spec.podMonitorNamespaceSelector is unset; also, spec.podMonitorSelector requires `scrape exists` (the object has no label `scrape`)',
      },
    },
  ]);
});

test('with only unset selectors the nearest miss says so, and with no owner of the kind the object says what is missing', () => {
  const yaml = `${PROMETHEUS}
${PROBE}---
apiVersion: monitoring.coreos.com/v1alpha1
kind: AlertmanagerConfig
metadata: {name: routes, namespace: monitoring}
spec:
  route: {receiver: r}
  receivers: [{name: r}]
`;
  const r = explain(yaml);
  assert.is(r.status, 0, r.stderr);
  assert.match(
    r.stdout,
    [
      'Selected by nothing (2), with the nearest miss:',
      '  AlertmanagerConfig monitoring/routes: the input has no Alertmanager that could select it',
      '  Probe monitoring/site: nearest miss Prometheus monitoring/k8s: spec.probeSelector is unset, which selects no Probe',
      '',
    ].join('\n'),
  );
  // A selector that is set, even one the object misses, is nearer than one that is unset.
  const probes = `
---
apiVersion: monitoring.coreos.com/v1
kind: Prometheus
metadata: {name: probes, namespace: monitoring}
spec:
  probeSelector: {matchLabels: {kind: blackbox}}
`;
  assert.match(explain(yaml + probes).stdout, '  Probe monitoring/site: nearest miss Prometheus monitoring/probes: spec.probeSelector requires `kind: blackbox` (the object has no label `kind`)\n');
});

test('each selected monitor kind lists the scrape jobs it became, in the owner that selected it', () => {
  const yaml = `
apiVersion: monitoring.coreos.com/v1
kind: Prometheus
metadata: {name: all, namespace: monitoring}
spec:
  serviceMonitorSelector: {}
  podMonitorSelector: {}
  probeSelector: {}
  scrapeConfigSelector: {}
---
apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata: {name: svc, namespace: monitoring}
spec:
  selector: {matchLabels: {app: svc}}
  endpoints: [{port: a}, {port: b}, {port: c}]
---
apiVersion: monitoring.coreos.com/v1
kind: PodMonitor
metadata: {name: pods, namespace: monitoring}
spec:
  selector: {matchLabels: {app: pods}}
  podMetricsEndpoints: [{port: web}]
${PROBE}---
apiVersion: monitoring.coreos.com/v1alpha1
kind: ScrapeConfig
metadata: {name: static, namespace: monitoring}
spec:
  staticConfigs: [{targets: [node:9100]}]
`;
  const json = explainJson(yaml);
  const jobs = (kind: string) => kindOf(json, 'Prometheus/monitoring/all', kind).selected.map((s) => s.jobs);
  assert.equal(jobs('ServiceMonitor'), [['serviceMonitor/monitoring/svc/0', 'serviceMonitor/monitoring/svc/1', 'serviceMonitor/monitoring/svc/2']]);
  assert.equal(jobs('PodMonitor'), [['podMonitor/monitoring/pods/0']]);
  assert.equal(jobs('Probe'), [['probe/monitoring/site']]);
  assert.equal(jobs('ScrapeConfig'), [['scrapeConfig/monitoring/static']]);
});

test('a selected PrometheusRule names its rule file, the ConfigMap it ships in and its groups, for a Prometheus and a ThanosRuler', () => {
  const yaml = `${RULES_PROMETHEUS}---
apiVersion: monitoring.coreos.com/v1
kind: ThanosRuler
metadata: {name: ruler, namespace: monitoring}
spec:
  queryEndpoints: [thanos-query:9090]
  ruleSelector: {matchLabels: {ruler: "true"}}
---
apiVersion: monitoring.coreos.com/v1
kind: PrometheusRule
metadata: {name: node, namespace: monitoring, labels: {ruler: "true"}}
spec:
  groups:
  - {name: node.rules, rules: [{record: 'node:up', expr: up}]}
  - {name: node.alerts, rules: [{alert: NodeDown, expr: up == 0}]}
`;
  const r = explain(yaml);
  assert.is(r.status, 0, r.stderr);
  const lines = r.stdout.split('\n').filter((l) => l.includes('selected monitoring/node'));
  assert.equal(lines, [
    '    selected monitoring/node: rule file monitoring_node.yaml in ConfigMap prometheus-k8s-rulefiles-0, groups node.rules, node.alerts',
    '    selected monitoring/node: rule file monitoring_node.yaml in ConfigMap thanos-ruler-ruler-rulefiles-0, groups node.rules, node.alerts',
  ]);
});

test('a rejected PrometheusRule is listed with the parse error that rejected it', () => {
  const yaml = `${RULES_PROMETHEUS}---
apiVersion: monitoring.coreos.com/v1
kind: PrometheusRule
metadata: {name: bad, namespace: monitoring}
spec:
  groups: [{name: g, rules: [{alert: Broken, expr: 'sum(up'}]}]
`;
  const json = explainJson(yaml);
  const rules = kindOf(json, 'Prometheus/monitoring/k8s', 'PrometheusRule');
  assert.equal(rules.selected, []);
  assert.equal(rules.rejected, [
    {
      kind: 'PrometheusRule',
      namespace: 'monitoring',
      name: 'bad',
      problems: [{ message: 'group "g": rule 1 ("Broken"): could not parse expression: 1:7: parse error: unexpected end of input', field: 'spec.groups[0].rules[0].expr' }],
    },
  ]);
});

const ALERTMANAGER = `
apiVersion: monitoring.coreos.com/v1
kind: Alertmanager
metadata: {name: main, namespace: monitoring}
spec:
  alertmanagerConfigSelector: {matchLabels: {am: main}}
  alertmanagerConfigNamespaceSelector: {}
---
apiVersion: v1
kind: Secret
metadata: {name: alertmanager-main, namespace: monitoring}
stringData:
  alertmanager.yaml: |
    route: {receiver: 'null'}
    receivers: [{name: 'null'}]
---
apiVersion: monitoring.coreos.com/v1alpha1
kind: AlertmanagerConfig
metadata: {name: team, namespace: apps, labels: {am: main}}
spec:
  route: {receiver: hook}
  receivers: [{name: hook, webhookConfigs: [{url: 'https://hooks.example/alert'}]}, {name: spare}]
---
apiVersion: monitoring.coreos.com/v1alpha1
kind: AlertmanagerConfig
metadata: {name: quiet, namespace: apps, labels: {am: main}}
spec:
  inhibitRules: [{sourceMatch: [{name: severity, value: critical}], targetMatch: [{name: severity, value: warning}]}]
---
apiVersion: monitoring.coreos.com/v1alpha1
kind: AlertmanagerConfig
metadata: {name: wrong, namespace: apps, labels: {am: main}}
spec:
  route: {receiver: nowhere}
  receivers: [{name: hook}]
`;

test('a selected AlertmanagerConfig names the receiver its route goes to and its receivers as alertmanager.yaml names them; a rejected one its problem', () => {
  const r = explain(ALERTMANAGER);
  assert.is(r.status, 0, r.stderr);
  assert.is(
    r.stdout.split('\n\n')[0],
    [
      'Alertmanager monitoring/main',
      '  AlertmanagerConfig (spec.alertmanagerConfigSelector, spec.alertmanagerConfigNamespaceSelector): 2 selected, 1 rejected, 0 not selected',
      '    selected apps/quiet: no route (spec.route is unset), so only its inhibit rules are used; 1 inhibit rule',
      '    selected apps/team: route to receiver apps/team/hook; receivers apps/team/hook, apps/team/spare',
      '    rejected apps/wrong:',
      '      spec.route.receiver: receiver "nowhere" not found',
    ].join('\n'),
  );
  const json = explainJson(ALERTMANAGER);
  assert.equal(kindOf(json, 'Alertmanager/monitoring/main', 'AlertmanagerConfig').selected, [
    { kind: 'AlertmanagerConfig', namespace: 'apps', name: 'quiet', receivers: [], inhibitRules: 1 },
    { kind: 'AlertmanagerConfig', namespace: 'apps', name: 'team', route: 'apps/team/hook', receivers: ['apps/team/hook', 'apps/team/spare'], inhibitRules: 0 },
  ]);
});

test('the global AlertmanagerConfig of spec.alertmanagerConfiguration is listed as used by name', () => {
  const yaml = `
apiVersion: monitoring.coreos.com/v1
kind: Alertmanager
metadata: {name: main, namespace: monitoring}
spec:
  alertmanagerConfiguration: {name: base}
---
apiVersion: monitoring.coreos.com/v1alpha1
kind: AlertmanagerConfig
metadata: {name: base, namespace: monitoring}
spec:
  route: {receiver: default}
  receivers: [{name: default}]
`;
  const r = explain(yaml);
  assert.is(r.status, 0, r.stderr);
  assert.match(r.stdout, '  uses AlertmanagerConfig monitoring/base as its global configuration (spec.alertmanagerConfiguration.name)\n');
  assert.match(r.stdout, 'Selected by nothing: none.\n');
});

test('an object refused before selection is listed with the message of the result that refused it', () => {
  const yaml = `${PROMETHEUS}
---
apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata: {name: gopher, namespace: monitoring, labels: {team: a}}
spec:
  selector: {matchLabels: {app: web}}
  endpoints: [{port: web, scheme: gopher}]
`;
  const r = explain(yaml);
  assert.is(r.status, 0, r.stderr);
  const warning = r.stderr.split('\n').find((l) => l.startsWith('warning: ServiceMonitor/monitoring/gopher: spec.endpoints[0].scheme: '));
  assert.ok(warning, r.stderr);
  const message = warning.slice('warning: ServiceMonitor/monitoring/gopher: spec.endpoints[0].scheme: '.length);
  assert.match(message, 'spec.endpoints[0].scheme is "gopher"');
  assert.match(r.stdout, `Refused before selection (1), as the operator's admission would refuse them:\n  ServiceMonitor monitoring/gopher\n      spec.endpoints[0].scheme: ${message}\n`);
  assert.equal(explainJson(yaml).refused, [{ kind: 'ServiceMonitor', namespace: 'monitoring', name: 'gopher', problems: [{ message, field: 'spec.endpoints[0].scheme' }] }]);
  // Refused, so not also reported as selected by nothing.
  assert.match(r.stdout, 'Selected by nothing: none.\n');
});

test('under onInvalid: fail the package does not render: explain exits 1, prints the errors, and still explains', () => {
  const r = explain(THREE_MISSES, '--option', 'onInvalid=fail', ...INLINE);
  assert.is(r.status, 1);
  assert.match(r.stderr, 'error: ServiceMonitor/monitoring/broken: spec.endpoints[0].bearerTokenSecret: ');
  assert.match(r.stdout, '    rejected monitoring/broken:\n      spec.endpoints[0].bearerTokenSecret: Secret monitoring/missing (key "token") is not in the input\n');
});

test('explain refuses an unknown --output and a missing PATH, printing nothing', () => {
  const dir = mkdtempSync(join(tmpdir(), 'prometheus-krm-explain-'));
  try {
    writeFileSync(join(dir, 'all.yaml'), THREE_MISSES);
    const yaml = runBin(['explain', dir, '--output', 'yaml']);
    assert.equal([yaml.status, yaml.stdout, yaml.stderr], [1, '', 'error: --output takes text or json; got "yaml"\n']);
    const none = runBin(['explain']);
    assert.equal([none.status, none.stdout, none.stderr], [1, '', 'error: explain needs at least one PATH (a file, a folder, or - for stdin)\n']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test.run();
