/** Packages the option-secrets tests share. */

/**
 * Alertmanager monitoring/main at `version`, selecting every
 * AlertmanagerConfig, its base configuration (one receiver, `none`), and
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
apiVersion: v1
kind: Secret
metadata: {name: alertmanager-main, namespace: monitoring}
stringData: {alertmanager.yaml: "route: {receiver: none}\\nreceivers: [{name: none}]\\n"}
---
apiVersion: monitoring.coreos.com/v1alpha1
kind: AlertmanagerConfig
metadata: {name: team, namespace: team-a}
spec:
${spec}
`;
}
