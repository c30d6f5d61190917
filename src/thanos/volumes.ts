import type { V1Volume, V1VolumeMount } from '@kubernetes/client-node';
import { CONFIG_DIR, REMOTE_WRITE_FILE, RULES_DIR } from './spec-view.js';

interface SecretKey {
  readonly name?: string;
  readonly key: string;
}

/**
 * Configuration files that the ruler reads from Secret keys (remote write,
 * query, Alertmanager, object storage, tracing, alert relabelling): each
 * key becomes its own volume `<volume>` mounted at `/etc/thanos/config/<volume>`,
 * in the order the flags are built. The generated remote-write file is
 * always mounted first, whether or not remote write is configured.
 */
export class SecretFileMounts {
  readonly volumes: V1Volume[] = [];
  readonly mounts: V1VolumeMount[] = [];
  /** Path of the generated `remote-write.yaml`. */
  readonly remoteWrite: string;

  constructor(rulerConfigSecretName: string) {
    this.remoteWrite = this.mount({ name: rulerConfigSecretName, key: REMOTE_WRITE_FILE }, 'remote-write-config');
  }

  /** Mounts the Secret key and returns the file's path. */
  mount(ref: SecretKey, volume: string): string {
    const dir = `${CONFIG_DIR}/${volume}`;
    this.volumes.push({ name: volume, secret: { secretName: ref.name ?? '', items: [{ key: ref.key, path: ref.key }] } });
    this.mounts.push({ name: volume, mountPath: dir, readOnly: true });
    return `${dir}/${ref.key}`;
  }
}

/** One optional volume per rule ConfigMap, mounted at `/etc/thanos/rules/<name>`. */
export function ruleVolumes(names: readonly string[]): { volumes: V1Volume[]; mounts: V1VolumeMount[]; reloaderMounts: V1VolumeMount[]; dirs: string[] } {
  return {
    volumes: names.map((name) => ({ name, configMap: { name, optional: true } })),
    mounts: names.map((name) => ({ name, mountPath: `${RULES_DIR}/${name}`, readOnly: true })),
    // The reloader's mounts carry no readOnly flag, as the operator builds them.
    reloaderMounts: names.map((name) => ({ name, mountPath: `${RULES_DIR}/${name}` })),
    dirs: names.map((name) => `${RULES_DIR}/${name}`),
  };
}
