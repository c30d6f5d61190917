/**
 * `kubernetes_sd_configs` entries: used by the alerting section now and by
 * the ServiceMonitor / PodMonitor / Probe jobs later.
 */
import type { ConfigContext, Doc } from './context.js';
import { addAuthorization, addBasicAuth, addBearerToken, addProxy } from '../../promconfig/http.js';
import { addTls } from '../../promconfig/tls.js';

export interface NamespaceSelectorSpec {
  readonly any?: boolean;
  readonly matchNames?: readonly string[];
}

export interface AttachMetadataOption {
  /** Prometheus version that understands `attach_metadata`. */
  readonly minimumVersion: string;
  readonly node: boolean;
  /** Where the setting comes from, for the warning when the version drops it. */
  readonly field?: string;
}

export interface K8sSdOptions {
  readonly namespaceSelector: NamespaceSelectorSpec;
  /** The namespace used when the selector names none (the monitor's, or the alertmanager's). */
  readonly namespace: string;
  readonly role: string;
  readonly attachMetadata?: AttachMetadataOption;
  /** Server mode never sets this; the agent's DaemonSet mode does. */
  readonly daemonSet?: boolean;
  /** Extra `selectors` entries (role selector mechanism), appended after the DaemonSet one. */
  readonly selectors?: readonly Doc[];
}

/** The namespaces to discover in: empty means all (no `namespaces` key is written). */
export function namespacesFor(ctx: ConfigContext, sel: NamespaceSelectorSpec, namespace: string): string[] {
  if (ctx.spec.ignoreNamespaceSelectors) return [namespace];
  if (sel.any) return [];
  if (!sel.matchNames || sel.matchNames.length === 0) return [namespace];
  return [...sel.matchNames];
}

/** One `kubernetes_sd_configs` list holding a single entry. */
export function kubernetesSdConfigs(ctx: ConfigContext, opts: K8sSdOptions): Doc[] {
  const sd: Doc = { role: opts.role };
  const namespaces = namespacesFor(ctx, opts.namespaceSelector, opts.namespace);
  if (namespaces.length > 0) sd.namespaces = { names: namespaces };

  const api = ctx.spec.apiserverConfig;
  if (api) {
    const field = 'spec.apiserverConfig';
    sd.api_server = api.host;
    addBasicAuth(ctx, ctx.gate, sd, api.basicAuth, `${field}.basicAuth`);
    addBearerToken(ctx, sd, api, field);
    addAuthorization(ctx, ctx.gate, sd, api.authorization, `${field}.authorization`);
    addTls(ctx, ctx.gate, sd, api.tlsConfig, `${field}.tlsConfig`);
    addProxy(ctx, ctx.gate, sd, api, field);
  }

  if (opts.attachMetadata) {
    const gate = ctx.gate.since(opts.attachMetadata.minimumVersion);
    (opts.attachMetadata.field ? gate.at(opts.attachMetadata.field) : gate).put(sd, 'attach_metadata', { node: opts.attachMetadata.node });
  }

  const selectors: Doc[] = [];
  if (opts.daemonSet) selectors.push({ role: 'pod', field: 'spec.nodeName=$(NODE_NAME)' });
  if (opts.selectors) selectors.push(...opts.selectors);
  if (selectors.length > 0) sd.selectors = selectors;

  return [sd];
}
