import type { V1DaemonSet } from '@kubernetes/client-node';
import type { KubeObject } from '../krm/types.js';
import type { RenderContext } from '../context/render-context.js';
import type { ReferencedSecrets } from '../assets/referenced-secrets.js';
import { workloadMetadata } from '../workload/metadata.js';
import { makePodTemplate } from '../workload/pod-template.js';
import { workloadOwner } from '../workload/owner.js';
import type { PrometheusPlan } from './plan.js';
import { prometheusPod } from './pod-template.js';
import { MODE_LABEL, specOf, type PrometheusResource } from './spec-view.js';

export interface DaemonSetInputs {
  readonly plan: PrometheusPlan;
  readonly tlsAssetSecretNames: readonly string[];
  readonly defaultServiceAccountName?: string;
  readonly referenced?: ReferencedSecrets;
}

export type DaemonSetObject = KubeObject & V1DaemonSet;

/**
 * The agent's DaemonSet `prom-agent-<name>` (`spec.mode: DaemonSet`): the
 * StatefulSet's pod without a data volume, shard or topology zone, and the
 * config-reloader exporting $(NODE_NAME) for the node-local discovery.
 * Returns undefined after reporting an error result.
 */
export function makeDaemonSet(resource: PrometheusResource, inputs: DaemonSetInputs, ctx: RenderContext): DaemonSetObject | undefined {
  const spec = specOf(resource);
  const { plan } = inputs;
  const owner = workloadOwner(resource.object);
  const pod = makePodTemplate({ ...prometheusPod(resource, { ...inputs, shard: undefined }, ctx), version: plan.version }, ctx.options, ctx.report.failFor(owner.ref));
  if (!pod) return undefined;
  // The operator's DaemonSet leaves spec.volumes out of the pod (only the StatefulSets add them), while
  // spec.volumeMounts are still mounted; say so rather than drop them silently.
  if (spec.volumes && spec.volumes.length > 0) {
    ctx.report.warn('spec.volumes is ignored in DaemonSet mode: the operator does not add these volumes to the DaemonSet pods', owner.ref, 'spec.volumes');
  }
  const dsSpec: NonNullable<V1DaemonSet['spec']> = {
    selector: { matchLabels: pod.selector },
    ...(spec.minReadySeconds ? { minReadySeconds: spec.minReadySeconds } : {}),
    template: pod.template,
  };
  // The operator puts no input hash on the DaemonSet.
  const metadata = workloadMetadata({ name: plan.prefixedName, namespace: plan.namespace, owner: owner.metadata, kindLabels: { [MODE_LABEL]: plan.mode }, selector: pod.selector, hash: undefined });
  return { apiVersion: 'apps/v1', kind: 'DaemonSet', metadata, spec: dsSpec };
}
