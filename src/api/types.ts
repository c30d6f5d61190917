/**
 * The monitoring.coreos.com types, generated from the operator's Go API by
 * @kubernetes-models/prometheus-operator. Type-only: no runtime code is loaded
 * from here. Short names for the ones the renderers use.
 */
export type { IPrometheus as Prometheus } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/Prometheus';
export type { IPrometheusSpec as PrometheusSpec } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/PrometheusSpec';
export type { IPrometheusAgent as PrometheusAgent } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1alpha1/PrometheusAgent';
export type { IAlertmanager as Alertmanager } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/Alertmanager';
export type { IThanosRuler as ThanosRuler } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/ThanosRuler';
export type { IServiceMonitor as ServiceMonitor } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/ServiceMonitor';
export type { IPodMonitor as PodMonitor } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/PodMonitor';
export type { IProbe as Probe } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/Probe';
export type { IPrometheusRule as PrometheusRule } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/PrometheusRule';
export type { IScrapeConfig as ScrapeConfig } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1alpha1/ScrapeConfig';
export type { IAlertmanagerConfig as AlertmanagerConfig } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1alpha1/AlertmanagerConfig';
export type { IThanosSpec as ThanosSpec } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/ThanosSpec';
export type { IAlertmanagerEndpoints as AlertmanagerEndpoints } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/AlertmanagerEndpoints';
export type { IStorageSpec as StorageSpec } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/StorageSpec';
export type { IWebTLSConfig as WebTLSConfig } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/WebTLSConfig';
export type { ISafeTLSConfig as SafeTLSConfig } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/SafeTLSConfig';
export type { ITLSConfig as TLSConfig } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/TLSConfig';
export type { ISecretOrConfigMap as SecretOrConfigMap } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/SecretOrConfigMap';
export type { IRelabelConfig as RelabelConfig } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/RelabelConfig';

export const MONITORING_GROUP = 'monitoring.coreos.com';
export type { IRemoteWriteSpec as RemoteWriteSpec } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/RemoteWriteSpec';
export type { IRemoteReadSpec as RemoteReadSpec } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/RemoteReadSpec';
export type { IWebConfigFileFields as WebConfigFileFields } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/WebConfigFileFields';
