// Types of src/api/schema-validators.gen.js, which scripts/build.mjs generates (and git ignores):
// the same model classes as the package's, with their CRD patterns on our RE2 engine.
export { Alertmanager } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/Alertmanager';
export { PodMonitor } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/PodMonitor';
export { Probe } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/Probe';
export { Prometheus } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/Prometheus';
export { PrometheusRule } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/PrometheusRule';
export { ServiceMonitor } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/ServiceMonitor';
export { ThanosRuler } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/ThanosRuler';
export { AlertmanagerConfig } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1alpha1/AlertmanagerConfig';
export { PrometheusAgent } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1alpha1/PrometheusAgent';
export { ScrapeConfig } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1alpha1/ScrapeConfig';
export { AlertmanagerConfig as AlertmanagerConfigV1beta1 } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1beta1/AlertmanagerConfig';
