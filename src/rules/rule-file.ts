/**
 * One PrometheusRule as one rule file. The operator marshals the typed spec
 * through JSON and back into Go maps, so only the CRD's fields survive and
 * every mapping comes out with its keys in gopkg.in/yaml.v2's order; we build
 * the same shape. Empty strings (`interval: ""`,
 * `for: ""`, which the CRD accepts and the operator treats as unset) are left
 * out, so the file loads in Prometheus; a group always has its `rules` list.
 */
import { isPlainObject, yamlV2Map } from '../core/objects.js';
import { toYaml } from '../core/yaml.js';
import type { RuleSpec } from './types.js';

const GROUP_FIELDS = ['interval', 'labels', 'limit', 'name', 'partial_response_strategy', 'query_offset', 'rules'] as const;
const RULE_FIELDS = ['alert', 'annotations', 'expr', 'for', 'keep_firing_for', 'labels', 'record'] as const;

/** Labels and annotations, keys in the order gopkg.in/yaml.v2 writes them (the operator's YAML encoder reads the JSON back into Go maps). */
function sortedStringMap(v: unknown): Record<string, unknown> | undefined {
  return isPlainObject(v) && Object.keys(v).length > 0 ? yamlV2Map(v) : undefined;
}

function pick(src: Record<string, unknown>, fields: readonly string[], nested: (key: string, v: unknown) => unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of fields) {
    const v = src[key];
    if (v === undefined || v === null) continue;
    if (v === '' && key !== 'name') continue;
    const value = nested(key, v);
    if (value !== undefined) out[key] = value;
  }
  return out;
}

export function ruleFileDocument(groups: readonly RuleSpec[]): Record<string, unknown> {
  return {
    groups: groups.map((g) =>
      pick({ rules: [], ...(g as Record<string, unknown>) }, GROUP_FIELDS, (key, v) => {
        if (key === 'labels') return sortedStringMap(v);
        if (key === 'rules') {
          return (v as unknown[]).map((r) =>
            pick(r as Record<string, unknown>, RULE_FIELDS, (k, rv) => (k === 'labels' || k === 'annotations' ? sortedStringMap(rv) : rv)),
          );
        }
        return v;
      }),
    ),
  };
}

export function ruleFileText(groups: readonly RuleSpec[]): string {
  return toYaml(ruleFileDocument(groups));
}
