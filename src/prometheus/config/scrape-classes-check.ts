/**
 * The operator's checks on a Prometheus's own spec.scrapeClasses, made before
 * any configuration is generated (getScrapeClassConfig in promcfg.go): every
 * class's relabelings, TLS and authorization must be valid, and at most one
 * class may be the default. The TLS material a class references is then read
 * from the Prometheus's namespace (AddScrapeClassesToStore in the operator):
 * it must exist, the CA must parse and the certificate and key must form a
 * pair; it goes into the tls-assets Secret. A problem stops generation for
 * the Prometheus.
 */
import type { RelabelConfig, SecretOrConfigMap, TLSConfig } from '../../api/types.js';
import type { TlsAssetSource } from '../../workload/tls-assets.js';
import type { ConfigContext } from './context.js';
import { validateTls } from '../../promconfig/tls.js';
import { relabelProblem } from '../../promconfig/relabel.js';
import { checkCaPem, checkKeyPair } from '../../assets/tls-checks.js';

interface ScrapeClassView {
  readonly name: string;
  readonly default?: boolean;
  readonly relabelings?: readonly RelabelConfig[];
  readonly metricRelabelings?: readonly RelabelConfig[];
  readonly tlsConfig?: TLSConfig;
  readonly authorization?: { readonly type?: string; readonly credentials?: unknown; readonly credentialsFile?: string };
}

interface ScrapeClassProblem {
  readonly message: string;
  readonly field: string;
}

/** The first problem with spec.scrapeClasses, in the operator's order, or undefined. */
export function scrapeClassesProblem(ctx: ConfigContext): ScrapeClassProblem | undefined {
  const classes = (ctx.spec.scrapeClasses ?? []) as readonly ScrapeClassView[];
  let defaultClass: string | undefined;
  for (const [i, sc] of classes.entries()) {
    const field = `spec.scrapeClasses[${i}]`;
    for (const key of ['relabelings', 'metricRelabelings'] as const) {
      for (const [j, rc] of (sc[key] ?? []).entries()) {
        const problem = relabelProblem(rc, ctx.gate.version, ctx.memo);
        if (problem) return { field: `${field}.${key}[${j}]`, message: `scrape class "${sc.name}": invalid ${key}[${j}]: ${problem}` };
      }
    }
    if (sc.tlsConfig) {
      const problem = validateTls(sc.tlsConfig, true);
      if (problem) return { field: `${field}.tlsConfig`, message: `scrape class "${sc.name}": invalid TLS configuration: ${problem}` };
    }
    const authz = sc.authorization;
    if (authz) {
      if (authz.credentials && authz.credentialsFile) {
        return { field: `${field}.authorization`, message: `scrape class "${sc.name}": authorization cannot set both credentials and credentialsFile; keep one` };
      }
      if ((authz.type ?? '').trim().toLowerCase() === 'basic') {
        return { field: `${field}.authorization.type`, message: `scrape class "${sc.name}": authorization type cannot be "Basic"` };
      }
    }
    if (sc.default === true) {
      if (defaultClass !== undefined) {
        return {
          field: `${field}.default`,
          message: `scrape classes "${defaultClass}" and "${sc.name}" are both marked default; at most one scrape class may be the default`,
        };
      }
      defaultClass = sc.name;
    }
  }
  return undefined;
}

/** Reports the first scrape class problem as an error for the Prometheus; true when there was one. */
export function failOnInvalidScrapeClasses(ctx: ConfigContext): boolean {
  const problem = scrapeClassesProblem(ctx);
  if (problem) {
    ctx.fail(problem.message, problem.field);
    return true;
  }
  const classes = (ctx.spec.scrapeClasses ?? []) as readonly ScrapeClassView[];
  for (const [i, sc] of classes.entries()) {
    if (sc.tlsConfig && !addTlsMaterial(ctx, sc, `spec.scrapeClasses[${i}].tlsConfig`)) return true;
  }
  return false;
}

const hasSelector = (sel: SecretOrConfigMap | undefined): sel is SecretOrConfigMap => Boolean(sel?.secret || sel?.configMap);

function source(sel: SecretOrConfigMap): TlsAssetSource {
  if (sel.secret) return { secret: { name: sel.secret.name ?? '', key: sel.secret.key } };
  return { configMap: { name: sel.configMap?.name ?? '', key: sel.configMap?.key ?? '' } };
}

/** Reads and checks one class's TLS references; false after reporting an error. */
function addTlsMaterial(ctx: ConfigContext, sc: ScrapeClassView, field: string): boolean {
  const tls = sc.tlsConfig as TLSConfig;
  const ca = hasSelector(tls.ca) ? ctx.store.selectorBytes(tls.ca, `${field}.ca`) : Buffer.alloc(0);
  const cert = hasSelector(tls.cert) ? ctx.store.selectorBytes(tls.cert, `${field}.cert`) : Buffer.alloc(0);
  const key = tls.keySecret ? ctx.store.secretBytes(tls.keySecret, `${field}.keySecret`) : Buffer.alloc(0);
  if (ca === undefined || cert === undefined || key === undefined) return false;
  if (ca.length > 0 && hasSelector(tls.ca)) {
    const problem = checkCaPem(ca);
    if (problem) {
      ctx.fail(`scrape class "${sc.name}": the CA ${problem}`, `${field}.ca`);
      return false;
    }
    ctx.tlsAssets.add(ctx.store.namespace, source(tls.ca), ca);
  }
  if (cert.length > 0 && key.length > 0 && hasSelector(tls.cert) && tls.keySecret) {
    const problem = checkKeyPair(cert, key);
    if (problem) {
      ctx.fail(`scrape class "${sc.name}": the certificate and the key Secret ${tls.keySecret.name ?? ''} key "${tls.keySecret.key}": ${problem}`, `${field}.cert`);
      return false;
    }
    ctx.tlsAssets.add(ctx.store.namespace, source(tls.cert), cert);
    ctx.tlsAssets.add(ctx.store.namespace, { secret: { name: tls.keySecret.name ?? '', key: tls.keySecret.key } }, key);
  }
  return true;
}
