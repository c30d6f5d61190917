import { Alertmanager } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/Alertmanager';
import { PodMonitor } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/PodMonitor';
import { Probe } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/Probe';
import { Prometheus } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/Prometheus';
import { PrometheusRule } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/PrometheusRule';
import { ServiceMonitor } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/ServiceMonitor';
import { ThanosRuler } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/ThanosRuler';
import { AlertmanagerConfig } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1alpha1/AlertmanagerConfig';
import { AlertmanagerConfig as AlertmanagerConfigV1beta1 } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1beta1/AlertmanagerConfig';
import { PrometheusAgent } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1alpha1/PrometheusAgent';
import { ScrapeConfig } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1alpha1/ScrapeConfig';

/**
 * Schema checks for the monitoring resources, with the validators that
 * @kubernetes-models/prometheus-operator precompiles with ajv from the
 * operator's API (so no schema is compiled at start-up).
 */
export interface SchemaProblem {
  /** Dotted field path, e.g. `spec.replicas` or `spec.containers[0].name`. */
  readonly path: string;
  readonly message: string;
}

interface AjvError {
  instancePath: string;
  keyword: string;
  params: Record<string, unknown>;
  message?: string;
}

/**
 * A model class of @kubernetes-models. Its constructor deep-copies the data
 * (dropping undefined values, which parsed YAML never holds), so the
 * prototype's validate runs on the object as it is instead.
 */
type Validating = { readonly prototype: { validate(this: unknown): void } };

const MODELS: Readonly<Record<string, Validating>> = {
  'monitoring.coreos.com/v1/Prometheus': Prometheus as unknown as Validating,
  'monitoring.coreos.com/v1/Alertmanager': Alertmanager as unknown as Validating,
  'monitoring.coreos.com/v1/ThanosRuler': ThanosRuler as unknown as Validating,
  'monitoring.coreos.com/v1/ServiceMonitor': ServiceMonitor as unknown as Validating,
  'monitoring.coreos.com/v1/PodMonitor': PodMonitor as unknown as Validating,
  'monitoring.coreos.com/v1/Probe': Probe as unknown as Validating,
  'monitoring.coreos.com/v1/PrometheusRule': PrometheusRule as unknown as Validating,
  'monitoring.coreos.com/v1alpha1/PrometheusAgent': PrometheusAgent as unknown as Validating,
  'monitoring.coreos.com/v1alpha1/ScrapeConfig': ScrapeConfig as unknown as Validating,
  'monitoring.coreos.com/v1alpha1/AlertmanagerConfig': AlertmanagerConfig as unknown as Validating,
  'monitoring.coreos.com/v1beta1/AlertmanagerConfig': AlertmanagerConfigV1beta1 as unknown as Validating,
};

/** The monitoring.coreos.com kinds and versions the operator serves, and so the ones checked and rendered. */
export const MONITORING_TYPES: ReadonlyArray<{ readonly apiVersion: string; readonly kind: string }> = Object.keys(MODELS).map((key) => {
  const slash = key.lastIndexOf('/');
  return { apiVersion: key.slice(0, slash), kind: key.slice(slash + 1) };
});

export function isKnownType(obj: { apiVersion: string; kind: string }): boolean {
  return Object.hasOwn(MODELS, `${obj.apiVersion}/${obj.kind}`);
}

/** Checks an object against its kind's schema. Unknown kinds have no problems. */
export function schemaProblems(obj: { apiVersion: string; kind: string }): SchemaProblem[] {
  const Model = MODELS[`${obj.apiVersion}/${obj.kind}`];
  if (!Model) return [];
  try {
    Model.prototype.validate.call(obj);
    return [];
  } catch (e) {
    const errors = (e as { errors?: AjvError[] }).errors;
    if (!Array.isArray(errors)) return [{ path: '', message: e instanceof Error ? e.message : String(e) }];
    return errors.filter((err) => !isEmbeddedTypeMeta(err)).map((err) => describe(err, obj));
  }
}

/**
 * The generated validators require apiVersion and kind on embedded objects
 * (a volumeClaimTemplate, say) because the Go type embeds TypeMeta; the CRD
 * does not, and the API server accepts them without. Not a problem for us either.
 */
function isEmbeddedTypeMeta(err: AjvError): boolean {
  return (
    err.keyword === 'required' &&
    err.instancePath !== '' &&
    (err.params.missingProperty === 'apiVersion' || err.params.missingProperty === 'kind')
  );
}

function describe(err: AjvError, obj: unknown): SchemaProblem {
  const path = toFieldPath(err.instancePath);
  const at = path === '' ? 'the object' : path;
  switch (err.keyword) {
    case 'required': {
      const child = String(err.params.missingProperty);
      return { path: path ? `${path}.${child}` : child, message: `${path ? `${path}.` : ''}${child} is required` };
    }
    case 'enum': {
      const allowed = (err.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ');
      return { path, message: `${at} is ${JSON.stringify(valueAt(obj, err.instancePath))}; it must be one of ${allowed}` };
    }
    case 'type':
      return { path, message: `${at} must be of type ${String(err.params.type)}, not ${typeName(valueAt(obj, err.instancePath))}` };
    default:
      return { path, message: `${at} ${err.message ?? 'is invalid'}` };
  }
}

/** `/spec/containers/0/name` → `spec.containers[0].name`. */
export function toFieldPath(instancePath: string): string {
  return instancePath
    .split('/')
    .slice(1)
    .map((seg) => seg.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((acc, seg) => (/^\d+$/.test(seg) ? `${acc}[${seg}]` : acc ? `${acc}.${seg}` : seg), '');
}

function valueAt(obj: unknown, instancePath: string): unknown {
  let cur: unknown = obj;
  for (const seg of instancePath.split('/').slice(1)) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[seg.replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  return cur;
}

function typeName(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a map';
  return `${typeof v} ${JSON.stringify(v)}`;
}
