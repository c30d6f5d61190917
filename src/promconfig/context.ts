/**
 * What the builders of Prometheus-format configuration need, whichever kind
 * the configuration is written for: the Prometheus server and agent
 * (`prometheus.yaml`) and ThanosRuler (`remote-write.yaml`, which Thanos reads
 * with the Prometheus release it embeds). Each kind builds one context per
 * resource and may extend it with its own fields.
 */
import type { NamespaceAssets } from '../assets/namespace-assets.js';
import type { Memo } from '../core/memo.js';
import type { ObjectRef } from '../krm/types.js';
import type { Options } from '../options/options.js';
import type { Reporter } from '../krm/report.js';
import type { Gate } from '../version/gate.js';
import type { TlsAssetFiles } from '../workload/tls-assets.js';

/** A configuration document (or part of one): keys in insertion order are output order. */
export type Doc = Record<string, unknown>;

export interface PromConfigContext {
  /** The resource the configuration is generated for; results name it. */
  readonly ref: ObjectRef;
  readonly options: Options;
  /** Version gate for the Prometheus release that reads the configuration; warnings go to the report. */
  readonly gate: Gate;
  /** Secret and ConfigMap lookups in the resource's namespace; a missing reference is an error of this configuration. */
  readonly store: NamespaceAssets;
  /** The TLS material the configuration refers to by file path, collected on the way. */
  readonly tlsAssets: TlsAssetFiles;
  readonly report: Reporter;
  /** Work shared within the render: each distinct user regex is compiled once. */
  readonly memo: Memo;
  /** Where the pod mounts the tls-assets Secrets: `ca_file`, `cert_file` and `key_file` point there. */
  readonly tlsAssetsDir: string;
  /** An error that stops generation for this resource; returns undefined, so a step can `return ctx.fail(…)`. */
  fail(message: string, field?: string): undefined;
  warn(message: string, field?: string): void;
}
