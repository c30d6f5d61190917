import {
  Schema,
  boolYaml11Tag,
  floatYaml11Tag,
  intYaml11Tag,
  loadAll,
  mapTag,
  mergeTag,
  nullYaml11Tag,
  seqTag,
  strTag,
} from 'js-yaml';
import { emitYaml, type EmitCache } from './yaml-emit.js';

/**
 * Kubernetes reads manifests as YAML 1.1 (sigs.k8s.io/yaml): `0644` is octal,
 * `yes` is a boolean, merge keys work. Timestamps stay strings: the API server
 * never turns them into dates, so neither do we.
 */
const KUBE_READ_SCHEMA = new Schema([
  strTag,
  seqTag,
  mapTag,
  nullYaml11Tag,
  boolYaml11Tag,
  intYaml11Tag,
  floatYaml11Tag,
  mergeTag,
]);

/** Parses a (multi-document) YAML stream. Throws js-yaml's YAMLException on bad syntax. */
export function parseYamlStream(text: string, filename?: string): unknown[] {
  return loadAll(text.replace(/\r\n/g, '\n'), {
    schema: KUBE_READ_SCHEMA,
    ...(filename ? { filename } : {}),
  });
}

/**
 * Serialises one document. The dump schema quotes every string that a YAML 1.1
 * or 1.2 reader would take for another type (`'yes'`, `'0755'`, `'1e3'`), so
 * kubectl, Go's yaml.v2 and yaml.v3 all read back the same value.
 * Key order is the object's insertion order: callers decide it.
 *
 * The text is exactly js-yaml's `dump` with DUMP_SCHEMA, lineWidth -1, noRefs
 * and indent 2; emitYaml writes it several times faster (see yaml-emit.ts).
 * With a cache, list items that several documents share are written once.
 */
export function toYaml(value: unknown, cache?: EmitCache): string {
  return emitYaml(value, cache);
}
