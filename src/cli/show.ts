/**
 * `prometheus-krm show PATH...`: the configuration files a render ships,
 * decoded and readable, without a cluster: each Prometheus's prometheus.yaml,
 * its rule files and web config, Alertmanager's alertmanager.yaml,
 * ThanosRuler's files. Secret values are masked unless --show-secrets;
 * --out DIR writes the files for promtool and amtool.
 */
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { errorResult, formatResultLine, sortResults } from '../krm/results.js';
import { describeRef, type Result } from '../krm/types.js';
import { parseCommandArgs } from './args.js';
import { configFiles, type ConfigFile } from './inspect/config-files.js';
import { SecretMask } from './inspect/mask.js';
import { terminalProgress } from './progress.js';
import { renderPackage, type CommandContext } from './render-package.js';

const SHOW_SECRETS = '--show-secrets';
const RESOURCE = '--resource';
const OUT = '--out';

export async function runShow(args: readonly string[], ctx: CommandContext): Promise<number> {
  const parsed = parseCommandArgs(args, { switches: [SHOW_SECRETS], values: [RESOURCE, OUT] });
  const problems = [...parsed.problems];
  if (parsed.paths.length === 0) problems.push(errorResult('show needs at least one PATH (a file, a folder, or - for stdin)'));
  const resource = parsed.values.get(RESOURCE);
  const wanted = resource === undefined ? undefined : parseResource(resource);
  if (wanted === null) problems.push(errorResult(`${RESOURCE} takes KIND/NAMESPACE/NAME, e.g. Prometheus/monitoring/k8s; got "${resource}"`));
  const out = parsed.values.get(OUT);
  if (out !== undefined && !isEmptyOrMissing(out)) problems.push(errorResult(`${OUT} ${out}: not an empty folder; show writes into a new or empty folder and never replaces files`));
  const report = (results: readonly Result[]) => {
    for (const r of sortResults(results)) if (r.severity !== 'info') ctx.io.err(`${formatResultLine(r)}\n`);
  };
  const pkg = await ctx.readPackage(parsed.paths);
  const rendered = await renderPackage({ ...pkg, problems: [...problems, ...pkg.problems] }, ctx.overrides(parsed.options), terminalProgress(ctx.stderr));
  report(rendered.results);
  if (!rendered.items) return 1;

  const all = configFiles(rendered.items);
  const files = wanted ? all.filter((f) => matchesResource(f, wanted)) : all;
  if (wanted && files.length === 0) {
    const owners = [...new Set(all.flatMap((f) => f.owner.split(',')))].join(', ');
    ctx.io.err(`error: ${RESOURCE} ${resource}: nothing generated from it${owners ? `; configuration was generated from ${owners}` : ''}\n`);
    return 1;
  }
  const mask = parsed.switches.has(SHOW_SECRETS) ? SecretMask.none() : SecretMask.of(rendered.input);
  const shown = files.map((f) => ({ ...f, text: f.text === undefined ? undefined : mask.file(f.text, f.source.kind === 'Secret') }));
  if (out !== undefined) return writeFiles(out, shown, parsed.switches.has(SHOW_SECRETS), ctx);
  ctx.io.out(shown.map(printed).join('\n'));
  return 0;
}

/** `Kind/namespace/name` (kind in any case), or `Kind/name`; null when malformed. */
function parseResource(s: string): { kind: string; namespace?: string; name: string } | null {
  const parts = s.split('/');
  if (parts.some((p) => p === '')) return null;
  if (parts.length === 3) return { kind: (parts[0] as string).toLowerCase(), namespace: parts[1] as string, name: parts[2] as string };
  if (parts.length === 2) return { kind: (parts[0] as string).toLowerCase(), name: parts[1] as string };
  return null;
}

/** A file belongs to a resource that generated it, or is the Secret or ConfigMap it ships in. */
function matchesResource(f: ConfigFile, want: { kind: string; namespace?: string; name: string }): boolean {
  const wantText = [want.kind, ...(want.namespace === undefined ? [] : [want.namespace]), want.name].join('/');
  const candidates = [...f.owner.split(','), describeRef(f.source)];
  return candidates.some((c) => {
    const slash = c.indexOf('/');
    return slash > 0 && `${c.slice(0, slash).toLowerCase()}${c.slice(slash)}` === wantText;
  });
}

/** One file as printed: comment lines saying where it ships and what it came from, then its text. */
function printed(f: ConfigFile): string {
  const gz = f.key.endsWith('.gz') && !f.path.endsWith('.gz') ? ' (gzip, expanded)' : '';
  const head = [`# ${f.path}`, `# ${describeRef(f.source)}, key ${f.key}${gz}, generated from ${f.owner}`];
  if (f.note) head.push(`# ${f.note}`);
  if (f.text === undefined) head.push(`# (binary, ${f.bytes} bytes, not shown)`);
  else if (f.text === '') head.push('# (empty)');
  const body = f.text ? (f.text.endsWith('\n') ? f.text : `${f.text}\n`) : '';
  return `${head.join('\n')}\n${body}`;
}

function isEmptyOrMissing(dir: string): boolean {
  if (!existsSync(dir)) return true;
  try {
    return readdirSync(dir).length === 0;
  } catch {
    return false;
  }
}

/** Writes each file below `dir` and lists the paths on stdout; binary files are left out and named. */
function writeFiles(dir: string, files: ReadonlyArray<ConfigFile>, secretsShown: boolean, ctx: CommandContext): number {
  for (const f of files) {
    const path = join(dir, f.path);
    if (f.text === undefined) {
      ctx.io.err(`skipped ${path}: binary content (${f.bytes} bytes)\n`);
      continue;
    }
    mkdirSync(dirname(path), { recursive: true });
    // With secret values in them, the files are for their owner only.
    writeFileSync(path, f.text, { flag: 'wx', mode: secretsShown ? 0o600 : 0o644 });
    ctx.io.out(`${path}\n`);
  }
  return 0;
}
