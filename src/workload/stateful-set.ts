/**
 * One StatefulSet assembler for every kind: the pod template
 * (pod-template.ts), then the data volume (an emptyDir, an ephemeral volume
 * or a claim template) and the user's volumes, the StatefulSet spec, and the
 * metadata with its input hash. A kind supplies its parts as props; it never
 * repeats the steps.
 */
import type { V1PersistentVolumeClaim, V1StatefulSet, V1StatefulSetSpec, V1Volume } from '@kubernetes/client-node';
import type { StorageSpec } from '../api/types.js';
import { clone } from '../core/objects.js';
import type { KubeObject } from '../krm/types.js';
import type { RenderContext } from '../context/render-context.js';
import { workloadMetadata, type StringMap } from './metadata.js';
import type { WorkloadOwner } from './owner.js';
import { statefulSetUpdateStrategy } from './pod-settings.js';
import { makePodTemplate, type PodTemplateProps, type WorkloadSpecFields } from './pod-template.js';
import type { WorkloadPlan } from './plan.js';
import { placeStorage } from './storage.js';

export type StatefulSetObject = KubeObject & V1StatefulSet;

/** The StatefulSet fields before the selector, in the order each kind writes them (see statefulSetSettings). */
export type StatefulSetSettings = Pick<V1StatefulSetSpec, 'serviceName' | 'replicas' | 'podManagementPolicy' | 'updateStrategy' | 'minReadySeconds'>;

export interface StatefulSetSpecFields extends WorkloadSpecFields {
  readonly podManagementPolicy?: string;
  readonly updateStrategy?: Parameters<typeof statefulSetUpdateStrategy>[0];
  readonly minReadySeconds?: number | null;
  readonly storage?: StorageSpec;
}

export interface StatefulSetProps extends Omit<PodTemplateProps, 'version'> {
  readonly spec: StatefulSetSpecFields;
  /** The StatefulSet's name when it is not the plan's `<prefix>-<name>` (a Prometheus shard). */
  readonly name?: string;
  /** Labels the kind adds to the StatefulSet's own (Prometheus's mode label). */
  readonly kindLabels?: StringMap;
  readonly settings: StatefulSetSettings;
  /** The default name of the data volume, `<prefix>-<name>-db`. */
  readonly dataVolumeName: string;
  /** `spec.persistentVolumeClaimRetentionPolicy`, for the kinds that have it. */
  readonly claimRetentionPolicy?: object;
  /** What the input hash covers beyond the owner's metadata and the StatefulSet spec. */
  readonly hash: { readonly http2?: boolean | null; readonly ruleConfigMaps?: readonly string[]; readonly tlsAssetSecrets: number; readonly config?: string };
}

/**
 * The StatefulSet fields before the selector as Prometheus and Alertmanager
 * write them: the governing Service, replicas, the pod management policy
 * (Parallel unless set), the update strategy and minReadySeconds when set.
 */
export function statefulSetSettings(spec: StatefulSetSpecFields, serviceName: string, replicas: number): StatefulSetSettings {
  return {
    serviceName,
    replicas,
    podManagementPolicy: spec.podManagementPolicy ?? 'Parallel',
    updateStrategy: statefulSetUpdateStrategy(spec.updateStrategy),
    ...(spec.minReadySeconds ? { minReadySeconds: spec.minReadySeconds } : {}),
  };
}

/** The StatefulSet, or undefined after an error result says why it cannot be built. */
export function makeStatefulSet(owner: WorkloadOwner, plan: WorkloadPlan, props: StatefulSetProps, ctx: RenderContext): StatefulSetObject | undefined {
  const { spec } = props;
  const pod = makePodTemplate({ ...props, version: plan.version }, ctx.options, ctx.report.failFor(owner.ref));
  if (!pod) return undefined;
  const podSpec = pod.template.spec;
  const storage = placeStorage(spec.storage, props.dataVolumeName);
  if (storage.volume) podSpec.volumes = [...(podSpec.volumes ?? []), storage.volume];
  if (spec.volumes) podSpec.volumes = [...(podSpec.volumes ?? []), ...(clone(spec.volumes) as V1Volume[])];

  const stsSpec: V1StatefulSetSpec = { ...props.settings, selector: { matchLabels: pod.selector }, template: pod.template };
  if (storage.claimTemplate) stsSpec.volumeClaimTemplates = [storage.claimTemplate as V1PersistentVolumeClaim];
  if (props.claimRetentionPolicy) stsSpec.persistentVolumeClaimRetentionPolicy = clone(props.claimRetentionPolicy) as V1StatefulSetSpec['persistentVolumeClaimRetentionPolicy'];

  const metadata = workloadMetadata({
    name: props.name ?? plan.prefixedName,
    namespace: plan.namespace,
    owner: owner.metadata,
    kindLabels: props.kindLabels,
    selector: pod.selector,
    hash: { ...props.hash, spec: stsSpec },
  });
  return { apiVersion: 'apps/v1', kind: 'StatefulSet', metadata, spec: stsSpec };
}
