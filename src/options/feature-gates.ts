/** The operator's feature gates, their defaults, and its `--feature-gates` syntax. */
export const FEATURE_GATE_DEFAULTS = {
  PrometheusAgentDaemonSet: false,
  PrometheusShardRetentionPolicy: true,
  PrometheusTopologySharding: true,
  RemoteWriteCustomResourceDefinition: false,
  StatusForConfigurationResources: false,
} as const;

export type FeatureGateName = keyof typeof FEATURE_GATE_DEFAULTS;
export type FeatureGates = Readonly<Record<FeatureGateName, boolean>>;

/** Parses `A=true,B=false`. Returns the gates, or a list of problems in words a user can act on. */
export function parseFeatureGates(text: string): FeatureGates | string[] {
  const gates: Record<string, boolean> = { ...FEATURE_GATE_DEFAULTS };
  const problems: string[] = [];
  const known = Object.keys(FEATURE_GATE_DEFAULTS);
  for (const raw of text.split(',')) {
    const entry = raw.trim();
    if (entry === '') continue;
    const eq = entry.indexOf('=');
    const name = (eq < 0 ? entry : entry.slice(0, eq)).trim();
    const value = eq < 0 ? '' : entry.slice(eq + 1).trim().toLowerCase();
    if (!known.includes(name)) {
      problems.push(`feature gate "${name}" is unknown; known gates: ${known.join(', ')}`);
    } else if (value !== 'true' && value !== 'false') {
      problems.push(`feature gate "${name}" needs =true or =false`);
    } else {
      gates[name] = value === 'true';
    }
  }
  return problems.length > 0 ? problems : (gates as FeatureGates);
}
