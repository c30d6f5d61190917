import { emptyMap } from '../core/objects.js';
import { OPTION_DEFINITIONS } from '../options/definitions.js';
import type { OptionOverride } from '../options/options.js';

const normalise = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '');
const byNormalisedName = new Map(OPTION_DEFINITIONS.map((d) => [normalise(d.name), d.name]));

/**
 * Options from the environment Argo CD gives a config management plugin:
 * `ARGOCD_ENV_<KEY>` (the Application's plugin env) and `PARAM_<KEY>` (its
 * parameters). KEY matches an option name ignoring case and underscores, so
 * ARGOCD_ENV_KEEP_INPUTS and PARAM_KEEPINPUTS both set keepInputs. Argo CD's
 * KUBE_VERSION sets kubernetesVersion unless an option does. Older Argo CD
 * releases pass the API server's major.minor as it is, and managed clusters
 * (GKE, EKS) report a minor such as "29+": the trailing "+" is dropped.
 * Unknown keys are returned as they are, so that the option check reports them.
 * Each value keeps the name of the variable it came from, for error messages.
 */
export function optionsFromEnv(env: Readonly<Record<string, string | undefined>>): Record<string, OptionOverride> {
  // No prototype: PARAM___proto__ is an unknown option, not a prototype.
  const out = emptyMap<OptionOverride>();
  const kube = env.KUBE_VERSION?.trim().replace(/\+$/, '');
  if (kube) out.kubernetesVersion = { value: kube, from: 'KUBE_VERSION' };
  for (const prefix of ['ARGOCD_ENV_', 'PARAM_']) {
    for (const [key, value] of Object.entries(env)) {
      if (!key.startsWith(prefix) || value === undefined) continue;
      const raw = key.slice(prefix.length);
      out[byNormalisedName.get(normalise(raw)) ?? raw] = { value, from: key };
    }
  }
  return out;
}
