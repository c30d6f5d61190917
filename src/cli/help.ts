import { OPTION_DEFINITIONS } from '../options/definitions.js';

/** Usage text; the README's usage and options sections are generated from the same source. */
export const USAGE = `prometheus-krm: prometheus-operator's output, rendered at build time.

Usage:
  prometheus-krm                      KRM function: ResourceList on stdin, ResourceList on stdout
                                      (kpt fn eval --exec, kpt fn render, kustomize KRM exec transformer)
  prometheus-krm render PATH... [--option KEY=VALUE]...
                                      Render manifest files or folders (recursive; .yaml, .yml, .json;
                                      regular files under each PATH only); PATH "-" reads a YAML stream
                                      from stdin. Prints a YAML stream; results go to stderr as
                                      file:line: severity: ... On an error, or when there is nothing to
                                      render (option allowEmpty), prints nothing and exits 1.
                                      Options also come from a RenderOptions object among the files and
                                                                            from Argo CD's ARGOCD_ENV_<KEY> / PARAM_<KEY> (and KUBE_VERSION);
                                      objects without a namespace take ARGOCD_APP_NAMESPACE.
  prometheus-krm show PATH... [--resource KIND/NAMESPACE/NAME] [--show-secrets] [--out DIR]
                                      Print the generated configuration files decoded (prometheus.yaml
                                      per shard where shards differ, rule files, web config,
                                      alertmanager.yaml, ThanosRuler's files), each headed by the Secret
                                      or ConfigMap and key it ships in. Secret values are masked unless
                                      --show-secrets. --out writes them as files into a new folder.
                                      PATHs and --option as for render.
  prometheus-krm explain PATH... [--output text|json]
                                      For each Prometheus, PrometheusAgent, Alertmanager and ThanosRuler:
                                      the monitors, rules and AlertmanagerConfigs it selected (with the
                                      scrape jobs, rule files and receivers they became) and those it
                                      rejected and why; then every object nothing selected, with its
                                      nearest miss. PATHs and --option as for render. Exit 1 when the
                                      package does not render.
  prometheus-krm diff OLD NEW [--option KEY=VALUE]...
                                      Render two package trees and print a unified diff of the output,
                                      objects matched by identity, values decoded, secrets masked.
                                      Exit 0: no difference, 1: differences, 2: trouble.
  prometheus-krm kustomize-plugin CONFIG
                                      kustomize legacy exec transformer: CONFIG is the transformer's
                                      config file (a RenderOptions object), the stream comes on stdin.
  prometheus-krm --help | --version`;

/** One line per option: name, default and description. */
export function optionsHelp(): string {
  const lines = OPTION_DEFINITIONS.map((d) => {
    const values = d.kind === 'boolean' ? 'true|false' : d.kind === 'enum' ? (d.values ?? []).join('|') : 'string';
    const def = d.default === '' ? 'unset' : d.default;
    return `  ${d.name} (${values}, default: ${def})\n      ${d.description}`;
  });
  return `Options (functionConfig ConfigMap data, RenderOptions spec, or --option KEY=VALUE):\n${lines.join('\n')}`;
}

export function helpText(): string {
  return `${USAGE}\n\n${optionsHelp()}\n`;
}
