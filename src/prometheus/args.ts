import type { ObjectRef } from '../krm/types.js';
import type { RenderContext } from '../context/render-context.js';
import { makeGate } from '../version/gate.js';
import { atLeast, type SemVer } from '../version/semver.js';
import type { Argument } from '../workload/arguments.js';
import {
  CONFIG_ENVSUBST_FILENAME,
  CONFIG_OUT_DIR,
  DEFAULT_RETENTION,
  STORAGE_DIR,
  webRoutePrefix,
  type WorkloadSpec,
} from './spec-view.js';
import { ownValue } from '../core/objects.js';

/**
 * Flags of the `prometheus` container derived from the spec, in the
 * operator's order. A flag the target version does not know is left out with
 * a warning that names the field.
 */
export class FlagList {
  readonly #args: Argument[] = [];
  constructor(
    private readonly version: SemVer,
    private readonly ctx: RenderContext,
    private readonly ref: ObjectRef,
  ) {}

  add(name: string, value?: string): this {
    this.#args.push(value === undefined ? { name } : { name, value });
    return this;
  }

  /** Adds the flag when the version is at least `min` (and below `max`), else warns about `field`. */
  gated(field: string, range: { min?: string; max?: string }, name: string, value?: string): this {
    let gate = makeGate(this.version, (drop) => {
      this.ctx.report.warn(
        `${drop.field ?? field} is ignored: the flag ${drop.key} ${drop.reason}; change spec.version or remove the field`,
        this.ref,
        drop.field ?? field,
      );
    }).at(field);
    if (range.min) gate = gate.since(range.min);
    if (range.max) gate = gate.until(range.max);
    if (gate.check(`--${name}`)) this.add(name, value);
    return this;
  }

  get args(): readonly Argument[] {
    return this.#args;
  }
}

const REMOTE_WRITE_MESSAGES: Readonly<Record<string, string>> = {
  'V1.0': 'prometheus.WriteRequest',
  'V2.0': 'io.prometheus.write.v2.Request',
};

/** Flags the server and the agent share. */
export function addCommonFlags(flags: FlagList, spec: WorkloadSpec, version: SemVer): void {
  flags.add('config.file', `${CONFIG_OUT_DIR}/${CONFIG_ENVSUBST_FILENAME}`);
  if (version.major === 2) {
    flags.add('web.console.templates', '/etc/prometheus/consoles');
    flags.add('web.console.libraries', '/etc/prometheus/console_libraries');
  }
  if ((spec.reloadStrategy ?? 'HTTP') === 'HTTP') flags.add('web.enable-lifecycle');
  if (spec.web) {
    if (spec.web.pageTitle !== undefined) flags.gated('spec.web.pageTitle', { min: '2.6.0' }, 'web.page-title', spec.web.pageTitle);
    if (spec.web.maxConnections !== undefined) flags.add('web.max-connections', String(spec.web.maxConnections));
  }
  if (spec.enableRemoteWriteReceiver) {
    flags.gated('spec.enableRemoteWriteReceiver', { min: '2.33.0' }, 'web.enable-remote-write-receiver');
    const versions = spec.remoteWriteReceiverMessageVersions ?? [];
    if (versions.length > 0) {
      flags.gated(
        'spec.remoteWriteReceiverMessageVersions',
        { min: '2.54.0' },
        'web.remote-write-receiver.accepted-protobuf-messages',
        versions.map((v) => ownValue(REMOTE_WRITE_MESSAGES, v) ?? 'prometheus.WriteRequest').join(','),
      );
    }
  }
  // Remote write 2.0 needed metadata WAL records before Prometheus 3.4.
  const rw2 = (spec.remoteWrite ?? []).findIndex((rw) => rw.messageVersion === 'V2.0');
  if (rw2 >= 0 && !atLeast(version, '3.4.0')) {
    flags.gated(`spec.remoteWrite[${rw2}].messageVersion`, { min: '2.54.0' }, 'enable-feature', 'metadata-wal-records');
  }
  const otlp = spec.enableOTLPReceiver === true || (spec.enableOTLPReceiver === undefined && spec.otlp !== undefined);
  if (otlp) {
    if (version.major >= 3) flags.add('web.enable-otlp-receiver');
    else flags.gated('spec.enableOTLPReceiver', { min: '2.47.0' }, 'enable-feature', 'otlp-write-receiver');
  }
  const features = (spec.enableFeatures ?? []).map(String);
  if (features.length > 0) flags.gated('spec.enableFeatures', { min: '2.25.0' }, 'enable-feature', features.join(','));
  if (spec.tsdb?.chunkEncoding?.floats === 'Xor2' && !features.includes('xor2-encoding')) {
    flags.gated('spec.tsdb.chunkEncoding.floats', { min: '3.13.0' }, 'enable-feature', 'xor2-encoding');
  }
  if (spec.externalUrl) flags.add('web.external-url', spec.externalUrl);
  flags.add('web.route-prefix', webRoutePrefix(spec));
  if (spec.logLevel && spec.logLevel !== 'info') flags.add('log.level', spec.logLevel);
  if (spec.logFormat && spec.logFormat !== 'logfmt') flags.gated('spec.logFormat', { min: '2.6.0' }, 'log.format', spec.logFormat);
  if (spec.listenLocal) flags.add('web.listen-address', '127.0.0.1:9090');
}

/** Flags only the server has: retention, TSDB path, admin API, rules, query limits. */
export function addServerFlags(flags: FlagList, spec: WorkloadSpec, version: SemVer): void {
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
    flags.gated('spec.retentionSize', { min: '2.7.0' }, 'storage.tsdb.retention.size', retentionSize);
  }
  flags.add('storage.tsdb.path', STORAGE_DIR);
  if (spec.enableAdminAPI) flags.add('web.enable-admin-api');

  const alert = spec.rules?.alert;
  if (alert?.forOutageTolerance) flags.gated('spec.rules.alert.forOutageTolerance', { min: '2.4.0' }, 'rules.alert.for-outage-tolerance', alert.forOutageTolerance);
  if (alert?.forGracePeriod) flags.gated('spec.rules.alert.forGracePeriod', { min: '2.4.0' }, 'rules.alert.for-grace-period', alert.forGracePeriod);
  if (alert?.resendDelay) flags.gated('spec.rules.alert.resendDelay', { min: '2.4.0' }, 'rules.alert.resend-delay', alert.resendDelay);

  const query = spec.query;
  if (query) {
    if (query.lookbackDelta !== undefined) flags.add('query.lookback-delta', query.lookbackDelta);
    if (query.maxSamples !== undefined && query.maxSamples > 0) {
      flags.gated('spec.query.maxSamples', { min: '2.5.0' }, 'query.max-samples', String(query.maxSamples));
    }
    if ((query.maxConcurrency ?? 0) > 0) flags.add('query.max-concurrency', String(query.maxConcurrency));
    if (query.timeout !== undefined) flags.add('query.timeout', query.timeout);
  }
  if (spec.allowOverlappingBlocks) {
    flags.gated('spec.allowOverlappingBlocks', { min: '2.11.0', max: '2.39.0' }, 'storage.tsdb.allow-overlapping-blocks');
  }
  if (spec.walCompression !== undefined) {
    const name = spec.walCompression ? 'storage.tsdb.wal-compression' : 'no-storage.tsdb.wal-compression';
    flags.gated('spec.walCompression', { min: '2.11.0' }, name);
  }
}

/**
 * Flags only the agent has: agent mode itself (a feature flag in Prometheus 2,
 * a flag of its own in 3), the WAL directory, and WAL compression.
 */
export function addAgentFlags(flags: FlagList, spec: WorkloadSpec, version: SemVer): void {
  if (version.major === 2) flags.add('enable-feature', 'agent');
  else if (version.major === 3) flags.add('agent');
  flags.add('storage.agent.path', STORAGE_DIR);
  if (spec.walCompression !== undefined) flags.add(spec.walCompression ? 'storage.agent.wal-compression' : 'no-storage.agent.wal-compression');
}
