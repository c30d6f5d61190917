import type { V1Container, V1Service, V1StatefulSet } from '@kubernetes/client-node';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseYamlStream } from '../src/core/yaml.js';
import type { KubeObject } from '../src/krm/types.js';
import { defaultOptions } from '../src/options/options.js';
import { render, type RenderOutput } from '../src/render/render.js';
import { mergePatchContainers } from '../src/workload/container-merge.js';
import { buildImagePath } from '../src/workload/image-path.js';
import { xxhash64 } from '../src/workload/xxhash64.js';
import { SEED_K8S } from './support/seeds.js';

const SEED = SEED_K8S;

/** The seed with extra spec fields appended (YAML text, indented under spec). */
function seedWith(extraSpec: string): string {
  return `${SEED}${extraSpec
    .trim()
    .split('\n')
    .map((l) => `  ${l}`)
    .join('\n')}\n`;
}

function renderYaml(text: string): RenderOutput {
  return render(parseYamlStream(text) as KubeObject[], defaultOptions());
}

function find<T>(out: RenderOutput, kind: string, namespace: string, name: string): T {
  const obj = out.items.find((o) => o.kind === kind && o.metadata.namespace === namespace && o.metadata.name === name);
  assert.ok(obj, `${kind} ${namespace}/${name} is in the output (got ${out.items.map((o) => `${o.kind}/${o.metadata.name}`).join(', ')})`);
  return obj as unknown as T;
}

function container(sts: V1StatefulSet, name: string): V1Container {
  const c = sts.spec?.template.spec?.containers.find((x) => x.name === name);
  assert.ok(c, `container ${name} exists`);
  return c as V1Container;
}

test('the seed Prometheus becomes StatefulSet monitoring/prometheus-k8s with its pod settings', () => {
  const out = renderYaml(SEED);
  assert.is(out.results.filter((r) => r.severity === 'error').length, 0);
  const sts = find<V1StatefulSet>(out, 'StatefulSet', 'monitoring', 'prometheus-k8s');
  assert.is(sts.spec?.replicas, 2);
  assert.is(sts.spec?.serviceName, 'prometheus-operated');
  assert.is(sts.spec?.podManagementPolicy, 'Parallel');
  const pod = sts.spec?.template.spec;
  assert.equal(pod?.nodeSelector, { 'kubernetes.io/os': 'linux' });
  assert.is(pod?.securityContext?.fsGroup, 2000);
  assert.is(pod?.serviceAccountName, 'prometheus-k8s');
  const claim = sts.spec?.volumeClaimTemplates?.[0];
  assert.is(claim?.metadata?.name, 'prometheus-k8s-db');
  assert.is(claim?.spec?.storageClassName, 'csi-cephfs');
  assert.equal(claim?.spec?.resources?.requests, { storage: '100Gi' });
  const prom = container(sts, 'prometheus');
  assert.is(prom.image, 'quay.io/prometheus/prometheus:v3.13.2');
  assert.equal(prom.resources, { requests: { memory: '400Mi' } });
  assert.ok(prom.volumeMounts?.some((m) => m.name === 'prometheus-k8s-db' && m.mountPath === '/prometheus' && m.subPath === 'prometheus-db'));
  assert.equal(sts.spec?.selector.matchLabels, {
    'app.kubernetes.io/instance': 'k8s',
    'app.kubernetes.io/managed-by': 'prometheus-operator',
    'app.kubernetes.io/name': 'prometheus',
    'operator.prometheus.io/name': 'k8s',
    'operator.prometheus.io/shard': '0',
    prometheus: 'k8s',
  });
});

test('retention is a flag before Prometheus 3.11 and part of the config file from 3.11 on', () => {
  // The default version (v3.13.2) reads retention from the configuration file, so no flag.
  const current = container(find<V1StatefulSet>(renderYaml(SEED), 'StatefulSet', 'monitoring', 'prometheus-k8s'), 'prometheus');
  assert.not.ok(current.args?.some((a) => a.startsWith('--storage.tsdb.retention')));
  const older = container(find<V1StatefulSet>(renderYaml(seedWith('version: v3.5.0')), 'StatefulSet', 'monitoring', 'prometheus-k8s'), 'prometheus');
  assert.ok(older.args?.includes('--storage.tsdb.retention.time=15d'));
  assert.is(older.image, 'quay.io/prometheus/prometheus:v3.5.0');
});

test('each shard gets its own StatefulSet, selector and $(SHARD)', () => {
  const out = renderYaml(seedWith('shards: 3'));
  const names = out.items.filter((o) => o.kind === 'StatefulSet').map((o) => o.metadata.name);
  assert.equal(names, ['prometheus-k8s', 'prometheus-k8s-shard-1', 'prometheus-k8s-shard-2']);
  const shard2 = find<V1StatefulSet>(out, 'StatefulSet', 'monitoring', 'prometheus-k8s-shard-2');
  assert.is(shard2.spec?.selector.matchLabels?.['operator.prometheus.io/shard'], '2');
  assert.equal(container(shard2, 'config-reloader').env?.find((e) => e.name === 'SHARD'), { name: 'SHARD', value: '2' });
});

test('more than 1,000 shards is an error on spec.shards, and nothing is rendered', () => {
  const out = renderYaml(seedWith('shards: 1342114792'));
  assert.equal(
    out.results.filter((r) => r.severity === 'error').map((r) => [r.field?.path, r.message]),
    [['spec.shards', 'spec.shards is 1342114792: each shard is a StatefulSet, and at most 1000 are rendered; use fewer shards']],
  );
  assert.equal(out.items.filter((o) => o.kind === 'StatefulSet'), []);
});

test("the issue's sidecar example passes the object storage config from minio-secret as $(OBJSTORE_CONFIG)", () => {
  const sts = find<V1StatefulSet>(
    renderYaml(seedWith('thanos:\n  image: quay.io/thanos/thanos:v0.32.4\n  objectStorageConfig:\n    key: minio.yml\n    name: minio-secret')),
    'StatefulSet',
    'monitoring',
    'prometheus-k8s',
  );
  const sidecar = container(sts, 'thanos-sidecar');
  assert.is(sidecar.image, 'quay.io/thanos/thanos:v0.32.4');
  assert.ok(sidecar.args?.includes('--objstore.config=$(OBJSTORE_CONFIG)'), sidecar.args?.join(' '));
  assert.equal(
    sidecar.env?.find((e) => e.name === 'OBJSTORE_CONFIG'),
    { name: 'OBJSTORE_CONFIG', valueFrom: { secretKeyRef: { key: 'minio.yml', name: 'minio-secret' } } },
  );
  const plain = container(find<V1StatefulSet>(renderYaml(seedWith('thanos:\n  image: quay.io/thanos/thanos:v0.32.4')), 'StatefulSet', 'monitoring', 'prometheus-k8s'), 'thanos-sidecar');
  assert.not.ok(plain.args?.some((a) => a.startsWith('--objstore')));
});

test('a sidecar flag its Thanos version does not know is left off with a warning naming the field, as the ruler does', () => {
  const out = renderYaml(seedWith('thanos:\n  version: v0.41.0\n  grpcServerTlsConfig:\n    cipherSuites: [TLS_AES_128_GCM_SHA256]'));
  const sidecar = container(find<V1StatefulSet>(out, 'StatefulSet', 'monitoring', 'prometheus-k8s'), 'thanos-sidecar');
  assert.not.ok(sidecar.args?.some((a) => a.startsWith('--grpc-server-tls-ciphers')), sidecar.args?.join(' '));
  const warning = out.results.find((r) => r.field?.path === 'spec.thanos.grpcServerTlsConfig.cipherSuites');
  assert.equal(
    warning && { severity: warning.severity, message: warning.message },
    {
      severity: 'warning',
      message:
        'spec.thanos.grpcServerTlsConfig.cipherSuites is ignored: the flag --grpc-server-tls-ciphers needs version >= 0.42.0, the target is 0.41.0; change spec.thanos.version or remove the field',
    },
  );
});

test('a blank version means the default, for Prometheus and its Thanos sidecar alike', () => {
  const out = renderYaml(seedWith('version: " "\nthanos:\n  version: ""'));
  assert.is(out.results.filter((r) => r.severity === 'error').length, 0);
  const sts = find<V1StatefulSet>(out, 'StatefulSet', 'monitoring', 'prometheus-k8s');
  assert.is(container(sts, 'prometheus').image, 'quay.io/prometheus/prometheus:v3.13.2');
  assert.is(container(sts, 'thanos-sidecar').image, 'quay.io/thanos/thanos:v0.42.4');
});

test('the governing Service exposes the web port, and the Thanos gRPC port with a sidecar', () => {
  const plain = find<V1Service>(renderYaml(SEED), 'Service', 'monitoring', 'prometheus-operated');
  assert.is(plain.spec?.clusterIP, 'None');
  assert.equal(plain.spec?.ports, [{ name: 'web', port: 9090, targetPort: 'web' }]);
  assert.equal(plain.spec?.selector, { 'app.kubernetes.io/name': 'prometheus' });
  const withThanos = find<V1Service>(renderYaml(seedWith('thanos: {}')), 'Service', 'monitoring', 'prometheus-operated');
  assert.equal(withThanos.spec?.ports, [
    { name: 'web', port: 9090, targetPort: 'web' },
    { name: 'grpc', port: 10901, targetPort: 'grpc' },
  ]);
});

test('spec.serviceName replaces prometheus-operated with the user\'s own Service', () => {
  const out = renderYaml(seedWith('serviceName: my-prometheus'));
  assert.not.ok(out.items.some((o) => o.kind === 'Service' && o.metadata.name === 'prometheus-operated'));
  assert.is(find<V1StatefulSet>(out, 'StatefulSet', 'monitoring', 'prometheus-k8s').spec?.serviceName, 'my-prometheus');
});

test('additionalArgs that redefine a managed flag are an error naming the field', () => {
  const out = renderYaml(seedWith('additionalArgs: [{name: no-web.enable-lifecycle}]'));
  const errors = out.results.filter((r) => r.severity === 'error');
  assert.is(errors.length, 1);
  assert.is(errors[0]?.field?.path, 'spec.additionalArgs');
  assert.match(errors[0]?.message ?? '', /--web\.enable-lifecycle/);
  assert.not.ok(out.items.some((o) => o.kind === 'StatefulSet'));
});

test('user containers patch the generated ones by name and extra ones are appended', () => {
  const out = renderYaml(
    seedWith(`
containers:
- name: prometheus
  env: [{name: GOMAXPROCS, value: "2"}]
- name: oauth-proxy
  image: quay.io/oauth2-proxy/oauth2-proxy:v7.6.0`),
  );
  const sts = find<V1StatefulSet>(out, 'StatefulSet', 'monitoring', 'prometheus-k8s');
  assert.equal(
    sts.spec?.template.spec?.containers.map((c) => c.name),
    ['prometheus', 'config-reloader', 'oauth-proxy'],
  );
  const prom = container(sts, 'prometheus');
  assert.equal(prom.env, [{ name: 'GOMAXPROCS', value: '2' }]);
  assert.is(prom.image, 'quay.io/prometheus/prometheus:v3.13.2');
});

test('strategic merge keeps unmatched list items in place and merges matched ones', () => {
  const problems: string[] = [];
  const merged = mergePatchContainers(
    [{ name: 'a', env: [{ name: 'X', value: '1' }, { name: 'Y', value: '2' }, { name: 'Z', value: '3' }] }],
    [{ name: 'a', env: [{ name: 'Y', value: 'two' }, { name: 'N', value: 'new' }] }],
    (message) => void problems.push(message),
    'spec.containers',
  );
  assert.equal(problems, []);
  assert.equal(merged?.[0]?.env, [
    { name: 'X', value: '1' },
    { name: 'Y', value: 'two' },
    { name: 'N', value: 'new' },
    { name: 'Z', value: '3' },
  ]);
});

test('a patch that deletes a generated container is refused, naming the container', () => {
  const problems: Array<{ message: string; field: string }> = [];
  const merged = mergePatchContainers(
    [{ name: 'a', image: 'x' }],
    [{ name: 'a', $patch: 'delete' } as V1Container],
    (message, field) => void problems.push({ message, field }),
    'spec.containers',
  );
  assert.is(merged, undefined);
  assert.equal(problems, [{ message: 'the patch of container "a" deletes it ($patch: delete), and a generated container cannot be removed', field: 'spec.containers' }]);
});

test('image paths follow the operator: image, then sha, tag, version of the base image', () => {
  const base = { baseImage: 'quay.io/prometheus/prometheus', version: 'v2.3.2', field: 'spec.image' };
  const never = (message: string): undefined => {
    throw new Error(`unexpected problem: ${message}`);
  };
  assert.is(buildImagePath({ ...base, tag: 'my-tag' }, never), 'quay.io/prometheus/prometheus:my-tag');
  assert.is(buildImagePath({ ...base, tag: 'my-tag', sha: 'abc' }, never), 'quay.io/prometheus/prometheus@sha256:abc');
  assert.is(buildImagePath({ ...base, image: 'my-reg/prometheus', sha: 'abc' }, never), 'my-reg/prometheus');
  assert.is(buildImagePath({ ...base, baseImage: 'prometheus', tag: 'x' }, never), 'docker.io/library/prometheus:x');
  assert.is(buildImagePath(base, never), 'quay.io/prometheus/prometheus:v2.3.2');
});

test('volume-name hashing uses XXH64 like the operator', () => {
  assert.is(xxhash64('').toString(16), 'ef46db3751d8e999');
  assert.is(xxhash64('abc').toString(16), '44bc2cf5ad770999');
});

test.run();
