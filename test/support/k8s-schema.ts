/**
 * Validates objects against the Kubernetes OpenAPI schema of their kind, with
 * the maintained kubernetes-models packages (core and apps/rbac/... kinds from
 * kubernetes-models, monitoring.coreos.com kinds from
 * @kubernetes-models/prometheus-operator).
 */
import type { KubeObject } from '../../src/krm/types.js';

interface Model {
  validate(): void;
}
type ModelClass = new (data: unknown) => Model;

const cache = new Map<string, ModelClass | undefined>();

async function modelFor(apiVersion: string, kind: string): Promise<ModelClass | undefined> {
  const key = `${apiVersion}/${kind}`;
  if (cache.has(key)) return cache.get(key);
  const pkg = apiVersion.startsWith('monitoring.coreos.com/') ? '@kubernetes-models/prometheus-operator' : 'kubernetes-models';
  let model: ModelClass | undefined;
  try {
    const mod = (await import(`${pkg}/${apiVersion}/${kind}`)) as Record<string, unknown>;
    model = mod[kind] as ModelClass | undefined;
  } catch {
    model = undefined;
  }
  cache.set(key, model);
  return model;
}

/**
 * kubernetes-models copies an object into its model by assignment, which
 * turns a `__proto__` key (an ordinary map key to the API server, say in a
 * ServiceMonitor's params) into a prototype. Such keys are renamed for the
 * check; no schema here constrains the names of map keys.
 */
function withoutProtoKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(withoutProtoKeys);
  if (v === null || typeof v !== 'object') return v;
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [k === '__proto__' ? 'proto-key' : k, withoutProtoKeys(x)]));
}

/** The schema problem of an object, or undefined when it validates. Throws for a kind no package knows. */
export async function schemaProblem(obj: KubeObject): Promise<string | undefined> {
  const Model = await modelFor(obj.apiVersion, obj.kind);
  if (!Model) throw new Error(`no schema for ${obj.apiVersion} ${obj.kind}`);
  try {
    new Model(withoutProtoKeys(obj)).validate();
    return undefined;
  } catch (e) {
    return `${obj.kind} ${obj.metadata.namespace ?? ''}/${obj.metadata.name}: ${e instanceof Error ? e.message : String(e)}`;
  }
}
