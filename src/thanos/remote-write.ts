/**
 * `remote-write.yaml` of a ThanosRuler in stateless mode: the `remote_write`
 * section Prometheus would read, written for the Prometheus release the
 * operator pairs with Thanos (so no Prometheus version gate applies), after
 * the fields the target Thanos version cannot read are reset with a warning.
 *
 * basicAuth and authorization read their Secrets from the input; a missing
 * Secret or key is an error, as the operator's reconcile fails on it.
 * Not rendered yet: oauth2, sigv4, azureAd, tlsConfig and proxyConnectHeader;
 * each one present is reported as a warning naming it.
 */
import type { RelabelConfig, RemoteWriteSpec } from '../api/types.js';
import { secretKey } from '../assets/assets.js';
import { sortedKeys } from '../core/compare.js';
import { toYaml } from '../core/yaml.js';
import type { ObjectRef } from '../krm/types.js';
import type { RenderContext } from '../selection/context.js';
import { atLeast, type SemVer } from '../version/semver.js';

type Doc = Record<string, unknown>;

type RemoteWrite = RemoteWriteSpec & {
  readonly enableHTTP2?: boolean;
  readonly noProxy?: string;
  readonly proxyFromEnvironment?: boolean;
  readonly proxyUrl?: string;
  readonly proxyConnectHeader?: unknown;
  readonly roundRobinDNS?: boolean;
  readonly azureAd?: unknown;
};

const isSet = <T>(v: T | undefined | null): v is T => v !== undefined && v !== null;

/** Fields Thanos reads only from a given version on (the Prometheus release it embeds). */
const THANOS_MINIMUMS: ReadonlyArray<{ min: string; field: string; isSet: (rw: RemoteWrite) => boolean; reset: (rw: Doc) => void }> = [
  { min: '0.38.0', field: 'roundRobinDNS', isSet: (rw) => isSet(rw.roundRobinDNS), reset: (rw) => delete rw.roundRobinDNS },
  { min: '0.37.0', field: 'messageVersion', isSet: (rw) => isSet(rw.messageVersion), reset: (rw) => delete rw.messageVersion },
  {
    min: '0.32.0',
    field: 'queueConfig.sampleAgeLimit',
    isSet: (rw) => isSet(rw.queueConfig?.sampleAgeLimit),
    reset: (rw) => {
      const q = { ...(rw.queueConfig as Doc) };
      delete q.sampleAgeLimit;
      rw.queueConfig = q;
    },
  },
  { min: '0.32.0', field: 'noProxy', isSet: (rw) => isSet(rw.noProxy), reset: (rw) => delete rw.noProxy },
  { min: '0.32.0', field: 'proxyFromEnvironment', isSet: (rw) => isSet(rw.proxyFromEnvironment), reset: (rw) => delete rw.proxyFromEnvironment },
  { min: '0.30.0', field: 'sendNativeHistograms', isSet: (rw) => isSet(rw.sendNativeHistograms), reset: (rw) => delete rw.sendNativeHistograms },
];

/** Fields whose rendering needs Secret or TLS resolution, which this renderer does not do for ThanosRuler yet. */
const NOT_RENDERED = ['oauth2', 'sigv4', 'azureAd', 'tlsConfig', 'proxyConnectHeader'] as const;

interface SecretRef {
  readonly name?: string;
  readonly key: string;
}

/** Reads a Secret key of the ThanosRuler's namespace; undefined after an error result naming `field`. */
type SecretReader = (ref: SecretRef, field: string) => string | undefined;

function relabelDoc(c: RelabelConfig): Doc {
  const doc: Doc = {};
  if (c.sourceLabels && c.sourceLabels.length > 0) doc.source_labels = [...c.sourceLabels];
  if (isSet(c.separator)) doc.separator = c.separator;
  if (c.targetLabel) doc.target_label = c.targetLabel;
  if (c.regex) doc.regex = c.regex;
  if (c.modulus) doc.modulus = c.modulus;
  if (isSet(c.replacement)) doc.replacement = c.replacement;
  if (c.action) doc.action = c.action.toLowerCase();
  return doc;
}

function queueDoc(q: NonNullable<RemoteWrite['queueConfig']>): Doc {
  const doc: Doc = {};
  if (q.capacity) doc.capacity = q.capacity;
  if (q.minShards) doc.min_shards = q.minShards;
  if (q.maxShards) doc.max_shards = q.maxShards;
  if (q.maxSamplesPerSend) doc.max_samples_per_send = q.maxSamplesPerSend;
  if (isSet(q.batchSendDeadline)) doc.batch_send_deadline = q.batchSendDeadline;
  // max_retries is gone since Prometheus 2.11.0, long before any Thanos the operator supports.
  if (isSet(q.minBackoff)) doc.min_backoff = q.minBackoff;
  if (isSet(q.maxBackoff)) doc.max_backoff = q.maxBackoff;
  if (q.retryOnRateLimit) doc.retry_on_http_429 = q.retryOnRateLimit;
  if (isSet(q.sampleAgeLimit)) doc.sample_age_limit = q.sampleAgeLimit;
  return doc;
}

function remoteWriteDoc(rw: RemoteWrite, read: SecretReader, field: string): Doc {
  const out: Doc = { url: rw.url };
  if (isSet(rw.remoteTimeout)) out.remote_timeout = rw.remoteTimeout;
  if (rw.headers && Object.keys(rw.headers).length > 0) {
    const headers: Record<string, string> = {};
    for (const k of sortedKeys(rw.headers)) headers[k] = rw.headers[k] as string;
    out.headers = headers;
  }
  if (rw.name) out.name = rw.name;
  if (isSet(rw.messageVersion)) out.protobuf_message = rw.messageVersion === 'V2.0' ? 'io.prometheus.write.v2.Request' : 'prometheus.WriteRequest';
  if (isSet(rw.sendExemplars)) out.send_exemplars = rw.sendExemplars;
  if (isSet(rw.sendNativeHistograms)) out.send_native_histograms = rw.sendNativeHistograms;
  const relabelings = (rw.writeRelabelConfigs ?? []).map((c) => relabelDoc(c as RelabelConfig));
  if (relabelings.length > 0) out.write_relabel_configs = relabelings;
  if (rw.basicAuth) {
    const username = rw.basicAuth.username ? read(rw.basicAuth.username, `${field}.basicAuth.username`) : '';
    const password = rw.basicAuth.password ? read(rw.basicAuth.password, `${field}.basicAuth.password`) : '';
    out.basic_auth = { username: username ?? '', password: password ?? '' };
  }
  if (rw.bearerToken) out.bearer_token = rw.bearerToken;
  if (rw.bearerTokenFile) out.bearer_token_file = rw.bearerTokenFile;
  if (rw.authorization) {
    const a = rw.authorization;
    const doc: Doc = { type: (a.type || 'Bearer').trim() };
    // A reference without a Secret name is not looked up, as in the operator.
    if (a.credentials?.name) {
      const credentials = read(a.credentials, `${field}.authorization.credentials`);
      if (credentials !== undefined) doc.credentials = credentials;
    }
    if (a.credentialsFile) doc.credentials_file = a.credentialsFile;
    out.authorization = doc;
  }
  if (rw.proxyUrl) out.proxy_url = rw.proxyUrl;
  if (rw.noProxy) out.no_proxy = rw.noProxy;
  if (isSet(rw.proxyFromEnvironment)) out.proxy_from_environment = rw.proxyFromEnvironment;
  if (isSet(rw.followRedirects)) out.follow_redirects = rw.followRedirects;
  if (isSet(rw.enableHTTP2)) out.enable_http2 = rw.enableHTTP2;
  if (rw.queueConfig) out.queue_config = queueDoc(rw.queueConfig);
  if (rw.metadataConfig) {
    const m = rw.metadataConfig;
    // Prometheus turns metadata off by itself with remote write 2.0.
    const doc: Doc = { send: rw.messageVersion === 'V2.0' ? false : (m.send ?? false) };
    if (m.sendInterval) doc.send_interval = m.sendInterval;
    if (isSet(m.maxSamplesPerSend)) doc.max_samples_per_send = m.maxSamplesPerSend;
    out.metadata_config = doc;
  }
  if (isSet(rw.roundRobinDNS)) out.round_robin_dns = rw.roundRobinDNS;
  return out;
}

/** The text of `remote-write.yaml`: `remote_write: []` when spec.remoteWrite is empty. */
export function remoteWriteText(list: readonly RemoteWriteSpec[], version: SemVer, namespace: string, ctx: RenderContext, ref: ObjectRef): string {
  const read: SecretReader = (secret, field) => {
    const found = secretKey(ctx.assets, namespace, { name: secret.name ?? '', key: secret.key });
    if (found.ok) return found.value.toString('utf8');
    ctx.report.error(`${found.reason}; add it to the input`, ref, field);
    return undefined;
  };
  const docs = list.map((raw, i) => {
    const field = `spec.remoteWrite[${i}]`;
    const rw: Doc = { ...(raw as unknown as Doc) };
    for (const gate of THANOS_MINIMUMS) {
      if (atLeast(version, gate.min) || !gate.isSet(rw as unknown as RemoteWrite)) continue;
      ctx.report.warn(`${field}.${gate.field} is ignored: Thanos reads it from version ${gate.min} on; change spec.version or remove the field`, ref, `${field}.${gate.field}`);
      gate.reset(rw);
    }
    for (const key of NOT_RENDERED) {
      if (!isSet(rw[key])) continue;
      ctx.report.warn(
        `${field}.${key} is not written to remote-write.yaml: prometheus-krm does not render this setting for ThanosRuler remote write yet; the remote endpoint will be called without it`,
        ref,
        `${field}.${key}`,
      );
    }
    return remoteWriteDoc(rw as unknown as RemoteWrite, read, field);
  });
  return toYaml({ remote_write: docs });
}
