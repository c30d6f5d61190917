import type { PrometheusSpec } from './types.js';

/**
 * The Prometheus spec as v0.93.0's CRD defines it. The generated model types
 * trail the operator by a few nested fields; they are added here, typed as
 * the CRD types them, so every renderer reads one spec type.
 */
export interface PrometheusSpecExtras {
  readonly tsdb?: {
    readonly outOfOrderTimeWindow?: string;
    readonly staleSeriesCompactionThreshold?: number | string;
    readonly chunkEncoding?: { readonly floats?: string };
  };
  readonly otlp?: {
    readonly promoteResourceAttributes?: readonly string[];
    readonly translationStrategy?: string;
    readonly keepIdentifyingResourceAttributes?: boolean;
    readonly convertHistogramsToNHCB?: boolean;
    readonly promoteAllResourceAttributes?: boolean;
    readonly ignoreResourceAttributes?: readonly string[];
    readonly promoteScopeMetadata?: boolean;
    readonly labelNameUnderscoreSanitization?: boolean;
    readonly labelNamePreserveMultipleUnderscores?: boolean;
  };
}

export type FullPrometheusSpec = Omit<PrometheusSpec, 'tsdb' | 'otlp'> & PrometheusSpecExtras;
