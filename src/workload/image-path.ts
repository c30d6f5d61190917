/**
 * The image of an operand container, chosen the way the operator does:
 * an explicit `image` wins as written; otherwise the base image, unless it
 * already carries a tag or digest, gets `@sha256:<sha>`, `:<tag>` or
 * `:<version>`, in that order of preference.
 */
import { re2 } from '../core/regex/re2.js';
import type { Options } from '../options/options.js';
import type { Fail } from '../core/fail.js';
import { PRODUCTS, valueOr, type Product } from '../version/products.js';

export interface ImageInputs {
  readonly image?: string | undefined;
  readonly baseImage: string;
  readonly version: string;
  readonly tag?: string | undefined;
  readonly sha?: string | undefined;
  /** Where the resource sets the image, for the problem a reference that does not parse reports. */
  readonly field: string;
}

const DOMAIN_COMPONENT = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
// The reference grammar of distribution/reference, on RE2 as there.
const DOMAIN = re2(`^(?:${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*|\\[[0-9a-fA-F:]+\\])(?::[0-9]+)?$`);
const PATH_COMPONENT = re2('^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$');
const TAG = /^[\w][\w.-]{0,127}$/;
const DIGEST = re2('^[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}$');
const HEX64 = /^[a-f0-9]{64}$/;

interface ParsedReference {
  /** Fully qualified repository, e.g. `docker.io/library/busybox`. */
  readonly repository: string;
  readonly tag?: string;
  readonly digest?: string;
}

/** A Docker image reference, normalised like Docker's familiar names; undefined after `problem` says why it is not one. */
function parseReference(text: string, problem: (reason: string) => undefined): ParsedReference | undefined {
  if (HEX64.test(text)) return problem(`"${text}" is an image ID, not a repository name`);
  let rest = text;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!DIGEST.test(digest)) return problem(`"${text}" has an invalid digest`);
  }
  let tag: string | undefined;
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!TAG.test(tag)) return problem(`"${text}" has an invalid tag`);
  }
  let domain = 'docker.io';
  let remainder = rest;
  const slash = rest.indexOf('/');
  if (slash >= 0) {
    const first = rest.slice(0, slash);
    if (first.includes('.') || first.includes(':') || first === 'localhost' || first.toLowerCase() !== first) {
      domain = first === 'index.docker.io' ? 'docker.io' : first;
      remainder = rest.slice(slash + 1);
    }
  }
  if (domain === 'docker.io' && !remainder.includes('/')) remainder = `library/${remainder}`;
  if (!DOMAIN.test(domain)) return problem(`"${text}" has an invalid registry "${domain}"`);
  if (remainder.toLowerCase() !== remainder) return problem(`"${text}": the repository name must be lowercase`);
  if (!remainder.split('/').every((c) => PATH_COMPONENT.test(c))) return problem(`"${text}" is not a valid image reference`);
  const repository = `${domain}/${remainder}`;
  if (repository.length > 255) return problem(`"${text}": the repository name is longer than 255 characters`);
  return { repository, ...(tag !== undefined ? { tag } : {}), ...(digest !== undefined ? { digest } : {}) };
}

/** The image reference; undefined after `fail` (naming `inputs.field`) when it cannot be built. */
export function buildImagePath(inputs: ImageInputs, fail: Fail): string | undefined {
  if (inputs.image !== undefined && inputs.image.trim() !== '') return inputs.image;
  const parsed = parseReference(inputs.baseImage, (reason) => fail(`cannot parse image reference: ${reason}`, inputs.field));
  if (!parsed) return undefined;
  if (parsed.tag !== undefined || parsed.digest !== undefined) return inputs.baseImage;
  if (inputs.sha) return `${inputs.baseImage}@sha256:${inputs.sha}`;
  if (inputs.tag) {
    if (!TAG.test(inputs.tag)) return fail(`tag "${inputs.tag}" is not a valid image tag`, inputs.field);
    return `${parsed.repository}:${inputs.tag}`;
  }
  if (inputs.version === '') return fail('cannot build an image reference: the version is empty', inputs.field);
  return `${inputs.baseImage}:${inputs.version}`;
}

/** The image fields of an operand's spec (Prometheus and Alertmanager have all of them; the agent and ThanosRuler fewer). */
export interface ImageSpec {
  readonly image?: string;
  readonly baseImage?: string;
  readonly tag?: string;
  readonly sha?: string;
}

/**
 * The image inputs of a product's operand, as the operator picks them:
 * `spec.image` as written, else `spec.baseImage` (or the option's base
 * image, or the table's) with `spec.sha`, `spec.tag` or the version; blank
 * means unset throughout.
 */
export function operandImage(product: Product, spec: ImageSpec, version: string, options: Options): ImageInputs & { readonly fix: string } {
  const info = PRODUCTS[product];
  return {
    image: spec.image,
    baseImage: valueOr(spec.baseImage, valueOr(options[info.baseImageOption], info.defaultBaseImage)),
    version,
    tag: valueOr(spec.tag, ''),
    sha: valueOr(spec.sha, ''),
    field: 'spec.image',
    fix: info.imageFix,
  };
}
