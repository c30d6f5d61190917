import type { V1Volume, V1VolumeMount } from '@kubernetes/client-node';
import { clone } from '../core/objects.js';
import type { Fail } from '../core/fail.js';
import { adviseLabel, dns1123Label } from '../workload/names.js';
import {
  CONFIG_DIR,
  CONFIG_OUT_DIR,
  CONFIGMAPS_DIR,
  LOG_DIRECTORY,
  LOG_FILE_VOLUME,
  RULES_DIR,
  SECRETS_DIR,
  STORAGE_DIR,
  TLS_ASSETS_DIR,
  usesDefaultLogVolume,
  type CommonSpec,
  type ServerSpec,
} from './spec-view.js';
import { storageClaimName, storageSubPath } from '../workload/storage.js';

/** Pod volumes and the prometheus container's mounts. */
export interface VolumeSet {
  readonly volumes: V1Volume[];
  readonly mounts: V1VolumeMount[];
}

export interface VolumeInputs {
  /** `prometheus-<name>`: the config Secret. */
  readonly configSecretName: string;
  /** Default data volume name, `prometheus-<name>-db`. */
  readonly dataVolumeName: string;
  readonly tlsAssetSecretNames: readonly string[];
}

/** The name the data volume is mounted by (the PVC template's name when it sets one). */
export function dataVolumeClaimName(spec: CommonSpec, defaultName: string): string {
  return storageClaimName(spec.storage, defaultName);
}

export function dataSubPath(spec: CommonSpec): string {
  return storageSubPath(spec.storage, 'prometheus-db');
}

/**
 * Volumes every Prometheus (server or agent) mounts: the compressed config,
 * the TLS assets projected from their Secrets, the expanded config (in
 * memory), the data directory, the user's mounts, `spec.secrets`,
 * `spec.configMaps`, and the log volume for the scrape failure log.
 * Undefined after `fail` names the field when a Secret or ConfigMap name
 * cannot become a volume name.
 */
export function commonVolumes(spec: CommonSpec, inputs: VolumeInputs, statefulSet: boolean, fail: Fail): VolumeSet | undefined {
  const volumes: V1Volume[] = [
    { name: 'config', secret: { secretName: inputs.configSecretName } },
    { name: 'tls-assets', projected: { sources: inputs.tlsAssetSecretNames.map((name) => ({ secret: { name } })) } },
    { name: 'config-out', emptyDir: { medium: 'Memory' } },
  ];
  const mounts: V1VolumeMount[] = [
    { name: 'config-out', readOnly: true, mountPath: CONFIG_OUT_DIR },
    { name: 'tls-assets', readOnly: true, mountPath: TLS_ASSETS_DIR },
  ];
  if (statefulSet) {
    const subPath = dataSubPath(spec);
    mounts.push({ name: dataVolumeClaimName(spec, inputs.dataVolumeName), mountPath: STORAGE_DIR, ...(subPath ? { subPath } : {}) });
  }
  for (const m of spec.volumeMounts ?? []) mounts.push(clone(m) as V1VolumeMount);

  for (const [i, s] of (spec.secrets ?? []).entries()) {
    const name = dns1123Label('secret', s, adviseLabel(fail), `spec.secrets[${i}]`);
    if (name === undefined) return undefined;
    volumes.push({ name, secret: { secretName: s } });
    mounts.push({ name, readOnly: true, mountPath: SECRETS_DIR + s });
  }
  for (const [i, c] of (spec.configMaps ?? []).entries()) {
    const name = dns1123Label('configmap', c, adviseLabel(fail), `spec.configMaps[${i}]`);
    if (name === undefined) return undefined;
    volumes.push({ name, configMap: { name: c } });
    mounts.push({ name, readOnly: true, mountPath: CONFIGMAPS_DIR + c });
  }
  if (usesDefaultLogVolume(spec.scrapeFailureLogFile)) {
    volumes.push({ name: LOG_FILE_VOLUME, emptyDir: {} });
    mounts.push({ name: LOG_FILE_VOLUME, mountPath: LOG_DIRECTORY });
  }
  return { volumes, mounts };
}

/**
 * What only the server mounts: the query log volume (unless the scrape
 * failure log already brought it) and the rule-file ConfigMaps, optional so
 * that pods start before the ConfigMaps exist.
 */
export function addServerVolumes(set: VolumeSet, spec: ServerSpec, ruleConfigMapNames: readonly string[]): void {
  const queryLogVolume = usesDefaultLogVolume(spec.queryLogFile) && spec.scrapeFailureLogFile === undefined;
  if (queryLogVolume) set.volumes.push({ name: LOG_FILE_VOLUME, emptyDir: {} });
  for (const name of ruleConfigMapNames) set.volumes.push({ name, configMap: { name, optional: true } });
  for (const name of ruleConfigMapNames) set.mounts.push({ name, mountPath: `${RULES_DIR}/${name}`, readOnly: true });
  if (queryLogVolume) set.mounts.push({ name: LOG_FILE_VOLUME, mountPath: LOG_DIRECTORY });
}

/** Mounts of the config-reloader: the compressed config in, the expanded config out. */
export function configReloaderMounts(): V1VolumeMount[] {
  return [
    { name: 'config', mountPath: CONFIG_DIR },
    { name: 'config-out', mountPath: CONFIG_OUT_DIR },
  ];
}
