import type { V1ExecAction, V1Probe } from '@kubernetes/client-node';

/**
 * Probe handlers for operand containers. A container that listens on
 * localhost only cannot be probed over the pod IP, so it is probed from
 * inside with curl or wget instead.
 */
export function execProbeAction(url: string): V1ExecAction {
  return {
    command: [
      'sh',
      '-c',
      `if [ -x "$(command -v curl)" ]; then exec curl --fail ${url}; elif [ -x "$(command -v wget)" ]; then exec wget -q -O /dev/null ${url}; else exit 1; fi`,
    ],
  };
}

export interface ProbeTarget {
  /** URL path, already joined with the route prefix and cleaned. */
  readonly path: string;
  /** Named container port (or number) for the HTTP GET. */
  readonly port: string | number;
  /** Probe from inside the container on this local URL base instead (e.g. `http://localhost:9090`). */
  readonly localUrlBase?: string | undefined;
  /** Use HTTPS for the HTTP GET. */
  readonly https?: boolean;
}

/** The handler part of a probe: httpGet, or exec when listening locally. */
export function probeHandler(target: ProbeTarget): Pick<V1Probe, 'exec' | 'httpGet'> {
  if (target.localUrlBase !== undefined) return { exec: execProbeAction(`${target.localUrlBase}${target.path}`) };
  return { httpGet: { path: target.path, port: target.port, ...(target.https ? { scheme: 'HTTPS' } : {}) } };
}
