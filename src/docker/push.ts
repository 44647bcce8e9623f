// Push a local image to a registry with credentials sent as X-Registry-Auth (never on disk).
import type { Readable } from 'node:stream';
import type Docker from 'dockerode';
import { DockerError } from './errors';
import { splitReference } from './images';
import { runTransfer, type TransferOptions } from './transfer';

export interface PushResult {
  readonly reference: string;
  /** Manifest digest in the registry, "sha256:...". */
  readonly digest: string;
}

/** Pushes `reference` ("host/repo:tag", already tagged locally). Rejects with typed errors, CancelledError on abort. */
export async function pushImage(docker: Docker, reference: string, options: TransferOptions = {}): Promise<PushResult> {
  const { repository, tag } = splitReference(reference);
  if (!tag) throw new DockerError(`Cannot push ${reference}: push a tag, not a digest.`);
  const what = `Push of ${reference}`;
  const digest = await runTransfer('push', what, options, () =>
    // The stream dockerode resolves with is the HTTP response (an IncomingMessage).
    docker.getImage(repository).push({
      tag,
      authconfig: options.auth ? { ...options.auth } : undefined,
      abortSignal: options.signal,
    }) as Promise<Readable | NodeJS.ReadableStream> as Promise<Readable>,
  );
  if (!digest) throw new DockerError(`${what} ended without the registry reporting a digest.`);
  return { reference, digest };
}
