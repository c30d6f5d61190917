/**
 * `remote-write.yaml` of a ThanosRuler in stateless mode: the `remote_write`
 * section Prometheus would read, built by the shared remote-write builder.
 *
 * The operator writes it without any Prometheus version check: every field
 * passes the builder's gates. Before that it resets, with a warning, the
 * fields the target Thanos version cannot read (the Prometheus release it
 * embeds is too old) and the ones no Thanos release reads, and refuses an
 * Azure managed identity without a client ID before Thanos 0.40.0.
 *
 * Secrets are read from the ThanosRuler's namespace; a missing Secret or key
 * is an error, as the operator's reconcile fails on it. TLS material goes into
 * the ruler's tls-assets Secrets, and the file points at it under
 * /etc/thanos/certs, where the ruler mounts them. This departs from the
 * operator on purpose: it writes the Prometheus pod's /etc/prometheus/certs,
 * which the ruler does not mount, so Thanos could not open the files.
 */
import { NamespaceAssets } from '../assets/namespace-assets.js';
import { ReferencedSecrets } from '../assets/referenced-secrets.js';
import { toYaml } from '../core/yaml.js';
import type { ObjectRef } from '../krm/types.js';
import type { PromConfigContext } from '../promconfig/context.js';
import { remoteWriteDocs, type RemoteWrite } from '../promconfig/remote-write.js';
import type { RenderContext } from '../context/render-context.js';
import { ungatedGate } from '../version/gate.js';
import { atLeast, formatVersion, type SemVer } from '../version/semver.js';
import { TlsAssetFiles } from '../workload/tls-assets.js';
import type { ThanosRulerPlan } from './plan.js';
import { REFERENCED_SECRETS_DIR, TLS_ASSETS_DIR } from './spec-view.js';

/** A field of one spec.remoteWrite entry: its path, its value, and the entry without it (a copy; the input is never changed). */
interface EntryField {
  readonly path: string;
  value(rw: RemoteWrite): unknown;
  without(rw: RemoteWrite): RemoteWrite;
}

function withoutKey<T extends object, K extends keyof T>(obj: T, key: K): T {
  const copy = { ...obj };
  delete copy[key];
  return copy;
}

function valueOf<T extends object, K extends keyof T>(obj: T, key: K): T[K] {
  return obj[key];
}

/** A top-level field, e.g. `roundRobinDNS`. */
function top<K extends keyof RemoteWrite & string>(key: K): EntryField {
  return { path: key, value: (rw) => rw[key], without: (rw) => withoutKey(rw, key) };
}

type Section = 'azureAd' | 'queueConfig' | 'tlsConfig' | 'sigv4';

/** A field of a section, e.g. `tlsConfig.maxVersion`. */
function inner<K extends Section, S extends keyof NonNullable<RemoteWrite[K]> & string>(key: K, sub: S): EntryField {
  return {
    path: `${key}.${sub}`,
    value: (rw) => {
      const section = rw[key];
      return section ? valueOf(section, sub) : undefined;
    },
    without: (rw) => {
      const section = rw[key];
      return section ? { ...rw, [key]: withoutKey(section, sub) } : rw;
    },
  };
}

/**
 * Fields Thanos reads only from a given version on, that of the first Thanos
 * release embedding a Prometheus that reads them.
 */
const THANOS_MINIMUMS: ReadonlyArray<{ readonly min: string; readonly field: EntryField }> = [
  { min: '0.38.0', field: top('roundRobinDNS') },
  { min: '0.37.0', field: top('messageVersion') },
  { min: '0.36.0', field: inner('azureAd', 'sdk') },
  { min: '0.32.0', field: inner('queueConfig', 'sampleAgeLimit') },
  { min: '0.32.0', field: top('noProxy') },
  { min: '0.32.0', field: top('proxyFromEnvironment') },
  { min: '0.32.0', field: top('proxyConnectHeader') },
  { min: '0.31.0', field: inner('azureAd', 'oauth') },
  { min: '0.31.0', field: top('azureAd') },
  { min: '0.30.0', field: inner('tlsConfig', 'maxVersion') },
  { min: '0.30.0', field: top('sendNativeHistograms') },
  { min: '0.28.0', field: inner('tlsConfig', 'minVersion') },
];

/** Fields no Thanos release reads. */
const THANOS_UNSUPPORTED: readonly EntryField[] = [inner('azureAd', 'workloadIdentity'), inner('azureAd', 'scope'), inner('sigv4', 'externalId')];

/** From this Thanos version on, an Azure managed identity may leave its client ID empty. */
const EMPTY_MANAGED_IDENTITY_SINCE = '0.40.0';

const isPresent = (v: unknown): boolean => v !== undefined && v !== null && v !== '';

/** One spec.remoteWrite entry as the target Thanos reads it; undefined after an error result. */
function forThanos(config: PromConfigContext, raw: RemoteWrite, i: number, version: SemVer): RemoteWrite | undefined {
  const field = `spec.remoteWrite[${i}]`;
  let rw = raw;
  for (const unsupported of THANOS_UNSUPPORTED) {
    if (!isPresent(unsupported.value(rw))) continue;
    const path = unsupported.path;
    config.warn(`${field}.${path} is ignored: no Thanos version supports it; remove the field`, `${field}.${path}`);
    rw = unsupported.without(rw);
  }
  const managedIdentity = rw.azureAd?.managedIdentity;
  if (isPresent(managedIdentity) && !isPresent(managedIdentity?.clientId)) {
    if (!atLeast(version, EMPTY_MANAGED_IDENTITY_SINCE)) {
      config.fail(
        `remoteWrite[${i}]: azureAd.managedIdentity.clientId is required with Thanos < ${EMPTY_MANAGED_IDENTITY_SINCE}, spec.version is ${formatVersion(version)}; set the client ID or raise spec.version`,
        `${field}.azureAd.managedIdentity.clientId`,
      );
      return undefined;
    }
  }
  for (const { min, field: gated } of THANOS_MINIMUMS) {
    if (atLeast(version, min) || !isPresent(gated.value(rw))) continue;
    const path = gated.path;
    config.warn(`${field}.${path} is ignored: Thanos reads it from version ${min} on; change spec.version or remove the field`, `${field}.${path}`);
    rw = gated.without(rw);
  }
  return rw;
}

export interface RemoteWriteOutcome {
  /** The text of `remote-write.yaml`: `remote_write: []` when spec.remoteWrite is empty. */
  readonly text: string;
  /** TLS material the file refers to by path, keyed by file name in the tls-assets Secrets. */
  readonly tlsAssets: ReadonlyMap<string, Buffer>;
  /** The Secrets the file reads by path (option secrets). */
  readonly referenced: ReferencedSecrets;
}

/** Undefined after an error result: an entry Thanos refuses or a reference that cannot be resolved. */
export function renderRemoteWrite(list: readonly RemoteWrite[], plan: ThanosRulerPlan, ctx: RenderContext, ref: ObjectRef): RemoteWriteOutcome | undefined {
  // The shared builders report a problem and go on (for the other problems); the file is written only when none was reported.
  let failed = false;
  const fail = (message: string, field?: string): undefined => {
    failed = true;
    ctx.report.error(message, ref, field);
    return undefined;
  };
  const referenced = new ReferencedSecrets();
  const config: PromConfigContext = {
    ref,
    options: ctx.options,
    gate: ungatedGate(plan.version),
    // Thanos reads the file with the Prometheus release it embeds; the operator writes it without a version check, and so do we, file forms included.
    store: new NamespaceAssets(ctx.assets, plan.namespace, fail, 'with-key', {
      mode: ctx.options.secrets,
      workloadNamespace: plan.namespace,
      mountDir: REFERENCED_SECRETS_DIR,
      product: 'Thanos',
      source: ref,
      collected: referenced,
    }),
    tlsAssets: new TlsAssetFiles(),
    report: ctx.report,
    memo: ctx.memo,
    tlsAssetsDir: TLS_ASSETS_DIR,
    fail,
    warn: (message, field) => ctx.report.warn(message, ref, field),
  };
  const entries = list.flatMap((raw, i) => forThanos(config, raw, i, plan.version) ?? []);
  // An entry the operator refuses fails the whole reconcile.
  if (entries.length !== list.length) return undefined;
  const docs = remoteWriteDocs(config, entries);
  if (failed) return undefined;
  return { text: toYaml({ remote_write: docs }), tlsAssets: config.tlsAssets.files, referenced };
}
