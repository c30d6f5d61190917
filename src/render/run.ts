/**
 * What the stages of one render share. Each stage reads what the stages
 * before it left here and adds its own part; none reads ahead.
 */
import type { Assets } from '../assets/assets.js';
import type { PromQLCheck } from '../context/promql-check.js';
import type { RenderContext } from '../context/render-context.js';
import type { Reporter } from '../krm/report.js';
import type { KubeObject, ObjectRef } from '../krm/types.js';
import type { Options } from '../options/options.js';
import type { Source } from './sources.js';

/** What a caller may lend a render: answers computed elsewhere, which must equal what render() would compute, and a listener for progress. */
export interface RenderHooks {
  readonly promql?: PromQLCheck;
  /** Told after each owner (Prometheus, PrometheusAgent, Alertmanager, ThanosRuler) is rendered: how many of how many. */
  readonly progress?: (done: number, total: number, owner: ObjectRef) => void;
}

/** What one owner rendered: its objects, and the access its pods need (granted in a later stage). */
export interface OwnerOutput {
  readonly owner: KubeObject;
  readonly objects: readonly KubeObject[];
  /** The RBAC objects its pods need (option rbac). */
  readonly access: readonly KubeObject[];
}

/** A generated object, with the owners that generated it (`Kind/namespace/name`). */
export interface Generated {
  readonly obj: KubeObject;
  readonly sources: string[];
}

export interface RenderRun {
  readonly input: readonly KubeObject[];
  readonly options: Options;
  readonly hooks: RenderHooks;
  readonly report: Reporter;
  /** read sources: the input objects without their envelope, and its Secrets and ConfigMaps. */
  sources: readonly Source[];
  assets: Assets;
  /** check inputs: the identities of monitoring objects rejected before selection. */
  rejected: ReadonlySet<string>;
  /** select: the render context, holding what each owner selects. */
  context?: RenderContext;
  /** render owners: what each owner rendered, in render order. */
  rendered: OwnerOutput[];
  /** render owners: the earlier output of paused owners, kept as it is. */
  held: KubeObject[];
  /** grant access and harden: the generated objects by identity. */
  generated: Map<string, Generated>;
  /** collisions and output: the objects written out, in input order, then the generated ones. */
  output: KubeObject[];
}

/** The render context; a stage that runs before `select` has none to read (a bug, never bad input). */
export function contextOf(run: RenderRun): RenderContext {
  if (!run.context) throw new Error('the render context is read before the select stage built it');
  return run.context;
}
