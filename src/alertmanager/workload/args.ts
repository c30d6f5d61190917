import { parseBase2Bytes } from '../../core/byte-size.js';
import type { Options } from '../../options/options.js';
import { atLeast } from '../../version/semver.js';
import { argumentConflicts, Flags, type Argument } from '../../workload/flags.js';
import type { AlertmanagerPlan } from './plan.js';
import {
  CONFIG_ENVSUBST_FILE,
  CONFIG_OUT_DIR,
  DEFAULT_RETENTION,
  MESH_PORT,
  STORAGE_DIR,
  serviceNameOf,
  webRoutePrefix,
  type AlertmanagerSpec,
} from './spec-view.js';

/** The address every replica gossips with: `<sts>-<i>.<service>[.<ns>.svc.<domain>.]:9094`. */
export function clusterPeers(plan: AlertmanagerPlan, spec: AlertmanagerSpec, options: Options): string[] {
  const service = serviceNameOf(spec);
  // Without a cluster domain the pod's DNS search path (.svc.<domain>) completes the name.
  const domain = options.clusterDomain ? `${service}.${plan.namespace}.svc.${options.clusterDomain}.` : service;
  return Array.from({ length: plan.replicas }, (_, i) => `${plan.prefixedName}-${i}.${domain}:${MESH_PORT}`);
}

/**
 * The managed flags up to `--cluster.reconnect-timeout`; the web config and
 * cluster TLS flags follow them (see stateful-set.ts).
 */
export function alertmanagerArgs(spec: AlertmanagerSpec, plan: AlertmanagerPlan, options: Options): Argument[] {
  const version = plan.version;
  const flags = new Flags(plan.gate);
  flags.add('config.file', `${CONFIG_OUT_DIR}/${CONFIG_ENVSUBST_FILE}`);
  flags.add('storage.path', STORAGE_DIR);
  flags.add('data.retention', spec.retention ? spec.retention : DEFAULT_RETENTION);

  // A single replica runs without gossip unless asked; the flag name carries the "=" so it renders empty.
  if (plan.replicas === 1 && !spec.forceEnableClusterMode) flags.add('cluster.listen-address=', '');
  else flags.add('cluster.listen-address', `[$(POD_IP)]:${MESH_PORT}`);

  flags.add('web.listen-address', spec.listenLocal ? '127.0.0.1:9093' : ':9093');
  if (spec.externalUrl) flags.add('web.external-url', spec.externalUrl);
  if (spec.enableFeatures && spec.enableFeatures.length > 0) {
    flags.since('0.27.0').at('spec.enableFeatures').add('enable-feature', spec.enableFeatures.join(','));
  }
  flags.add('web.route-prefix', webRoutePrefix(spec));

  const web = spec.web;
  if (web?.getConcurrency !== undefined && web.getConcurrency !== null) {
    flags.since('0.17.0').at('spec.web.getConcurrency').add('web.get-concurrency', String(web.getConcurrency));
  }
  if (web?.timeout !== undefined && web.timeout !== null) {
    flags.since('0.17.0').at('spec.web.timeout').add('web.timeout', String(web.timeout));
  }

  const limits = spec.limits;
  if (limits?.maxSilences !== undefined && limits.maxSilences !== null) {
    flags.since('0.28.0').at('spec.limits.maxSilences').add('silences.max-silences', String(limits.maxSilences));
  }
  if (limits?.maxPerSilenceBytes) {
    flags.since('0.28.0').at('spec.limits.maxPerSilenceBytes').add('silences.max-per-silence-bytes', String(parseBase2Bytes(limits.maxPerSilenceBytes)));
  }

  // minReadySeconds also delays dispatching, unless the user sets the flag themselves.
  if (spec.minReadySeconds !== undefined && spec.minReadySeconds !== null && atLeast(version, '0.30.0')) {
    const delay: Argument = { name: 'dispatch.start-delay', value: `${spec.minReadySeconds}s` };
    if (argumentConflicts([delay], spec.additionalArgs ?? []).length === 0) flags.add(delay.name, delay.value);
  }

  if (spec.logLevel && spec.logLevel !== 'info') flags.add('log.level', spec.logLevel);
  if (spec.logFormat && spec.logFormat !== 'logfmt') flags.since('0.16.0').at('spec.logFormat').add('log.format', spec.logFormat);

  if (spec.clusterAdvertiseAddress) flags.add('cluster.advertise-address', spec.clusterAdvertiseAddress);
  if (spec.clusterGossipInterval) flags.add('cluster.gossip-interval', spec.clusterGossipInterval);
  if (spec.clusterPushpullInterval) flags.add('cluster.pushpull-interval', spec.clusterPushpullInterval);
  if (spec.clusterPeerTimeout) flags.add('cluster.peer-timeout', spec.clusterPeerTimeout);
  if (atLeast(version, '0.30.0')) flags.add('cluster.peer-name', '$(POD_NAME)');
  // The cluster label keeps a recycled pod IP from joining another Alertmanager cluster.
  if (atLeast(version, '0.26.0')) flags.add('cluster.label', spec.clusterLabel ?? `${plan.namespace}/${plan.name}`);
  else if (spec.clusterLabel !== undefined) flags.since('0.26.0').at('spec.clusterLabel').add('cluster.label', spec.clusterLabel);

  for (const peer of clusterPeers(plan, spec, options)) flags.add('cluster.peer', peer);
  for (const peer of spec.additionalPeers ?? []) flags.add('cluster.peer', peer);

  // Drop a restarted member from the cluster after 5 minutes instead of the default 6 hours.
  flags.add('cluster.reconnect-timeout', '5m');
  return [...flags.args];
}
