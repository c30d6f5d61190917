import { PRODUCTS } from '../version/product-table.js';

/**
 * Every renderer option, in one table. Validation, defaults, `--help`, the
 * README options table and the Argo CD plugin parameters are all derived from
 * it, so they cannot drift apart.
 */
export interface OptionDefinition {
  readonly name: string;
  readonly kind: 'boolean' | 'string' | 'enum';
  readonly values?: readonly string[];
  readonly default: string;
  readonly description: string;
}

export const OPTION_DEFINITIONS: readonly OptionDefinition[] = [
  {
    name: 'keepInputs',
    kind: 'boolean',
    default: 'false',
    description:
      'Also apply the monitoring.coreos.com objects: they stay in the output as they came, next to what they generate, so a cluster that has the CRDs gets the custom resources too (for tools that read them). Off by default: a kpt package keeps them as local configuration (marked config.kubernetes.io/local-config, which kpt live apply and kustomize leave out) and render mode leaves them out, so the cluster needs no CRDs.',
  },
  {
    name: 'onInvalid',
    kind: 'enum',
    values: ['warn', 'fail'],
    default: 'warn',
    description:
      'What an invalid monitor, rule or config object does: warn (left out, with a warning result, as the operator does) or fail (an error result and exit 1).',
  },
  {
    name: 'allowEmpty',
    kind: 'boolean',
    default: 'false',
    description:
      'render mode: let a render whose output holds no object succeed. Off by default: an empty stream usually means the wrong folder, and Argo CD with prune would then delete everything the application owns. Set it for a package that is empty on purpose.',
  },
  {
    name: 'rbac',
    kind: 'enum',
    values: ['generate', 'none'],
    default: 'generate',
    description:
      'generate: a ServiceAccount per Prometheus (unless the input has it) and least-privilege Roles/ClusterRole for exactly the namespaces and resources its Kubernetes service discovery reads. none: no RBAC objects (the operator\'s behaviour).',
  },
  {
    name: 'secrets',
    kind: 'enum',
    values: ['auto', 'inline', 'reference'],
    default: 'auto',
    description:
      'How a value read from a Secret reaches the generated configuration. inline: copied, as the operator does (a Secret missing from the package is an error or leaves the object out, as in the operator). reference: never copied; every reference becomes the *_file setting and a read-only mount of the Secret (projected volume referenced-secrets, optional sources), so no generated object holds a secret value. auto: inline what the package holds, reference what it does not.',
  },
  {
    name: 'featureGates',
    kind: 'string',
    default: '',
    description:
      "The operator's --feature-gates, e.g. PrometheusShardRetentionPolicy=false. Unset gates keep the operator's defaults: PrometheusAgentDaemonSet=false, PrometheusShardRetentionPolicy=true, PrometheusTopologySharding=true.",
  },
  {
    name: 'kubernetesVersion',
    kind: 'string',
    default: '',
    description:
      "The target cluster's Kubernetes version (the operator detects it; Argo CD passes KUBE_VERSION). Decides version-dependent output such as pod topology labels (1.35 and later).",
  },
  {
    name: 'clusterDomain',
    kind: 'string',
    default: '',
    description: "The operator's --cluster-domain, used in generated service FQDNs. Unset: DNS search domains are used.",
  },
  {
    name: 'prometheusDefaultBaseImage',
    kind: 'string',
    default: PRODUCTS.prometheus.defaultBaseImage,
    description: 'Image (without tag) for Prometheus and PrometheusAgent resources that set no spec.image.',
  },
  {
    name: 'prometheusDefaultVersion',
    kind: 'string',
    default: PRODUCTS.prometheus.defaultVersion,
    description: 'Prometheus version for resources that set no spec.version; also decides which config fields are emitted.',
  },
  {
    name: 'alertmanagerDefaultBaseImage',
    kind: 'string',
    default: PRODUCTS.alertmanager.defaultBaseImage,
    description: 'Image (without tag) for Alertmanager resources that set no spec.image.',
  },
  {
    name: 'alertmanagerDefaultVersion',
    kind: 'string',
    default: PRODUCTS.alertmanager.defaultVersion,
    description: 'Alertmanager version for resources that set no spec.version.',
  },
  {
    name: 'thanosDefaultBaseImage',
    kind: 'string',
    default: PRODUCTS.thanos.defaultBaseImage,
    description: 'Image (without tag) for ThanosRuler and the Thanos sidecar when they set no image.',
  },
  {
    name: 'thanosDefaultVersion',
    kind: 'string',
    default: PRODUCTS.thanos.defaultVersion,
    description: 'Thanos version when a ThanosRuler or Thanos sidecar sets none.',
  },
  {
    name: 'prometheusConfigReloaderImage',
    kind: 'string',
    default: 'quay.io/prometheus-operator/prometheus-config-reloader:v0.93.0',
    description: "The config-reloader sidecar image (the operator's --prometheus-config-reloader).",
  },
  {
    name: 'configReloaderCpuRequest',
    kind: 'string',
    default: '10m',
    description: 'CPU request of the config-reloader containers; "0" sets none.',
  },
  {
    name: 'configReloaderCpuLimit',
    kind: 'string',
    default: '10m',
    description: 'CPU limit of the config-reloader containers; "0" sets none.',
  },
  {
    name: 'configReloaderMemoryRequest',
    kind: 'string',
    default: '50Mi',
    description: 'Memory request of the config-reloader containers; "0" sets none.',
  },
  {
    name: 'configReloaderMemoryLimit',
    kind: 'string',
    default: '50Mi',
    description: 'Memory limit of the config-reloader containers; "0" sets none.',
  },
  {
    name: 'enableConfigReloaderProbes',
    kind: 'boolean',
    default: 'false',
    description:
      "The operator's --enable-config-reloader-probes: liveness, readiness and startup probes on the config-reloader sidecars (GET /healthz on port 8080; run inside the container when the operand listens on localhost only).",
  },
  {
    name: 'localhost',
    kind: 'string',
    default: 'localhost',
    description:
      "The operator's --localhost: the host name the config-reloader and the Thanos sidecar use to reach Prometheus, Alertmanager or ThanosRuler inside the pod (reload and runtime-info URLs, Thanos's --prometheus.url, the reloader's listen address under listenLocal). Set it where localhost resolves wrongly, e.g. 127.0.0.1.",
  },
  {
    name: 'labels',
    kind: 'string',
    default: '',
    description:
      "The operator's --labels, as key=value pairs separated by commas: labels added to every generated object (over the labels it would have otherwise), and to the pod templates and pod selectors of the workloads, as the operator adds them.",
  },
  {
    name: 'annotations',
    kind: 'string',
    default: '',
    description: "The operator's --annotations, as key=value pairs separated by commas: annotations added to every generated object (over the annotations it would have otherwise).",
  },
];
