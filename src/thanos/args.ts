/**
 * Flags of the `thanos-ruler` container (`thanos rule …`), in the operator's
 * order. A field that the target Thanos version has no flag for is left out
 * with a warning naming it.
 */
import { sortedKeys } from '../core/compare.js';
import { Flags, type Argument } from '../workload/flags.js';
import { thanosTlsVersion } from '../workload/tls-version.js';
import type { ThanosRulerPlan } from './plan.js';
import {
  DEFAULT_EVALUATION_INTERVAL,
  DEFAULT_RETENTION,
  HTTP_PORT,
  MIN_REMOTE_WRITE_VERSION,
  REPLICA_LABEL,
  RULES_DIR,
  STORAGE_DIR,
  type ThanosRulerSpec,
} from './spec-view.js';
import type { SecretFileMounts } from './volumes.js';
import { notNil } from '../core/objects.js';

const isSet = <T>(v: T | undefined | null): v is T => v !== undefined && v !== null;

/**
 * The managed flags, without the leading `rule` command and without
 * `--http.config`, which the operator appends after the user's additional
 * arguments. Secret-backed files are mounted through `files`, in the order
 * the flags name them.
 */
export function thanosRulerArgs(spec: ThanosRulerSpec, plan: ThanosRulerPlan, files: SecretFileMounts): Argument[] {
  const flags = new Flags(plan.gate);
  flags.add('data-dir', STORAGE_DIR);
  flags.add('eval-interval', spec.evaluationInterval || DEFAULT_EVALUATION_INTERVAL);
  flags.add('tsdb.retention', spec.retention || DEFAULT_RETENTION);

  if (spec.ruleQueryOffset) flags.since('0.38.0').at('spec.ruleQueryOffset').add('rule-query-offset', spec.ruleQueryOffset);
  if (isSet(spec.ruleConcurrentEval) && spec.ruleConcurrentEval > 0) {
    flags.since('0.37.0').at('spec.ruleConcurrentEval').add('rule-concurrent-evaluation', String(spec.ruleConcurrentEval));
  }
  if (spec.ruleOutageTolerance) flags.since('0.30.0').at('spec.ruleOutageTolerance').add('for-outage-tolerance', spec.ruleOutageTolerance);
  if (spec.ruleGracePeriod) flags.since('0.30.0').at('spec.ruleGracePeriod').add('for-grace-period', spec.ruleGracePeriod);
  if (spec.resendDelay) flags.add('resend-delay', spec.resendDelay);
  if (spec.enableFeatures && spec.enableFeatures.length > 0) {
    flags.since('0.39.0').at('spec.enableFeatures').add('enable-feature', spec.enableFeatures.join(','));
  }

  // Every replica labels its series; alerts drop the label so that Alertmanager deduplicates them.
  flags.add('label', `${REPLICA_LABEL}="$(POD_NAME)"`);
  const labels = spec.labels ?? {};
  for (const k of sortedKeys(labels)) flags.add('label', `${k}="${labels[k]}"`);
  flags.add('alert.label-drop', REPLICA_LABEL);
  for (const l of spec.alertDropLabels ?? []) flags.add('alert.label-drop', l);

  if (spec.listenLocal) flags.add('http-address', `localhost:${HTTP_PORT}`);
  if (spec.logLevel && spec.logLevel !== 'info') flags.add('log.level', spec.logLevel);
  if (spec.logFormat) flags.add('log.format', spec.logFormat);
  flags.add('rule-file', `${RULES_DIR}/*/*.yaml`);

  // The remote-write file is always mounted; Thanos only reads it when there is something to write.
  const remoteWrite = files.remoteWrite;
  if ((spec.remoteWrite ?? []).length > 0) flags.since(MIN_REMOTE_WRITE_VERSION).at('spec.remoteWrite').add('remote-write.config-file', remoteWrite);

  if (spec.queryConfig) flags.add('query.config-file', files.mount(spec.queryConfig, 'query-config'));
  else for (const endpoint of spec.queryEndpoints ?? []) flags.add('query', endpoint);

  if (spec.alertmanagersConfig) flags.add('alertmanagers.config-file', files.mount(spec.alertmanagersConfig, 'alertmanager-config'));
  else for (const url of spec.alertmanagersUrl ?? []) flags.add('alertmanagers.url', url);

  if (notNil(spec.objectStorageConfigFile)) flags.add('objstore.config-file', spec.objectStorageConfigFile);
  else if (spec.objectStorageConfig) flags.add('objstore.config-file', files.mount(spec.objectStorageConfig, 'objstorage-config'));

  if (spec.tracingConfigFile) flags.add('tracing.config-file', spec.tracingConfigFile);
  else if (spec.tracingConfig) flags.add('tracing.config-file', files.mount(spec.tracingConfig, 'tracing-config'));

  if (notNil(spec.alertRelabelConfigFile)) flags.add('alert.relabel-config-file', spec.alertRelabelConfigFile);
  else if (spec.alertRelabelConfigs) flags.add('alert.relabel-config-file', files.mount(spec.alertRelabelConfigs, 'alertrelabel-config'));

  const grpc = spec.grpcServerTlsConfig;
  if (grpc) {
    if (grpc.certFile) flags.add('grpc-server-tls-cert', grpc.certFile);
    if (grpc.keyFile) flags.add('grpc-server-tls-key', grpc.keyFile);
    if (grpc.caFile) flags.add('grpc-server-tls-client-ca', grpc.caFile);
    const minVersion = thanosTlsVersion(grpc.minVersion);
    if (minVersion) flags.since('0.37.0').at('spec.grpcServerTlsConfig.minVersion').add('grpc-server-tls-min-version', minVersion);
    const ciphers = grpc.cipherSuites ?? [];
    if (ciphers.length > 0) flags.since('0.42.0').at('spec.grpcServerTlsConfig.cipherSuites').add('grpc-server-tls-ciphers', ciphers.join(','));
    const curves = (grpc as { curves?: string[] }).curves ?? [];
    if (curves.length > 0) flags.since('0.42.0').at('spec.grpcServerTlsConfig.curves').add('grpc-server-tls-curves', curves.join(','));
  }

  if (spec.externalPrefix) flags.add('web.external-prefix', spec.externalPrefix);
  if (spec.routePrefix) flags.add('web.route-prefix', spec.routePrefix);
  if (spec.alertQueryUrl) flags.add('alert.query-url', spec.alertQueryUrl);
  return [...flags.args];
}
