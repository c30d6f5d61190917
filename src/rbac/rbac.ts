/**
 * Least-privilege RBAC for a resource whose pods use Kubernetes service
 * discovery (option `rbac`). The operator leaves RBAC to the user; we know
 * the generated configuration, so we grant what it reads and nothing more.
 */
import { refOf, type KubeObject } from '../krm/types.js';
import type { RenderContext } from '../context/render-context.js';
import type { PodIdentity } from '../context/rendered-resource.js';
import { discoveryNeeds } from './discovery.js';
import { makeRbac } from './objects.js';

export { discoveryNeeds, type DiscoveryNeeds, type SdRole } from './discovery.js';
export { makeRbac, rbacName, type RbacInput } from './objects.js';

/**
 * The ServiceAccount (unless the input has it, or it is `default`) and the
 * roles the pods of one resource need, from its generated configuration.
 * Nothing under `rbac: none`.
 */
export function rbacFor(owner: KubeObject, identity: PodIdentity, ctx: RenderContext): KubeObject[] {
  if (ctx.options.rbac === 'none') return [];
  const ownerRef = { namespace: identity.namespace, name: identity.name };
  const account = identity.serviceAccountName;
  const present =
    account === 'default' || ctx.inputs.has({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { namespace: identity.namespace, name: account } });
  const needs = identity.discoveryConfig ? discoveryNeeds(identity.discoveryConfig, identity.namespace) : undefined;
  const ref = refOf(owner);
  for (const unknown of needs?.unknownRoles ?? []) {
    ctx.report.warn(
      `kubernetes_sd_configs at ${unknown} is not a role Prometheus knows (endpoints, endpointslice, ingress, node, pod, service); no RBAC is generated for it`,
      ref,
    );
  }
  return makeRbac({ owner: ownerRef, prefix: identity.prefix, serviceAccountName: account, createServiceAccount: !present, needs });
}
