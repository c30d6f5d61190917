/**
 * The syntax checks Kubernetes' own parsers make on the `label` and `field`
 * selectors of a Kubernetes SD entry (labels.Parse, fields.ParseSelector).
 * Returns the problem, if any.
 */
import { DNS1123_LABEL_SOURCE, LABEL_NAME_SOURCE, LABEL_VALUE_SOURCE } from '../../../../core/names.js';

const KEY = `(?:${DNS1123_LABEL_SOURCE}(?:\\.${DNS1123_LABEL_SOURCE})*/)?${LABEL_NAME_SOURCE}`;
const VALUE = LABEL_VALUE_SOURCE;

const REQUIREMENTS: readonly RegExp[] = [
  new RegExp(`^!\\s*(${KEY})$`),
  new RegExp(`^(${KEY})$`),
  new RegExp(`^(${KEY})\\s*(?:==|=|!=)\\s*(${VALUE})$`),
  new RegExp(`^(${KEY})\\s+(?:in|notin)\\s*\\(\\s*(${VALUE}(?:\\s*,\\s*${VALUE})*)\\s*\\)$`),
  new RegExp(`^(${KEY})\\s*[<>]\\s*(-?\\d+)$`),
];

/** Splits on commas outside parentheses. */
function splitTop(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '(') depth++;
    else if (ch === ')') depth--;
    else if (ch === ',' && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}

function tooLong(req: string): boolean {
  const key = /^!?\s*([^\s=!<>()]+)/.exec(req)?.[1] ?? '';
  const name = key.includes('/') ? key.slice(key.indexOf('/') + 1) : key;
  const prefix = key.includes('/') ? key.slice(0, key.indexOf('/')) : '';
  return name.length > 63 || prefix.length > 253;
}

export function labelSelectorProblem(text: string): string | undefined {
  if (text.trim() === '') return undefined;
  for (const raw of splitTop(text)) {
    const req = raw.trim();
    if (!REQUIREMENTS.some((re) => re.test(req)) || tooLong(req)) return `invalid label selector "${text}": cannot parse "${req}"`;
  }
  return undefined;
}

export function fieldSelectorProblem(text: string): string | undefined {
  if (text.trim() === '') return undefined;
  // Terms are split on commas that a backslash does not escape.
  for (const term of text.split(/(?<!\\),/)) {
    if (!/(?:!=|==|=)/.test(term)) return `invalid selector: '${text}'; can't understand '${term}'`;
  }
  return undefined;
}
