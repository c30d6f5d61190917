/**
 * The command. The only module that touches process, fs, env, stdin and
 * stdout; everything else is the pure render() and the KRM envelope.
 */
import { readFileSync } from 'node:fs';
import { emptyMap, isPlainObject } from '../core/objects.js';
import { estimateNodes, MAX_NODES, parseYamlStream } from '../core/yaml.js';
import { withDefaultNamespace } from '../krm/default-namespace.js';
import { failedRead, readResourceList, yamlErrorText } from '../krm/read.js';
import { errorResult, hasErrors, sortResults, warningResult } from '../krm/results.js';
import { parseManifestStream } from '../krm/stream.js';
import type { KubeObject, Result } from '../krm/types.js';
import { writeManifestStream } from '../krm/write.js';
import { OPTIONS_API_VERSION, OPTIONS_KIND, type OptionOverride } from '../options/options.js';
import { renderResourceList } from '../render/resource-list.js';
import { ruleExpressions } from '../rules/expressions.js';
import { parseCommandArgs } from './args.js';
import { runDiff } from './diff.js';
import { optionsFromEnv } from './env-options.js';
import { runExplain } from './explain.js';
import { ByteBudget, MAX_INPUT_BYTES, readRoots, readStdin, type InputFile } from './files.js';
import { helpText } from './help.js';
import { quickAnswer } from './quick.js';
import { Locations, resultLine } from './locations.js';
import { terminalProgress, type Progress } from './progress.js';
import { withPromQLWorker } from './promql-pool.js';
import { renderPackage, streamItems, type CommandContext, type PackageRead, type PackageSources } from './render-package.js';
import { runShow } from './show.js';


/** What a shell reports for a process that a closed pipe stopped (128 + SIGPIPE). */
const BROKEN_PIPE_STATUS = 141;

const io = {
  out: (t: string) => process.stdout.write(t),
  err: (t: string) => process.stderr.write(t),
};

const TOO_LARGE = `stdin holds more than ${MAX_INPUT_BYTES / 1024 / 1024} MiB, the most one run reads`;

/** KRM function mode: ResourceList in, ResourceList out, exit 1 on any error result. */
async function runKrm(): Promise<number> {
  const text = await readStdin(new ByteBudget());
  const input = text === undefined ? failedRead(TOO_LARGE) : readResourceList(text);
  const out = await withPromQLWorker(ruleExpressions(input.items), (hooks) => renderResourceList(input, hooks));
  io.out(out.text);
  return out.failed ? 1 : 0;
}

/**
 * Plain-stream modes (render, kustomize-plugin): results on stderr, nothing on
 * stdout on error. The stream is what gets applied (see streamItems). A
 * package read with `sources` (render mode) makes an empty output an error
 * unless the option allowEmpty is set.
 */
async function runStream(pkg: PackageRead, overrides: Readonly<Record<string, OptionOverride>>, progress?: Progress): Promise<number> {
  const out = await renderPackage(pkg, overrides, progress);
  const stream = out.items ? streamItems(out.items, pkg.printable) : [];
  const results = [...out.results];
  if (out.items && pkg.sources && stream.length === 0 && !out.options?.allowEmpty) results.push(errorResult(emptyRenderMessage(pkg.sources)));
  // A failed run writes nothing: results that describe what it wrote ("generated N objects") would mislead.
  const shown = hasErrors(results) ? results.filter((r) => r.severity !== 'info') : results;
  for (const r of sortResults(shown)) io.err(`${resultLine(r, pkg.locations)}\n`);
  if (hasErrors(results)) return 1;
  io.out(writeManifestStream(stream));
  return 0;
}

/**
 * An empty stream is almost always a mistake (the wrong folder, a kustomize
 * folder read as files, a pipe whose producer failed), and Argo CD with
 * prune would answer it by deleting everything the application owns.
 */
function emptyRenderMessage(s: PackageSources): string {
  const where = s.paths.map((p) => (p === '-' ? 'stdin' : p)).join(', ');
  const stdinOnly = s.paths.length === 1 && s.paths[0] === '-';
  const what =
    s.objects > 0
      ? `the ${s.objects} object${s.objects === 1 ? '' : 's'} read from ${where} are all consumed or local configuration ` +
        '(there is no Prometheus, PrometheusAgent, Alertmanager or ThanosRuler, and no other object to pass through)'
      : stdinOnly
        ? 'stdin holds no Kubernetes object (`render -` reads a YAML stream, e.g. `kustomize build DIR | prometheus-krm render -`; a producer that failed prints nothing)'
        : `${where} hold${s.paths.length === 1 ? 's' : ''} no Kubernetes object (${s.files} manifest file${s.files === 1 ? '' : 's'} read)`;
  const kustomize =
    s.kustomizations.length > 0
      ? `; ${s.kustomizations.join(', ')} ${s.kustomizations.length === 1 ? 'is' : 'are'} kustomize's build file${s.kustomizations.length === 1 ? '' : 's'}: build the folder first, \`kustomize build DIR | prometheus-krm render -\``
      : '';
  return (
    `nothing to render: ${what}${kustomize}. The output would be empty, and Argo CD with prune on would delete everything the application owns; ` +
    'for a package that is empty on purpose, set the option allowEmpty=true'
  );
}

/** `render PATH...`: files and folders, or `-` for stdin. */
async function runRender(args: string[]): Promise<number> {
  const parsed = parseCommandArgs(args);
  if (parsed.paths.length === 0) parsed.problems.push(errorResult('render needs at least one PATH (a file, a folder, or - for stdin)'));
  const pkg = await readPackage(parsed.paths);
  return runStream({ ...pkg, problems: [...parsed.problems, ...pkg.problems] }, envAndFlags(parsed.options), terminalProgress(process.stderr));
}

/** Options from Argo CD's environment, overridden by --option flags. */
const envAndFlags = (flags: Readonly<Record<string, OptionOverride>>): Record<string, OptionOverride> => Object.assign(emptyMap<OptionOverride>(), optionsFromEnv(process.env), flags);

/** What show and diff need from the command: its streams, and PATH reading and options as render has them. */
const commandContext: CommandContext = { io, stderr: process.stderr, readPackage: (paths) => readPackage(paths), overrides: envAndFlags };

/**
 * The objects below PATH arguments (`-` for stdin), read within the limits
 * and then parsed, with the one RenderOptions object among them taken out.
 * Objects without a namespace take ARGOCD_APP_NAMESPACE where Argo CD sets it.
 */
async function readPackage(paths: readonly string[]): Promise<PackageRead> {
  const problems: Result[] = [];
  const budget = new ByteBudget();
  let tooLarge = false;
  const seen = new Set<string>();
  const files: InputFile[] = [];
  const kustomizations: string[] = [];
  for (const path of paths) {
    if (path === '-') {
      const text = await readStdin(budget);
      if (text === undefined) {
        problems.push(errorResult(TOO_LARGE));
        tooLarge = true;
      } else files.push({ name: '<stdin>', text });
      continue;
    }
    const read = readRoots([path], budget, seen);
    files.push(...read.files);
    kustomizations.push(...read.kustomizations);
    problems.push(...read.problems.map((m) => errorResult(m)));
  }
  const nodes = files.reduce((n, f) => n + estimateNodes(f.text), 0);
  if (nodes > MAX_NODES) {
    problems.push(errorResult(`the input may hold up to ${nodes.toLocaleString('en-US')} YAML nodes; the limit of one render is ${MAX_NODES.toLocaleString('en-US')}`));
    tooLarge = true;
  }

  const locations = new Locations();
  const items: KubeObject[] = [];
  // The object as read, before the file annotations: what is printed for an object passed through.
  const asRead = new Map<KubeObject, KubeObject>();
  const argoNamespace = process.env.ARGOCD_APP_NAMESPACE;
  if (!tooLarge) {
    for (const file of files) {
      const parsed = parseManifestStream(file.text, file.name);
      locations.addDocuments(file.name, parsed.documentLines);
      problems.push(...parsed.problems);
      for (const [located, plain] of parsed.items.map((o, i) => [o, parsed.asRead[i] as KubeObject] as const)) {
        const obj = argoNamespace ? withDefaultNamespace(located, argoNamespace) : located;
        locations.addObject(obj);
        asRead.set(obj, argoNamespace ? withDefaultNamespace(plain, argoNamespace) : plain);
        items.push(obj);
      }
    }
  }
  for (const k of kustomizations) {
    if (items.length > 0) {
      const r = warningResult(
        `${k} is kustomize's build file and is not read: render reads every manifest under its PATHs as it is, without kustomize's resources, patches or generators; ` +
          'to build with kustomize, pipe: `kustomize build DIR | prometheus-krm render -`',
      );
      r.file = { path: k };
      problems.push(r);
    }
  }
  const isOptions = (o: KubeObject) => o.apiVersion === OPTIONS_API_VERSION && o.kind === OPTIONS_KIND;
  const configs = items.filter(isOptions);
  if (configs.length > 1) problems.push(errorResult(`found ${configs.length} ${OPTIONS_KIND} objects; keep one`));
  const objects = items.filter((o) => !isOptions(o));
  return {
    items: objects,
    functionConfig: configs[0],
    problems,
    printable: (o) => asRead.get(o) ?? o,
    locations,
    sources: { paths, files: files.length, objects: objects.length, kustomizations },
  };
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
  const text = await readStdin(new ByteBudget());
  const parsed = text === undefined ? { items: [], problems: [errorResult(TOO_LARGE)], asRead: [] } : parseManifestStream(text, '<stdin>');
  const asRead = new Map(parsed.items.map((o, i) => [o, parsed.asRead[i] as KubeObject]));
  return runStream(
    { items: parsed.items, problems: parsed.problems, functionConfig: isPlainObject(config) ? config : undefined, printable: (o) => asRead.get(o) ?? o },
    {},
  );
}

/** On a terminal, with nothing piped in, the KRM mode would wait for a ResourceList that never comes. */
const NO_INPUT =
  'prometheus-krm: nothing on stdin. Without arguments it is a KRM function: kpt and kustomize pipe a ResourceList in.\n' +
  'To render manifest files, run `prometheus-krm render PATH`.\n\n';

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const answer = quickAnswer(command);
  if (answer !== undefined) {
    io.out(answer);
    return 0;
  }
  if (command === undefined) {
    if (process.stdin.isTTY) {
      io.err(NO_INPUT + helpText());
      return 1;
    }
    return runKrm();
  }
  if (command === 'render') return runRender(rest);
  if (command === 'kustomize-plugin') return runKustomizePlugin(rest);
  if (command === 'show') return runShow(rest, commandContext);
  if (command === 'diff') return runDiff(rest, commandContext);
  if (command === 'explain') return runExplain(rest, commandContext);
  io.err(`error: unknown command "${command}"\n\n${helpText()}`);
  return 1;
}

// A reader that goes away (`prometheus-krm ... | head`) ends the run quietly,
// with the status a shell gives a process stopped by a broken pipe.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(BROKEN_PIPE_STATUS);
  process.stderr.write(`error: cannot write to stdout: ${e.code ?? e.message}\n`);
  process.exit(1);
});
// With stderr gone there is no one left to tell; stdout still matters.
process.stderr.on('error', () => undefined);

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
