/**
 * The arguments of the commands that read package trees (render, show,
 * diff): PATH arguments, `--option KEY=VALUE`, and each command's own flags.
 * Every problem is collected, so that one run reports them all.
 */
import { errorResult } from '../krm/results.js';
import type { Result } from '../krm/types.js';
import type { OptionOverride } from '../options/options.js';

export interface FlagSpec {
  /** Flags without a value, e.g. `--show-secrets`. */
  readonly switches?: readonly string[];
  /** Flags with a value, as `--out DIR` or `--out=DIR`. */
  readonly values?: readonly string[];
}

export interface CommandArgs {
  readonly paths: string[];
  /** `--option KEY=VALUE` pairs, each with where it came from; a later pair wins. */
  readonly options: Record<string, OptionOverride>;
  readonly switches: ReadonlySet<string>;
  readonly values: ReadonlyMap<string, string>;
  readonly problems: Result[];
}

export function parseCommandArgs(args: readonly string[], spec: FlagSpec = {}): CommandArgs {
  const paths: string[] = [];
  const options: Record<string, OptionOverride> = Object.create(null) as Record<string, OptionOverride>;
  const switches = new Set<string>();
  const values = new Map<string, string>();
  const problems: Result[] = [];
  const switchNames = new Set(spec.switches ?? []);
  const valueNames = new Set(spec.values ?? []);
  const addOption = (kv: string) => {
    const eq = kv.indexOf('=');
    if (eq <= 0) problems.push(errorResult(`--option needs KEY=VALUE, got "${kv}"`));
    else options[kv.slice(0, eq)] = { value: kv.slice(eq + 1), from: `--option ${kv}` };
  };
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    const eq = a.indexOf('=');
    const name = a.startsWith('--') && eq > 0 ? a.slice(0, eq) : a;
    const inline = name === a ? undefined : a.slice(eq + 1);
    if (a === '--option' || a === '-o') addOption(args[++i] ?? '');
    else if (name === '--option') addOption(inline ?? '');
    else if (switchNames.has(a)) switches.add(a);
    else if (valueNames.has(name)) {
      const value = inline ?? args[++i];
      if (value === undefined || value === '') problems.push(errorResult(`${name} needs a value`));
      else values.set(name, value);
    } else if (a.startsWith('-') && a !== '-') {
      problems.push(errorResult(`unknown flag ${a}; see prometheus-krm --help`));
    } else {
      paths.push(a);
    }
  }
  return { paths, options, switches, values, problems };
}
