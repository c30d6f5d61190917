/**
 * What `render`, `show` and `diff` share: a package tree read from PATH
 * arguments, its options loaded (the tree's RenderOptions object, then
 * Argo CD's environment, then --option flags), and one render() of it, as
 * the render command does it.
 */
import { isLocalConfig, withoutFileAnnotations } from '../krm/annotations.js';
import { hasErrors } from '../krm/results.js';
import type { KubeObject, Result } from '../krm/types.js';
import { loadOptions } from '../options/options.js';
import { renderWithoutEnvelope } from '../render/resource-list.js';
import { ruleExpressions } from '../rules/expressions.js';
import type { SelectionFacts } from '../selection/facts.js';
import type { Progress, ProgressStream } from './progress.js';
import { withPromQLWorker } from './promql-pool.js';

/** The objects of a package tree, its one RenderOptions object, and what could not be read. */
export interface PackageRead {
  readonly items: KubeObject[];
  readonly functionConfig: unknown;
  readonly problems: Result[];
}

/** Reads PATH arguments (files, folders, `-` for stdin) as `render` does. */
export type PackageReader = (paths: readonly string[]) => PackageRead;

export interface RenderedPackage {
  /** The input objects, as read. */
  readonly input: readonly KubeObject[];
  /** The output objects; undefined when anything failed (then `results` holds why). */
  readonly items?: KubeObject[];
  readonly results: Result[];
  /** What each owner selected and why, when the render got as far as selection (even when it then failed). */
  readonly selection?: SelectionFacts;
}

/** Loads the options and renders; the reading problems, option problems or render errors come back as results. */
export async function renderPackage(pkg: PackageRead, overrides: Readonly<Record<string, string>>, progress?: Progress): Promise<RenderedPackage> {
  if (pkg.problems.length > 0) return { input: pkg.items, results: pkg.problems };
  const loaded = loadOptions(pkg.functionConfig, overrides);
  if (!loaded.options) return { input: pkg.items, results: loaded.problems };
  const options = loaded.options;
  try {
    const out = await withPromQLWorker(ruleExpressions(pkg.items), (hooks) =>
      renderWithoutEnvelope(pkg.items, options, progress ? { ...hooks, progress: progress.step } : hooks),
    );
    const { selection } = out;
    return hasErrors(out.results) ? { input: pkg.items, results: out.results, selection } : { input: pkg.items, items: out.items, results: out.results, selection };
  } finally {
    progress?.end();
  }
}

/**
 * The plain stream `render` prints: local configuration (a kpt package's
 * function config, say) left out, as kustomize and kpt live apply leave it
 * out, and no kpt file annotations.
 */
export function streamItems(items: readonly KubeObject[]): KubeObject[] {
  return items.filter((o) => !isLocalConfig(o)).map(withoutFileAnnotations);
}

/** What the show and diff commands get from the command: its streams, and PATH reading and options as render has them. */
export interface CommandContext {
  readonly io: { out(text: string): void; err(text: string): void };
  /** The stream a progress line goes to (when it is a terminal). */
  readonly stderr: ProgressStream;
  readonly readPackage: PackageReader;
  /** Argo CD's environment, overridden by the given --option flags. */
  readonly overrides: (flags: Readonly<Record<string, string>>) => Record<string, string>;
}
