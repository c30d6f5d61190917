/**
 * The KRM function step as a pure function of text: a ResourceList in, a
 * ResourceList out (objects and results), and whether it failed. The CLI
 * wraps it with stdin and stdout; tests and the fuzzer call it directly.
 */
import { isGenerated, withPathAnnotations } from '../krm/annotations.js';
import { readResourceList, type ReadOutcome } from '../krm/read.js';
import { errorResult, hasErrors, sortResults } from '../krm/results.js';
import { writeResourceList } from '../krm/write.js';
import { loadOptions } from '../options/options.js';
import { render } from './render.js';
import type { RenderHooks } from './run.js';

export interface StepOutput {
  readonly text: string;
  readonly failed: boolean;
}

/** Words for a bug (not bad input): no stack trace, and never any input value. */
export const INTERNAL_ERROR = 'prometheus-krm failed unexpectedly; this is a bug, please report it with the input that caused it';

export function renderResourceListText(text: string): StepOutput {
  return renderResourceList(readResourceList(text));
}

/** The same step on a ResourceList already read. */
export function renderResourceList(input: ReadOutcome, hooks: RenderHooks = {}): StepOutput {
  try {
    const loaded = loadOptions(input.envelope.functionConfig);
    if (input.problems.length > 0 || !loaded.options) {
      // Report every problem at once: the objects that did parse are still checked.
      const checked = loaded.options ? render(input.items, loaded.options, hooks).results : [];
      const problems = [...input.problems, ...(loaded.problems ?? []), ...checked.filter((r) => r.severity === 'error')];
      return { text: writeResourceList(input.items, sortResults(problems), input.envelope), failed: true };
    }
    const out = render(input.items, loaded.options, hooks);
    const items = out.items.map((o) => (isGenerated(o) ? withPathAnnotations(o) : o));
    return { text: writeResourceList(items, out.results, input.envelope), failed: hasErrors(out.results) };
  } catch {
    return { text: writeResourceList(input.items, [errorResult(INTERNAL_ERROR)], input.envelope), failed: true };
  }
}
