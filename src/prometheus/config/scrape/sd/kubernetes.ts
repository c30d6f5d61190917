/** `kubernetes_sd_configs`: objects of a Kubernetes cluster (this one or another API server). */
import type { Doc } from '../../context.js';
import { checkHttpSd, http, list, opt } from './common.js';
import { fieldSelectorProblem, labelSelectorProblem } from './k8s-selectors.js';
import type { Fail } from '../../../../core/fail.js';
import { sdMechanism, type SdEntry } from './types.js';

type KubernetesSd = SdEntry<'kubernetesSDConfigs'>;
import { ownValue } from '../../../../core/objects.js';

/** The selector roles each discovery role accepts. */
const ALLOWED_SELECTORS: Readonly<Record<string, readonly string[]>> = {
  pod: ['pod'],
  service: ['service'],
  endpointslice: ['pod', 'service', 'endpointslice'],
  endpoints: ['pod', 'service', 'endpoints'],
  node: ['node'],
  ingress: ['ingress'],
};

/** attach_metadata is understood for these roles from these versions; other roles ignore it. */
const ATTACH_METADATA_SINCE: Readonly<Record<string, string>> = { pod: '2.35.0', endpoints: '2.37.0', endpointslice: '2.37.0' };

function checkSelectors(c: KubernetesSd, field: string, fail: Fail): void {
  const role = String(c.role ?? '').toLowerCase();
  for (const s of c.selectors ?? []) {
    const allowed = ownValue(ALLOWED_SELECTORS, role);
    if (!allowed) {
      fail(`invalid role: "${String(s.role)}", expecting one of: pod, service, endpoints, endpointslice, node or ingress`, `${field}.role`);
      return;
    }
    if (!allowed.includes(String(s.role ?? '').toLowerCase())) {
      fail(`${String(c.role)} role supports only ${allowed.join(', ')} selectors`, `${field}.selectors`);
      return;
    }
  }
  for (const [i, s] of (c.selectors ?? []).entries()) {
    const problem = (typeof s.field === 'string' ? fieldSelectorProblem(s.field) : undefined) ?? (typeof s.label === 'string' ? labelSelectorProblem(s.label) : undefined);
    if (problem) {
      fail(problem, `${field}.selectors[${i}]`);
      return;
    }
  }
}

export const kubernetesSd = sdMechanism({
  field: 'kubernetesSDConfigs',
  key: 'kubernetes_sd_configs',
  validate: (ctx, c, field, fail) => {
    checkHttpSd(c, field, fail);
    if (c.role === 'EndpointSlice' && !ctx.gate.since('2.21.0').ok) {
      fail('EndpointSlice role is only supported for Prometheus version >= 2.21.0', `${field}.role`);
    }
    if (c.apiServer && c.namespaces && c.namespaces.ownNamespace === true) {
      fail("cannot use 'apiServer' and 'namespaces.ownNamespace' simultaneously", `${field}.namespaces.ownNamespace`);
    }
    checkSelectors(c, field, fail);
  },
  build: (ctx, c, field) => {
    const out: Doc = {};
    opt(out, 'api_server', c.apiServer);
    const role = String(c.role ?? '').toLowerCase();
    const roleGate = ctx.gate.at(`${field}.role`);
    (c.role === 'EndpointSlice' ? roleGate.since('2.21.0') : roleGate).put(out, 'role', role);
    http.client(ctx, out, c, field);
    http.followRedirects(out, c);
    http.enableHttp2(out, c);
    http.tls(ctx, out, c, field);
    if (c.namespaces) {
      const namespaces: Doc = { names: list(c.namespaces.names) };
      opt(namespaces, 'own_namespace', c.namespaces.ownNamespace);
      out.namespaces = namespaces;
    }
    if (c.selectors?.length) {
      const selectors = c.selectors.map((s) => {
        const doc: Doc = { role: String(s.role ?? '').toLowerCase() };
        opt(doc, 'label', s.label);
        return opt(doc, 'field', s.field);
      });
      ctx.gate.since('2.17.0').at(`${field}.selectors`).put(out, 'selectors', selectors);
    }
    if (c.attachMetadata) {
      const since = ownValue(ATTACH_METADATA_SINCE, role);
      const attach = { node: c.attachMetadata.node ?? null };
      if (since) ctx.gate.since(since).at(`${field}.attachMetadata`).put(out, 'attach_metadata', attach);
      else ctx.warn(`attachMetadata is not supported by Prometheus for role ${String(c.role)}; it is ignored`, `${field}.attachMetadata`);
    }
    return out;
  },
});
