// Copies an image from one ECR repository to another, registry to registry (never through a Docker
// Engine): manifests, every platform of an index, and the blobs the destination lacks, streamed.
// What the destination already holds is skipped (BatchCheckLayerAvailability), so a copy that was
// cancelled or lost its connection resumes where it stopped when run again.
import { createHash } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';
import type { EcrApi } from './ecrApi';
import { CopyPlan, parseManifest, type BlobRef } from './copyPlan';
import { CancelledError, RegistryConnectionError, type RegistryClient } from './registryClient';

export interface CopySide {
  readonly api: EcrApi;
  readonly registry: RegistryClient;
  readonly repository: string;
}

export interface CopyRequest {
  readonly source: CopySide & { readonly reference: string };
  readonly destination: CopySide;
  /** Tags to give the copy; none: the copy is stored by digest only. */
  readonly tags: readonly string[];
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: CopyProgress) => void;
  /** Blobs sent at the same time (default 3). */
  readonly concurrency?: number;
}

export interface CopyProgress {
  readonly blobsTotal: number;
  readonly blobsDone: number;
  /** Bytes of the blobs that need sending (skipped ones excluded). */
  readonly bytesTotal: number;
  readonly bytesDone: number;
  readonly phase: 'checking' | 'blobs' | 'manifests';
}

export interface CopyResult {
  readonly digest: string;
  readonly mediaType: string;
  /** "linux/amd64", ... for an index; one entry (or none when unknown) for a single image. */
  readonly platforms: readonly string[];
  /** Signatures, SBOMs and attestations copied with the image (found with the OCI referrers API). */
  readonly referrers: readonly { readonly digest: string; readonly artifactType?: string }[];
  /** False when the source registry has no referrers API: none could be looked for. */
  readonly referrersListed: boolean;
  readonly manifests: number;
  readonly blobsUploaded: number;
  /** Already in the destination repository (a resumed copy, shared base layers). */
  readonly blobsSkipped: number;
  /** Linked from the source repository in the same registry, with no bytes sent. */
  readonly blobsMounted: number;
  readonly bytesUploaded: number;
  /** Same repository: tags were added to the existing manifest (PutImage), nothing copied. */
  readonly retagged: boolean;
}

/** The destination repository does not exist; the caller may offer to create it. */
export class DestinationMissingError extends Error {
  override readonly name = 'DestinationMissingError';
  constructor(readonly repository: string, registry: string) {
    super(`The repository "${repository}" does not exist in ${registry}.`);
  }
}

/** A destination tag of an immutable repository names another image: refused before any byte moves. */
export class ImmutableTagError extends Error {
  override readonly name = 'ImmutableTagError';
  constructor(readonly repository: string, readonly tags: readonly string[]) {
    super(
      `${tags.length === 1 ? `Tag ${tags[0]} already exists` : `Tags ${tags.join(', ')} already exist`} in "${repository}" on another image, ` +
        'and its tags are immutable. Nothing was copied.',
    );
  }
}

/** The connection failed mid-copy; what arrived stays, and running the copy again sends only the rest. */
export class CopyInterruptedError extends Error {
  override readonly name = 'CopyInterruptedError';
  constructor(cause: string, readonly blobsDone: number, readonly blobsTotal: number) {
    super(`${cause} ${blobsDone} of ${blobsTotal} blobs are in the destination and will not be sent again: run the copy again to resume.`);
  }
}

export async function copyImage(request: CopyRequest): Promise<CopyResult> {
  const { source, destination, signal } = request;
  const sourceHost = await source.registry.host();
  const destinationHost = await destination.registry.host();
  const top = await source.registry.getManifest(source.repository, source.reference, signal);
  const parsed = parseManifest(top);
  const platforms = (parsed.manifests ?? []).map((m) => [m.platform?.os, m.platform?.architecture, m.platform?.variant].filter(Boolean).join('/')).filter(Boolean);

  await preflight(request, top.digest, destinationHost);

  if (sourceHost === destinationHost && source.repository === destination.repository) {
    // Same repository: tags on the existing manifest, as "Add Tag" does (PutImage); instant.
    for (const tag of request.tags) await destination.api.addTag(destination.repository, top.digest, tag);
    return { digest: top.digest, mediaType: top.mediaType, platforms, referrers: [], referrersListed: true, manifests: 0, blobsUploaded: 0, blobsSkipped: 0, blobsMounted: 0, bytesUploaded: 0, retagged: true };
  }

  // Every manifest under the top one (an index's platforms), children first, and their blobs; then
  // the referrers (signatures, SBOMs) of the image and of each platform, with theirs.
  const plan = new CopyPlan(source, signal);
  const children = await plan.walk(top, parsed);
  const referrers = await plan.referrersOf([top.digest, ...children.map((c) => c.digest)]);
  const blobs = plan.blobs;

  const progress = { blobsTotal: blobs.size, blobsDone: 0, bytesTotal: 0, bytesDone: 0, phase: 'checking' as CopyProgress['phase'] };
  const report = (): void => request.onProgress?.({ ...progress });
  report();
  const present = await destination.api.layerAvailability(destination.repository, [...blobs.keys()]);
  const missing = [...blobs.values()].filter((b) => !present.has(b.digest));
  progress.blobsDone = blobs.size - missing.length;
  progress.bytesTotal = missing.reduce((sum, b) => sum + b.size, 0);
  progress.phase = 'blobs';
  report();

  let uploaded = 0;
  let mounted = 0;
  const sameRegistry = sourceHost === destinationHost;
  // Largest first: the long transfers start at once, the small ones fill in beside them.
  missing.sort((a, b) => b.size - a.size);
  await eachLimited(missing, request.concurrency ?? 3, signal, async (blob) => {
    const location = await destination.registry.startUpload(destination.repository, sameRegistry ? { digest: blob.digest, from: source.repository } : undefined, signal);
    if (!location) {
      mounted++;
    } else {
      await sendBlob(request, blob, location, (bytes) => {
        progress.bytesDone += bytes;
        report();
      });
      uploaded++;
    }
    progress.blobsDone++;
    report();
  }).catch((error: unknown) => {
    if (!(error instanceof RegistryConnectionError)) throw error;
    throw new CopyInterruptedError(error.message, progress.blobsDone, progress.blobsTotal);
  });

  progress.phase = 'manifests';
  report();
  for (const child of children) await destination.registry.putManifest(destination.repository, child.digest, child, signal);
  const references = request.tags.length ? request.tags : [top.digest];
  for (const reference of references) await destination.registry.putManifest(destination.repository, reference, top, signal);
  // After their subjects, as a registry may check that the subject exists.
  for (const referrer of referrers) await destination.registry.putManifest(destination.repository, referrer.manifest.digest, referrer.manifest, signal);
  return {
    digest: top.digest,
    mediaType: top.mediaType,
    platforms,
    referrers: referrers.filter((r) => r.referrer).map(({ manifest, artifactType }) => ({ digest: manifest.digest, artifactType })),
    referrersListed: plan.referrersListed,
    manifests: children.length + 1 + referrers.length,
    blobsUploaded: uploaded,
    blobsSkipped: blobs.size - missing.length,
    blobsMounted: mounted,
    bytesUploaded: progress.bytesDone,
    retagged: false,
  };
}

/** Refuses before any byte moves: a missing destination repository, an immutable tag on another image. */
async function preflight(request: CopyRequest, digest: string, destinationHost: string): Promise<void> {
  const { destination } = request;
  let mutability: string | undefined;
  try {
    mutability = (await destination.api.describeRepository(destination.repository)).imageTagMutability;
  } catch (error) {
    if (error instanceof Error && error.name === 'RepositoryNotFoundException') throw new DestinationMissingError(destination.repository, destinationHost);
    throw error;
  }
  if (!mutability?.startsWith('IMMUTABLE') || request.tags.length === 0) return;
  const found = await destination.api.describeImages(destination.repository, request.tags.map((imageTag) => ({ imageTag })));
  const taken = request.tags.filter((_, i) => {
    const holder = found[i]?.image?.imageDigest;
    return holder !== undefined && holder !== digest;
  });
  if (taken.length) throw new ImmutableTagError(destination.repository, taken);
}

/** Streams one blob from the source registry into the upload at `location`, checking its digest on the way. */
async function sendBlob(request: CopyRequest, blob: BlobRef, location: URL, onBytes: (bytes: number) => void): Promise<void> {
  const { source, destination, signal } = request;
  const download = await source.registry.openBlob(source.repository, blob.digest, signal);
  const check = new DigestCheck(blob.digest, onBytes);
  download.on('error', (error) => check.destroy(error));
  download.pipe(check);
  try {
    await destination.registry.finishUpload(location, blob.digest, blob.size, check, signal);
  } finally {
    download.destroy();
  }
}

/** Passes bytes through, counting them; fails the stream when they do not hash to the expected digest. */
class DigestCheck extends Transform {
  private readonly hash = createHash('sha256');
  constructor(private readonly digest: string, private readonly onBytes: (bytes: number) => void) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.hash.update(chunk);
    this.onBytes(chunk.length);
    callback(null, chunk);
  }

  override _flush(callback: TransformCallback): void {
    const actual = `sha256:${this.hash.digest('hex')}`;
    if (this.digest.startsWith('sha256:') && actual !== this.digest) return callback(new Error(`The source sent ${actual} for the blob ${this.digest}.`));
    callback();
  }
}

/** Runs `task` over `items`, at most `limit` at a time; the first failure stops the others. */
async function eachLimited<T>(items: readonly T[], limit: number, signal: AbortSignal | undefined, task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  let first: { error: unknown } | undefined;
  const worker = async (): Promise<void> => {
    while (!first && next < items.length) {
      const item = items[next++];
      try {
        if (signal?.aborted) throw new CancelledError();
        await task(item);
      } catch (error) {
        first ??= { error }; // the cause, not what the others saw after it
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  if (first) throw first.error;
}
