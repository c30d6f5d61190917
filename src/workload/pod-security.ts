/**
 * Pod Security Standards, "restricted" profile (which includes "baseline"),
 * as published at kubernetes.io/docs/concepts/security/pod-security-standards
 * for the latest policy version. `podSecurityViolations` lists every check a
 * pod spec fails; `withRestrictedDefaults` fills in the two pod-level settings
 * the operator leaves unset (runAsNonRoot, seccompProfile) when the input
 * leaves them unset too, so generated pods are admitted in restricted
 * namespaces unless the input itself weakens them.
 */
import { isPlainObject } from '../core/objects.js';

type Obj = Record<string, unknown>;

export interface PodSecurityViolation {
  /** Path inside the pod spec, e.g. `containers[prometheus].securityContext.privileged`. */
  readonly field: string;
  /** What the profile requires there. */
  readonly requirement: string;
}

const BASELINE_CAPABILITIES = new Set([
  'AUDIT_WRITE', 'CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'FSETID', 'KILL', 'MKNOD', 'NET_BIND_SERVICE',
  'SETFCAP', 'SETGID', 'SETPCAP', 'SETUID', 'SYS_CHROOT',
]);
const SAFE_SYSCTLS = new Set([
  'kernel.shm_rmid_forced', 'net.ipv4.ip_local_port_range', 'net.ipv4.ip_unprivileged_port_start', 'net.ipv4.tcp_syncookies',
  'net.ipv4.ping_group_range', 'net.ipv4.ip_local_reserved_ports', 'net.ipv4.tcp_keepalive_time', 'net.ipv4.tcp_fin_timeout',
  'net.ipv4.tcp_keepalive_intvl', 'net.ipv4.tcp_keepalive_probes',
]);
const SELINUX_TYPES = new Set(['', 'container_t', 'container_init_t', 'container_kvm_t', 'container_engine_t']);
const RESTRICTED_VOLUME_TYPES = new Set(['configMap', 'csi', 'downwardAPI', 'emptyDir', 'ephemeral', 'persistentVolumeClaim', 'projected', 'secret']);

const obj = (v: unknown): Obj => (isPlainObject(v) ? (v as Obj) : {});
const list = (v: unknown): Obj[] => (Array.isArray(v) ? v.map(obj) : []);

interface NamedContainer {
  readonly path: string;
  readonly container: Obj;
}

function containersOf(spec: Obj): NamedContainer[] {
  return (['initContainers', 'containers', 'ephemeralContainers'] as const).flatMap((key) =>
    list(spec[key]).map((c) => ({ path: `${key}[${String(c.name ?? '')}]`, container: c })),
  );
}

/** Every restricted-profile check the pod spec fails, in a stable order. */
export function podSecurityViolations(podSpec: unknown): PodSecurityViolation[] {
  const spec = obj(podSpec);
  const out: PodSecurityViolation[] = [];
  const add = (field: string, requirement: string) => out.push({ field, requirement });
  const podSc = obj(spec.securityContext);
  const containers = containersOf(spec);

  // Baseline.
  for (const key of ['hostNetwork', 'hostPID', 'hostIPC'] as const) {
    if (spec[key] === true) add(key, 'must be unset or false');
  }
  checkSecurityContextBaseline(podSc, 'securityContext', add);
  for (const s of list(podSc.sysctls)) {
    if (!SAFE_SYSCTLS.has(String(s.name))) add(`securityContext.sysctls[${String(s.name)}]`, 'must be one of the safe sysctls');
  }
  for (const v of list(spec.volumes)) {
    const type = Object.keys(v).find((k) => k !== 'name');
    if (type === 'hostPath') add(`volumes[${String(v.name)}].hostPath`, 'host path volumes are not allowed');
    else if (type !== undefined && !RESTRICTED_VOLUME_TYPES.has(type)) add(`volumes[${String(v.name)}].${type}`, 'volume type is not allowed by the restricted profile');
  }
  for (const { path, container } of containers) {
    const sc = obj(container.securityContext);
    const at = `${path}.securityContext`;
    checkSecurityContextBaseline(sc, at, add);
    if (sc.privileged === true) add(`${at}.privileged`, 'must be unset or false');
    for (const p of list(container.ports)) {
      if (p.hostPort !== undefined && p.hostPort !== 0) add(`${path}.ports[${String(p.containerPort)}].hostPort`, 'must be unset or 0');
    }
    // Restricted.
    if (sc.allowPrivilegeEscalation !== false) add(`${at}.allowPrivilegeEscalation`, 'must be false');
    const caps = obj(sc.capabilities);
    const dropped = Array.isArray(caps.drop) ? caps.drop.map(String) : [];
    if (!dropped.includes('ALL')) add(`${at}.capabilities.drop`, 'must include ALL');
    for (const c of Array.isArray(caps.add) ? caps.add.map(String) : []) {
      if (c !== 'NET_BIND_SERVICE') add(`${at}.capabilities.add`, `may only add NET_BIND_SERVICE, not ${c}`);
      else if (!BASELINE_CAPABILITIES.has(c)) add(`${at}.capabilities.add`, `${c} is not allowed`);
    }
    if (sc.runAsNonRoot === false) add(`${at}.runAsNonRoot`, 'must not be false');
    if (sc.runAsNonRoot !== true && podSc.runAsNonRoot !== true) add(`${at}.runAsNonRoot`, 'must be true here or in the pod securityContext');
    if (sc.runAsUser === 0) add(`${at}.runAsUser`, 'must not be 0 (root)');
    const seccomp = obj(sc.seccompProfile).type;
    if (seccomp === undefined) {
      const podSeccomp = obj(podSc.seccompProfile).type;
      if (podSeccomp !== 'RuntimeDefault' && podSeccomp !== 'Localhost') add(`${at}.seccompProfile`, 'must be RuntimeDefault or Localhost here or in the pod securityContext');
    } else if (seccomp !== 'RuntimeDefault' && seccomp !== 'Localhost') {
      add(`${at}.seccompProfile.type`, 'must be RuntimeDefault or Localhost');
    }
  }
  if (podSc.runAsUser === 0) add('securityContext.runAsUser', 'must not be 0 (root)');
  if (podSc.runAsNonRoot === false) add('securityContext.runAsNonRoot', 'must not be false');
  const podSeccomp = obj(podSc.seccompProfile).type;
  if (podSeccomp !== undefined && podSeccomp !== 'RuntimeDefault' && podSeccomp !== 'Localhost') {
    add('securityContext.seccompProfile.type', 'must be RuntimeDefault or Localhost');
  }
  return out;
}

function checkSecurityContextBaseline(sc: Obj, at: string, add: (field: string, requirement: string) => void): void {
  if (obj(sc.windowsOptions).hostProcess === true) add(`${at}.windowsOptions.hostProcess`, 'must be unset or false');
  const se = obj(sc.seLinuxOptions);
  if (se.type !== undefined && !SELINUX_TYPES.has(String(se.type))) add(`${at}.seLinuxOptions.type`, 'must be a container SELinux type');
  if (se.user !== undefined) add(`${at}.seLinuxOptions.user`, 'must be unset');
  if (se.role !== undefined) add(`${at}.seLinuxOptions.role`, 'must be unset');
  if (sc.procMount !== undefined && sc.procMount !== 'Default') add(`${at}.procMount`, 'must be unset or Default');
  const appArmor = obj(sc.appArmorProfile).type;
  if (appArmor !== undefined && appArmor !== 'RuntimeDefault' && appArmor !== 'Localhost') add(`${at}.appArmorProfile.type`, 'must be RuntimeDefault or Localhost');
}

/** `nobody`, the user the Prometheus, Alertmanager and Thanos images run as. */
const NOBODY = 65534;

/**
 * The pod spec with `runAsNonRoot: true` and a RuntimeDefault seccomp profile
 * in its securityContext where the input set neither. The images name their
 * user (`USER nobody`), which the kubelet cannot verify as non-root, so
 * `runAsUser` is set to nobody's UID along with `runAsNonRoot` when the input
 * sets neither: the process runs as the same user as before. A value the
 * input set is never changed.
 */
export function withRestrictedDefaults(podSpec: Obj): Obj {
  const sc = obj(podSpec.securityContext);
  const patched: Obj = { ...sc };
  if (sc.runAsNonRoot === undefined && sc.runAsUser !== 0) {
    if (sc.runAsUser === undefined) patched.runAsUser = NOBODY;
    patched.runAsNonRoot = true;
  }
  if (sc.seccompProfile === undefined) patched.seccompProfile = { type: 'RuntimeDefault' };
  return { ...podSpec, securityContext: patched };
}

/** Kinds whose `spec.template.spec` is a pod spec. */
const WORKLOAD_KINDS = new Set(['StatefulSet', 'DaemonSet', 'Deployment']);

/**
 * A generated workload with the restricted defaults applied to its pod
 * template, and the checks the result still fails (each caused by a setting
 * in the input: containers, securityContext, volumes).
 */
export function hardenWorkload<T extends { kind: string; spec?: unknown }>(workload: T): { workload: T; violations: PodSecurityViolation[] } {
  if (!WORKLOAD_KINDS.has(workload.kind)) return { workload, violations: [] };
  const spec = obj(workload.spec);
  const template = obj(spec.template);
  if (!isPlainObject(template.spec)) return { workload, violations: [] };
  const podSpec = withRestrictedDefaults(template.spec as Obj);
  const hardened = { ...workload, spec: { ...spec, template: { ...template, spec: podSpec } } };
  return { workload: hardened, violations: podSecurityViolations(podSpec) };
}
