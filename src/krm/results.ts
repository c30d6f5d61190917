import { compareStrings } from '../core/compare.js';
import type { ObjectRef, Result, Severity } from './types.js';
import { describeRef } from './types.js';

/** Builders, so that tests can compare whole Result objects. */
export function errorResult(message: string, ref?: ObjectRef, fieldPath?: string): Result {
  return makeResult('error', message, ref, fieldPath);
}

export function warningResult(message: string, ref?: ObjectRef, fieldPath?: string): Result {
  return makeResult('warning', message, ref, fieldPath);
}

export function infoResult(message: string, ref?: ObjectRef, fieldPath?: string): Result {
  return makeResult('info', message, ref, fieldPath);
}

function makeResult(severity: Severity, message: string, ref?: ObjectRef, fieldPath?: string): Result {
  const r: Result = { message, severity };
  if (ref) r.resourceRef = ref;
  if (fieldPath) r.field = { path: fieldPath };
  return r;
}

export function hasErrors(results: readonly Result[]): boolean {
  return results.some((r) => r.severity === 'error');
}

const severityRank: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Stable order: severity, then object, then field, then message. Duplicates removed. */
export function sortResults(results: readonly Result[]): Result[] {
  const key = (r: Result) =>
    [r.resourceRef ? describeRef(r.resourceRef) : '', r.field?.path ?? '', r.message].join('\u0000');
  const seen = new Set<string>();
  return [...results]
    .sort((a, b) => severityRank[a.severity] - severityRank[b.severity] || compareStrings(key(a), key(b)))
    .filter((r) => {
      const k = r.severity + key(r);
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    });
}

/** One line for stderr: `severity: Kind/namespace/name: field: message`. */
export function formatResultLine(r: Result): string {
  const parts: string[] = [r.severity];
  if (r.resourceRef) parts.push(describeRef(r.resourceRef));
  if (r.field) parts.push(r.field.path);
  parts.push(r.message);
  return parts.join(': ');
}
