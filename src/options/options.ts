import type { ErrorObject } from 'ajv';
import { isLabelKey, isLabelValue } from '../core/names.js';
import { emptyMap, isPlainObject, sortedMap } from '../core/objects.js';
import { errorResult } from '../krm/results.js';
import type { ObjectRef, Result } from '../krm/types.js';
import { PRODUCTS } from '../version/products.js';
import { parseVersion, type SemVer } from '../version/semver.js';
import { OPTION_DEFINITIONS } from './definitions.js';
import { parseFeatureGates, type FeatureGates } from './feature-gates.js';
import validateOptions from './options-validator.gen.js';

/** The typed functionConfig kind, an alternative to a ConfigMap's data. */
export const OPTIONS_API_VERSION = 'prometheus-krm.dev/v1alpha1';
export const OPTIONS_KIND = 'RenderOptions';

/** How a render treats a value read from a Secret (option `secrets`). */
export type SecretsMode = 'inline' | 'reference' | 'auto';

export interface Options {
  readonly keepInputs: boolean;
  /** render mode: an empty output is not an error (a package that is empty on purpose). */
  readonly allowEmpty: boolean;
  readonly onInvalid: 'warn' | 'fail';
  /** generate: ServiceAccounts, Roles and bindings for each Prometheus's discovery; none: no RBAC objects. */
  readonly rbac: 'generate' | 'none';
  /** inline: Secret values copied into configuration (the operator's way); reference: never copied, read from mounted files; auto: inline what the input holds. */
  readonly secrets: SecretsMode;
  readonly featureGates: FeatureGates;
  readonly kubernetesVersion: SemVer | undefined;
  readonly clusterDomain: string;
  readonly prometheusDefaultBaseImage: string;
  readonly prometheusDefaultVersion: string;
  readonly alertmanagerDefaultBaseImage: string;
  readonly alertmanagerDefaultVersion: string;
  readonly thanosDefaultBaseImage: string;
  readonly thanosDefaultVersion: string;
  readonly prometheusConfigReloaderImage: string;
  readonly configReloaderCpuRequest: string;
  readonly configReloaderCpuLimit: string;
  readonly configReloaderMemoryRequest: string;
  readonly configReloaderMemoryLimit: string;
  readonly enableConfigReloaderProbes: boolean;
  /** How containers of a pod reach the operand beside them (the operator's --localhost). */
  readonly localhost: string;
  /** The operator's --labels: on every generated object, its pod templates and pod selectors. Sorted by key. */
  readonly labels: Readonly<Record<string, string>>;
  /** The operator's --annotations: on every generated object. Sorted by key. */
  readonly annotations: Readonly<Record<string, string>>;
}

/**
 * An option set outside the functionConfig (a `--option` flag, Argo CD's
 * environment), with where it came from, so that an error can say so.
 */
export interface OptionOverride {
  readonly value: string;
  /** Where the value came from, as a user would look for it: `--option keepInputs=…`, `ARGOCD_ENV_KEEP_INPUTS`. */
  readonly from: string;
}

export type OptionsOutcome = { options: Options; problems?: undefined } | { options?: undefined; problems: Result[] };

/** The schema's problems with the raw fields (src/options/schema.ts, compiled at build time). */
function validateRaw(data: unknown): ErrorObject[] {
  return validateOptions(data) ? [] : [...(validateOptions.errors ?? [])];
}

/**
 * functionConfig (a ConfigMap's data or a RenderOptions object) plus
 * overrides (CLI flags, Argo CD environment) → Options.
 * Order as in kyaml's LoadFunctionConfig: schema first, then defaults, then
 * cross-field checks; every problem is reported at once.
 */
export function loadOptions(functionConfig: unknown, overrides: Readonly<Record<string, OptionOverride>> = {}): OptionsOutcome {
  const source = extractRaw(functionConfig);
  if (typeof source === 'string') return { problems: [errorResult(source, configRef(functionConfig))] };
  // No prototype: an option named __proto__ (from a flag or the environment) is just an unknown option.
  const raw: Record<string, unknown> = Object.assign(Object.create(null) as Record<string, unknown>, source.values);
  for (const [name, o] of Object.entries(overrides)) raw[name] = o.value;
  const ref = configRef(functionConfig);
  // A problem names the functionConfig field it is about, or, for a value set
  // elsewhere, says where it came from: that is where the user will fix it.
  const problem = (message: (origin: string) => string, name: string): Result => {
    const override = Object.hasOwn(overrides, name) ? overrides[name] : undefined;
    if (override) return errorResult(message(` (from ${override.from})`));
    return errorResult(message(''), ref, `${source.fieldPrefix}${name}`);
  };
  const problems = validateRaw(raw).map((e) => problem((origin) => describeAjvError(e, raw, origin), fieldOf(e)));

  const value = (name: string): string => {
    const v = raw[name];
    if (v === undefined || v === null) return OPTION_DEFINITIONS.find((d) => d.name === name)?.default ?? '';
    return String(v);
  };
  const gates = parseFeatureGates(value('featureGates'));
  if (Array.isArray(gates)) {
    for (const g of gates) problems.push(problem((origin) => `option featureGates${origin}: ${g}`, 'featureGates'));
  }
  let kubernetesVersion: SemVer | undefined;
  if (value('kubernetesVersion') !== '') {
    kubernetesVersion = parseVersion(value('kubernetesVersion'));
    if (!kubernetesVersion) {
      problems.push(
        problem((origin) => `option kubernetesVersion ${echo(value('kubernetesVersion'))}${origin} is not a version; write it like v1.31.2 or 1.31`, 'kubernetesVersion'),
      );
    }
  }
  for (const { versionOption: name } of Object.values(PRODUCTS)) {
    if (!parseVersion(value(name))) {
      problems.push(problem((origin) => `option ${name} ${echo(value(name))}${origin} is not a version; write it like v1.2.3`, name));
    }
  }
  if (!isHost(value('localhost'))) {
    problems.push(
      problem((origin) => `option localhost ${echo(value('localhost'))}${origin} is not a host name or IP address; write it like localhost, 127.0.0.1 or [::1]`, 'localhost'),
    );
  }
  const labels = parseKeyValues(value('labels'), 'label');
  const annotations = parseKeyValues(value('annotations'), 'annotation');
  for (const [name, parsed] of [['labels', labels], ['annotations', annotations]] as const) {
    if (typeof parsed === 'string') problems.push(problem((origin) => `option ${name}${origin}: ${parsed}`, name));
  }
  if (problems.length > 0 || Array.isArray(gates) || typeof labels === 'string' || typeof annotations === 'string') return { problems };
  return {
    options: {
      keepInputs: value('keepInputs') === 'true',
      allowEmpty: value('allowEmpty') === 'true',
      onInvalid: value('onInvalid') === 'fail' ? 'fail' : 'warn',
      rbac: value('rbac') === 'none' ? 'none' : 'generate',
      secrets: value('secrets') === 'inline' ? 'inline' : value('secrets') === 'reference' ? 'reference' : 'auto',
      featureGates: gates,
      kubernetesVersion,
      clusterDomain: value('clusterDomain'),
      prometheusDefaultBaseImage: value('prometheusDefaultBaseImage'),
      prometheusDefaultVersion: value('prometheusDefaultVersion'),
      alertmanagerDefaultBaseImage: value('alertmanagerDefaultBaseImage'),
      alertmanagerDefaultVersion: value('alertmanagerDefaultVersion'),
      thanosDefaultBaseImage: value('thanosDefaultBaseImage'),
      thanosDefaultVersion: value('thanosDefaultVersion'),
      prometheusConfigReloaderImage: value('prometheusConfigReloaderImage'),
      configReloaderCpuRequest: value('configReloaderCpuRequest'),
      configReloaderCpuLimit: value('configReloaderCpuLimit'),
      configReloaderMemoryRequest: value('configReloaderMemoryRequest'),
      configReloaderMemoryLimit: value('configReloaderMemoryLimit'),
      enableConfigReloaderProbes: value('enableConfigReloaderProbes') === 'true',
      localhost: value('localhost'),
      labels,
      annotations,
    },
  };
}

/**
 * The localhost option goes into URLs (`http://<host>:9090/-/reload`) and a
 * listen address, so it must be a DNS name, an IPv4 address or a bracketed
 * IPv6 address, with no port, path or scheme.
 */
function isHost(value: string): boolean {
  const inside = value.slice(1, -1);
  if (value.length > 2 && value.startsWith('[') && value.endsWith(']') && [...inside].every((c) => '0123456789abcdefABCDEF:.'.includes(c))) {
    return inside.includes(':');
  }
  return value.length > 0 && value.length <= 253 && value.split('.').every((part) => /^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/.test(part));
}

/**
 * `key=value,key2=value2`, as the operator parses its --labels and
 * --annotations flags (a later pair wins over an earlier one with the same
 * key), checked as the API server would check the result: keys are
 * qualified names (annotation keys follow the label-key rule), label values at most 63 characters of the label
 * alphabet. The map is sorted by key; a string is the problem.
 */
function parseKeyValues(text: string, what: 'label' | 'annotation'): Record<string, string> | string {
  const map = emptyMap<string>();
  if (text === '') return {};
  for (const pair of text.split(',')) {
    const eq = pair.indexOf('=');
    if (eq < 0) return `"${pair}" is not a key=value pair; write them like team=platform,tier=monitoring`;
    const key = pair.slice(0, eq);
    const val = pair.slice(eq + 1);
    if (!isLabelKey(key)) return `"${key}" is not a valid ${what} key (an optional DNS prefix and "/", then at most 63 letters, digits, "-", "_" or ".", starting and ending with a letter or digit)`;
    if (what === 'label' && !isLabelValue(val)) {
      return `the value of label "${key}" is not a valid label value (at most 63 letters, digits, "-", "_" or ".", starting and ending with a letter or digit)`;
    }
    map[key] = val;
  }
  return sortedMap(map);
}

/** The defaults, for callers (tests, benchmarks) that pass no configuration. */
export function defaultOptions(): Options {
  const outcome = loadOptions(undefined);
  if (!outcome.options) throw new Error('built-in option defaults do not validate');
  return outcome.options;
}

function extractRaw(fc: unknown): { values: Record<string, unknown>; fieldPrefix: string } | string {
  if (fc === undefined || fc === null) return { values: {}, fieldPrefix: '' };
  if (!isPlainObject(fc)) return 'functionConfig must be an object: a ConfigMap or a RenderOptions';
  if (fc.kind === 'ConfigMap') {
    if (fc.data !== undefined && fc.data !== null && !isPlainObject(fc.data)) return 'functionConfig ConfigMap data must be a map of option names to strings';
    return { values: (fc.data as Record<string, unknown> | undefined) ?? {}, fieldPrefix: 'data.' };
  }
  if (fc.kind === OPTIONS_KIND && fc.apiVersion === OPTIONS_API_VERSION) {
    if (fc.spec !== undefined && fc.spec !== null && !isPlainObject(fc.spec)) return `${OPTIONS_KIND} spec must be a map of options`;
    return { values: (fc.spec as Record<string, unknown> | undefined) ?? {}, fieldPrefix: 'spec.' };
  }
  return (
    `functionConfig of kind "${String(fc.kind)}" (apiVersion "${String(fc.apiVersion)}") is not accepted; ` +
    `use a ConfigMap with the options in data, or apiVersion ${OPTIONS_API_VERSION} kind ${OPTIONS_KIND} with the options in spec`
  );
}

function configRef(fc: unknown): ObjectRef | undefined {
  if (!isPlainObject(fc) || !isPlainObject(fc.metadata) || typeof fc.metadata.name !== 'string') return undefined;
  const ref: ObjectRef = { apiVersion: String(fc.apiVersion), kind: String(fc.kind), name: fc.metadata.name };
  if (typeof fc.metadata.namespace === 'string') ref.namespace = fc.metadata.namespace;
  return ref;
}

function fieldOf(e: ErrorObject): string {
  if (e.keyword === 'additionalProperties') return String((e.params as { additionalProperty: string }).additionalProperty);
  return e.instancePath.replace(/^\//, '').replace(/\//g, '.');
}

function describeAjvError(e: ErrorObject, raw: Readonly<Record<string, unknown>>, origin: string): string {
  const name = fieldOf(e);
  if (e.keyword === 'additionalProperties') {
    return `unknown option ${echo(name)}${origin}; valid options: ${OPTION_DEFINITIONS.map((d) => d.name).join(', ')}`;
  }
  const def = OPTION_DEFINITIONS.find((d) => d.name === name);
  const subject = `option ${name} ${echo(raw[name])}${origin}`;
  if (e.keyword === 'enum') {
    const allowed = def?.kind === 'boolean' ? ['true', 'false'] : (def?.values ?? []);
    return `${subject} must be one of ${allowed.join(', ')}`;
  }
  if (e.keyword === 'type') return `${subject} must be a string`;
  return `${subject} ${e.message ?? 'is invalid'}`;
}

/** A value as a message quotes it: JSON, so that quotes and line breaks stay visible; long ones cut. */
function echo(value: unknown): string {
  const text = typeof value === 'string' ? JSON.stringify(value) : (JSON.stringify(value) ?? String(value));
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}
