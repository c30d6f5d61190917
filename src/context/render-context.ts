import type { Assets } from '../assets/assets.js';
import type { Memo } from '../core/memo.js';
import type { EarlierOutput } from '../krm/earlier-output.js';
import type { Reporter } from '../krm/report.js';
import type { Options } from '../options/options.js';
import type { SelectionFacts } from '../selection/facts.js';
import type { InputIndex } from '../selection/inputs.js';
import type { NamespaceIndex } from '../selection/namespaces.js';
import type { PromQLCheck } from './promql-check.js';

/** What every renderer receives besides the resource it renders. */
export interface RenderContext {
  readonly options: Options;
  readonly assets: Assets;
  readonly namespaces: NamespaceIndex;
  /** The monitoring objects owners select from. */
  readonly inputs: InputIndex;
  /** What each owner selected, computed once before any owner is rendered. */
  readonly selection: SelectionFacts;
  readonly report: Reporter;
  /** What an earlier run generated, when the input holds it (kpt writes the output back into the package). */
  readonly earlier: EarlierOutput;
  /** Work shared between owners within this render (rule files, say). */
  readonly memo: Memo;
  /** Whether a rule expression parses; parsing on the spot unless the caller has the answers already. */
  readonly promql: PromQLCheck;
}
