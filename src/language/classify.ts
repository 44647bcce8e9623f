// What a reference is before anything is asked of ECR: ignored, not ECR, unresolved, malformed,
// or an ECR (or ECR-compatible) image to look up. Pure; decides whether the AWS bundle is needed.
import { EcrHost, ImageRef, parseEcrHost, parseImageRef } from '../core/imageRef';
import type { ImageReference } from '../core/scanners';

export type Classified =
  | { readonly kind: 'ignored' }
  | { readonly kind: 'notEcr' }
  | { readonly kind: 'unresolved'; readonly reason: string }
  | { readonly kind: 'malformed'; readonly reason: string; readonly host: string }
  | { readonly kind: 'lookup'; readonly image: string; readonly ref: ImageRef & { readonly host: string }; readonly ecr?: EcrHost };

/**
 * `isKnownHost` says whether a non-ECR host belongs to a registry the extension knows (a sandbox
 * or LocalStack endpoint); loopback hosts count as candidates before any registry is known, so a
 * document naming one is worth loading the registries for.
 */
export function classifyReference(reference: ImageReference, isKnownHost: (host: string) => boolean): Classified {
  if (reference.ignored) return { kind: 'ignored' };
  const image = (reference.resolved ?? reference.text).trim();
  if (reference.unresolved !== undefined) {
    return looksLikeEcr(reference.text, isKnownHost) ? { kind: 'unresolved', reason: reference.unresolved } : { kind: 'notEcr' };
  }
  const parsed = parseImageRef(image);
  if (!parsed.ok) {
    const host = hostPart(image);
    return host !== undefined && isCandidateHost(host, isKnownHost) ? { kind: 'malformed', reason: parsed.reason, host } : { kind: 'notEcr' };
  }
  const host = parsed.ref.host;
  if (host === undefined || !isCandidateHost(host, isKnownHost)) return { kind: 'notEcr' };
  return { kind: 'lookup', image, ref: { ...parsed.ref, host }, ecr: parseEcrHost(host) };
}

export function isCandidateHost(host: string, isKnownHost: (host: string) => boolean): boolean {
  return parseEcrHost(host) !== undefined || isKnownHost(host) || isLoopback(host);
}

function isLoopback(host: string): boolean {
  const name = host.toLowerCase().replace(/:\d+$/, '');
  return name === 'localhost' || name === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(name) || name.endsWith('.localhost.localstack.cloud') || name === 'localhost.localstack.cloud';
}

/** The registry part of a reference that may not parse: the first path component when it looks like a host. */
function hostPart(image: string): string | undefined {
  const slash = image.indexOf('/');
  if (slash <= 0) return undefined;
  const first = image.slice(0, slash);
  return /[.:]/.test(first) || first === 'localhost' ? first : undefined;
}

/** An unresolved reference is worth a hover only when what is written already points at ECR. */
function looksLikeEcr(text: string, isKnownHost: (host: string) => boolean): boolean {
  if (/\.dkr[.-]ecr(-fips)?\./i.test(text)) return true;
  const host = hostPart(text.replace(/^["']/, ''));
  return host !== undefined && !host.includes('$') && isCandidateHost(host, isKnownHost);
}
