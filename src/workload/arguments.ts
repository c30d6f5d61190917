/**
 * Command-line flags of an operand (Prometheus, Alertmanager, Thanos): the
 * flags the operator manages, plus the user's `additionalArgs`, which must
 * not redefine a managed flag (nor its `no-` negation).
 */
export interface Argument {
  readonly name: string;
  readonly value?: string;
}

export type ArgsOutcome = { ok: true; args: string[] } | { ok: false; conflicts: string[] };

/** Names in `additional` that collide with `managed`, reported as the managed spelling. */
export function argumentConflicts(managed: readonly Argument[], additional: readonly Argument[]): string[] {
  const names = new Set(managed.map((a) => a.name));
  const conflicts: string[] = [];
  for (const { name } of additional) {
    if (names.has(name)) {
      conflicts.push(name);
      continue;
    }
    const negated = name.startsWith('no-') ? name.slice(3) : `no-${name}`;
    if (names.has(negated)) conflicts.push(negated);
  }
  return conflicts;
}

/** `--name=value` (or `--name` when the value is empty) for managed then additional flags. */
export function buildArgs(managed: readonly Argument[], additional: readonly Argument[] = []): ArgsOutcome {
  const conflicts = argumentConflicts(managed, additional);
  if (conflicts.length > 0) return { ok: false, conflicts };
  return { ok: true, args: [...managed, ...additional].map(formatArgument) };
}

export function formatArgument(a: Argument): string {
  return a.value ? `--${a.name}=${a.value}` : `--${a.name}`;
}

/** The error text for conflicting flags, naming the field to fix. */
export function conflictMessage(field: string, conflicts: readonly string[]): string {
  return `${field} sets ${conflicts.map((c) => `--${c}`).join(', ')}, which the operator already manages; remove ${conflicts.length > 1 ? 'them' : 'it'} from ${field}`;
}
