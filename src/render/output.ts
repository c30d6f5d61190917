/**
 * The stage that writes the output: the input objects as they came (the
 * monitoring ones as local configuration unless keepInputs), then the
 * generated objects, finalized, then what paused owners keep. An input
 * object with the identity of a generated one is never replaced: that is an
 * error.
 */
import { asLocalConfig } from '../krm/annotations.js';
import type { Reporter } from '../krm/report.js';
import { identityKey, refOf } from '../krm/types.js';
import { withServerSideApplyWhenLarge } from './apply-size.js';
import { finalizeGenerated } from './finalize.js';
import type { Generated, RenderRun } from './run.js';
import { isMonitoring, type Source } from './sources.js';

export function collisionsAndOutput(run: RenderRun): void {
  const seen = new Set<string>();
  for (const s of run.sources) {
    const key = identityKey(s.obj);
    const twin = run.generated.get(key);
    if (twin) {
      reportCollision(s, twin, run.report);
      continue;
    }
    seen.add(key);
    run.output.push(isMonitoring(s.obj) && !run.options.keepInputs ? asLocalConfig(s.original) : s.original);
  }
  for (const { obj, sources: from } of run.generated.values()) run.output.push(withServerSideApplyWhenLarge(finalizeGenerated(obj, from, run.options)));
  for (const obj of run.held) {
    const key = identityKey(obj);
    // An object a paused resource shares with one that is rendered (a governing Service) comes from the rendered one.
    if (run.generated.has(key) || seen.has(key)) continue;
    seen.add(key);
    run.output.push(obj);
  }
}

/**
 * An input object with the identity of a generated one: applying both would
 * let the last one win, and under kpt the user's file would be rewritten.
 * Never replaced: an error naming both, and the way out.
 */
function reportCollision(s: Source, twin: Generated, report: Reporter): void {
  const owners = twin.sources.join(', ');
  const where = s.file ? ` (in ${s.file.path})` : '';
  const wayOut =
    s.obj.kind === 'Service'
      ? `set spec.serviceName on ${owners} to use your own Service instead, or remove this one`
      : RBAC_KINDS.has(s.obj.kind)
        ? `set the option rbac: none to manage the access of ${owners} yourself, or remove this one`
        : `rename or remove this one`;
  report.error(`this object${where} has the kind and name of an object generated from ${owners}; ${wayOut}`, refOf(s.obj));
}

const RBAC_KINDS = new Set(['ServiceAccount', 'Role', 'RoleBinding', 'ClusterRole', 'ClusterRoleBinding']);
