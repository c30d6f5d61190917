import type { V1Volume, V1VolumeMount } from '@kubernetes/client-node';
import type { SecretOrConfigMap, WebTLSConfig } from '../api/types.js';
import type { Fail } from '../core/fail.js';
import type { Argument } from './flags.js';
import { uniqueDns1123Label } from './names.js';
import { WEB_CONFIG_FILE, webTlsPaths } from './web-config.js';

/**
 * How an operand reads its web configuration (TLS, HTTP headers): the
 * generated `web-config.yaml` from the `<prefix>-<name>-web-config` Secret,
 * plus one volume per Secret/ConfigMap that holds the TLS key, certificate
 * and client CA. The paths here are the ones the web config file refers to.
 */
export const WEB_CONFIG_VOLUME = 'web-config';
const TLS_VOLUME_PREFIX = 'web-config-tls-';

export interface WebConfigMount {
  /** `--web.config.file=<dir>/web-config.yaml` */
  readonly arg: Argument;
  readonly volumes: V1Volume[];
  readonly mounts: V1VolumeMount[];
}

type Selector = { name: string; key: string };

function selectorOf(ref: SecretOrConfigMap | undefined): { kind: 'secret' | 'configmap'; sel: Selector } | undefined {
  if (ref?.secret?.name) return { kind: 'secret', sel: { name: ref.secret.name, key: ref.secret.key } };
  if (ref?.configMap?.name) return { kind: 'configmap', sel: { name: ref.configMap.name, key: ref.configMap.key } };
  return undefined;
}

/** Pod volumes and mounts for the TLS credentials a TLS server configuration references. */
export interface TlsCredentialMounts {
  readonly volumes: V1Volume[];
  readonly mounts: V1VolumeMount[];
}

/**
 * One volume per Secret/ConfigMap holding the key, certificate and CA,
 * mounted whole (so renewed certificates are picked up) at the directories
 * webTlsPaths gives for `dir`. Volume names are `<volumePrefix><kind>-<what>-`
 * plus the object name and a hash. Undefined after `fail` names `field` when
 * a name cannot become a volume name.
 */
export function tlsCredentialMounts(dir: string, volumePrefix: string, tls: WebTLSConfig, fail: Fail, field: string): TlsCredentialMounts | undefined {
  const volumes: V1Volume[] = [];
  const mounts: V1VolumeMount[] = [];
  // The directories are the ones the generated configuration file names.
  const paths = webTlsPaths(dir, tls);
  const refs: Array<{ ref: ReturnType<typeof selectorOf>; mountPath: string | undefined; label: string }> = [
    { ref: tls.keySecret?.name ? { kind: 'secret', sel: { name: tls.keySecret.name, key: tls.keySecret.key } } : undefined, mountPath: paths.keyDir, label: 'key' },
    { ref: selectorOf(tls.cert), mountPath: paths.certDir, label: 'cert' },
    { ref: selectorOf(tls.client_ca), mountPath: paths.clientCaDir, label: 'client-ca' },
  ];
  for (const { ref, mountPath, label } of refs) {
    if (!ref || mountPath === undefined) continue;
    const name = uniqueDns1123Label(`${volumePrefix}${ref.kind}-${label}-`, ref.sel.name, fail, field);
    if (name === undefined) return undefined;
    volumes.push(ref.kind === 'secret' ? { name, secret: { secretName: ref.sel.name } } : { name, configMap: { name: ref.sel.name } });
    mounts.push({ name, readOnly: true, mountPath });
  }
  return { volumes, mounts };
}

/** Undefined after `fail` names `field` when a credential's name cannot become a volume name. */
export function webConfigMount(dir: string, secretName: string, tls: WebTLSConfig | undefined, fail: Fail, field: string): WebConfigMount | undefined {
  const file = `${dir}/${WEB_CONFIG_FILE}`;
  const volumes: V1Volume[] = [{ name: WEB_CONFIG_VOLUME, secret: { secretName } }];
  const mounts: V1VolumeMount[] = [{ name: WEB_CONFIG_VOLUME, readOnly: true, mountPath: file, subPath: WEB_CONFIG_FILE }];
  if (tls) {
    const creds = tlsCredentialMounts(dir, TLS_VOLUME_PREFIX, tls, fail, field);
    if (!creds) return undefined;
    volumes.push(...creds.volumes);
    mounts.push(...creds.mounts);
  }
  return { arg: { name: 'web.config.file', value: file }, volumes, mounts };
}
