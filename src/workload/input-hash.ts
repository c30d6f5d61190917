/**
 * The `prometheus-operator-input-hash` annotation of a generated
 * StatefulSet, for every kind. The operator hashes the resource's labels,
 * annotations and generation, its web HTTP/2 setting (Prometheus and
 * Alertmanager), its own flags, the StatefulSet spec and the rule ConfigMap
 * names (createSSetInputHash in pkg/prometheus/server, pkg/prometheus/agent,
 * pkg/alertmanager and pkg/thanos); not the generated configuration and no
 * Secret data (its TLS assets enter the hash only as an object whose fields
 * the hash does not read). We hash the same, without the generation (objects
 * in git have none; the flags show in the spec), and never a value read from
 * a Secret: anyone who may read StatefulSets reads the annotation, and a hash
 * over a password would let them test guesses offline. So the generated
 * configuration enters the hash (as a digest) only when it holds no value
 * read from a Secret (option secrets: reference, or nothing was copied):
 * then a changed configuration shows as a changed StatefulSet.
 */
import { sha256Hex } from '../core/hash.js';
import { sortedMap } from '../core/objects.js';

export interface InputHashInputs {
  /** The resource's own labels and annotations. */
  readonly labels: Readonly<Record<string, string>> | undefined;
  readonly annotations: Readonly<Record<string, string>> | undefined;
  /** `spec.web.httpConfig.http2`, for the kinds whose hash has it. */
  readonly http2?: boolean | null;
  readonly ruleConfigMaps?: readonly string[];
  readonly tlsAssetSecrets: number;
  /** The generated StatefulSet spec. */
  readonly spec: unknown;
  /** A digest of the generated configuration, only when it holds no value read from a Secret. */
  readonly config?: string;
}

export function inputHash(inputs: InputHashInputs): string {
  return sha256Hex(
    JSON.stringify({
      labels: sortedMap(inputs.labels),
      annotations: sortedMap(inputs.annotations),
      http2: inputs.http2,
      ruleConfigMaps: inputs.ruleConfigMaps === undefined ? undefined : [...inputs.ruleConfigMaps].sort(),
      tlsAssetSecrets: inputs.tlsAssetSecrets,
      spec: inputs.spec,
      config: inputs.config,
    }),
  );
}
