import type { V1Volume, V1VolumeMount, V1VolumeProjection } from '@kubernetes/client-node';
import { clone } from '../../core/objects.js';
import type { Fail } from '../../core/fail.js';
import { adviseLabel, dns1123Label } from '../../workload/names.js';
import { storageClaimName, storageSubPath } from '../../workload/storage.js';
import {
  CONFIG_DIR,
  CONFIG_FILE,
  CONFIG_FILE_COMPRESSED,
  CONFIG_OUT_DIR,
  CONFIG_OUT_VOLUME,
  CONFIG_VOLUME,
  CONFIGMAPS_DIR,
  SECRETS_DIR,
  STORAGE_DIR,
  STORAGE_SUB_PATH,
  TEMPLATES_DIR,
  TEMPLATES_VOLUME,
  TLS_ASSETS_DIR,
  TLS_ASSETS_VOLUME,
  type AlertmanagerSpec,
} from './spec-view.js';

/**
 * Pod volumes with the mounts of the alertmanager container and of the
 * config reloaders, and the directories the reloaders watch.
 */
export interface VolumePlan {
  readonly volumes: V1Volume[];
  readonly mounts: V1VolumeMount[];
  readonly reloaderMounts: V1VolumeMount[];
  readonly watchedDirectories: string[];
}

/**
 * The Secret the pods read their configuration from: the generated
 * `alertmanager-<name>-generated` (key `alertmanager.yaml.gz`), or the user's
 * own Secret as it is, when its configuration is not in the input and nothing
 * has to be merged into it.
 */
export type ConfigVolumeSource = { readonly generated: string } | { readonly userSecret: string };

export interface VolumeInputs {
  readonly config: ConfigVolumeSource;
  /** Default data volume name, `alertmanager-<name>-db`. */
  readonly dataVolumeName: string;
  readonly tlsAssetSecretNames: readonly string[];
}

/**
 * The notification templates of `spec.alertmanagerConfiguration`, projected
 * into one volume; a template whose key was already projected is skipped,
 * since both would land on the same file.
 */
function templateSources(spec: AlertmanagerSpec): V1VolumeProjection[] {
  const sources: V1VolumeProjection[] = [];
  const keys = new Set<string>();
  for (const t of spec.alertmanagerConfiguration?.templates ?? []) {
    if (t.configMap && !keys.has(t.configMap.key)) {
      sources.push({ configMap: { name: t.configMap.name ?? '', items: [{ key: t.configMap.key, path: t.configMap.key }] } });
      keys.add(t.configMap.key);
    }
    if (t.secret && !keys.has(t.secret.key)) {
      sources.push({ secret: { name: t.secret.name ?? '', items: [{ key: t.secret.key, path: t.secret.key }] } });
      keys.add(t.secret.key);
    }
  }
  return sources;
}

/**
 * The config volume. The user's Secret is projected twice: whole, so that its
 * other keys (templates) sit beside the configuration as in the operator's
 * copy, and its `alertmanager.yaml` once more under the name the
 * config-reloader reads, `alertmanager.yaml.gz`. The reloader recognises gzip
 * by its first bytes, so plain text under that name is read as it is.
 */
function configVolume(source: ConfigVolumeSource): V1Volume {
  if ('generated' in source) return { name: CONFIG_VOLUME, secret: { secretName: source.generated } };
  const name = source.userSecret;
  return {
    name: CONFIG_VOLUME,
    projected: { sources: [{ secret: { name } }, { secret: { name, items: [{ key: CONFIG_FILE, path: CONFIG_FILE_COMPRESSED }] } }] },
  };
}

/** Undefined after `fail` names the field when a Secret or ConfigMap name cannot become a volume name. */
export function alertmanagerVolumes(spec: AlertmanagerSpec, inputs: VolumeInputs, fail: Fail): VolumePlan | undefined {
  const volumes: V1Volume[] = [
    configVolume(inputs.config),
    { name: TLS_ASSETS_VOLUME, projected: { sources: inputs.tlsAssetSecretNames.map((name) => ({ secret: { name } })) } },
    // In memory, so the expanded configuration with its secrets never touches a disk.
    { name: CONFIG_OUT_VOLUME, emptyDir: { medium: 'Memory' } },
  ];
  const subPath = storageSubPath(spec.storage, STORAGE_SUB_PATH);
  const mounts: V1VolumeMount[] = [
    { name: CONFIG_VOLUME, mountPath: CONFIG_DIR },
    { name: CONFIG_OUT_VOLUME, readOnly: true, mountPath: CONFIG_OUT_DIR },
    { name: TLS_ASSETS_VOLUME, readOnly: true, mountPath: TLS_ASSETS_DIR },
    { name: storageClaimName(spec.storage, inputs.dataVolumeName), mountPath: STORAGE_DIR, ...(subPath ? { subPath } : {}) },
  ];
  const reloaderMounts: V1VolumeMount[] = [
    { name: CONFIG_VOLUME, mountPath: CONFIG_DIR, readOnly: true },
    { name: CONFIG_OUT_VOLUME, mountPath: CONFIG_OUT_DIR },
  ];
  const watchedDirectories = [CONFIG_DIR];

  if ((spec.alertmanagerConfiguration?.templates ?? []).length > 0) {
    volumes.push({ name: TEMPLATES_VOLUME, projected: { sources: templateSources(spec) } });
    mounts.push({ name: TEMPLATES_VOLUME, readOnly: true, mountPath: TEMPLATES_DIR });
    reloaderMounts.push({ name: TEMPLATES_VOLUME, readOnly: true, mountPath: TEMPLATES_DIR });
    watchedDirectories.push(TEMPLATES_DIR);
  }

  const extra: Array<{ field: string; prefix: string; dir: string; names: readonly string[]; volume: (n: string) => V1Volume['secret'] | V1Volume['configMap'] }> = [
    { field: 'spec.secrets', prefix: 'secret', dir: SECRETS_DIR, names: spec.secrets ?? [], volume: (n) => ({ secretName: n }) },
    { field: 'spec.configMaps', prefix: 'configmap', dir: CONFIGMAPS_DIR, names: spec.configMaps ?? [], volume: (n) => ({ name: n }) },
  ];
  for (const { field, prefix, dir, names, volume } of extra) {
    for (const [i, n] of names.entries()) {
      const name = dns1123Label(prefix, n, adviseLabel(fail), `${field}[${i}]`);
      if (name === undefined) return undefined;
      volumes.push(prefix === 'secret' ? { name, secret: volume(n) } : { name, configMap: volume(n) });
      const mountPath = `${dir}/${n}`;
      mounts.push({ name, readOnly: true, mountPath });
      reloaderMounts.push({ name, readOnly: true, mountPath });
      watchedDirectories.push(mountPath);
    }
  }

  for (const m of spec.volumeMounts ?? []) mounts.push(clone(m) as V1VolumeMount);
  return { volumes, mounts, reloaderMounts, watchedDirectories };
}
