/** Packages the option-secrets tests share, as YAML text: join documents with `---`. */

/** A Namespace object per name. */
export function namespaces(...names: string[]): string {
  return names.map((name) => `\napiVersion: v1\nkind: Namespace\nmetadata: {name: ${name}}\n`).join('---');
}

/** Prometheus monitoring/k8s with `spec` (YAML lines indented by two). */
export function prometheusK8s(spec: string): string {
  return `
apiVersion: monitoring.coreos.com/v1
kind: Prometheus
metadata: {name: k8s, namespace: monitoring}
spec:
${spec}
`;
}

/** ServiceMonitor team-a/api, selecting the pods labelled app: api, with `endpoints` (YAML list items indented by two). */
export function apiServiceMonitor(endpoints: string): string {
  return `
apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata: {name: api, namespace: team-a}
spec:
  selector: {matchLabels: {app: api}}
  endpoints:
${endpoints}
`;
}

/** Secret monitoring/alertmanager-main: the base configuration of Alertmanager main, one receiver, `none`. */
export const ALERTMANAGER_MAIN_SECRET = `apiVersion: v1
kind: Secret
metadata: {name: alertmanager-main, namespace: monitoring}
stringData: {alertmanager.yaml: "route: {receiver: none}\\nreceivers: [{name: none}]\\n"}
`;

/**
 * Alertmanager monitoring/main at `version`, selecting every
 * AlertmanagerConfig, its base configuration (ALERTMANAGER_MAIN_SECRET), and
 * AlertmanagerConfig team-a/team with `spec` (YAML lines indented by two).
 */
export function alertmanagerPackage(version: string, spec: string): string {
  return `
apiVersion: monitoring.coreos.com/v1
kind: Alertmanager
metadata: {name: main, namespace: monitoring}
spec:
  version: ${version}
  alertmanagerConfigSelector: {}
  alertmanagerConfigNamespaceSelector: {}
---
${ALERTMANAGER_MAIN_SECRET}---
apiVersion: monitoring.coreos.com/v1alpha1
kind: AlertmanagerConfig
metadata: {name: team, namespace: team-a}
spec:
${spec}
`;
}
