/**
 * Command-line flags of an operand (Prometheus, Alertmanager, Thanos): the
 * flags the operator manages, plus the user's `additionalArgs`, which must
 * not redefine a managed flag (nor its `no-` negation).
 */
import type { Fail } from '../core/fail.js';
import type { Gate } from '../version/gate.js';

export interface Argument {
  readonly name: string;
  readonly value?: string;
}

/** A narrowed view of a Flags list: adds the flag when the version is in range, else the gate warns. */
export interface FlagGate {
  since(min: string): FlagGate;
  until(max: string): FlagGate;
  /** Warnings name `field`, the resource field the flag comes from. */
  at(field: string): FlagGate;
  add(name: string, value?: string): void;
}

/**
 * The managed flags of an operand, in the operator's order. A flag the
 * target version does not know is left off through the resource's gate,
 * which warns naming the field, written as the configuration's gates are:
 *
 *   flags.since('2.33.0').at('spec.enableRemoteWriteReceiver').add('web.enable-remote-write-receiver');
 */
export class Flags {
  readonly #args: Argument[] = [];
  constructor(readonly gate: Gate) {}

  add(name: string, value?: string): this {
    this.#args.push(value === undefined ? { name } : { name, value });
    return this;
  }

  since(min: string): FlagGate {
    return this.#through(this.gate.since(min));
  }

  until(max: string): FlagGate {
    return this.#through(this.gate.until(max));
  }

  get args(): readonly Argument[] {
    return this.#args;
  }

  #through(gate: Gate): FlagGate {
    return {
      since: (min) => this.#through(gate.since(min)),
      until: (max) => this.#through(gate.until(max)),
      at: (field) => this.#through(gate.at(field)),
      add: (name, value) => {
        if (gate.checkFlag(name)) this.add(name, value);
      },
    };
  }
}

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

/**
 * `--name=value` (or `--name` when the value is empty) for managed then
 * additional flags; undefined after `fail` when the additional flags (from
 * `field`) redefine a managed one.
 */
export function buildArgs(managed: readonly Argument[], additional: readonly Argument[], fail: Fail, field: string): string[] | undefined {
  const conflicts = argumentConflicts(managed, additional);
  if (conflicts.length > 0) return fail(conflictMessage(field, conflicts), field);
  return [...managed, ...additional].map(formatArgument);
}

export function formatArgument(a: Argument): string {
  return a.value ? `--${a.name}=${a.value}` : `--${a.name}`;
}

/** The error text for conflicting flags, naming the field to fix. */
function conflictMessage(field: string, conflicts: readonly string[]): string {
  return `${field} sets ${conflicts.map((c) => `--${c}`).join(', ')}, which the operator already manages; remove ${conflicts.length > 1 ? 'them' : 'it'} from ${field}`;
}
