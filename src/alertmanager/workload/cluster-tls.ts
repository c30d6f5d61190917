/**
 * Mutual TLS for the Alertmanager cluster's gossip (`spec.clusterTLS`): the
 * `cluster-tls-config.yaml` file in the `alertmanager-<name>-cluster-tls-config`
 * Secret, the `--cluster.tls-config` flag, and the volumes holding the server
 * and client credentials. The Secret always exists (empty without
 * clusterTLS), because from 0.24.0 the pods always mount it.
 */
import type { V1Volume, V1VolumeMount } from '@kubernetes/client-node';
import type { SafeTLSConfig, SecretOrConfigMap, WebTLSConfig } from '../../api/types.js';
import { toYaml } from '../../core/yaml.js';
import type { KubeObject } from '../../krm/types.js';
import type { Fail } from '../../core/fail.js';
import type { Argument } from '../../workload/flags.js';
import { MANAGED_LABELS } from '../../workload/metadata.js';
import { checkWebTls, webTlsPaths } from '../../workload/web-config.js';
import { tlsCredentialMounts } from '../../workload/web-config-volumes.js';
import { CLUSTER_TLS_CONFIG_DIR, PREFIX, type AlertmanagerSpec } from './spec-view.js';

export const CLUSTER_TLS_CONFIG_FILE = 'cluster-tls-config.yaml';
const VOLUME = 'cluster-tls-config';
const SERVER_DIR = `${CLUSTER_TLS_CONFIG_DIR}/server_tls`;
const CLIENT_DIR = `${CLUSTER_TLS_CONFIG_DIR}/client_tls`;
const SERVER_VOLUME_PREFIX = 'cluster-tls-server-config-';
const CLIENT_VOLUME_PREFIX = 'cluster-tls-client-config-';

export function clusterTlsSecretName(name: string): string {
  return `${PREFIX}-${name}-cluster-tls-config`;
}

type ClusterTls = NonNullable<AlertmanagerSpec['clusterTLS']>;

function hasSelector(s: SecretOrConfigMap | undefined): s is SecretOrConfigMap {
  return Boolean(s?.secret || s?.configMap);
}

function selectorProblem(s: SecretOrConfigMap | undefined): string | undefined {
  if (s?.secret && s.configMap) return 'cannot specify both Secret and ConfigMap';
  return undefined;
}

/** The operator's checks on the client side (a SafeTLSConfig whose certificate is required). */
function checkClientTls(tls: SafeTLSConfig | undefined): string | undefined {
  const ca = selectorProblem(tls?.ca);
  if (ca) return `ca: ${ca}`;
  const cert = selectorProblem(tls?.cert);
  if (cert) return `cert: ${cert}`;
  if (tls?.maxVersion && tls.minVersion && tls.maxVersion < tls.minVersion) return 'maxVersion must more than or equal to minVersion';
  if (hasSelector(tls?.cert) && !tls?.keySecret) return 'client cert specified without client key';
  if (tls?.keySecret && !hasSelector(tls.cert)) return 'client key specified without client cert';
  if (!hasSelector(tls?.cert)) return 'certificate is required';
  return undefined;
}

/** Returns the first problem with spec.clusterTLS and the field it concerns, or undefined. */
export function checkClusterTls(cluster: ClusterTls | undefined): { problem: string; field: string } | undefined {
  if (!cluster) return undefined;
  const server = checkWebTls(cluster.server);
  if (server) return { problem: `invalid server TLS configuration: ${server}`, field: 'spec.clusterTLS.server' };
  const client = checkClientTls(cluster.client);
  if (client) return { problem: `invalid client TLS configuration: ${client}`, field: 'spec.clusterTLS.client' };
  return undefined;
}

/** The client side read as a TLS reference set (its CA in the place of a client CA). */
function clientAsReferences(client: SafeTLSConfig): WebTLSConfig {
  return { keySecret: client.keySecret, cert: client.cert, client_ca: client.ca };
}

export interface ClusterTlsMount {
  /** `--cluster.tls-config=…`, only when spec.clusterTLS is set. */
  readonly arg: Argument | undefined;
  readonly volumes: V1Volume[];
  readonly mounts: V1VolumeMount[];
}

/** Volumes, mounts and flag; undefined after `fail` when a credential name cannot become a volume name. */
export function clusterTlsMount(name: string, cluster: ClusterTls | undefined, fail: Fail): ClusterTlsMount | undefined {
  const file = `${CLUSTER_TLS_CONFIG_DIR}/${CLUSTER_TLS_CONFIG_FILE}`;
  const volumes: V1Volume[] = [{ name: VOLUME, secret: { secretName: clusterTlsSecretName(name) } }];
  const mounts: V1VolumeMount[] = [{ name: VOLUME, subPath: CLUSTER_TLS_CONFIG_FILE, readOnly: true, mountPath: file }];
  if (!cluster) return { arg: undefined, volumes, mounts };
  for (const [dir, prefix, refs] of [
    [SERVER_DIR, SERVER_VOLUME_PREFIX, cluster.server],
    [CLIENT_DIR, CLIENT_VOLUME_PREFIX, clientAsReferences(cluster.client)],
  ] as const) {
    const creds = tlsCredentialMounts(dir, prefix, refs, fail, 'spec.clusterTLS');
    if (!creds) return undefined;
    volumes.push(...creds.volumes);
    mounts.push(...creds.mounts);
  }
  return { arg: { name: 'cluster.tls-config', value: file }, volumes, mounts };
}

function keyOf(s: SecretOrConfigMap): string {
  return s.secret?.key ?? s.configMap?.key ?? '';
}

/** `dir/file`, or `dir` when the file name is empty (Go's path join). */
function join(dir: string, file: string): string {
  return file ? `${dir}/${file}` : dir;
}

function serverSection(tls: WebTLSConfig): Record<string, unknown> {
  const paths = webTlsPaths(SERVER_DIR, tls);
  const out: Record<string, unknown> = {};
  if (tls.keyFile) out.key_file = tls.keyFile;
  else out.key_file = join(paths.keyDir, tls.keySecret?.key ?? '');
  if (tls.certFile) out.cert_file = tls.certFile;
  else if (paths.certDir && hasSelector(tls.cert)) out.cert_file = join(paths.certDir, keyOf(tls.cert));
  if (tls.clientAuthType) out.client_auth_type = tls.clientAuthType;
  if (tls.clientCAFile) out.client_ca_file = tls.clientCAFile;
  else if (paths.clientCaDir && hasSelector(tls.client_ca)) out.client_ca_file = join(paths.clientCaDir, keyOf(tls.client_ca));
  if (tls.minVersion) out.min_version = tls.minVersion;
  if (tls.maxVersion) out.max_version = tls.maxVersion;
  if (tls.cipherSuites && tls.cipherSuites.length > 0) out.cipher_suites = [...tls.cipherSuites];
  if (tls.preferServerCipherSuites !== undefined && tls.preferServerCipherSuites !== null) out.prefer_server_cipher_suites = tls.preferServerCipherSuites;
  if (tls.curvePreferences && tls.curvePreferences.length > 0) out.curve_preferences = [...tls.curvePreferences];
  return out;
}

function clientSection(tls: SafeTLSConfig): Record<string, unknown> {
  const paths = webTlsPaths(CLIENT_DIR, clientAsReferences(tls));
  const out: Record<string, unknown> = {};
  out.key_file = `${paths.keyDir}/${tls.keySecret?.key ?? ''}`;
  if (paths.certDir && hasSelector(tls.cert)) out.cert_file = `${paths.certDir}/${keyOf(tls.cert)}`;
  if (paths.clientCaDir && hasSelector(tls.ca)) out.ca_file = `${paths.clientCaDir}/${keyOf(tls.ca)}`;
  if (tls.serverName !== undefined) out.server_name = tls.serverName;
  if (tls.insecureSkipVerify !== undefined && tls.insecureSkipVerify !== null) out.insecure_skip_verify = tls.insecureSkipVerify;
  return out;
}

/** The text of cluster-tls-config.yaml; empty without spec.clusterTLS. */
export function clusterTlsConfigText(cluster: ClusterTls | undefined): string {
  if (!cluster) return '';
  return toYaml({ tls_server_config: serverSection(cluster.server), tls_client_config: clientSection(cluster.client) });
}

export function makeClusterTlsConfigSecret(name: string, namespace: string, cluster: ClusterTls | undefined): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: clusterTlsSecretName(name), namespace, labels: { ...MANAGED_LABELS } },
    data: { [CLUSTER_TLS_CONFIG_FILE]: Buffer.from(clusterTlsConfigText(cluster), 'utf8').toString('base64') },
  };
}
