/**
 * The public surface: render() with the options it takes and the results it
 * gives, the same step on ResourceList text, and the types these name.
 * Everything else is internal; the CLI (src/cli/) and the tests import what
 * they need from the folders themselves.
 */
export { render, type RenderOutput } from './render/render.js';
export type { RenderHooks } from './render/run.js';
export { renderResourceListText, type StepOutput } from './render/resource-list.js';
export { defaultOptions, loadOptions, OPTIONS_API_VERSION, OPTIONS_KIND, type Options, type OptionsOutcome } from './options/options.js';
export type { KubeObject, ObjectRef, Result, Severity } from './krm/types.js';
export type { KindSelection, LeftOut, NotSelected, NotSelectedReason, OwnerSelection, Produced, SelectionFacts } from './selection/facts.js';
export type { ParseOptions, PromQLCheck, PromQLError } from './context/promql-check.js';
