// Finds the registry that serves an image URI's host and turns its login token into the
// authconfig the engine sends to the registry. The token stays in memory (EcrApi's cache).
import type { EcrApi } from '../aws/ecrApi';
import { parseEcrHost } from '../core/ecrHost';
import { parseImageRef } from '../core/imageRef';
import type { EcrContext } from '../context';
import { registryNode, type RegistryNode } from '../explorer/nodes';
import type { RegistryAuth, RegistryCredentials } from '../docker/ecrAuth';

export interface ReachableRegistry {
  readonly node: RegistryNode;
  readonly api: EcrApi;
  /** "host[:port]" as repository URIs spell it. */
  readonly host: string;
}

/** No reachable registry serves a host; carries the problems of the registries that failed. */
export class RegistryUnreachableError extends Error {
  override readonly name = 'RegistryUnreachableError';
  constructor(message: string, readonly problemKinds: readonly string[]) {
    super(message);
  }
}

/** The reachable registry whose host is `host`; throws naming the known hosts and the problems. */
export async function registryForHost(ctx: EcrContext, host: string): Promise<ReachableRegistry> {
  const entries = await ctx.model.registries();
  const entry = entries.find((r) => r.api && !r.problem && r.info?.host === host);
  if (!entry?.api) {
    const known = entries.map((r) => r.info?.host).filter(Boolean);
    const failing = entries.filter((r) => r.problem);
    const parts = [`No reachable ECR registry serves ${host}.`];
    if (known.length > 0) parts.push(`Reachable: ${known.join(', ')}.`);
    // A registry whose host is unknown because it failed may be the one: say why it failed.
    for (const r of failing) parts.push(`${r.source.label}: ${r.problem?.message}`);
    if (known.length === 0 && failing.length === 0) parts.push('Add a registry in settings or configure an AWS profile.');
    throw new RegistryUnreachableError(parts.join(' '), failing.map((r) => r.problem?.kind ?? 'other'));
  }
  return { node: registryNode(entry), api: entry.api, host };
}

/** "host:port/a/b:tag" -> "host:port"; throws with the parser's reason when the URI is malformed. */
export function hostOf(uri: string): string {
  return splitImageUri(uri).host;
}

/** "host/a/b:tag" or "host/a/b@sha256:..." -> "a/b". */
export function repositoryNameOf(uri: string): string {
  return splitImageUri(uri).path;
}

function splitImageUri(uri: string): { host: string; path: string } {
  const parsed = parseImageRef(uri);
  if (!parsed.ok) throw new Error(`"${uri}" is not a valid image URI: ${parsed.reason}.`);
  if (!parsed.ref.host) throw new Error(`"${uri}" names no registry: use host/repository[:tag|@digest].`);
  return { host: parsed.ref.host, path: parsed.ref.path };
}

/** The authconfig for a push/pull to `registry`, from its (cached) ECR login token. */
export async function registryAuth(registry: ReachableRegistry): Promise<RegistryAuth> {
  const token = await registry.api.authorizationToken();
  // Address the image's host: that is what the engine matches the credentials against.
  return { username: token.username, password: token.password, serveraddress: registry.host };
}

/**
 * Runs a push/pull with the registry's cached token; if the registry refuses it (revoked, or
 * expired early), drops the cached registries and retries once with a freshly fetched token.
 */
export async function withRegistryAuth<T>(ctx: EcrContext, registry: ReachableRegistry, run: (auth: RegistryAuth) => Promise<T>): Promise<T> {
  try {
    return await run(await registryAuth(registry));
  } catch (error) {
    if ((error as Error).name !== 'AuthError') throw error;
    ctx.log.warn(`${registry.host} refused the cached login token; fetching a new one and retrying once.`);
    ctx.model.refresh(); // New EcrApi objects, so the next token is fetched, not cached.
    const fresh = await registryForHost(ctx, registry.host);
    return run(await registryAuth(fresh));
  }
}

/**
 * Credentials for the base images of a build: a host served by a reachable registry signs in with
 * its token; an ECR host whose registry fails says why; any other host (Docker Hub…) is anonymous.
 */
export function baseImageCredentials(ctx: EcrContext): RegistryCredentials {
  return async (host) => {
    try {
      const registry = await registryForHost(ctx, host);
      ctx.log.info(`Base images from ${host}: signing in with ${registry.node.registry.source.label}'s login token`);
      return await registryAuth(registry);
    } catch (error) {
      if (error instanceof RegistryUnreachableError && !parseEcrHost(host)) return undefined;
      throw error;
    }
  };
}
