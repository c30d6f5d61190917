/**
 * YAML kept in a Secret (the Alertmanager's configuration, additional scrape
 * configurations...) is secret text as a whole. A syntax error is described
 * by its position, and by js-yaml's reason only when that reason quotes
 * nothing: some reasons repeat part of the text (a tag, an alias name).
 */
import { parseYamlStream } from '../core/yaml.js';

export type SecretYaml = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly problem: string };

/** The first document of YAML read from a Secret, or what is wrong with it, in words that quote none of it. */
export function parseSecretYaml(text: string): SecretYaml {
  try {
    return { ok: true, value: parseYamlStream(text)[0] };
  } catch (e) {
    return { ok: false, problem: `is not valid YAML${position(e)}` };
  }
}

function position(e: unknown): string {
  const { reason, mark } = (e ?? {}) as { reason?: unknown; mark?: { line?: unknown; column?: unknown } };
  const where = typeof mark?.line === 'number' && typeof mark.column === 'number' ? ` at line ${mark.line + 1}, column ${mark.column + 1}` : '';
  const quotesNothing = typeof reason === 'string' && !/["'`!<>&*]/.test(reason);
  return `${where}${quotesNothing ? ` (${reason})` : ''}`;
}
