/**
 * The command. The only module that touches process, fs, env, stdin and
 * stdout; everything else is the pure render() and the KRM envelope.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { isPlainObject } from '../core/objects.js';
import { parseYamlStream } from '../core/yaml.js';
import { readResourceList, yamlErrorText } from '../krm/read.js';
import { errorResult, formatResultLine, sortResults } from '../krm/results.js';
import { parseManifestStream } from '../krm/stream.js';
import type { KubeObject, Result } from '../krm/types.js';
import { writeManifestStream } from '../krm/write.js';
import { OPTIONS_API_VERSION, OPTIONS_KIND } from '../options/options.js';
import { renderResourceList } from '../render/resource-list.js';
import { ruleExpressions } from '../rules/expressions.js';
import { parseCommandArgs } from './args.js';
import { runDiff } from './diff.js';
import { optionsFromEnv } from './env-options.js';
import { runExplain } from './explain.js';
import { helpText } from './help.js';
import { terminalProgress, type Progress } from './progress.js';
import { withPromQLWorker } from './promql-pool.js';
import { renderPackage, streamItems, type CommandContext, type PackageRead } from './render-package.js';
import { runShow } from './show.js';

declare const PROMETHEUS_KRM_VERSION: string | undefined;
const VERSION = typeof PROMETHEUS_KRM_VERSION === 'string' ? PROMETHEUS_KRM_VERSION : 'dev';

interface Io {
  readStdin(): string;
  out(text: string): void;
  err(text: string): void;
}

const io: Io = {
  readStdin: () => readFileSync(0, 'utf8'),
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
};

/** KRM function mode: ResourceList in, ResourceList out, exit 1 on any error result. */
async function runKrm(): Promise<number> {
  let text: string;
  try {
    text = io.readStdin();
  } catch {
    text = '';
  }
  const input = readResourceList(text);
  const out = await withPromQLWorker(ruleExpressions(input.items), (hooks) => renderResourceList(input, hooks));
  io.out(out.text);
  return out.failed ? 1 : 0;
}

/**
 * Plain-stream modes (render, kustomize-plugin): results on stderr, nothing on
 * stdout on error. The stream is what gets applied (see streamItems).
 */
async function runStream(pkg: PackageRead, overrides: Record<string, string>, progress?: Progress): Promise<number> {
  const out = await renderPackage(pkg, overrides, progress);
  for (const r of sortResults(out.results)) io.err(`${formatResultLine(r)}\n`);
  if (!out.items) return 1;
  io.out(writeManifestStream(streamItems(out.items)));
  return 0;
}

/** `render PATH...`: files and folders, or `-` for stdin. */
function runRender(args: string[]): Promise<number> {
  const parsed = parseCommandArgs(args);
  if (parsed.paths.length === 0) parsed.problems.push(errorResult('render needs at least one PATH (a file, a folder, or - for stdin)'));
  const pkg = readPackage(parsed.paths);
  return runStream({ ...pkg, problems: [...parsed.problems, ...pkg.problems] }, envAndFlags(parsed.options), terminalProgress(process.stderr));
}

/** Options from Argo CD's environment, overridden by --option flags. */
const envAndFlags = (flags: Record<string, string>) => ({ ...optionsFromEnv(process.env), ...flags });

/** What show and diff need from the command: its streams, and PATH reading and options as render has them. */
const commandContext: CommandContext = { io, stderr: process.stderr, readPackage: (paths) => readPackage(paths), overrides: (flags) => envAndFlags(flags) };

/** The objects below PATH arguments, with the one RenderOptions object among them taken out. */
function readPackage(paths: readonly string[]): PackageRead {
  const items: KubeObject[] = [];
  const problems: Result[] = [];
  for (const path of paths) {
    const loaded = path === '-' ? parseManifestStream(io.readStdin(), '<stdin>') : readPath(path);
    items.push(...loaded.items);
    problems.push(...loaded.problems);
  }
  const isOptions = (o: KubeObject) => o.apiVersion === OPTIONS_API_VERSION && o.kind === OPTIONS_KIND;
  const configs = items.filter(isOptions);
  if (configs.length > 1) problems.push(errorResult(`found ${configs.length} ${OPTIONS_KIND} objects; keep one`));
  return { items: items.filter((o) => !isOptions(o)), functionConfig: configs[0], problems };
}

function readPath(path: string): { items: KubeObject[]; problems: Result[] } {
  let files: string[];
  try {
    files = statSync(path).isDirectory() ? listManifestFiles(path) : [path];
  } catch {
    return { items: [], problems: [errorResult(`cannot read ${path}: no such file or folder`)] };
  }
  const items: KubeObject[] = [];
  const problems: Result[] = [];
  for (const file of files) {
    const name = relative(process.cwd(), file) || file;
    const parsed = parseManifestStream(readFileSync(file, 'utf8'), name);
    items.push(...parsed.items);
    problems.push(...parsed.problems);
  }
  return { items, problems };
}

/** Manifest files below a folder, sorted; hidden folders (.git, .expected) are skipped. */
function listManifestFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    if (entry.name.startsWith('.')) continue;
    const full = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listManifestFiles(full));
    else if (/\.(ya?ml|json)$/i.test(entry.name)) out.push(full);
  }
  return out;
}

/** kustomize legacy exec plugin: argv[1] is the config file, a plain stream on stdin. */
async function runKustomizePlugin(args: string[]): Promise<number> {
  const configPath = args[0];
  if (!configPath) {
    io.err('error: kustomize-plugin needs the path of its config file\n');
    return 1;
  }
  let config: unknown;
  try {
    config = parseYamlStream(readFileSync(configPath, 'utf8'))[0];
  } catch (e) {
    io.err(`error: cannot read plugin config ${configPath}: ${yamlErrorText(e)}\n`);
    return 1;
  }
  const { items, problems } = parseManifestStream(io.readStdin(), '<stdin>');
  return runStream({ items, problems, functionConfig: isPlainObject(config) ? config : undefined }, {});
}

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === '--help' || command === '-h' || command === 'help') {
    io.out(helpText());
    return 0;
  }
  if (command === '--version') {
    io.out(`${VERSION}\n`);
    return 0;
  }
  if (command === undefined) return runKrm();
  if (command === 'render') return runRender(rest);
  if (command === 'kustomize-plugin') return runKustomizePlugin(rest);
  if (command === 'show') return runShow(rest, commandContext);
  if (command === 'diff') return runDiff(rest, commandContext);
  if (command === 'explain') return runExplain(rest, commandContext);
  io.err(`error: unknown command "${command}"\n\n${helpText()}`);
  return 1;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    // A bug, not bad input: say so without a stack trace, and fail.
    io.err(`error: prometheus-krm failed unexpectedly: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
  },
);
