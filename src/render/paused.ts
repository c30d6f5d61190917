/**
 * `spec.paused`: the operator stops reconciling the resource and leaves what
 * runs as it is. Offline, "what runs" is what an earlier run generated, when
 * the package holds it (kpt writes the output back into the package): those
 * objects are kept exactly as they are, and nothing is rendered. Without them
 * (`render` mode, a first run) pausing cannot mean anything a render can do:
 * rendering nothing would let a prune delete the running workload, so the
 * resource is rendered as if it were not paused, with a warning.
 */
import type { EarlierOutput } from '../krm/earlier-output.js';
import { refOf, type KubeObject } from '../krm/types.js';
import type { Reporter } from '../krm/report.js';

/** The earlier output to keep for a paused owner; undefined to render it as usual. */
export function heldOutput(owner: KubeObject, earlier: EarlierOutput, report: Reporter): readonly KubeObject[] | undefined {
  if ((owner.spec as { paused?: unknown } | undefined)?.paused !== true) return undefined;
  const ref = refOf(owner);
  const kept = earlier.of(owner);
  if (kept.length > 0) {
    report.info(`spec.paused is true: the ${kept.length} objects an earlier run generated from it are kept as they are, and nothing is rendered for it`, ref, 'spec.paused');
    return kept;
  }
  report.warn(
    'spec.paused is true, but the input holds no earlier output of it to keep, so it is rendered as if it were not paused: a render cannot hold running objects still, and rendering nothing would let a prune delete them; to hold them, keep the generated objects in the package (kpt) or suspend automated sync of the application (Argo CD)',
    ref,
    'spec.paused',
  );
  return undefined;
}
