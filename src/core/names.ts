/** Kubernetes object-name and label rules (k8s.io/apimachinery/pkg/util/validation). */

/** Pattern sources, for callers that compose them into larger expressions (label selectors). */
export const DNS1123_LABEL_SOURCE = '[a-z0-9](?:[-a-z0-9]*[a-z0-9])?';
export const LABEL_NAME_SOURCE = '[A-Za-z0-9](?:[-A-Za-z0-9_.]*[A-Za-z0-9])?';
export const LABEL_VALUE_SOURCE = `(?:${LABEL_NAME_SOURCE})?`;

const DNS1123_SUBDOMAIN = new RegExp(`^${DNS1123_LABEL_SOURCE}(?:\\.${DNS1123_LABEL_SOURCE})*$`);
const DNS1123_LABEL = new RegExp(`^${DNS1123_LABEL_SOURCE}$`);
const DNS1035_LABEL = /^[a-z](?:[-a-z0-9]*[a-z0-9])?$/;
const LABEL_NAME = new RegExp(`^${LABEL_NAME_SOURCE}$`);
const LABEL_VALUE = new RegExp(`^${LABEL_VALUE_SOURCE}$`);

export function isDns1123Subdomain(name: string): boolean {
  return name.length <= 253 && DNS1123_SUBDOMAIN.test(name);
}

export function isDns1123Label(name: string): boolean {
  return name.length <= 63 && DNS1123_LABEL.test(name);
}

/** A Service name: a DNS-1035 label (starts with a letter). */
export function isDns1035Label(name: string): boolean {
  return name.length <= 63 && DNS1035_LABEL.test(name);
}

/** A label key: an optional DNS-1123 subdomain prefix and `/`, then a name of at most 63 characters. */
export function isLabelKey(key: string): boolean {
  const slash = key.lastIndexOf('/');
  const prefix = slash >= 0 ? key.slice(0, slash) : undefined;
  const name = key.slice(slash + 1);
  return (prefix === undefined || isDns1123Subdomain(prefix)) && name.length <= 63 && LABEL_NAME.test(name);
}

export function isLabelValue(value: string): boolean {
  return value.length <= 63 && LABEL_VALUE.test(value);
}
