/**
 * The syntax checks Kubernetes' own parsers make on the `label` and `field`
 * selectors of a Kubernetes SD entry (labels.Parse, fields.ParseSelector).
 * Returns the problem, if any.
 */
import { DNS1123_LABEL_SOURCE, LABEL_NAME_SOURCE, LABEL_VALUE_SOURCE } from '../../../../core/names.js';
import { re2, type Pattern } from '../../../../core/regex/re2.js';

// The whitespace Kubernetes' selector lexer skips.
const WS = '[ \\t\\r\\n]';
const KEY = `(?:${DNS1123_LABEL_SOURCE}(?:\\.${DNS1123_LABEL_SOURCE})*/)?${LABEL_NAME_SOURCE}`;
const VALUE = LABEL_VALUE_SOURCE;

// On RE2: the `in (...)` list, where values may be empty, backtracks exponentially in JavaScript.
const REQUIREMENTS: readonly Pattern[] = [
  re2(`^!${WS}*(${KEY})$`),
  re2(`^(${KEY})$`),
  re2(`^(${KEY})${WS}*(?:==|=|!=)${WS}*(${VALUE})$`),
  re2(`^(${KEY})${WS}+(?:in|notin)${WS}*\\(${WS}*(${VALUE}(?:${WS}*,${WS}*${VALUE})*)${WS}*\\)$`),
  re2(`^(${KEY})${WS}*[<>]${WS}*(-?[0-9]+)$`),
];
const REQUIREMENT_KEY = re2(`^!?${WS}*([^ \\t\\r\\n=!<>()]+)`);

/** `text` without the lexer's whitespace at either end. */
function trimSpace(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && ' \t\r\n'.includes(text.charAt(start))) start++;
  while (end > start && ' \t\r\n'.includes(text.charAt(end - 1))) end--;
  return text.slice(start, end);
}

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
  const key = REQUIREMENT_KEY.exec(req)?.[1] ?? '';
  const name = key.includes('/') ? key.slice(key.indexOf('/') + 1) : key;
  const prefix = key.includes('/') ? key.slice(0, key.indexOf('/')) : '';
  return name.length > 63 || prefix.length > 253;
}

export function labelSelectorProblem(text: string): string | undefined {
  if (trimSpace(text) === '') return undefined;
  for (const raw of splitTop(text)) {
    const req = trimSpace(raw);
    if (!REQUIREMENTS.some((re) => re.test(req)) || tooLong(req)) return `invalid label selector "${text}": cannot parse "${req}"`;
  }
  return undefined;
}

export function fieldSelectorProblem(text: string): string | undefined {
  if (text.trim() === '') return undefined;
  // Terms are split on commas that a backslash does not escape; each needs one of `!=`, `==`, `=`.
  for (const term of splitUnescaped(text)) {
    if (!term.includes('=')) return `invalid selector: '${text}'; can't understand '${term}'`;
  }
  return undefined;
}

/** Splits at the commas that do not follow a backslash. */
function splitUnescaped(text: string): string[] {
  const parts: string[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === ',' && text[i - 1] !== '\\') {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}
