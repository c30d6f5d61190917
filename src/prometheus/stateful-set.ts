import type { V1StatefulSet, V1Volume } from '@kubernetes/client-node';
import type { Prometheus } from '../api/types.js';
import { clone } from '../core/objects.js';
import type { KubeObject } from '../krm/types.js';
import type { RenderContext } from '../context/render-context.js';
import { statefulSetUpdateStrategy } from '../workload/pod-settings.js';
import { placeStorage } from '../workload/storage.js';
import { statefulSetMetadata } from './pod-settings.js';
import type { PrometheusPlan } from './plan.js';
import { addImagePullSecrets, makePodTemplate } from './pod-template.js';
import { governingServiceName, specOf } from './spec-view.js';

export interface ShardInputs {
  readonly plan: PrometheusPlan;
  readonly shard: number;
  /** StatefulSet name for this shard. */
  readonly name: string;
  /** Names of the TLS assets Secrets to project into the tls-assets volume. */
  readonly tlsAssetSecretNames: readonly string[];
  /** The ServiceAccount generated for pods whose spec names none (option rbac: generate). */
  readonly defaultServiceAccountName?: string;
}

export type StatefulSetObject = KubeObject & V1StatefulSet;

/**
 * The StatefulSet of one shard of a Prometheus server or agent, as the
 * operator's makeStatefulSet builds it. Returns undefined after reporting an
 * error result when the spec cannot be rendered (conflicting flags, an
 * unparsable image, …).
 */
export function makeStatefulSet(p: Prometheus, inputs: ShardInputs, ctx: RenderContext): StatefulSetObject | undefined {
  const spec = specOf(p);
  const { plan } = inputs;
  const pod = makePodTemplate(p, inputs, ctx);
  if (!pod) return undefined;
  const podSpec = pod.template.spec;
  const storage = placeStorage(spec.storage, pod.dataVolumeName);
  if (storage.volume) podSpec.volumes = [...(podSpec.volumes ?? []), storage.volume];
  if (spec.volumes) podSpec.volumes = [...(podSpec.volumes ?? []), ...(clone(spec.volumes) as V1Volume[])];
  addImagePullSecrets(podSpec, spec);

  const replicas = spec.replicas === undefined || spec.replicas < 0 ? 1 : spec.replicas;
  const stsSpec: NonNullable<V1StatefulSet['spec']> = {
    serviceName: spec.serviceName ?? governingServiceName(plan.mode),
    replicas,
    podManagementPolicy: spec.podManagementPolicy ?? 'Parallel',
    updateStrategy: statefulSetUpdateStrategy(spec.updateStrategy),
    ...(spec.minReadySeconds ? { minReadySeconds: spec.minReadySeconds } : {}),
    selector: { matchLabels: pod.selector },
    template: pod.template,
  };
  if (storage.claimTemplate) stsSpec.volumeClaimTemplates = [storage.claimTemplate];
  if (spec.persistentVolumeClaimRetentionPolicy) {
    stsSpec.persistentVolumeClaimRetentionPolicy = clone(spec.persistentVolumeClaimRetentionPolicy) as typeof stsSpec.persistentVolumeClaimRetentionPolicy;
  }

  const metadata = statefulSetMetadata(p, inputs, pod.selector, stsSpec);
  return { apiVersion: 'apps/v1', kind: 'StatefulSet', metadata, spec: stsSpec };
}
