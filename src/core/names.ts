/** Kubernetes object-name and label rules (k8s.io/apimachinery/pkg/util/validation). */

/** Pattern sources, for callers that compose them into larger expressions (label selectors). */
export const DNS1123_LABEL_SOURCE = '[a-z0-9](?:[-a-z0-9]*[a-z0-9])?';
export const LABEL_NAME_SOURCE = '[A-Za-z0-9](?:[-A-Za-z0-9_.]*[A-Za-z0-9])?';
export const LABEL_VALUE_SOURCE = `(?:${LABEL_NAME_SOURCE})?`;

const lowerAlnum = (c: number) => (c >= 97 && c <= 122) || (c >= 48 && c <= 57);
const alnum = (c: number) => lowerAlnum(c) || (c >= 65 && c <= 90);

/**
 * The shape of those patterns, read once left to right: `first` and `last`
 * characters pass `edge`, the ones between pass `inner`.
 */
function framed(s: string, edge: (c: number) => boolean, inner: (c: number) => boolean): boolean {
  if (s === '' || !edge(s.charCodeAt(0)) || !edge(s.charCodeAt(s.length - 1))) return false;
  for (let i = 1; i < s.length - 1; i++) if (!inner(s.charCodeAt(i))) return false;
  return true;
}

/** DNS1123_LABEL_SOURCE, without the length limit. */
const dns1123Label = (s: string) => framed(s, lowerAlnum, (c) => lowerAlnum(c) || c === 45);
/** LABEL_NAME_SOURCE. */
const labelName = (s: string) => framed(s, alnum, (c) => alnum(c) || c === 45 || c === 95 || c === 46);

export function isDns1123Subdomain(name: string): boolean {
  return name.length <= 253 && name.split('.').every(dns1123Label);
}

export function isDns1123Label(name: string): boolean {
  return name.length <= 63 && dns1123Label(name);
}

/** A Service name: a DNS-1035 label (starts with a letter). */
export function isDns1035Label(name: string): boolean {
  return name.length <= 63 && dns1123Label(name) && name.charCodeAt(0) >= 97;
}

/** A label key: an optional DNS-1123 subdomain prefix and `/`, then a name of at most 63 characters. */
export function isLabelKey(key: string): boolean {
  const slash = key.lastIndexOf('/');
  const prefix = slash >= 0 ? key.slice(0, slash) : undefined;
  const name = key.slice(slash + 1);
  return (prefix === undefined || isDns1123Subdomain(prefix)) && name.length <= 63 && labelName(name);
}

export function isLabelValue(value: string): boolean {
  return value.length <= 63 && (value === '' || labelName(value));
}
