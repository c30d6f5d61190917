/**
 * `prometheus-krm diff OLD NEW`: renders two package trees with the same
 * options and prints a unified diff of what `render` would print for each,
 * object by object (matched by group, kind, namespace and name), with every
 * Secret and ConfigMap value decoded, so that a changed scrape interval reads
 * as one changed line of prometheus.yaml, and secret values masked. Exit
 * status as diff(1): 0 no difference, 1 differences, 2 trouble (bad
 * arguments, or a tree that does not render).
 */
import { createTwoFilesPatch, FILE_HEADERS_ONLY } from 'diff';
import { compareStrings } from '../core/compare.js';
import { toYaml } from '../core/yaml.js';
import { isGenerated } from '../krm/annotations.js';
import { errorResult, formatResultLine, sortResults } from '../krm/results.js';
import { groupOf, identityKey, type KubeObject, type Result } from '../krm/types.js';
import { parseCommandArgs } from './args.js';
import { decodedData } from './inspect/config-files.js';
import { SecretMask, secretKeyRef } from './inspect/mask.js';
import { terminalProgress } from './progress.js';
import { renderPackage, streamItems, type CommandContext, type RenderedPackage } from './render-package.js';

const SAME = 0;
const DIFFERENT = 1;
const TROUBLE = 2;

export async function runDiff(args: readonly string[], ctx: CommandContext): Promise<number> {
  const parsed = parseCommandArgs(args);
  const report = (label: string, results: readonly Result[]) => {
    for (const r of sortResults(results)) if (r.severity === 'error') ctx.io.err(`${label}${formatResultLine(r)}\n`);
  };
  if (parsed.paths.length !== 2) parsed.problems.push(errorResult(`diff needs two PATHs, OLD and NEW; got ${parsed.paths.length}`));
  if (parsed.problems.length > 0) {
    report('', parsed.problems);
    return TROUBLE;
  }
  const [oldPath, newPath] = parsed.paths as [string, string];
  const overrides = ctx.overrides(parsed.options);
  const trees: RenderedPackage[] = [];
  for (const path of [oldPath, newPath]) {
    trees.push(await renderPackage(await ctx.readPackage([path]), overrides, terminalProgress(ctx.stderr, path)));
  }
  const [before, after] = trees as [RenderedPackage, RenderedPackage];
  if (!before.items || !after.items) {
    for (const [path, tree] of [[oldPath, before], [newPath, after]] as const) {
      if (tree.items) continue;
      report(`${path}: `, tree.results);
      ctx.io.err(`error: diff: ${path} does not render, so there is nothing to compare\n`);
    }
    return TROUBLE;
  }
  const [oldMask, newMask] = SecretMask.pair(before.input, after.input);
  const patch = diffObjects(readableTexts(streamItems(before.items), oldMask), readableTexts(streamItems(after.items), newMask));
  ctx.io.out(patch);
  return patch === '' ? SAME : DIFFERENT;
}

/** One unified diff per object that differs, in identity order; empty when the renders agree. */
export function diffObjects(before: ReadonlyMap<string, Readable>, after: ReadonlyMap<string, Readable>): string {
  const pathOf = (key: string) => (before.get(key) ?? after.get(key))?.path ?? key;
  const keys = [...new Set([...before.keys(), ...after.keys()])].sort((x, y) => compareStrings(pathOf(x), pathOf(y)));
  const out: string[] = [];
  for (const key of keys) {
    const a = before.get(key);
    const b = after.get(key);
    if (a?.text === b?.text) continue;
    const oldName = a ? `a/${a.path}` : '/dev/null';
    const newName = b ? `b/${b.path}` : '/dev/null';
    out.push(createTwoFilesPatch(oldName, newName, a?.text ?? '', b?.text ?? '', undefined, undefined, { context: 3, headerOptions: FILE_HEADERS_ONLY }));
  }
  return out.join('');
}

export interface Readable {
  /** `namespace/Kind.group/name.yaml`, the name the object has in the diff. */
  readonly path: string;
  readonly text: string;
}

/** Each object as diffed, by identity key. */
export function readableTexts(items: readonly KubeObject[], mask: SecretMask): Map<string, Readable> {
  const out = new Map<string, Readable>();
  for (const obj of items) {
    const group = groupOf(obj.apiVersion);
    const path = `${obj.metadata.namespace ?? '_cluster'}/${obj.kind}${group ? `.${group}` : ''}/${obj.metadata.name}.yaml`;
    out.set(identityKey(obj), { path, text: toYaml(readable(obj, mask)) });
  }
  return out;
}

/**
 * An object as a reviewer reads it: a Secret's or ConfigMap's values decoded
 * (gzip expanded) under `data`, configuration masked as `show` masks it, an
 * input Secret's values replaced by their markers, and every other string
 * masked where it holds a secret value.
 */
function readable(obj: KubeObject, mask: SecretMask): Record<string, unknown> {
  const holdsData = obj.apiVersion === 'v1' && (obj.kind === 'Secret' || obj.kind === 'ConfigMap');
  const out: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(obj)) {
    if (holdsData && (field === 'data' || field === 'stringData' || field === 'binaryData')) {
      if (!Object.hasOwn(out, 'data')) out.data = decodedValues(obj, mask);
      continue;
    }
    Object.defineProperty(out, field, { value: mask.deep(value), enumerable: true, writable: true, configurable: true });
  }
  return out;
}

function decodedValues(obj: KubeObject, mask: SecretMask): Record<string, string> {
  const values: Record<string, string> = Object.create(null) as Record<string, string>;
  const generated = isGenerated(obj);
  for (const { key, value } of decodedData(obj)) {
    let shown: string;
    if (obj.kind === 'Secret' && !generated) shown = mask.markerOf(secretKeyRef(obj, key));
    else if (value.text === undefined) shown = `<binary, ${value.bytes} bytes>`;
    else shown = mask.file(value.text, obj.kind === 'Secret');
    values[key] = shown;
  }
  return { ...values };
}
