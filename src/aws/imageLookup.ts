// Image lookups for hovers and diagnostics: many callers ask about a few images each, often the
// same ones. Lookups made in the same tick share DescribeImages calls (<= 100 ids each),
// identical lookups in flight share one promise, and answers are cached for a while.
import type { ImageDetail, ImageIdentifier } from '@aws-sdk/client-ecr';

export interface ImageLookup {
  readonly imageId: ImageIdentifier;
  /** Present when the image exists. */
  readonly image?: ImageDetail;
  /** Present when it does not (e.g. "ImageNotFound"), with ECR's reason. */
  readonly failure?: { readonly code: string; readonly reason: string };
}

/** The one call the batcher needs; the real one is DescribeImages, tests pass a fake. `registryId`: another account's. */
export type DescribeImagesFn = (repository: string, imageIds: ImageIdentifier[], registryId?: string) => Promise<ImageDetail[]>;

export interface ImageLookupOptions {
  readonly ttlMs?: number;
  readonly notFoundTtlMs?: number;
  readonly now?: () => number;
  /** DescribeImages accepts at most 100 image ids. */
  readonly maxBatch?: number;
}

interface Waiter {
  readonly imageId: ImageIdentifier;
  readonly key: string;
  resolve(result: ImageLookup): void;
  reject(error: unknown): void;
}

export const DESCRIBE_IMAGES_MAX_IDS = 100;

export class ImageLookupBatcher {
  private readonly cache = new Map<string, { result: ImageLookup; expiresAt: number }>();
  private readonly inFlight = new Map<string, Promise<ImageLookup>>();
  /** By registry and repository: two accounts' "web" are different repositories. */
  private readonly queued = new Map<string, { repository: string; registryId?: string; waiters: Waiter[] }>();
  private flushScheduled = false;
  private generation = 0;
  private readonly ttlMs: number;
  private readonly notFoundTtlMs: number;
  private readonly now: () => number;
  private readonly maxBatch: number;

  constructor(private readonly describe: DescribeImagesFn, options: ImageLookupOptions = {}) {
    this.ttlMs = options.ttlMs ?? 5 * 60_000;
    this.notFoundTtlMs = options.notFoundTtlMs ?? 60_000;
    this.now = options.now ?? Date.now;
    this.maxBatch = Math.min(options.maxBatch ?? DESCRIBE_IMAGES_MAX_IDS, DESCRIBE_IMAGES_MAX_IDS);
  }

  /** One result per id, in the order given. Rejects only for errors other than "image not found". */
  lookup(repository: string, imageIds: readonly ImageIdentifier[], registryId?: string): Promise<ImageLookup[]> {
    return Promise.all(imageIds.map((imageId) => this.lookupOne(repository, imageId, registryId)));
  }

  /** Drop cached answers for one repository (after a push, tag or delete; of every registry), or for all. */
  invalidate(repository?: string): void {
    this.generation++;
    if (repository === undefined) {
      this.cache.clear();
      return;
    }
    const prefix = `${repository}\0`;
    for (const key of [...this.cache.keys()]) if (key.startsWith(prefix)) this.cache.delete(key);
  }

  private lookupOne(repository: string, imageId: ImageIdentifier, registryId: string | undefined): Promise<ImageLookup> {
    // Repository first, so invalidate(repository) finds it by prefix.
    const key = `${repository}\0${registryId ?? ''}\0${imageId.imageDigest ?? ''}\0${imageId.imageTag ?? ''}`;
    const cached = this.cache.get(key);
    if (cached && cached.expiresAt > this.now()) return Promise.resolve(cached.result);
    if (cached) this.cache.delete(key);
    const running = this.inFlight.get(key);
    if (running) return running;

    const promise = new Promise<ImageLookup>((resolve, reject) => {
      const queueKey = `${registryId ?? ''}\0${repository}`;
      const queue = this.queued.get(queueKey) ?? { repository, registryId, waiters: [] };
      queue.waiters.push({ imageId: { ...imageId }, key, resolve, reject });
      this.queued.set(queueKey, queue);
    });
    this.inFlight.set(key, promise);
    // Settle the in-flight slot whatever happens; callers see the original outcome.
    promise.then(() => this.inFlight.delete(key), () => this.inFlight.delete(key));
    if (!this.flushScheduled) {
      this.flushScheduled = true;
      setImmediate(() => this.flush());
    }
    return promise;
  }

  private flush(): void {
    this.flushScheduled = false;
    const batches = [...this.queued.values()];
    this.queued.clear();
    for (const { repository, registryId, waiters } of batches) {
      for (let i = 0; i < waiters.length; i += this.maxBatch) {
        void this.run(repository, registryId, waiters.slice(i, i + this.maxBatch));
      }
    }
  }

  private async run(repository: string, registryId: string | undefined, waiters: Waiter[]): Promise<void> {
    const generation = this.generation;
    let results: ImageLookup[];
    try {
      results = await this.describeAll(repository, registryId, waiters.map((w) => w.imageId));
    } catch (error) {
      for (const waiter of waiters) waiter.reject(error);
      return;
    }
    const now = this.now();
    waiters.forEach((waiter, i) => {
      const result = results[i];
      if (generation === this.generation) {
        this.cache.set(waiter.key, { result, expiresAt: now + (result.image ? this.ttlMs : this.notFoundTtlMs) });
      }
      waiter.resolve(result);
    });
  }

  // DescribeImages fails the whole call when one id is missing; take the missing one out
  // (named in the message, else found by halving) and ask again for the rest.
  private async describeAll(repository: string, registryId: string | undefined, ids: ImageIdentifier[]): Promise<ImageLookup[]> {
    try {
      const details = await this.describe(repository, ids, registryId);
      return ids.map((imageId) => matchDetail(imageId, details));
    } catch (error) {
      if (!isImageNotFound(error)) throw error;
      const reason = error instanceof Error ? error.message : 'Image not found';
      if (ids.length === 1) return [{ imageId: ids[0], failure: { code: 'ImageNotFound', reason } }];
      const named = ids.findIndex((id) => namesImage(reason, id));
      if (named >= 0) {
        const rest = await this.describeAll(repository, registryId, ids.filter((_, i) => i !== named));
        rest.splice(named, 0, { imageId: ids[named], failure: { code: 'ImageNotFound', reason } });
        return rest;
      }
      const half = Math.ceil(ids.length / 2);
      const [left, right] = await Promise.all([
        this.describeAll(repository, registryId, ids.slice(0, half)),
        this.describeAll(repository, registryId, ids.slice(half)),
      ]);
      return [...left, ...right];
    }
  }
}

function matchDetail(imageId: ImageIdentifier, details: readonly ImageDetail[]): ImageLookup {
  const image = details.find(
    (d) =>
      (imageId.imageDigest === undefined || d.imageDigest === imageId.imageDigest) &&
      (imageId.imageTag === undefined || (d.imageTags ?? []).includes(imageId.imageTag)),
  );
  return image ? { imageId, image } : { imageId, failure: { code: 'ImageNotFound', reason: 'Not returned by DescribeImages' } };
}

function isImageNotFound(error: unknown): error is Error {
  return error instanceof Error && error.name === 'ImageNotFoundException';
}

// ECR names the missing image as "imageTag:'x'" / "imageDigest:'sha256:...'" (quoting varies).
function namesImage(message: string, id: ImageIdentifier): boolean {
  const mentions = (field: string, value: string | undefined): boolean =>
    value === undefined || new RegExp(`${field}\\s*[:=]\\s*['"]?${escapeRegExp(value)}['"]?(?=[,}\\s'"]|$)`).test(message);
  if (id.imageTag === undefined && id.imageDigest === undefined) return false;
  return mentions('imageTag', id.imageTag) && mentions('imageDigest', id.imageDigest);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
