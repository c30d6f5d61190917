/**
 * The entries of a `remote_write` list, checked and written as the operator
 * does for every kind that writes remotely: the Prometheus server and agent
 * (gated by their version) and ThanosRuler (which the operator does not gate).
 */
import { PROM_SECRETS } from './secret-settings.js';
import type { RelabelConfig, RemoteWriteSpec as ModelRemoteWriteSpec } from '../api/types.js';
import { notNil, sortedMap } from '../core/objects.js';
import type { Doc, PromConfigContext } from './context.js';
import {
  addAuthorization,
  addBasicAuth,
  addBearerToken,
  addOAuth2,
  addProxy,
  addSigv4,
  checkProxy,
  type AuthorizationSpec,
  type BasicAuthSpec,
  type OAuth2Spec,
  type ProxySpec,
  type Sigv4Spec,
} from './http.js';
import { relabelDocs } from './relabel.js';
import { addTls } from './tls.js';

export interface AzureAdSpec {
  readonly cloud?: string;
  readonly managedIdentity?: { readonly clientId?: string };
  readonly oauth?: { readonly clientId: string; readonly clientSecret: { readonly name?: string; readonly key: string }; readonly tenantId: string };
  readonly sdk?: { readonly tenantId?: string };
  readonly workloadIdentity?: { readonly clientId: string; readonly tenantId: string };
  readonly scope?: string;
}

/** A RemoteWriteSpec as the v0.93.0 API defines it. */
export type RemoteWrite = Omit<ModelRemoteWriteSpec, 'azureAd' | 'writeRelabelConfigs'> &
  ProxySpec & {
    readonly azureAd?: AzureAdSpec;
    readonly enableHTTP2?: boolean;
    readonly writeRelabelConfigs?: readonly RelabelConfig[];
  };

const UUID = /^(?:urn:uuid:|\{)?[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}\}?$/;

/** The operator's checks on one remote write entry; returns the first problem. */
function checkRemoteWrite(ctx: PromConfigContext, rw: RemoteWrite): string | undefined {
  const auths = (
    [
      ['basicAuth', rw.basicAuth],
      ['oauth2', rw.oauth2],
      ['authorization', rw.authorization],
      ['sigv4', rw.sigv4],
      ['azureAd', rw.azureAd],
    ] as const
  )
    .filter(([, v]) => notNil(v))
    .map(([k]) => `"${k}"`);
  if (auths.length > 1) return `${auths.join(' and ')} can't be set at the same time, at most one of them must be defined`;
  const az = rw.azureAd;
  if (az) {
    const kinds = (
      [
        ['Azure Managed Identity', az.managedIdentity],
        ['Azure OAuth', az.oauth],
        ['Azure SDK', az.sdk],
        ['Azure Workload Identity', az.workloadIdentity],
      ] as const
    ).filter(([, v]) => notNil(v));
    if (kinds.length === 0) return 'must provide Azure Managed Identity, Azure OAuth, Azure SDK, or Azure Workload Identity in the Azure AD config';
    if (kinds.length > 1) return `cannot provide both ${kinds[0]?.[0]} and ${kinds[1]?.[0]} in the Azure AD config`;
    const gate = ctx.gate;
    if (az.managedIdentity && !gate.since('3.5.0').ok && !az.managedIdentity.clientId) {
      return `managedIdentity: clientId is required with Prometheus < 3.5.0`;
    }
    if (az.oauth) {
      if (!gate.since('2.48.0').ok) return 'azureAD.oauth requires Prometheus >= v2.48.0';
      if (!UUID.test(az.oauth.clientId)) return 'the provided Azure OAuth clientId is invalid';
    }
    if (az.sdk && !gate.since('2.52.0').ok) return 'azureAD.sdk requires Prometheus >= v2.52.0';
    if (az.workloadIdentity) {
      if (!gate.since('3.7.0').ok) return 'azureAD.workloadIdentity requires Prometheus >= v3.7.0';
      if (!UUID.test(az.workloadIdentity.clientId)) return 'the provided Azure Workload Identity clientId is invalid';
      if (!UUID.test(az.workloadIdentity.tenantId)) return 'the provided Azure Workload Identity tenantId is invalid';
    }
  }
  return checkProxy(rw);
}

function protobufMessage(version: string): string {
  return version === 'V2.0' ? 'io.prometheus.write.v2.Request' : 'prometheus.WriteRequest';
}

function azureAdDoc(ctx: PromConfigContext, az: AzureAdSpec, field: string): Doc {
  const g = ctx.gate.at(field);
  const doc: Doc = {};
  if (az.managedIdentity) {
    const mi: Doc = {};
    if (az.managedIdentity.clientId) mi.client_id = az.managedIdentity.clientId;
    doc.managed_identity = mi;
  }
  if (az.oauth) {
    const secret = ctx.store.secretSetting(az.oauth.clientSecret, `${field}.oauth.clientSecret`, PROM_SECRETS.azureAdClientSecret, g.since('2.48.0'));
    if (secret !== undefined) {
      g.since('2.48.0').put(doc, 'oauth', { client_id: az.oauth.clientId, client_secret: secret.value, tenant_id: az.oauth.tenantId });
    }
  }
  if (az.sdk) g.since('2.52.0').put(doc, 'sdk', { tenant_id: az.sdk.tenantId ?? '' });
  if (az.workloadIdentity) {
    g.since('3.7.0').put(doc, 'workload_identity', { client_id: az.workloadIdentity.clientId, tenant_id: az.workloadIdentity.tenantId });
  }
  if (notNil(az.cloud)) doc.cloud = az.cloud;
  if (az.scope) g.since('3.9.0').put(doc, 'scope', az.scope);
  return doc;
}

function queueDoc(ctx: PromConfigContext, q: NonNullable<RemoteWrite['queueConfig']>, field: string): Doc {
  const g = ctx.gate.at(field);
  const doc: Doc = {};
  if (q.capacity) doc.capacity = q.capacity;
  if (q.minShards) g.since('2.6.0').put(doc, 'min_shards', q.minShards);
  if (q.maxShards) doc.max_shards = q.maxShards;
  if (q.maxSamplesPerSend) doc.max_samples_per_send = q.maxSamplesPerSend;
  if (notNil(q.batchSendDeadline)) doc.batch_send_deadline = q.batchSendDeadline;
  if (q.maxRetries) g.until('2.11.0').put(doc, 'max_retries', q.maxRetries);
  if (notNil(q.minBackoff)) doc.min_backoff = q.minBackoff;
  if (notNil(q.maxBackoff)) doc.max_backoff = q.maxBackoff;
  if (q.retryOnRateLimit) g.since('2.26.0').put(doc, 'retry_on_http_429', q.retryOnRateLimit);
  if (notNil(q.sampleAgeLimit)) g.since('2.50.0').put(doc, 'sample_age_limit', q.sampleAgeLimit);
  return doc;
}

function remoteWriteDoc(ctx: PromConfigContext, rw: RemoteWrite, field: string): Doc {
  const { gate } = ctx;
  const g = gate.at(field);
  const out: Doc = { url: rw.url };
  if (notNil(rw.remoteTimeout)) out.remote_timeout = rw.remoteTimeout;
  if (rw.headers && Object.keys(rw.headers).length > 0) g.since('2.15.0').put(out, 'headers', sortedMap(rw.headers));
  if (rw.name) g.since('2.15.0').put(out, 'name', rw.name);
  if (notNil(rw.messageVersion)) g.since('2.54.0').put(out, 'protobuf_message', protobufMessage(rw.messageVersion));
  if (notNil(rw.sendExemplars)) g.since('2.27.0').put(out, 'send_exemplars', rw.sendExemplars);
  if (notNil(rw.sendNativeHistograms)) g.since('2.40.0').put(out, 'send_native_histograms', rw.sendNativeHistograms);
  const relabelings = relabelDocs(rw.writeRelabelConfigs);
  if (relabelings.length > 0) out.write_relabel_configs = relabelings;

  addBasicAuth(ctx, gate, out, rw.basicAuth as BasicAuthSpec | undefined, `${field}.basicAuth`);
  addBearerToken(ctx, out, rw, field);
  addOAuth2(ctx, gate, out, rw.oauth2 as OAuth2Spec | undefined, `${field}.oauth2`);
  addTls(ctx, gate, out, rw.tlsConfig, `${field}.tlsConfig`);
  addAuthorization(ctx, gate, out, rw.authorization as AuthorizationSpec | undefined, `${field}.authorization`);
  addProxy(ctx, gate, out, rw, field);
  addSigv4(ctx, gate.since('2.26.0'), out, rw.sigv4 as Sigv4Spec | undefined, `${field}.sigv4`);
  if (rw.azureAd) g.since('2.45.0').put(out, 'azuread', azureAdDoc(ctx, rw.azureAd, `${field}.azureAd`));
  if (notNil(rw.followRedirects)) g.since('2.26.0').put(out, 'follow_redirects', rw.followRedirects);
  if (notNil(rw.enableHTTP2)) g.since('2.35.0').put(out, 'enable_http2', rw.enableHTTP2);
  if (rw.queueConfig) out.queue_config = queueDoc(ctx, rw.queueConfig, `${field}.queueConfig`);
  if (rw.metadataConfig) {
    const m = rw.metadataConfig;
    // Prometheus turns metadata off by itself with remote write 2.0.
    const doc: Doc = { send: rw.messageVersion === 'V2.0' ? false : (m.send ?? false) };
    if (m.sendInterval) doc.send_interval = m.sendInterval;
    if (notNil(m.maxSamplesPerSend)) g.since('2.29.0').put(doc, 'max_samples_per_send', m.maxSamplesPerSend);
    g.since('2.23.0').put(out, 'metadata_config', doc);
  }
  if (notNil(rw.roundRobinDNS)) g.since('3.1.0').put(out, 'round_robin_dns', rw.roundRobinDNS);
  return out;
}

/**
 * One document per entry of `list` (the resource's spec.remoteWrite). An
 * entry the operator refuses is left out after an error naming it.
 */
export function remoteWriteDocs(ctx: PromConfigContext, list: readonly RemoteWrite[]): Doc[] {
  const docs: Doc[] = [];
  for (const [i, rw] of list.entries()) {
    const field = `spec.remoteWrite[${i}]`;
    const problem = checkRemoteWrite(ctx, rw);
    if (problem) {
      ctx.fail(`remoteWrite[${i}]: ${problem}`, field);
      continue;
    }
    docs.push(remoteWriteDoc(ctx, rw, field));
  }
  return docs;
}
