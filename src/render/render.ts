import { buildAssets } from '../assets/assets.js';
import { Memo } from '../core/memo.js';
import { isGenerated } from '../krm/annotations.js';
import { buildEarlierOutput } from '../krm/earlier-output.js';
import { Reporter } from '../krm/report.js';
import { hasErrors, sortResults } from '../krm/results.js';
import { identityKey, refOf, type KubeObject, type Result } from '../krm/types.js';
import type { Options } from '../options/options.js';
import { parseChecker } from '../rules/promql/check.js';
import type { SelectionFacts } from '../selection/facts.js';
import { buildInputIndex } from '../selection/inputs.js';
import { buildNamespaceIndex } from '../selection/namespaces.js';
import { selectAll } from '../selection/owners.js';
import { unselectedResults } from '../selection/unselected.js';
import { checkInputs } from './input-checks.js';
import { sortObjects } from './order.js';
import { collisionsAndOutput } from './output.js';
import { grantAccessAndHarden, ownersIn, renderOwners } from './owners.js';
import { contextOf, type RenderHooks, type RenderRun } from './run.js';
import { readSources, withFiles } from './sources.js';

export interface RenderOutput {
  readonly items: KubeObject[];
  readonly results: Result[];
  /** What each owner selected, what not and why, and what the selected objects became; absent when the input failed its checks before selection. */
  readonly selection?: SelectionFacts;
}

interface Stage {
  readonly name: string;
  readonly run: (run: RenderRun) => void;
  /** Whether an error result so far ends the render here (nothing after it could be trusted). */
  readonly stopsOnError?: boolean;
}

/** One render, stage by stage (kyaml's pipeline): each stage reads what the ones before it left in the run. */
const STAGES: readonly Stage[] = [
  { name: 'read sources', run: readInput },
  { name: 'check inputs', run: checkInput, stopsOnError: true },
  { name: 'select', run: select },
  { name: 'render owners', run: renderOwners },
  { name: 'grant access and harden', run: grantAccessAndHarden },
  { name: 'collisions and output', run: collisionsAndOutput },
  { name: 'results', run: addResults },
];

/**
 * items + options → items + results. Pure: no I/O, no clock, no randomness.
 *
 * Input objects may carry kpt's envelope annotations (file path, index):
 * renderers never see them, results name the file of the object they are
 * about, and objects passed through keep them. The monitoring.coreos.com
 * objects that were read stay in the output as local configuration (unless
 * keepInputs), so that kpt keeps their files and nothing applies them.
 * On any error result the input comes back unchanged, with the results, and
 * nothing generated.
 */
export function render(input: readonly KubeObject[], options: Options, hooks: RenderHooks = {}): RenderOutput {
  const run: RenderRun = {
    input,
    options,
    hooks,
    report: new Reporter(),
    sources: [],
    assets: buildAssets([]),
    rejected: new Set(),
    rendered: [],
    held: [],
    generated: new Map(),
    output: [],
  };
  for (const stage of STAGES) {
    stage.run(run);
    if (stage.stopsOnError && hasErrors(run.report.results)) break;
  }
  // Results carry their object's file; no message quotes a Secret value (the assets redact any that one would).
  const results = sortResults(withFiles(run.report.results, run.sources).map((r) => ({ ...r, message: run.assets.redact(r.message) })));
  const selection = run.context ? { selection: run.context.selection } : {};
  if (hasErrors(results)) return { items: [...input], results, ...selection };
  return { items: sortObjects(run.output), results, ...selection };
}

/** Objects an earlier run generated are regenerated, never duplicated, so they are not read. */
function readInput(run: RenderRun): void {
  run.sources = readSources(run.input).filter((s) => !isGenerated(s.obj));
  run.assets = buildAssets(run.sources.map((s) => s.obj));
}

/** Rejected monitors and rules are left out of selection, as the operator does. */
function checkInput(run: RenderRun): void {
  run.rejected = checkInputs(run.sources, run.options, run.report);
}

/** The render context, with what each owner selects, computed once before any owner is rendered. */
function select(run: RenderRun): void {
  const all = run.sources.map((s) => s.obj);
  const items = all.filter((o) => !run.rejected.has(identityKey(o)));
  const scope = { options: run.options, namespaces: buildNamespaceIndex(items), inputs: buildInputIndex(items), report: run.report };
  const memo = new Memo();
  const owners = ownersIn(items).map((o) => o.owner);
  const refused = all.filter((o) => run.rejected.has(identityKey(o)));
  run.context = {
    ...scope,
    earlier: buildEarlierOutput(run.input),
    assets: run.assets,
    selection: selectAll(owners, scope, { refused, redact: run.assets.redact }),
    memo,
    promql: run.hooks.promql ?? parseChecker(memo),
  };
}

/** What no owner selects, and, when nothing failed, one summary per owner that generated objects. */
function addResults(run: RenderRun): void {
  for (const result of unselectedResults(contextOf(run).selection)) run.report.add(result);
  if (hasErrors(run.report.results)) return;
  for (const { owner, objects, access } of run.rendered) {
    const count = objects.length + access.length;
    if (count > 0) run.report.info(`generated ${count} objects`, refOf(owner));
  }
}
