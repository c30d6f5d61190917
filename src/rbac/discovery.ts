/**
 * What a Prometheus discovers through the Kubernetes API, read from the
 * configuration document it was generated with. Every mechanism (ServiceMonitor,
 * PodMonitor, Probe, ScrapeConfig, additional scrape configs, Alertmanager
 * discovery) ends up as `kubernetes_sd_configs` entries in that document, so
 * one walk over it covers them all, including what users wrote by hand.
 */
import { compareStrings } from '../core/compare.js';
import { isPlainObject } from '../core/objects.js';

/** The roles of Prometheus's kubernetes_sd_config (discovery/kubernetes, `Role`). */
export const SD_ROLES = ['endpoints', 'endpointslice', 'ingress', 'node', 'pod', 'service'] as const;
export type SdRole = (typeof SD_ROLES)[number];

export interface DiscoveryNeeds {
  /** Roles discovered in named namespaces, by namespace (keys and roles sorted). */
  readonly namespaced: ReadonlyMap<string, readonly SdRole[]>;
  /** Roles discovered in every namespace (an entry without `namespaces.names`), sorted. */
  readonly allNamespaces: readonly SdRole[];
  /** The node role is used: targets are the cluster's nodes (kubelets). */
  readonly nodeRole: boolean;
  /** Some entry sets `attach_metadata.node`: its discovery also watches nodes. */
  readonly nodeMetadata: boolean;
  /** Some entry sets `attach_metadata.namespace`: its discovery also watches namespaces. */
  readonly namespaceMetadata: boolean;
  /** Entries that name a role Prometheus does not know, as `<where>: <role>`; nothing is granted for them. */
  readonly unknownRoles: readonly string[];
}

/** Where `kubernetes_sd_configs` lists live in a Prometheus configuration. */
function sdLists(doc: Readonly<Record<string, unknown>>): Array<{ where: string; entries: unknown }> {
  const out: Array<{ where: string; entries: unknown }> = [];
  const scrape = doc.scrape_configs;
  if (Array.isArray(scrape)) {
    scrape.forEach((job, i) => {
      if (!isPlainObject(job)) return;
      const name = typeof job.job_name === 'string' ? job.job_name : `#${i}`;
      out.push({ where: `scrape_configs[${name}]`, entries: job.kubernetes_sd_configs });
    });
  }
  const alerting = doc.alerting;
  if (isPlainObject(alerting) && Array.isArray(alerting.alertmanagers)) {
    alerting.alertmanagers.forEach((am, i) => {
      if (isPlainObject(am)) out.push({ where: `alerting.alertmanagers[${i}]`, entries: am.kubernetes_sd_configs });
    });
  }
  return out;
}

const isRole = (v: string): v is SdRole => (SD_ROLES as readonly string[]).includes(v);
const nonEmptyString = (v: unknown): v is string => typeof v === 'string' && v !== '';

/**
 * Reads the discovery a configuration document asks for. `ownNamespace` is
 * the Prometheus's namespace (what `namespaces.own_namespace: true` means).
 *
 * Entries that set `api_server` or `kubeconfig_file` talk to a cluster with
 * credentials of their own, not the pod's ServiceAccount: they need no RBAC
 * here. An entry without `namespaces.names` (and without own_namespace)
 * watches every namespace, as Prometheus's getNamespaces does. The node role
 * is cluster-scoped whatever its namespaces say.
 */
export function discoveryNeeds(doc: Readonly<Record<string, unknown>>, ownNamespace: string): DiscoveryNeeds {
  const namespaced = new Map<string, Set<SdRole>>();
  const all = new Set<SdRole>();
  const unknown: string[] = [];
  let nodeRole = false;
  let nodeMetadata = false;
  let namespaceMetadata = false;

  for (const { where, entries } of sdLists(doc)) {
    if (!Array.isArray(entries)) continue;
    for (const entry of entries) {
      if (!isPlainObject(entry)) continue;
      if (nonEmptyString(entry.api_server) || nonEmptyString(entry.kubeconfig_file)) continue;
      const role = String(entry.role ?? '');
      if (!isRole(role)) {
        unknown.push(`${where}: "${role}"`);
        continue;
      }
      const attach = isPlainObject(entry.attach_metadata) ? entry.attach_metadata : {};
      if (attach.node === true) nodeMetadata = true;
      if (attach.namespace === true) namespaceMetadata = true;
      if (role === 'node') {
        nodeRole = true;
        continue;
      }
      const names = namespacesOf(entry.namespaces, ownNamespace);
      if (names.length === 0) {
        all.add(role);
        continue;
      }
      for (const ns of names) {
        const roles = namespaced.get(ns) ?? new Set<SdRole>();
        roles.add(role);
        namespaced.set(ns, roles);
      }
    }
  }

  const sortedRoles = (s: ReadonlySet<SdRole>) => [...s].sort(compareStrings);
  return {
    namespaced: new Map([...namespaced.keys()].sort(compareStrings).map((ns) => [ns, sortedRoles(namespaced.get(ns) as Set<SdRole>)])),
    allNamespaces: sortedRoles(all),
    nodeRole,
    nodeMetadata,
    namespaceMetadata,
    unknownRoles: unknown,
  };
}

/** The namespaces of one entry; empty means every namespace. */
function namespacesOf(value: unknown, ownNamespace: string): string[] {
  if (!isPlainObject(value)) return [];
  const names = Array.isArray(value.names) ? value.names.filter(nonEmptyString) : [];
  if (value.own_namespace === true) names.push(ownNamespace);
  return [...new Set(names)];
}
