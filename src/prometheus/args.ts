/**
 * Flags of the `prometheus` container derived from the spec, in the
 * operator's order. A flag the target version does not know is left out with
 * a warning that names the field.
 */
import { atLeast } from '../version/semver.js';
import type { Flags } from '../workload/flags.js';
import {
  CONFIG_ENVSUBST_FILENAME,
  CONFIG_OUT_DIR,
  DEFAULT_RETENTION,
  STORAGE_DIR,
  webRoutePrefix,
  type CommonSpec,
  type ServerSpec,
} from './spec-view.js';
import { ownValue } from '../core/objects.js';

const REMOTE_WRITE_MESSAGES: Readonly<Record<string, string>> = {
  'V1.0': 'prometheus.WriteRequest',
  'V2.0': 'io.prometheus.write.v2.Request',
};

/** Flags the server and the agent share. */
export function addCommonFlags(flags: Flags, spec: CommonSpec): void {
  const version = flags.gate.version;
  flags.add('config.file', `${CONFIG_OUT_DIR}/${CONFIG_ENVSUBST_FILENAME}`);
  if (version.major === 2) {
    flags.add('web.console.templates', '/etc/prometheus/consoles');
    flags.add('web.console.libraries', '/etc/prometheus/console_libraries');
  }
  if ((spec.reloadStrategy ?? 'HTTP') === 'HTTP') flags.add('web.enable-lifecycle');
  if (spec.web) {
    if (spec.web.pageTitle !== undefined) flags.since('2.6.0').at('spec.web.pageTitle').add('web.page-title', spec.web.pageTitle);
    if (spec.web.maxConnections !== undefined) flags.add('web.max-connections', String(spec.web.maxConnections));
  }
  if (spec.enableRemoteWriteReceiver) {
    flags.since('2.33.0').at('spec.enableRemoteWriteReceiver').add('web.enable-remote-write-receiver');
    const versions = spec.remoteWriteReceiverMessageVersions ?? [];
    if (versions.length > 0) {
      const messages = versions.map((v) => ownValue(REMOTE_WRITE_MESSAGES, v) ?? 'prometheus.WriteRequest').join(',');
      flags.since('2.54.0').at('spec.remoteWriteReceiverMessageVersions').add('web.remote-write-receiver.accepted-protobuf-messages', messages);
    }
  }
  // Remote write 2.0 needed metadata WAL records before Prometheus 3.4.
  const rw2 = (spec.remoteWrite ?? []).findIndex((rw) => rw.messageVersion === 'V2.0');
  if (rw2 >= 0 && !atLeast(version, '3.4.0')) {
    flags.since('2.54.0').at(`spec.remoteWrite[${rw2}].messageVersion`).add('enable-feature', 'metadata-wal-records');
  }
  const otlp = spec.enableOTLPReceiver === true || (spec.enableOTLPReceiver === undefined && spec.otlp !== undefined);
  if (otlp) {
    if (version.major >= 3) flags.add('web.enable-otlp-receiver');
    else flags.since('2.47.0').at('spec.enableOTLPReceiver').add('enable-feature', 'otlp-write-receiver');
  }
  const features = (spec.enableFeatures ?? []).map(String);
  if (features.length > 0) flags.since('2.25.0').at('spec.enableFeatures').add('enable-feature', features.join(','));
  if (spec.tsdb?.chunkEncoding?.floats === 'Xor2' && !features.includes('xor2-encoding')) {
    flags.since('3.13.0').at('spec.tsdb.chunkEncoding.floats').add('enable-feature', 'xor2-encoding');
  }
  if (spec.externalUrl) flags.add('web.external-url', spec.externalUrl);
  flags.add('web.route-prefix', webRoutePrefix(spec));
  if (spec.logLevel && spec.logLevel !== 'info') flags.add('log.level', spec.logLevel);
  if (spec.logFormat && spec.logFormat !== 'logfmt') flags.since('2.6.0').at('spec.logFormat').add('log.format', spec.logFormat);
  if (spec.listenLocal) flags.add('web.listen-address', '127.0.0.1:9090');
}

/** Flags only the server has: retention, TSDB path, admin API, rules, query limits. */
export function addServerFlags(flags: Flags, spec: ServerSpec): void {
  const version = flags.gate.version;
  const retention = spec.retention ?? '';
  const retentionSize = spec.retentionSize ?? '';
  // From 3.11.0 retention is part of the configuration file instead.
  const retentionAsFlags = !atLeast(version, '3.11.0');
  if (!atLeast(version, '2.7.0')) {
    if (retentionAsFlags) flags.add('storage.tsdb.retention', retention || DEFAULT_RETENTION);
  } else {
    const value = retention === '' && retentionSize === '' ? DEFAULT_RETENTION : retention;
    if (value !== '' && retentionAsFlags) flags.add('storage.tsdb.retention.time', value);
  }
  if (retentionSize !== '' && retentionAsFlags) {
    flags.since('2.7.0').at('spec.retentionSize').add('storage.tsdb.retention.size', retentionSize);
  }
  flags.add('storage.tsdb.path', STORAGE_DIR);
  if (spec.enableAdminAPI) flags.add('web.enable-admin-api');

  const alert = spec.rules?.alert;
  if (alert?.forOutageTolerance) flags.since('2.4.0').at('spec.rules.alert.forOutageTolerance').add('rules.alert.for-outage-tolerance', alert.forOutageTolerance);
  if (alert?.forGracePeriod) flags.since('2.4.0').at('spec.rules.alert.forGracePeriod').add('rules.alert.for-grace-period', alert.forGracePeriod);
  if (alert?.resendDelay) flags.since('2.4.0').at('spec.rules.alert.resendDelay').add('rules.alert.resend-delay', alert.resendDelay);

  const query = spec.query;
  if (query) {
    if (query.lookbackDelta !== undefined) flags.add('query.lookback-delta', query.lookbackDelta);
    if (query.maxSamples !== undefined && query.maxSamples > 0) {
      flags.since('2.5.0').at('spec.query.maxSamples').add('query.max-samples', String(query.maxSamples));
    }
    if ((query.maxConcurrency ?? 0) > 0) flags.add('query.max-concurrency', String(query.maxConcurrency));
    if (query.timeout !== undefined) flags.add('query.timeout', query.timeout);
  }
  if (spec.allowOverlappingBlocks) {
    flags.since('2.11.0').until('2.39.0').at('spec.allowOverlappingBlocks').add('storage.tsdb.allow-overlapping-blocks');
  }
  if (spec.walCompression !== undefined) {
    const name = spec.walCompression ? 'storage.tsdb.wal-compression' : 'no-storage.tsdb.wal-compression';
    flags.since('2.11.0').at('spec.walCompression').add(name);
  }
}

/**
 * Flags only the agent has: agent mode itself (a feature flag in Prometheus 2,
 * a flag of its own in 3), the WAL directory, and WAL compression.
 */
export function addAgentFlags(flags: Flags, spec: CommonSpec): void {
  const version = flags.gate.version;
  if (version.major === 2) flags.add('enable-feature', 'agent');
  else if (version.major === 3) flags.add('agent');
  flags.add('storage.agent.path', STORAGE_DIR);
  if (spec.walCompression !== undefined) flags.add(spec.walCompression ? 'storage.agent.wal-compression' : 'no-storage.agent.wal-compression');
}
