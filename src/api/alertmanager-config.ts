/**
 * AlertmanagerConfig (v1alpha1, the version every converter reads) and the
 * Alertmanager's global configuration, as the generated models type them,
 * completed with the receiver fields v0.93.0's CRD has and the model types
 * do not yet (see also NEWER_FIELDS in src/api/schema-check.ts). Type-only.
 */
import type { IAlertmanagerConfigSpec } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1alpha1/AlertmanagerConfigSpec';
import type { IReceiver } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1alpha1/Receiver';
import type { ISlackConfig } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1alpha1/SlackConfig';
import type { ISNSConfig } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1alpha1/SNSConfig';
import type { IWebhookConfig } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1alpha1/WebhookConfig';

export type { IRoute as Route } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1alpha1/Route';
export type { IMatcher as Matcher } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1alpha1/Matcher';
export type { IInhibitRule as InhibitRule } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1alpha1/InhibitRule';
export type { IMuteTimeInterval as MuteTimeInterval } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1alpha1/MuteTimeInterval';
export type { IHTTPConfig as HTTPConfig } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1alpha1/HTTPConfig';
export type { IOpsGenieConfigResponder as OpsGenieConfigResponder } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1alpha1/OpsGenieConfigResponder';
export type { ISlackAction as SlackAction } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1alpha1/SlackAction';
export type { IKeyValue as KeyValue } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1alpha1/KeyValue';
export type { IProxyConfig as ProxyConfig } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/ProxyConfig';
export type { IAlertmanagerGlobalConfig as AlertmanagerGlobalConfig } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/AlertmanagerGlobalConfig';
export type { IAlertmanagerConfiguration as AlertmanagerConfiguration } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/AlertmanagerConfiguration';

/** Each integration's entry type, by its list key in a receiver. */
type ModelReceiverConfigs = { [K in Exclude<keyof IReceiver, 'name'>]-?: NonNullable<IReceiver[K]>[number] };

export interface ReceiverConfigs extends Omit<ModelReceiverConfigs, 'slackConfigs' | 'snsConfigs' | 'webhookConfigs'> {
  readonly slackConfigs: ISlackConfig & { readonly updateMessage?: boolean };
  readonly snsConfigs: ISNSConfig & { readonly useAWSHTTPClient?: boolean };
  readonly webhookConfigs: IWebhookConfig & { readonly payload?: string };
}

/** The list keys of a receiver, e.g. `slackConfigs`. */
export type ReceiverKey = keyof ReceiverConfigs;

/** A receiver's lists of integration entries. */
export type ReceiverLists = { readonly [K in ReceiverKey]?: ReadonlyArray<ReceiverConfigs[K]> };

export type Receiver = ReceiverLists & { readonly name: string };

export type AlertmanagerConfigSpec = Omit<IAlertmanagerConfigSpec, 'receivers'> & { readonly receivers?: readonly Receiver[] };

export type { IAlertmanagerConfigSpec as AlertmanagerConfigSpecV1beta1 } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1beta1/AlertmanagerConfigSpec';
export type { IRoute as RouteV1beta1 } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1beta1/Route';
export type { IMatcher as MatcherV1beta1 } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1beta1/Matcher';
