/**
 * What is checked before anything is rendered: every object appears once,
 * every monitoring.coreos.com object is of a kind and version the operator
 * serves, and each one passes its schema, unknown fields included, as the
 * API server would check it on `kubectl apply`.
 */
import { FieldShapes, MONITORING_TYPES, isKnownType, schemaProblems, type SchemaProblem } from '../api/schema-check.js';
import { MONITORING_GROUP } from '../api/types.js';
import { compareStrings } from '../core/compare.js';
import { closest } from '../core/suggest.js';
import { identityKey, refOf, type KubeObject } from '../krm/types.js';
import type { Options } from '../options/options.js';
import type { Reporter } from '../krm/report.js';
import { inputMetadataProblems } from './name-check.js';
import { isMonitoring, type Source } from './sources.js';

/** Kinds that own generated workloads; the others are selected by them. */
const OWNER_KINDS = new Set(['Prometheus', 'PrometheusAgent', 'Alertmanager', 'ThanosRuler']);

/**
 * Runs every check and reports every problem at once. Returns the identity
 * keys of the monitors, rules and config objects rejected by their schema
 * (left out of selection, as the operator's admission would refuse them).
 */
export function checkInputs(sources: readonly Source[], options: Options, report: Reporter): Set<string> {
  checkDuplicates(sources, report);
  const monitoring = sources.map((s) => s.obj).filter(isMonitoring);
  for (const obj of monitoring) if (!isKnownType(obj)) reportUnknownType(obj, report);
  return checkSchemas(monitoring.filter(isKnownType), options, report);
}

/**
 * Two objects with the same group, kind, namespace and name cannot both be
 * applied: which one wins would depend on the order files are read in.
 */
function checkDuplicates(sources: readonly Source[], report: Reporter): void {
  const byIdentity = new Map<string, Source[]>();
  for (const s of sources) {
    const key = identityKey(s.obj);
    const same = byIdentity.get(key);
    if (same) same.push(s);
    else byIdentity.set(key, [s]);
  }
  for (const copies of byIdentity.values()) {
    if (copies.length < 2) continue;
    const files = copies.map((c) => c.file?.path);
    const known = files.filter((f): f is string => f !== undefined);
    const where =
      known.length < copies.length
        ? `${copies.length} times in the input`
        : new Set(known).size === 1
          ? `${copies.length} times in ${known[0]}`
          : `in ${known.slice(0, -1).join(', ')} and ${known[known.length - 1]}`;
    const last = copies[copies.length - 1] as Source;
    report.add({
      severity: 'error',
      message: `this object is defined ${where}; keep one (the same kind, namespace and name cannot be applied twice)`,
      resourceRef: refOf(last.obj),
      ...(last.file ? { file: { ...last.file } } : {}),
    });
  }
}

/**
 * A monitoring.coreos.com object the operator would not serve would vanish
 * from the render, and with it the workload it stands for: an error that
 * lists what is served, with the closest kind.
 */
function reportUnknownType(obj: KubeObject, report: Reporter): void {
  const versions = MONITORING_TYPES.filter((t) => t.kind === obj.kind).map((t) => t.apiVersion);
  if (versions.length > 0) {
    report.error(`apiVersion ${obj.apiVersion} is not served for ${obj.kind}; use ${versions.join(' or ')}`, refOf(obj), 'apiVersion');
    return;
  }
  const kinds = [...new Set(MONITORING_TYPES.map((t) => t.kind))].sort(compareStrings);
  const guess = closest(obj.kind, kinds);
  const served = kinds
    .map((kind) => `${kind} (${MONITORING_TYPES.filter((t) => t.kind === kind).map((t) => t.apiVersion.slice(MONITORING_GROUP.length + 1)).join(', ')})`)
    .join(', ');
  report.error(
    `kind ${obj.kind} is not a ${MONITORING_GROUP} kind${guess ? `; did you mean ${guess}?` : ''} The kinds served are ${served}`,
    refOf(obj),
    'kind',
  );
}

/**
 * A resource that owns workloads and fails its schema is an error: nothing
 * can be rendered for it. A monitor, rule or config object that fails is
 * rejected (left out with a warning, or an error under onInvalid: fail), as
 * the operator's admission would refuse it. An unknown field is an error in
 * every kind: the API server would refuse the object, and what was meant
 * cannot be guessed.
 */
function checkSchemas(objects: readonly KubeObject[], options: Options, report: Reporter): Set<string> {
  const rejected = new Set<string>();
  const shapes = new FieldShapes();
  for (const obj of objects) {
    const problems: SchemaProblem[] = [...inputMetadataProblems(obj), ...schemaProblems(obj, shapes)];
    if (problems.length === 0) continue;
    const ref = refOf(obj);
    const isOwner = OWNER_KINDS.has(obj.kind);
    for (const problem of problems) {
      const field = problem.path || undefined;
      if (problem.unknown) {
        report.error(unknownFieldMessage(obj, problem), ref, field);
        continue;
      }
      if (isOwner) {
        report.error(problem.message, ref, field);
      } else {
        rejected.add(identityKey(obj));
        report.reject(options.onInvalid, `${problem.message}; the object is left out`, ref, field);
      }
    }
  }
  return rejected;
}

function unknownFieldMessage(obj: KubeObject, problem: SchemaProblem): string {
  const guess = problem.unknown && closest(problem.unknown.key, problem.unknown.known);
  return guess ? `${problem.message}; did you mean "${guess}"?` : `${problem.message}; ${obj.kind} declares no such field there: remove it`;
}
