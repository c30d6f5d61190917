/**
 * Relabelings the monitor kinds share: the job-name capture at the start,
 * label selectors turned into keep/drop rules, target labels copied from
 * Kubernetes metadata, and the enforced namespace label at the end.
 */
import { charClass, replaceOutside } from '../../../core/regex/scan.js';
import { MONITORING_GROUP, type RelabelConfig } from '../../../api/types.js';
import { compareStrings, sortedKeys } from '../../../core/compare.js';
import type { LabelSelector } from '../../../core/labels.js';
import { groupOf, type KubeObject } from '../../../krm/types.js';
import type { ConfigContext, Doc } from '../context.js';
import { ownValue } from '../../../core/objects.js';

/** Prometheus's label-name rule: anything but [a-zA-Z0-9_] becomes `_`. */
export function sanitizeLabelName(name: string): string {
  return replaceOutside(name, (c) => charClass.isLetter(c) || charClass.isDigit(c) || c === 95, '_');
}

/** Every job starts by keeping the configured job name in a temporary label. */
export function initialRelabelings(): Doc[] {
  return [{ source_labels: ['job'], target_label: '__tmp_prometheus_job_name' }];
}

/** Drops pods that have finished (phase Failed or Succeeded). */
export function runningFilter(): Doc {
  return { action: 'drop', source_labels: ['__meta_kubernetes_pod_phase'], regex: '(Failed|Succeeded)' };
}

/**
 * Keep/drop rules equivalent to a label selector on the discovered objects
 * (`__meta_kubernetes_<role>_label_*`): exact labels sorted by key, then the
 * expressions in their order.
 */
export function selectorRelabelings(selector: LabelSelector | undefined, role: string): Doc[] {
  const label = (k: string) => `__meta_kubernetes_${role}_label_${sanitizeLabelName(k)}`;
  const present = (k: string) => `__meta_kubernetes_${role}_labelpresent_${sanitizeLabelName(k)}`;
  const out: Doc[] = [];
  const matchLabels = selector?.matchLabels ?? {};
  for (const k of sortedKeys(matchLabels)) {
    out.push({ action: 'keep', source_labels: [label(k), present(k)], regex: `(${matchLabels[k]});true` });
  }
  for (const exp of selector?.matchExpressions ?? []) {
    const values = (exp.values ?? []).join('|');
    switch (exp.operator) {
      case 'In':
        out.push({ action: 'keep', source_labels: [label(exp.key), present(exp.key)], regex: `(${values});true` });
        break;
      case 'NotIn':
        out.push({ action: 'drop', source_labels: [label(exp.key), present(exp.key)], regex: `(${values});true` });
        break;
      case 'Exists':
        out.push({ action: 'keep', source_labels: [present(exp.key)], regex: 'true' });
        break;
      case 'DoesNotExist':
        out.push({ action: 'drop', source_labels: [present(exp.key)], regex: 'true' });
        break;
    }
  }
  return out;
}

/** Copies each named label of the `<role>` (service or pod) onto the target. */
export function targetLabelRelabelings(role: string, labels: readonly string[]): Doc[] {
  return labels.map((l) => ({
    source_labels: [`__meta_kubernetes_${role}_label_${sanitizeLabelName(l)}`],
    target_label: sanitizeLabelName(l),
    regex: '(.+)',
    replacement: '${1}',
  }));
}

/**
 * A label selector in Kubernetes' text form (`a=b,c in (d,e),!f`):
 * requirements sorted by key, values of set operators sorted.
 */
export function selectorString(selector: LabelSelector | undefined): string {
  const reqs: { key: string; text: string }[] = [];
  const matchLabels = selector?.matchLabels ?? {};
  for (const k of sortedKeys(matchLabels)) reqs.push({ key: k, text: `${k}=${matchLabels[k]}` });
  for (const exp of selector?.matchExpressions ?? []) {
    const values = [...(exp.values ?? [])].sort(compareStrings).join(',');
    switch (exp.operator) {
      case 'In':
        reqs.push({ key: exp.key, text: `${exp.key} in (${values})` });
        break;
      case 'NotIn':
        reqs.push({ key: exp.key, text: `${exp.key} notin (${values})` });
        break;
      case 'Exists':
        reqs.push({ key: exp.key, text: exp.key });
        break;
      case 'DoesNotExist':
        reqs.push({ key: exp.key, text: `!${exp.key}` });
        break;
    }
  }
  return reqs
    .sort((a, b) => compareStrings(a.key, b.key))
    .map((r) => r.text)
    .join(',');
}

/** `selectors` entries for the role selector mechanism: one per role, all with the same label selector. */
export function roleSelectors(selector: LabelSelector | undefined, roles: readonly string[]): Doc[] {
  const label = selectorString(selector);
  return roles.map((role) => ({ role, label }));
}

interface ExcludedRef {
  readonly group?: string;
  readonly resource?: string;
  readonly namespace?: string;
  readonly name?: string;
}

const RESOURCE_KINDS: Readonly<Record<string, string>> = {
  prometheuses: 'Prometheus',
  prometheusagents: 'PrometheusAgent',
  alertmanagers: 'Alertmanager',
  alertmanagerconfigs: 'AlertmanagerConfig',
  servicemonitors: 'ServiceMonitor',
  podmonitors: 'PodMonitor',
  prometheusrules: 'PrometheusRule',
  probes: 'Probe',
  scrapeconfigs: 'ScrapeConfig',
  thanosrulers: 'ThanosRuler',
};

/** Whether spec.excludedFromEnforcement lists the monitor (an empty name covers the namespace). */
function excludedFromEnforcement(ctx: ConfigContext, monitor: KubeObject): boolean {
  const refs = (ctx.spec as { excludedFromEnforcement?: readonly ExcludedRef[] }).excludedFromEnforcement ?? [];
  const group = groupOf(monitor.apiVersion ?? '');
  return refs.some((r) => {
    if (!r.namespace || !r.resource) return false;
    const kind = ownValue(RESOURCE_KINDS, r.resource);
    if (!kind) return false;
    return (
      r.namespace === monitor.metadata.namespace &&
      (r.group || MONITORING_GROUP) === group &&
      kind === monitor.kind &&
      (!r.name || r.name === monitor.metadata.name)
    );
  });
}

/**
 * The monitor's relabelings with, when spec.enforcedNamespaceLabel is set and
 * the monitor is not excluded, a final rule writing its namespace to that label.
 */
export function withEnforcedNamespace(ctx: ConfigContext, monitor: KubeObject, configs: readonly RelabelConfig[] | undefined): RelabelConfig[] {
  const label = (ctx.spec as { enforcedNamespaceLabel?: string }).enforcedNamespaceLabel;
  const list = [...(configs ?? [])];
  if (!label || excludedFromEnforcement(ctx, monitor)) return list;
  list.push({ targetLabel: label, replacement: monitor.metadata.namespace ?? '' });
  return list;
}
