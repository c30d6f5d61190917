import type { RenderContext } from '../context/render-context.js';
import type { ReferencedSecrets } from '../assets/referenced-secrets.js';
import { makeStatefulSet as assembleStatefulSet, statefulSetSettings, type StatefulSetObject } from '../workload/stateful-set.js';
import { storageVolumeName } from '../workload/names.js';
import { workloadOwner } from '../workload/owner.js';
import type { PrometheusPlan } from './plan.js';
import { prometheusPod } from './pod-template.js';
import { MODES } from './modes.js';
import { MODE_LABEL, specOf, type PrometheusResource } from './spec-view.js';

export type { StatefulSetObject };

export interface ShardInputs {
  readonly plan: PrometheusPlan;
  readonly shard: number;
  /** StatefulSet name for this shard. */
  readonly name: string;
  /** Names of the TLS assets Secrets to project into the tls-assets volume. */
  readonly tlsAssetSecretNames: readonly string[];
  /** The ServiceAccount generated for pods whose spec names none (option rbac: generate). */
  readonly defaultServiceAccountName?: string;
  /** The Secrets the configuration reads by file (option secrets). */
  readonly referenced?: ReferencedSecrets;
  /** The configuration's digest for the input hash, when it holds no value read from a Secret. */
  readonly configDigest?: string;
}

/**
 * The StatefulSet of one shard of a Prometheus server or agent, as the
 * operator's makeStatefulSet builds it. Returns undefined after reporting an
 * error result when the spec cannot be rendered (conflicting flags, an
 * unparsable image, …).
 */
export function makeStatefulSet(resource: PrometheusResource, inputs: ShardInputs, ctx: RenderContext): StatefulSetObject | undefined {
  const spec = specOf(resource);
  const { plan } = inputs;
  return assembleStatefulSet(workloadOwner(resource.object), plan, {
    ...prometheusPod(resource, inputs, ctx),
    name: inputs.name,
    kindLabels: { [MODE_LABEL]: plan.mode },
    settings: statefulSetSettings(spec, spec.serviceName ?? MODES[plan.mode].governingService, spec.replicas === undefined || spec.replicas < 0 ? 1 : spec.replicas),
    dataVolumeName: storageVolumeName(plan.prefix, plan.name),
    claimRetentionPolicy: spec.persistentVolumeClaimRetentionPolicy,
    hash: { http2: spec.web?.httpConfig?.http2 ?? null, ruleConfigMaps: plan.ruleConfigMapNames, tlsAssetSecrets: inputs.tlsAssetSecretNames.length, config: inputs.configDigest },
  }, ctx);
}
