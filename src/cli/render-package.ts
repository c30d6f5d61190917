/**
 * What `render`, `show` and `diff` share: a package tree read from PATH
 * arguments, its options loaded (the tree's RenderOptions object, then
 * Argo CD's environment, then --option flags), and one render() of it, as
 * the render command does it.
 */
import { isLocalConfig, withoutFileAnnotations } from '../krm/annotations.js';
import { hasErrors } from '../krm/results.js';
import type { KubeObject, Result } from '../krm/types.js';
import { loadOptions, type OptionOverride, type Options } from '../options/options.js';
import { render } from '../render/render.js';
import { ruleExpressions } from '../rules/expressions.js';
import type { SelectionFacts } from '../selection/facts.js';
import type { Locations } from './locations.js';
import type { Progress, ProgressStream } from './progress.js';
import { withPromQLWorker } from './promql-pool.js';

/** The objects of a package tree, its one RenderOptions object, and what could not be read. */
export interface PackageRead {
  readonly items: KubeObject[];
  readonly functionConfig: unknown;
  readonly problems: Result[];
  /** What an object passed through is printed as: the object as it was read, before the reader's file annotations. */
  readonly printable: (o: KubeObject) => KubeObject;
  /** Where each object came from, for `file:line:` result lines. */
  readonly locations?: Locations;
  /** What was read, for the words of an empty render; absent where an empty output is no mistake. */
  readonly sources?: PackageSources;
}

/** What PATH arguments held. */
export interface PackageSources {
  /** The PATH arguments, `-` for stdin. */
  readonly paths: readonly string[];
  readonly files: number;
  readonly objects: number;
  readonly kustomizations: readonly string[];
}

/** Reads PATH arguments (files, folders, `-` for stdin) as `render` does. */
export type PackageReader = (paths: readonly string[]) => Promise<PackageRead>;

export interface RenderedPackage {
  /** The input objects, as read. */
  readonly input: readonly KubeObject[];
  /** The output objects; undefined when anything failed (then `results` holds why). */
  readonly items?: KubeObject[];
  readonly results: Result[];
  /** The options the package was rendered with; undefined when they could not be loaded. */
  readonly options?: Options;
  /** What each owner selected and why, when the render got as far as selection (even when it then failed). */
  readonly selection?: SelectionFacts;
}

/** Loads the options and renders; the reading problems, option problems or render errors come back as results. */
export async function renderPackage(pkg: PackageRead, overrides: Readonly<Record<string, OptionOverride>>, progress?: Progress): Promise<RenderedPackage> {
  if (hasErrors(pkg.problems)) return { input: pkg.items, results: pkg.problems };
  const loaded = loadOptions(pkg.functionConfig, overrides);
  if (!loaded.options) return { input: pkg.items, results: [...pkg.problems, ...loaded.problems] };
  const options = loaded.options;
  try {
    const out = await withPromQLWorker(ruleExpressions(pkg.items), (hooks) =>
      render(pkg.items, options, progress ? { ...hooks, progress: progress.step } : hooks),
    );
    const results = [...pkg.problems, ...out.results];
    const { selection } = out;
    return hasErrors(results) ? { input: pkg.items, results, options, selection } : { input: pkg.items, items: out.items, results, options, selection };
  } finally {
    progress?.end();
  }
}

/**
 * The plain stream `render` prints: local configuration (a kpt package's
 * function config, say) left out, as kustomize and kpt live apply leave it
 * out, and no kpt file annotations.
 */
export function streamItems(items: readonly KubeObject[], printable: (o: KubeObject) => KubeObject = (o) => o): KubeObject[] {
  return items.filter((o) => !isLocalConfig(o)).map((o) => withoutFileAnnotations(printable(o)));
}

/** What the show and diff commands get from the command: its streams, and PATH reading and options as render has them. */
export interface CommandContext {
  readonly io: { out(text: string): void; err(text: string): void };
  /** The stream a progress line goes to (when it is a terminal). */
  readonly stderr: ProgressStream;
  readonly readPackage: PackageReader;
  /** Argo CD's environment, overridden by the given --option flags. */
  readonly overrides: (flags: Readonly<Record<string, OptionOverride>>) => Record<string, OptionOverride>;
}
