// Pull an image by tag or digest, with credentials sent as X-Registry-Auth (never on disk).
import type { Readable } from 'node:stream';
import type Docker from 'dockerode';
import { DockerError } from './errors';
import { splitReference } from './images';
import { runTransfer, type TransferOptions } from './transfer';
import { errorMessage } from '../core/errors';

export interface PullResult {
  readonly reference: string;
  /** Manifest digest the registry served, "sha256:...". */
  readonly digest: string | undefined;
  /** Local image id after the pull, "sha256:...". */
  readonly imageId: string;
}

/** Pulls "host/repo:tag" or "host/repo@sha256:...". Rejects with typed errors, CancelledError on abort. */
export async function pullImage(docker: Docker, reference: string, options: TransferOptions = {}): Promise<PullResult> {
  const { repository, tag, digest } = splitReference(reference);
  const what = `Pull of ${reference}`;
  const reported = await runTransfer('pull', what, options, () =>
    // Always name a tag or digest: an empty tag would make the engine pull every tag.
    docker.createImage({
      fromImage: repository,
      tag: digest ?? tag,
      authconfig: options.auth ? { ...options.auth } : undefined,
      abortSignal: options.signal,
    }) as Promise<Readable | NodeJS.ReadableStream> as Promise<Readable>,
  );
  let imageId: string;
  try {
    imageId = (await docker.getImage(reference).inspect()).Id;
  } catch (error) {
    throw new DockerError(`${what} finished but the image is not in the engine: ${errorMessage(error)}`);
  }
  return { reference, digest: reported ?? digest, imageId };
}
