/** The `alerting` section: Alertmanager endpoints found through Kubernetes SD, plus the user's additions. */
import type { AlertmanagerEndpoints } from '../../api/types.js';
import type { ConfigContext, Doc } from './context.js';
import { defaultEndpointRole } from './context.js';
import { addBasicAuth, addProxy, addSafeAuthorization, addSigv4 } from '../../promconfig/http.js';
import { addTls } from '../../promconfig/tls.js';
import { kubernetesSdConfigs } from './k8s-sd.js';
import { checkRelabelings, quoteMeta, relabelDocs } from '../../promconfig/relabel.js';
import { replicaExternalLabelName } from './global.js';
import { loadAdditionalList, referencedKey } from './additional.js';
import { PROM_SECRETS } from '../../promconfig/secret-settings.js';

/** An AlertmanagerEndpoints entry, with the fields the generated model types lack. */
type Endpoint = AlertmanagerEndpoints & { readonly alertRelabelings?: AlertmanagerEndpoints['relabelings'] };

/**
 * The operator refuses an Alertmanager endpoint that sets more than one of
 * bearerTokenFile, basicAuth, authorization and sigv4, or whose relabelings
 * the target Prometheus would reject.
 */
function checkEndpoint(ctx: ConfigContext, am: Endpoint): string | undefined {
  const set: string[] = [];
  if (am.bearerTokenFile) set.push('"bearerTokenFile"');
  if (am.basicAuth) set.push('"basicAuth"');
  if (am.authorization) set.push('"authorization"');
  if (am.sigv4) set.push('"sigv4"');
  if (set.length > 1) return `${set.join(' and ')} can't be set at the same time, at most one of them must be defined`;
  const relabel = checkRelabelings(ctx, am.relabelings);
  if (relabel) return `invalid relabelings: ${relabel}`;
  const alertRelabel = checkRelabelings(ctx, am.alertRelabelings);
  if (alertRelabel) return `invalid alertRelabelings: ${alertRelabel}`;
  return undefined;
}

function endpointDoc(ctx: ConfigContext, am: Endpoint, field: string): Doc {
  const { gate } = ctx;
  const g = gate.at(field);
  const out: Doc = {};
  if (am.scheme) out.scheme = String(am.scheme).toLowerCase();
  if (am.pathPrefix !== undefined && am.pathPrefix !== null) out.path_prefix = am.pathPrefix;
  if (am.timeout !== undefined && am.timeout !== null) out.timeout = am.timeout;
  if (am.enableHttp2 !== undefined && am.enableHttp2 !== null) g.since('2.35.0').put(out, 'enable_http2', am.enableHttp2);
  addTls(ctx, gate, out, am.tlsConfig, `${field}.tlsConfig`);
  addProxy(ctx, gate, out, am, field);

  const role = defaultEndpointRole(ctx);
  out.kubernetes_sd_configs = kubernetesSdConfigs(ctx, {
    namespaceSelector: {},
    namespace: am.namespace ?? ctx.plan.namespace,
    role,
  });

  if (am.bearerTokenFile) out.bearer_token_file = am.bearerTokenFile;
  addBasicAuth(ctx, gate.since('2.26.0'), out, am.basicAuth, `${field}.basicAuth`);
  addSafeAuthorization(ctx, gate, out, am.authorization, `${field}.authorization`);
  addSigv4(ctx, gate.since('2.48.0'), out, am.sigv4, `${field}.sigv4`);

  if (am.apiVersion) {
    const apiGate = g.since('2.11.0');
    const upper = String(am.apiVersion).toUpperCase();
    // Prometheus 3 dropped the v1 Alertmanager API.
    if (upper === 'V1' && ctx.gate.version.major <= 2) apiGate.put(out, 'api_version', String(am.apiVersion).toLowerCase());
    else if (upper === 'V2') apiGate.put(out, 'api_version', String(am.apiVersion).toLowerCase());
  }

  const relabelings: Doc[] = [{ action: 'keep', source_labels: ['__meta_kubernetes_service_name'], regex: am.name }];
  const port = am.port as string | number | undefined;
  if (typeof port === 'string' && port !== '') {
    const source = role === 'endpointslice' ? '__meta_kubernetes_endpointslice_port_name' : '__meta_kubernetes_endpoint_port_name';
    relabelings.push({ action: 'keep', source_labels: [source], regex: port });
  } else if (typeof port === 'number' && port !== 0) {
    relabelings.push({ action: 'keep', source_labels: ['__meta_kubernetes_pod_container_port_number'], regex: String(port) });
  }
  relabelings.push(...relabelDocs(am.relabelings));
  out.relabel_configs = relabelings;

  if (am.alertRelabelings && am.alertRelabelings.length > 0) {
    g.since('2.51.0').put(out, 'alert_relabel_configs', relabelDocs(am.alertRelabelings));
  }
  return out;
}

/**
 * `alerting`: written when spec.alerting is set or either additional Secret
 * was loaded. The replica label is dropped first so that Alertmanager can
 * deduplicate alerts from the replicas.
 */
export function addAlerting(ctx: ConfigContext, out: Doc): Doc {
  const { spec } = ctx;
  // Each list is undefined when nothing is referenced, and after an error result.
  const relabelRef = referencedKey(ctx, spec.additionalAlertRelabelConfigs);
  const amsRef = referencedKey(ctx, spec.additionalAlertManagerConfigs);
  const additionalRelabel = relabelRef && loadAdditionalList(ctx, relabelRef, 'spec.additionalAlertRelabelConfigs', 'additional alert relabel configs', PROM_SECRETS.additionalAlertRelabelConfigs);
  const additionalAms = amsRef && loadAdditionalList(ctx, amsRef, 'spec.additionalAlertManagerConfigs', 'additional Alertmanager configs', PROM_SECRETS.additionalAlertManagerConfigs);
  if (!spec.alerting && additionalRelabel === undefined && additionalAms === undefined) return out;

  const alertmanagers: Doc[] = [];
  for (const [i, am] of (spec.alerting?.alertmanagers ?? []).entries()) {
    const field = `spec.alerting.alertmanagers[${i}]`;
    const problem = checkEndpoint(ctx, am);
    if (problem) {
      ctx.fail(`alertmanager ${i}: ${problem}`, field);
      continue;
    }
    alertmanagers.push(endpointDoc(ctx, am, field));
  }
  alertmanagers.push(...(additionalAms ?? []));

  const alertRelabelConfigs: Doc[] = [];
  const replicaLabel = replicaExternalLabelName(ctx);
  if (replicaLabel !== '') alertRelabelConfigs.push({ action: 'labeldrop', regex: quoteMeta(replicaLabel) });
  alertRelabelConfigs.push(...(additionalRelabel ?? []));

  out.alerting = { alert_relabel_configs: alertRelabelConfigs, alertmanagers };
  return out;
}
