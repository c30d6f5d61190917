/**
 * Least-privilege RBAC for a resource whose pods use Kubernetes service
 * discovery (option `rbac`). The operator leaves RBAC to the user; we know
 * the generated configuration, so we grant what it reads and nothing more.
 */
import { describeRef, refOf, type KubeObject } from '../krm/types.js';
import type { RenderContext } from '../selection/context.js';
import { discoveryNeeds } from './discovery.js';
import { defaultServiceAccountName, makeRbac } from './objects.js';

export { discoveryNeeds, type DiscoveryNeeds, type SdRole } from './discovery.js';
export { defaultServiceAccountName, makeRbac, rbacName, type RbacInput } from './objects.js';

export interface RbacPlan {
  /** The ServiceAccount to set on the pods because the spec names none; undefined leaves the pods as they are. */
  readonly defaultServiceAccountName: string | undefined;
  /** The objects to generate, given the configuration document (undefined when there is none). */
  objects(document: Readonly<Record<string, unknown>> | undefined): KubeObject[];
}

/**
 * Decides the ServiceAccount before the workload is built (the pods name it)
 * and the roles once the configuration is known.
 * `owner` is the resource, `prefix` its kind's name prefix (`prometheus`).
 */
export function planRbac(
  owner: KubeObject,
  where: { readonly prefix: string; readonly namespace: string; readonly name: string },
  serviceAccountName: string | undefined,
  ctx: RenderContext,
): RbacPlan {
  if (ctx.options.rbac === 'none') return { defaultServiceAccountName: undefined, objects: () => [] };
  const ownerRef = { namespace: where.namespace, name: where.name };
  const fallback = serviceAccountName ? undefined : defaultServiceAccountName(where.prefix, ownerRef);
  const account = serviceAccountName || (fallback as string);
  const present = ctx.inputs.has({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { namespace: where.namespace, name: account } });
  return {
    defaultServiceAccountName: fallback,
    objects(document) {
      const needs = document ? discoveryNeeds(document, where.namespace) : undefined;
      const ref = refOf(owner);
      for (const unknown of needs?.unknownRoles ?? []) {
        ctx.report.warn(
          `${describeRef(ref)}: kubernetes_sd_configs at ${unknown} is not a role Prometheus knows (endpoints, endpointslice, ingress, node, pod, service); no RBAC is generated for it`,
          ref,
        );
      }
      return makeRbac({ owner: ownerRef, prefix: where.prefix, serviceAccountName: account, createServiceAccount: !present, needs });
    },
  };
}
