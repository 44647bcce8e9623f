// Image references in docker's grammar: [host[:port]/]path[:tag][@algo:hex].
// Everything here takes user input, so it reports problems as values and never throws.
import { EcrHost, parseEcrHost, RegistryHostMap } from './ecrHost';

export { EcrHost, parseEcrHost, RegistryHostMap } from './ecrHost';

export interface ImageRef {
  /** Registry host with optional port; undefined means the default registry (Docker Hub). */
  readonly host?: string;
  /** Repository path, e.g. `library/nginx` or `team/app`. */
  readonly path: string;
  readonly tag?: string;
  readonly digest?: string;
}

export type ParseResult = { readonly ok: true; readonly ref: ImageRef } | { readonly ok: false; readonly reason: string };

const MAX_NAME_LENGTH = 255;
const PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
const DIGEST = /^[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}$/;
const SHA256_HEX = /^[0-9a-f]{64}$/;
const HOST_COMPONENT = /^(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])$/;
const IPV6_HOST = /^\[[0-9a-fA-F:.]+\]$/;
const PORT = /^[0-9]{1,5}$/;

function invalid(reason: string): ParseResult {
  return { ok: false, reason };
}

/** Parses an image reference; the reason of a failure is meant to be shown to the user as is. */
export function parseImageRef(input: string): ParseResult {
  if (input.length === 0) return invalid('the image reference is empty');
  if (/\s/.test(input)) return invalid('an image reference cannot contain whitespace');
  let rest = input;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    const digestProblem = checkDigest(digest);
    if (digestProblem) return invalid(digestProblem);
  }
  let tag: string | undefined;
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (tag.length === 0) return invalid('the tag after ":" is empty');
    const tagProblem = checkTag(tag);
    if (tagProblem) return invalid(tagProblem);
  }
  if (rest.length === 0) return invalid('the repository name is missing');
  if (rest.length > MAX_NAME_LENGTH) return invalid(`a repository name can be at most ${MAX_NAME_LENGTH} characters long`);
  const { host, path } = splitHost(rest);
  if (host !== undefined) {
    const hostProblem = checkHost(host);
    if (hostProblem) return invalid(hostProblem);
  }
  const pathProblem = checkPath(path);
  if (pathProblem) return invalid(pathProblem);
  return { ok: true, ref: { host, path, tag, digest } };
}

// Docker's rule: the first component is a host when it has a "." or ":", is "localhost",
// or has uppercase letters (which a repository path may not have).
function splitHost(name: string): { host?: string; path: string } {
  const slash = name.indexOf('/');
  if (slash < 0) return { path: name };
  const first = name.slice(0, slash);
  const isHost = /[.:]/.test(first) || first === 'localhost' || first !== first.toLowerCase();
  return isHost ? { host: first, path: name.slice(slash + 1) } : { path: name };
}

function checkHost(host: string): string | undefined {
  if (host.length === 0) return 'the registry host is empty';
  let name = host;
  const portMatch = /^(.*?):([^:\]]*)$/.exec(host);
  if (portMatch && !IPV6_HOST.test(host)) {
    name = portMatch[1];
    if (!PORT.test(portMatch[2])) return `"${portMatch[2]}" is not a valid port in registry host "${host}"`;
  }
  if (IPV6_HOST.test(name)) return undefined;
  if (name.split('.').every((part) => HOST_COMPONENT.test(part))) return undefined;
  return `"${host}" is not a valid registry host`;
}

function checkPath(path: string): string | undefined {
  if (path.length === 0) return 'the repository name is missing';
  if (path !== path.toLowerCase()) return 'uppercase letters are not allowed in a repository name';
  for (const component of path.split('/')) {
    if (component.length === 0) return 'a repository name cannot have an empty path component ("//" or a leading or trailing "/")';
    if (!PATH_COMPONENT.test(component)) {
      const bad = /[^a-z0-9._-]/.exec(component);
      if (bad) return `"${bad[0]}" is not allowed in a repository name`;
      return `"${component}" is not a valid repository path component (separators ".", "_", "__" or "-" must sit between letters or digits)`;
    }
  }
  return undefined;
}

/** The tag rule of ECR and of Docker, in the words every prompt and message uses. */
export const TAG_RULE = 'up to 128 letters, digits, "_", "." and "-", not starting with "." or "-"';

/** Why ECR would refuse a tag, for the user to read; undefined when it is a valid tag. */
export function checkTag(tag: string): string | undefined {
  if (tag.length === 0) return 'the tag is empty';
  return TAG.test(tag) ? undefined : `"${tag}" is not a valid tag: ${TAG_RULE}`;
}

/** `sha256:` and 64 lowercase hex digits: the only digest ECR gives; anything else from an endpoint is refused. */
export function isSha256Digest(value: unknown): value is string {
  return typeof value === 'string' && value.startsWith('sha256:') && SHA256_HEX.test(value.slice('sha256:'.length));
}

/** "sha256:0123456789ab…" -> "sha256:0123456789ab" (12 hex digits, like docker). */
export function shortDigest(digest: string | undefined): string {
  if (!digest) return '';
  const [algorithm, hex] = digest.split(':');
  return hex ? `${algorithm}:${hex.slice(0, 12)}` : digest.slice(0, 19);
}

function checkDigest(digest: string): string | undefined {
  if (digest.length === 0) return 'the digest after "@" is empty';
  if (!DIGEST.test(digest)) return `"${digest}" is not a valid digest (expected algorithm:hex, e.g. sha256:<64 hex digits>)`;
  const [algorithm, hex] = digest.split(':');
  if (algorithm === 'sha256' && !SHA256_HEX.test(hex)) return 'a sha256 digest needs exactly 64 lowercase hex digits';
  return undefined;
}

/** Formats a parsed reference back into its canonical text. */
export function formatImageRef(ref: ImageRef): string {
  return formatImageUri(ref.host, ref.path, { tag: ref.tag, digest: ref.digest });
}

/** `host/repo[:tag][@digest]`; an undefined host leaves the repository as written. */
export function formatImageUri(host: string | undefined, repository: string, options: { tag?: string; digest?: string } = {}): string {
  let uri = host ? `${host}/${repository}` : repository;
  if (options.tag) uri += `:${options.tag}`;
  if (options.digest) uri += `@${options.digest}`;
  return uri;
}

export type PinResult = { readonly ok: true; readonly text: string } | { readonly ok: false; readonly reason: string };

/** Pins a reference to a digest, keeping its tag for readability (`repo:tag@sha256:...`). */
export function withDigest(ref: string | ImageRef, digest: string): PinResult {
  const parsed = typeof ref === 'string' ? parseImageRef(ref) : { ok: true as const, ref };
  if (!parsed.ok) return parsed;
  const problem = checkDigest(digest);
  if (problem) return { ok: false, reason: problem };
  return { ok: true, text: formatImageRef({ ...parsed.ref, digest }) };
}

/** The reference with its tag replaced, everything else as written; only for a tag without a digest. */
export function withTag(text: string, tag: string): PinResult {
  const parsed = parseImageRef(text);
  if (!parsed.ok) return parsed;
  if (parsed.ref.digest) return { ok: false, reason: 'the reference is pinned to a digest' };
  if (parsed.ref.tag === undefined) return { ok: false, reason: 'the reference has no tag' };
  const problem = checkTag(tag);
  if (problem) return { ok: false, reason: problem };
  return { ok: true, text: `${text.slice(0, text.length - parsed.ref.tag.length)}${tag}` };
}

export type RegistryMatch<K> =
  | { readonly kind: 'ecr'; readonly host: string; readonly ecr: EcrHost }
  | { readonly kind: 'learnt'; readonly host: string; readonly key: K }
  | { readonly kind: 'none' };

/** Which registry serves `ref`: an ECR host by name, a host the extension learnt at run time, or none. */
export function resolveRegistry<K>(ref: ImageRef | string, learnt?: RegistryHostMap<K>): RegistryMatch<K> {
  const parsed = typeof ref === 'string' ? parseImageRef(ref) : { ok: true as const, ref };
  if (!parsed.ok || parsed.ref.host === undefined) return { kind: 'none' };
  const host = parsed.ref.host;
  const key = learnt?.get(host);
  if (key !== undefined) return { kind: 'learnt', host, key };
  const ecr = parseEcrHost(host);
  return ecr ? { kind: 'ecr', host, ecr } : { kind: 'none' };
}
