import { isPlainObject } from '../core/objects.js';
import { parseYamlStream } from '../core/yaml.js';
import { errorResult } from './results.js';
import type { KubeObject, Result } from './types.js';

/** What a ResourceList carries besides its items. Kept apart so renderers never see it. */
export interface Envelope {
  functionConfig?: Record<string, unknown>;
}

export interface ReadOutcome {
  items: KubeObject[];
  envelope: Envelope;
  /** Problems with the input itself; non-empty means nothing can be rendered. */
  problems: Result[];
}

const RESOURCE_LIST_VERSIONS = new Set(['config.kubernetes.io/v1', 'config.kubernetes.io/v1alpha1']);

/** Parses a KRM ResourceList (YAML or JSON) from text. */
export function readResourceList(text: string): ReadOutcome {
  let docs: unknown[];
  try {
    docs = parseYamlStream(text).filter((d) => d !== null && d !== undefined);
  } catch (e) {
    return failed(`input is not valid YAML or JSON: ${yamlErrorText(e)}`);
  }
  if (docs.length !== 1 || !isPlainObject(docs[0])) {
    return failed('input must be a single ResourceList (apiVersion: config.kubernetes.io/v1, kind: ResourceList)');
  }
  const list = docs[0];
  if (list.kind !== 'ResourceList' || !RESOURCE_LIST_VERSIONS.has(String(list.apiVersion))) {
    return failed(
      `input has apiVersion "${String(list.apiVersion)}" and kind "${String(list.kind)}"; ` +
        'a KRM function reads a ResourceList with apiVersion config.kubernetes.io/v1. ' +
        'To render plain manifest files, run `prometheus-krm render PATH`',
    );
  }
  if (list.items !== undefined && list.items !== null && !Array.isArray(list.items)) {
    return failed('ResourceList field items must be a list of objects');
  }
  const envelope: Envelope = {};
  if (isPlainObject(list.functionConfig)) envelope.functionConfig = list.functionConfig;
  const problems: Result[] = [];
  const items: KubeObject[] = [];
  for (const [i, raw] of ((list.items as unknown[] | null | undefined) ?? []).entries()) {
    const checked = checkObject(raw, `items[${i}]`);
    if (typeof checked === 'string') problems.push(errorResult(checked, undefined, `items[${i}]`));
    else items.push(checked);
  }
  return { items, envelope, problems };
}

/** A read that found nothing to render, for the reason given. */
export function failedRead(message: string): ReadOutcome {
  return failed(message);
}

function failed(message: string): ReadOutcome {
  return { items: [], envelope: {}, problems: [errorResult(message)] };
}

/**
 * Checks that a document is a Kubernetes object with apiVersion, kind and
 * metadata.name. Returns the object, or a message naming what is missing.
 */
export function checkObject(raw: unknown, where: string): KubeObject | string {
  if (!isPlainObject(raw)) return `${where} is not an object`;
  const missing: string[] = [];
  if (typeof raw.apiVersion !== 'string' || raw.apiVersion === '') missing.push('apiVersion');
  if (typeof raw.kind !== 'string' || raw.kind === '') missing.push('kind');
  const meta = raw.metadata;
  if (!isPlainObject(meta) || typeof meta.name !== 'string' || meta.name === '') {
    if (!(isPlainObject(meta) && typeof meta.generateName === 'string')) missing.push('metadata.name');
  }
  if (missing.length > 0) {
    const kind = typeof raw.kind === 'string' && raw.kind ? `${raw.kind} ` : '';
    return `${where}: the ${kind}object has no ${missing.join(', ')}; every object needs apiVersion, kind and metadata.name`;
  }
  if (isPlainObject(meta) && meta.namespace !== undefined && typeof meta.namespace !== 'string') {
    return `${where}: metadata.namespace must be a string`;
  }
  // Lengths no cluster accepts, refused before anything is built from them
  // (a name is repeated in every object, label and configuration it names).
  if (isPlainObject(meta) && typeof meta.namespace === 'string' && meta.namespace.length > 63) {
    return `${where}: metadata.namespace is ${meta.namespace.length} characters long; a namespace name is at most 63 (a DNS label)`;
  }
  const name = isPlainObject(meta) && typeof meta.name === 'string' ? meta.name : '';
  if (name.length > 253 && String(raw.apiVersion).startsWith('monitoring.coreos.com/')) {
    return `${where}: metadata.name of the ${String(raw.kind)} is ${name.length} characters long; a custom resource's name is at most 253 (a DNS subdomain)`;
  }
  return raw as KubeObject;
}

/** js-yaml messages carry a code excerpt; keep the first line (reason, line, column). */
export function yamlErrorText(e: unknown): string {
  const msg = e instanceof Error ? e.message : String(e);
  return msg.split('\n')[0] ?? msg;
}
