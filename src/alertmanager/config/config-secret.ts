/**
 * The generated configuration Secret `alertmanager-<name>-generated`
 * (key `alertmanager.yaml.gz`): base configuration merged with the selected
 * AlertmanagerConfigs, as prometheus-operator generates it.
 */
import type { AlertmanagerConfiguration } from '../../api/alertmanager-config.js';
import type { Alertmanager } from '../../api/types.js';
import { NamespaceAssets } from '../../assets/namespace-assets.js';
import { ReferencedSecrets } from '../../assets/referenced-secrets.js';
import { REFERENCED_SECRETS_DIR } from '../workload/spec-view.js';
import { gzipText } from '../../core/gzip.js';
import { emptyMap, sortedMap } from '../../core/objects.js';
import { toYaml } from '../../core/yaml.js';
import { describeRef, refOf, type KubeObject, type ObjectRef } from '../../krm/types.js';
import type { RenderContext } from '../../context/render-context.js';
import type { Gate } from '../../version/gate.js';
import { MANAGED_LABELS } from '../../workload/metadata.js';
import { TlsAssetFiles } from '../../workload/tls-assets.js';
import { checkRootRoute, loadRawBase, parseBase } from './base.js';
import { ownerObject } from '../../workload/owner.js';
import { ConfigError, TEMPLATES_DIR, fail, type AmConfigContext, type Doc } from './context.js';
import { toV1alpha1Spec } from './convert-v1beta1.js';
import { checkGlobal, convertGlobal } from './global.js';
import { convertReceiver, mergeAlertmanagerConfigs } from './merge.js';
import { convertInhibitRule, convertRoute, makeEnforcer } from './route.js';
import { sanitizeConfig } from './sanitize.js';
import { marshal } from './schema.js';
import { selectAlertmanagerConfigs } from './select.js';
import { configShape } from './shapes.js';
import { convertMuteTimeInterval } from './time-intervals.js';
import { checkAlertmanagerConfig } from './validate.js';

export interface AlertmanagerConfigOutcome {
  /** `alertmanager-<name>-generated`; absent when the pods mount the user's Secret as it is (`userSecret`). */
  readonly secret?: KubeObject;
  /** The user's configuration Secret, when it is not in the input and nothing has to be merged into it. */
  readonly userSecret?: string;
  /** TLS material the configuration refers to by file path, keyed by file name in the tls-assets Secret. */
  readonly tlsAssets: ReadonlyMap<string, Buffer>;
  /** The Secrets the configuration reads by file (option secrets). */
  readonly referenced?: ReferencedSecrets;
}

export const GENERATED_CONFIG_KEY = 'alertmanager.yaml.gz';

/**
 * Returns undefined after an error result when the configuration cannot be
 * generated. `gate` is the resource's, built from its resolved version.
 */
export function makeAlertmanagerConfigSecret(am: Alertmanager, gate: Gate, ctx: RenderContext): AlertmanagerConfigOutcome | undefined {
  const owner = ownerObject(am);
  const ref = refOf(owner);
  const who = describeRef(ref);
  const spec = am.spec ?? {};
  const namespace = owner.metadata.namespace ?? 'default';
  const name = owner.metadata.name;

  const secretName = String(spec.configSecret || `alertmanager-${name}`);
  const raw = loadRawBase(ctx.assets, namespace, secretName);
  const tls = new TlsAssetFiles();
  const fromSecret = (spec.alertmanagerConfiguration ?? null) === null;
  const asIs = fromSecret && (spec.alertmanagerConfigSelector ?? null) === null;
  if (fromSecret && raw.inInput && raw.defaultReason) {
    const effect = asIs ? 'every alert goes to the "null" receiver' : 'alerts that no AlertmanagerConfig routes go to the "null" receiver';
    ctx.report.warn(`${raw.defaultReason}, so the operator's default configuration is used: ${effect}; put the configuration under that key`, ref, 'spec.configSecret');
  }
  // With neither selector nor global configuration, the user manages the configuration: it is copied as is.
  if (asIs) {
    return raw.inInput ? outcome(namespace, name, raw.text, raw.extra, tls.files) : mountedAsIs(ctx, ref, namespace, name, secretName);
  }

  // A missing Secret names the Secret only, as this configuration's messages always have.
  const referenced = new ReferencedSecrets();
  const store = new NamespaceAssets(ctx.assets, namespace, fail, 'secret-only', {
    mode: ctx.options.secrets,
    workloadNamespace: namespace,
    mountDir: REFERENCED_SECRETS_DIR,
    product: 'Alertmanager',
    source: ref,
    collected: referenced,
    // A reference that cannot be mounted is an error naming the field, not a reason to leave the AlertmanagerConfig out.
    error: (message, field, source) => ctx.report.error(message, source, field),
  });
  let cfg: Doc = {};
  const ctxFor = (ns: string, source?: ObjectRef): AmConfigContext => ({
    version: gate.version,
    gate,
    store: (source ? store.referencingFrom(source) : store).forNamespace(ns),
    tlsAssets: tls,
    global: () => cfg.global as Doc | undefined,
    owner: ref,
  });

  // The selection checks read every reference; the conversion records and reports them.
  const selected = selectAlertmanagerConfigs(am, ctx, (ns) => ({ ...ctxFor(ns), store: store.referencingFrom(ref).checking().forNamespace(ns) }));
  if (!selected) return undefined;
  if (fromSecret && !raw.inInput) {
    if (selected.length === 0) return mountedAsIs(ctx, ref, namespace, name, secretName);
    ctx.report.error(
      `the selected AlertmanagerConfigs (${selected.map((c) => `${c.namespace}/${c.name}`).join(', ')}) must be merged into the base configuration, Secret ${namespace}/${secretName}, which is not in the input, and a render cannot read it from the cluster; add that Secret to the package, or set spec.alertmanagerConfiguration to an AlertmanagerConfig that holds the base configuration`,
      ref,
      'spec.configSecret',
    );
    return undefined;
  }
  let failing = '';
  let failingRef = ref;
  try {
    const globalConfig = spec.alertmanagerConfiguration;
    if (globalConfig) {
      const amc = ctx.inputs.ofKind('AlertmanagerConfig').find((o) => (o.metadata.namespace ?? 'default') === namespace && o.metadata.name === globalConfig.name);
      if (!amc) fail(`the global AlertmanagerConfig ${namespace}/${String(globalConfig.name)} named by spec.alertmanagerConfiguration is not in the input`, 'spec.alertmanagerConfiguration.name');
      failing = `as the global configuration of ${who}, `;
      failingRef = refOf(amc);
      cfg = initializeFromAlertmanagerConfig(ctxFor(namespace, refOf(amc)), globalConfig, amc, (c) => (cfg = c));
      failing = '';
      failingRef = ref;
    } else {
      cfg = parseBase(raw.text);
    }
    const base = ctxFor(namespace);
    const enforcer = makeEnforcer(base, spec.alertmanagerConfigMatcherStrategy?.type, namespace);
    mergeAlertmanagerConfigs(cfg, selected, enforcer, ctxFor, (amc, became) => ctx.selection.produce(owner, amc.object, became));
    sanitizeConfig(base, cfg);
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    ctx.report.error(`${failing}the Alertmanager configuration cannot be generated: ${e.message}`, failingRef, e.field);
    return undefined;
  }
  const text = toYaml(marshal(configShape, cfg));
  return { ...outcome(namespace, name, text, globalConfigExtra(spec, raw.extra), tls.files), referenced };
}

/** With a global AlertmanagerConfig the config Secret is not read, so no extra keys are copied. */
function globalConfigExtra(spec: NonNullable<Alertmanager['spec']>, extra: ReadonlyMap<string, Buffer>): ReadonlyMap<string, Buffer> {
  return spec.alertmanagerConfiguration ? new Map() : extra;
}

/** The base configuration from the global AlertmanagerConfig and `spec.alertmanagerConfiguration.global`. */
function initializeFromAlertmanagerConfig(ctx: AmConfigContext, globalConfig: AlertmanagerConfiguration, amc: KubeObject, publish: (cfg: Doc) => void): Doc {
  const crNamespace = String(amc.metadata.namespace ?? 'default');
  const crName = String(amc.metadata.name ?? '');
  const spec = toV1alpha1Spec(amc);
  const checking = { ...ctx, store: ctx.store.checking() };
  checkAlertmanagerConfig(checking, spec);
  checkGlobal(checking, globalConfig.global, 'spec.alertmanagerConfiguration.global');
  const global = convertGlobal(ctx, globalConfig.global, 'spec.alertmanagerConfiguration.global');
  // Receivers that fall back to global settings (email's smarthost and from) see them while converting.
  const cfg: Doc = { global };
  publish(cfg);
  cfg.inhibit_rules = (spec.inhibitRules ?? []).map((r) => convertInhibitRule(ctx, r));
  cfg.route = spec.route ? convertRoute(ctx, spec.route, crNamespace, crName, 'spec.route') : undefined;
  cfg.receivers = (spec.receivers ?? []).map((r, i) => convertReceiver(ctx, r, crNamespace, crName, `spec.receivers[${i}]`));
  cfg.mute_time_intervals = (spec.muteTimeIntervals ?? []).map((m) => convertMuteTimeInterval(m, crNamespace, crName));
  sanitizeConfig(ctx, cfg);
  checkRootRoute(cfg.route as Doc | undefined);
  cfg.templates = (globalConfig.templates ?? []).flatMap((t) => {
    const out: string[] = [];
    if (t.configMap) out.push(`${TEMPLATES_DIR}/${String(t.configMap.key)}`);
    if (t.secret) out.push(`${TEMPLATES_DIR}/${String(t.secret.key)}`);
    return out;
  });
  return cfg;
}

/**
 * The base configuration is not in the input and nothing is merged into it:
 * the operator would copy the Secret into `alertmanager-<name>-generated` as it
 * is, so the pods mount the user's Secret itself, and an info result says it
 * is expected in the cluster. Never the operator's stand-in that routes every
 * alert to "null": that is only for a Secret without a configuration.
 */
function mountedAsIs(ctx: RenderContext, ref: ObjectRef, namespace: string, name: string, secretName: string): AlertmanagerConfigOutcome {
  ctx.report.info(
    `the base configuration, Secret ${namespace}/${secretName}, is not in the input and no AlertmanagerConfig is merged into it: the pods mount it from the cluster as it is (key alertmanager.yaml, and any templates beside it), where the operator would copy it into alertmanager-${name}-generated`,
    ref,
    'spec.configSecret',
  );
  return { userSecret: secretName, tlsAssets: new Map() };
}

function outcome(namespace: string, name: string, text: string, extra: ReadonlyMap<string, Buffer>, tls: ReadonlyMap<string, Buffer>): AlertmanagerConfigOutcome {
  const data = emptyMap<string>();
  for (const [k, v] of extra) data[k] = v.toString('base64');
  data[GENERATED_CONFIG_KEY] = gzipText(text).toString('base64');
  // A Secret's data is a Go map: its keys are written sorted.
  const sorted = sortedMap(data);
  const secret: KubeObject = {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: `alertmanager-${name}-generated`, namespace, labels: { ...MANAGED_LABELS } },
    type: 'Opaque',
    data: sorted,
  };
  return { secret, tlsAssets: tls };
}
