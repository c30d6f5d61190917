import type { Prometheus, PrometheusAgent } from '../../api/types.js';
import { gzipText } from '../../core/gzip.js';
import { memoTable } from '../../core/memo.js';
import { toYamlGzip } from '../../core/yaml.js';
import { EmitCache } from '../../core/yaml-emit.js';
import { refOf, type KubeObject, type ObjectRef } from '../../krm/types.js';
import { ownerObject, ownerRef } from '../../workload/owner.js';
import { NamespaceAssets } from '../../assets/namespace-assets.js';
import { ReferencedSecrets } from '../../assets/referenced-secrets.js';
import type { RenderContext } from '../../context/render-context.js';
import { atLeast } from '../../version/semver.js';
import type { PrometheusPlan } from '../plan.js';
import { CONFIG_FILENAME, REFERENCED_SECRETS_DIR, TLS_ASSETS_DIR } from '../spec-view.js';
import { MANAGED_LABELS } from '../../workload/metadata.js';
import { MAX_SECRET_DATA_BYTES, TlsAssetFiles } from '../../workload/tls-assets.js';
import type { ConfigContext, Doc, PromSpec } from './context.js';
import { generateServerConfig, type ScrapeJobsSource } from './server-config.js';

/** Scrape jobs shared between configurations (see scrape/jobs.ts) are serialised once per render. */
const SHARED_TEXT = memoTable<EmitCache>('config-yaml');

export interface ConfigSecretOutcome {
  /** Secret `prometheus-<name>` holding `prometheus.yaml.gz`. */
  readonly secret: KubeObject;
  /** TLS material the config refers to by file path, keyed by file name in the tls-assets Secret. */
  readonly tlsAssets: ReadonlyMap<string, Buffer>;
  /** The generated configuration; undefined when unmanaged (no monitor selector) or when generation failed. */
  readonly document: Doc | undefined;
  /** The Secrets the configuration reads from mounted files, and whether it holds any value copied from a Secret. */
  readonly referenced: ReferencedSecrets;
  /** A digest of the configuration for the StatefulSet's input hash; undefined when it holds a value read from a Secret (see input-hash.ts). */
  readonly digest: string | undefined;
}


/**
 * With none of the four monitor selectors set, the operator leaves the
 * configuration to the user: the Secret exists, with an empty config.
 */
export function isUnmanaged(spec: PromSpec): boolean {
  const unset = (v: unknown) => v === undefined || v === null;
  return unset(spec.serviceMonitorSelector) && unset(spec.podMonitorSelector) && unset(spec.probeSelector) && unset(spec.scrapeConfigSelector);
}

/**
 * The operator's "bring your own config" mode (no monitor selector set): the
 * configuration Secret `prometheus-<name>` is the user's. The operator
 * creates an empty one only when none exists and never overwrites it; a
 * render cannot see the cluster, and an empty Secret in the output would
 * replace the user's on every apply. So none is generated: the user's Secret
 * in the input passes through untouched, and without one an info result says
 * it is expected in the cluster (the pods wait until it exists).
 */
export function reportUserConfigSecret(p: Prometheus | PrometheusAgent, plan: PrometheusPlan, ctx: RenderContext): void {
  const ref = ownerRef(p);
  const secret = `Secret ${plan.namespace}/${plan.prefixedName}`;
  const mode = 'no monitor selector is set, so the configuration is yours (the operator\'s "bring your own config" mode)';
  const data = ctx.inputs.has({ apiVersion: 'v1', kind: 'Secret', metadata: { name: plan.prefixedName, namespace: plan.namespace } })
    ? ctx.assets.secret(plan.namespace, plan.prefixedName)
    : undefined;
  if (!data) {
    ctx.report.info(
      `${mode}: ${secret} is not in the input, so it must exist in the cluster, with the key ${CONFIG_FILENAME}; none is generated, because an empty one would replace yours on every apply`,
      ref,
    );
  } else if (!data.has(CONFIG_FILENAME)) {
    ctx.report.warn(
      `${mode}: ${secret} in the input has no key ${CONFIG_FILENAME}, the gzip-compressed file the config-reloader reads, so Prometheus would start without a configuration; add the key`,
      ref,
    );
  } else {
    ctx.report.info(`${mode}: ${secret} in the input is used as it is`, ref);
  }
}

/**
 * Builds the per-resource generation context: gate, store and reporting.
 * An error result stops the whole render in the orchestrator, so nothing
 * here needs to track failures.
 */
export function makeConfigContext(p: Prometheus | PrometheusAgent, plan: PrometheusPlan, ctx: RenderContext): ConfigContext {
  // The Prometheus (or PrometheusAgent) as the render read it from the input.
  const owner = ownerObject(p);
  const ref: ObjectRef = refOf(owner);
  const fail = (message: string, field?: string): undefined => {
    ctx.report.error(message, ref, field);
    return undefined;
  };
  const k8s = ctx.options.kubernetesVersion;
  const config: ConfigContext = {
    prometheus: p,
    owner,
    spec: (p.spec ?? {}) as PromSpec,
    plan,
    ref,
    options: ctx.options,
    assets: ctx.assets,
    gate: plan.gate,
    store: new NamespaceAssets(ctx.assets, plan.namespace, ctx.report.failFor(ref), 'with-key', {
      mode: ctx.options.secrets,
      workloadNamespace: plan.namespace,
      mountDir: REFERENCED_SECRETS_DIR,
      product: 'Prometheus',
      source: ref,
      collected: new ReferencedSecrets(),
    }),
    tlsAssets: new TlsAssetFiles(),
    report: ctx.report,
    memo: ctx.memo,
    tlsAssetsDir: TLS_ASSETS_DIR,
    endpointSliceSupported: k8s === undefined || atLeast(k8s, '1.21.0'),
    fail,
    warn: (message, field) => ctx.report.warn(message, ref, field),
  };
  return config;
}

/**
 * The configuration Secret `prometheus-<name>`: the generated prometheus.yaml,
 * gzip-compressed, under `prometheus.yaml.gz`. Missing Secrets and keys, and
 * settings the operator refuses, are error results naming the reference.
 */
export function makeConfigSecret(p: Prometheus | PrometheusAgent, plan: PrometheusPlan, ctx: RenderContext, monitorJobs?: ScrapeJobsSource): ConfigSecretOutcome {
  return makeConfigSecretWith(p, plan, ctx, (config) => (isUnmanaged(config.spec) ? undefined : generateServerConfig(config, monitorJobs)));
}

/**
 * The configuration Secret (`prometheus-<name>` or `prom-agent-<name>`) with
 * the document `generate` builds; an undefined document (unmanaged, or
 * generation failed) leaves the file empty.
 */
export function makeConfigSecretWith(
  p: Prometheus | PrometheusAgent,
  plan: PrometheusPlan,
  ctx: RenderContext,
  generate: (config: ConfigContext) => Doc | undefined,
): ConfigSecretOutcome {
  const config = makeConfigContext(p, plan, ctx);
  const doc = generate(config);
  const referenced = referencedOf(config);
  // The digest stands for the configuration in the input hash only when the configuration holds no Secret value.
  const wantDigest = doc !== undefined && !referenced.inlined;
  const { gzip: compressed, sha256 } = doc ? toYamlGzip(doc, ctx.memo.get(SHARED_TEXT, '', () => new EmitCache()), { sha256: wantDigest }) : { gzip: gzipText(''), sha256: undefined };
  if (compressed.length > MAX_SECRET_DATA_BYTES) {
    // Every shard reads the same configuration, so only fewer monitors per resource make it smaller.
    config.fail(
      `the generated configuration is ${compressed.length} bytes after gzip, more than a Secret can hold (${MAX_SECRET_DATA_BYTES}); select fewer monitors (split them across several ${p.kind} resources)`,
      'spec.serviceMonitorSelector',
    );
  }
  const secret: KubeObject = {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: plan.prefixedName, namespace: plan.namespace, labels: { ...MANAGED_LABELS } },
    data: { [CONFIG_FILENAME]: compressed.toString('base64') },
  };
  return { secret, tlsAssets: config.tlsAssets.files, document: doc, referenced, digest: sha256 };
}

/** What the configuration context collected: every context built here has a referencing view. */
function referencedOf(config: ConfigContext): ReferencedSecrets {
  return config.store.referencing?.collected ?? new ReferencedSecrets();
}
