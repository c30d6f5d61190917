/**
 * The Secrets (and ConfigMaps) a configuration reads by file, mounted into
 * the main container of every workload kind the same way: one projected
 * volume `referenced-secrets`, one source per object (sorted by name), each
 * listing only the referenced keys (sorted) at `<name>/<key>`, every source
 * optional so that the pod starts while a team's Secret does not exist yet
 * (that one target or receiver fails until it does). Nothing is added when
 * nothing is referenced.
 */
import type { V1Container, V1Volume, V1VolumeMount } from '@kubernetes/client-node';
import { compareStrings } from '../core/compare.js';
import type { Fail } from '../core/fail.js';
import type { ReferencedSecrets } from '../assets/referenced-secrets.js';
import type { Reporter } from '../krm/report.js';
import type { ObjectRef } from '../krm/types.js';

const REFERENCED_SECRETS_VOLUME = 'referenced-secrets';

/** What a kind hands the pod assembler: the collected references and where its main container reads them. */
export interface ReferencedSecretsMount {
  readonly collected: ReferencedSecrets;
  readonly mountDir: string;
}

function referencedSecretsVolume(collected: ReferencedSecrets): V1Volume {
  const sources = collected.list().map((o) => {
    const items = [...o.keys.keys()].sort(compareStrings).map((key) => ({ key, path: `${o.name}/${key}` }));
    const source = { name: o.name, optional: true, items };
    return o.kind === 'Secret' ? { secret: source } : { configMap: source };
  });
  return { name: REFERENCED_SECRETS_VOLUME, projected: { sources } };
}

/**
 * Adds the volume to `volumes` and its read-only mount to the container
 * named `main`; false after `fail` reported a collision with the user's
 * volumes or mounts (the user's `spec.volumes`, `spec.volumeMounts` and
 * `spec.containers` patches).
 */
export function mountReferencedSecrets(
  mount: ReferencedSecretsMount | undefined,
  main: string,
  containers: V1Container[],
  volumes: V1Volume[],
  userVolumes: readonly object[] | undefined,
  fail: Fail,
): boolean {
  if (!mount || mount.collected.size === 0) return true;
  const taken = [...volumes, ...((userVolumes ?? []) as V1Volume[])].some((v) => v.name === REFERENCED_SECRETS_VOLUME);
  if (taken) {
    fail(`a volume is already named "${REFERENCED_SECRETS_VOLUME}", the name of the volume that mounts the Secrets the configuration reads by file (option secrets); rename yours`, 'spec.volumes');
    return false;
  }
  const container = containers.find((c) => c.name === main);
  if (!container) return true;
  const clash = (container.volumeMounts ?? []).find((m) => m.name === REFERENCED_SECRETS_VOLUME || m.mountPath === mount.mountDir);
  if (clash) {
    fail(
      `the ${main} container already mounts ${clash.name} at ${clash.mountPath}; ${mount.mountDir} and the volume name "${REFERENCED_SECRETS_VOLUME}" hold the Secrets the configuration reads by file (option secrets): move or rename yours`,
      'spec.volumeMounts',
    );
    return false;
  }
  const volumeMount: V1VolumeMount = { name: REFERENCED_SECRETS_VOLUME, readOnly: true, mountPath: mount.mountDir };
  container.volumeMounts = [...(container.volumeMounts ?? []), volumeMount];
  volumes.push(referencedSecretsVolume(mount.collected));
  return true;
}

/**
 * The info result of a workload that reads Secrets by file: every object
 * (by its name in the workload's namespace) and key it expects in the
 * cluster, with the object and field that refer to each key, never a value.
 * Undefined when nothing is referenced.
 */
function expectedSecretsMessage(mount: ReferencedSecretsMount, namespace: string): string | undefined {
  const objects = mount.collected.list();
  if (objects.length === 0) return undefined;
  const lines = objects.flatMap((o) => {
    const mirrors = [...o.origins].filter((origin) => origin !== `${namespace}/${o.name}`).sort(compareStrings);
    const copyOf = mirrors.length > 0 ? ` (a copy of ${mirrors.map((m) => `${o.kind} ${m}`).join(', ')})` : '';
    return [...o.keys.keys()].sort(compareStrings).map((key) => {
      const uses = (o.keys.get(key) ?? []).map((u) => `${u.source.kind} ${u.source.namespace ?? ''}/${u.source.name} ${u.field}`);
      return `- ${o.kind} ${o.name}${copyOf}, key ${key}: ${[...new Set(uses)].sort(compareStrings).join('; ')}`;
    });
  });
  const count = (['Secret', 'ConfigMap'] as const)
    .map((kind) => [kind, objects.filter((o) => o.kind === kind).length] as const)
    .filter(([, n]) => n > 0)
    .map(([kind, n]) => `${n} ${kind}${n === 1 ? '' : 's'}`)
    .join(' and ');
  return (
    `expects ${count} in namespace ${namespace} that the render did not copy (option secrets), mounted read-only at ${mount.mountDir}; ` +
    `the mount is optional, so the pod starts without them and only what reads a missing key fails until it exists:\n${lines.join('\n')}`
  );
}

/** Which referenced files the product loads when it starts, so that a missing one keeps it from starting. */
export interface LoadedAtStart {
  /** The product, for the message: `Prometheus`. */
  readonly product: string;
  /** Whether the setting at this field is such a file. */
  readonly test: (field: string) => boolean;
}

/**
 * Reports the expected list as an info result on `owner`, when anything is
 * referenced, and a warning for each file the product loads at start.
 */
export function reportExpectedSecrets(report: Reporter, owner: ObjectRef, mount: ReferencedSecretsMount, namespace: string, atStart?: LoadedAtStart): void {
  const message = expectedSecretsMessage(mount, namespace);
  if (message) report.info(message, owner);
  if (!atStart) return;
  for (const o of mount.collected.list()) {
    for (const [key, uses] of o.keys) {
      for (const use of uses.filter((u) => atStart.test(u.field))) {
        report.warn(
          `${atStart.product} loads this TLS file when it starts or reloads: until ${o.kind} ${namespace}/${o.name} (key "${key}") exists, the configuration does not load and ${atStart.product} does not start`,
          use.source,
          use.field,
        );
      }
    }
  }
}
