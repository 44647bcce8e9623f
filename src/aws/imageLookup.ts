// The one place answers about images are kept. Hovers, diagnostics, quick fixes and Check Workspace
// ask through it; pushes, deletes, tag changes and scans clear it here (through the explorer's
// model), so every feature sees a change at once. Lookups of the same tick share DescribeImages
// calls (<= 100 ids each), identical lookups in flight share one promise, answers are kept for the
// `ecr.cache.ttlSeconds` setting (failures and running scans for less), and a few requests run at a time.
// A repository's tags (for "newer image available") are listed once per repository per TTL, all
// pages of DescribeImages in one go, shared by every hover and diagnostic that asks meanwhile; so
// are a repository's settings (tag mutability) and an image's signing facts.
import type { ImageIdentifier, Repository } from '@aws-sdk/client-ecr';
import type { SigningFacts } from '../core/referrers';
import type { TaggedImage } from '../core/versionTag';
import { DESCRIBE_IMAGES_MAX_IDS, type ImageLookup } from './describeImages';
import type { EcrApi, ScanFindingsResult } from './ecrApi';
import { Limiter } from './limiter';
import { signingFacts, type SigningApi } from './signing';
import { TtlCache } from './ttlCache';

/** The calls the layer makes, uncached (EcrApi has them). */
export interface LookupApi extends SigningApi {
  describeImages(repository: string, imageIds: readonly ImageIdentifier[], registryId?: string): Promise<ImageLookup[]>;
  scanFindings(repository: string, imageId: ImageIdentifier, registryId?: string): Promise<ScanFindingsResult | undefined>;
  /** One page of the repository's images (DescribeImages without ids). */
  listImages: EcrApi['listImages'];
  describeRepository: EcrApi['describeRepository'];
}

/** A registry as ECR knows it: every profile or setting that reaches it shares its answers. */
export interface RegistryIdentity {
  readonly accountId: string;
  readonly region: string;
  readonly endpoint?: string;
}

/** Where to ask, and which registry the answer is about. */
export interface LookupPlace {
  readonly api: LookupApi;
  readonly registry: RegistryIdentity;
  /** `registry` is another account's, read through `api` (ECR's `registryId`). */
  readonly otherAccount?: boolean;
}

/** What to forget: one repository of one registry, every repository of that name, a registry, or all. */
export interface LookupScope {
  readonly registry?: RegistryIdentity;
  readonly repository?: string;
}

export interface ImageLookupsOptions {
  /** Read on every look, so a settings change applies at once, to answers already kept too. */
  ttlMs(): number;
  now?(): number;
  /** Requests in flight at once (default 6). */
  readonly concurrency?: number;
}

/** An answer or the error it failed with; failures are kept too (briefly), so a broken registry is not asked on every keystroke. */
type Settled<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: unknown };

interface Batch {
  readonly place: LookupPlace;
  readonly repository: string;
  readonly ids: ImageIdentifier[];
  readonly result: Promise<Settled<ImageLookup[]>>;
  settle(result: Settled<ImageLookup[]>): void;
}

// Failures and unfinished scans are asked again sooner than good answers.
const NOT_FOUND_TTL_MS = 60_000;
const PROBLEM_TTL_MS = 15_000;
const SCAN_RUNNING_TTL_MS = 5_000;
// ECR's largest page: a repository of 10,000 tagged images is 10 calls.
const LIST_PAGE_SIZE = 1000;

export class ImageLookups {
  private readonly images: TtlCache<Settled<ImageLookup>>;
  private readonly scans: TtlCache<Settled<ScanFindingsResult | undefined>>;
  private readonly tagLists: TtlCache<Settled<readonly TaggedImage[]>>;
  private readonly repositories: TtlCache<Settled<Repository>>;
  private readonly signings: TtlCache<Settled<SigningFacts>>;
  private readonly limiter: Limiter;
  private readonly pending = new Map<string, Batch>();
  private flushScheduled = false;

  constructor(private readonly options: ImageLookupsOptions) {
    this.images = new TtlCache(options.now);
    this.scans = new TtlCache(options.now);
    this.tagLists = new TtlCache(options.now);
    this.repositories = new TtlCache(options.now);
    this.signings = new TtlCache(options.now);
    this.limiter = new Limiter(options.concurrency ?? 6);
  }

  /** The image, or why it is missing; rejects with ECR's error (e.g. RepositoryNotFoundException) for the repository as a whole. */
  async image(place: LookupPlace, repository: string, imageId: ImageIdentifier): Promise<ImageLookup> {
    const key = `${registryKey(place.registry)}\0${repository}\0i\0${imageId.imageDigest ?? ''}\0${imageId.imageTag ?? ''}`;
    const settled = await this.images.get(
      key,
      () => {
        const batch = this.batchFor(place, repository);
        const index = batch.ids.push({ ...imageId }) - 1;
        return batch.result.then((r): Settled<ImageLookup> => (r.ok ? { ok: true, value: r.value[index] } : r));
      },
      (r) => this.ttl(r, (lookup) => (lookup.image ? undefined : NOT_FOUND_TTL_MS)),
    );
    return unwrap(settled);
  }

  /** The scan status and findings of an image (undefined: never scanned). */
  async findings(place: LookupPlace, repository: string, digest: string): Promise<ScanFindingsResult | undefined> {
    const key = `${registryKey(place.registry)}\0${repository}\0f\0${digest}`;
    const settled = await this.scans.get(
      key,
      () => settle(this.limiter.run(() => place.api.scanFindings(repository, { imageDigest: digest }, registryIdOf(place)))),
      (r) => this.ttl(r, (scan) => (isRunning(scan) ? SCAN_RUNNING_TTL_MS : undefined)),
    );
    return unwrap(settled);
  }

  /** Every tag of the repository with its image's digest and push time (one entry per tag). */
  async tags(place: LookupPlace, repository: string): Promise<readonly TaggedImage[]> {
    const key = `${registryKey(place.registry)}\0${repository}\0t`;
    const settled = await this.tagLists.get(key, () => settle(this.listTags(place, repository)), (r) => this.ttl(r, () => undefined));
    return unwrap(settled);
  }

  /** The repository as DescribeRepositories tells it (its tag mutability); of the place's own account only. */
  async repository(place: LookupPlace, repository: string): Promise<Repository> {
    if (place.otherAccount) throw new Error('Another account\'s repository settings are not read.');
    const key = `${registryKey(place.registry)}\0${repository}\0r`;
    const settled = await this.repositories.get(key, () => settle(this.limiter.run(() => place.api.describeRepository(repository))), (r) => this.ttl(r, () => undefined));
    return unwrap(settled);
  }

  /** The image's signatures and signing status (never rejects: what could not be read is said in the facts). */
  async signing(place: LookupPlace, repository: string, digest: string): Promise<SigningFacts> {
    const key = `${registryKey(place.registry)}\0${repository}\0s\0${digest}`;
    const settled = await this.signings.get(
      key,
      () => settle(this.limiter.run(() => signingFacts(place.api, repository, digest, registryIdOf(place)))),
      (r) => this.ttl(r, (facts) => (facts.signaturesProblem || facts.statusProblem ? PROBLEM_TTL_MS : undefined)),
    );
    return unwrap(settled);
  }

  /** Forgets answers; a request already under way is not shared with lookups made after this. */
  invalidate(scope: LookupScope = {}): void {
    const wanted = scope.registry && registryKey(scope.registry);
    const matches = (key: string): boolean => {
      const [registry, repository] = key.split('\0');
      return (wanted === undefined || registry === wanted) && (scope.repository === undefined || repository === scope.repository);
    };
    this.images.invalidate(matches);
    this.scans.invalidate(matches);
    this.tagLists.invalidate(matches);
    this.repositories.invalidate(matches);
    this.signings.invalidate(matches);
  }

  // Pages one after the other (each waits its turn in the limiter, so a big repository does not
  // hold back the hovers of others); only what the newer-tag rule needs is kept.
  private async listTags(place: LookupPlace, repository: string): Promise<TaggedImage[]> {
    const tags: TaggedImage[] = [];
    let nextToken: string | undefined;
    do {
      const page = await this.limiter.run(() =>
        place.api.listImages(repository, { maxResults: LIST_PAGE_SIZE, nextToken, tagStatus: 'TAGGED', registryId: registryIdOf(place) }),
      );
      for (const image of page.items) {
        if (!image.imageDigest) continue;
        for (const tag of image.imageTags ?? []) tags.push({ tag, digest: image.imageDigest, pushedAt: image.imagePushedAt });
      }
      nextToken = page.nextToken;
    } while (nextToken);
    return tags;
  }

  // Lookups made in the same tick (e.g. every open document refreshing) share one
  // DescribeImages per repository, up to ECR's 100 ids per call.
  private batchFor(place: LookupPlace, repository: string): Batch {
    const key = `${registryKey(place.registry)}\0${repository}`;
    let batch = this.pending.get(key);
    if (!batch || batch.ids.length >= DESCRIBE_IMAGES_MAX_IDS) {
      if (batch) this.run(batch);
      batch = newBatch(place, repository);
      this.pending.set(key, batch);
    }
    if (!this.flushScheduled) {
      this.flushScheduled = true;
      setImmediate(() => {
        this.flushScheduled = false;
        const batches = [...this.pending.values()];
        this.pending.clear();
        for (const b of batches) this.run(b);
      });
    }
    return batch;
  }

  private run(batch: Batch): void {
    const { place, repository, ids } = batch;
    void settle(this.limiter.run(() => place.api.describeImages(repository, ids, registryIdOf(place)))).then((r) => batch.settle(r));
  }

  private ttl<T>(settled: Settled<T>, shorter: (value: T) => number | undefined): number {
    const ttl = this.options.ttlMs();
    if (!settled.ok) return Math.min(ttl, isNamed(settled.error, 'RepositoryNotFoundException') ? NOT_FOUND_TTL_MS : PROBLEM_TTL_MS);
    return Math.min(ttl, shorter(settled.value) ?? ttl);
  }
}

// Keys start with the registry and the repository: invalidate() splits them on these.
function registryKey({ accountId, region, endpoint }: RegistryIdentity): string {
  return `${accountId}|${region}|${endpoint ?? ''}`;
}

function registryIdOf(place: LookupPlace): string | undefined {
  return place.otherAccount ? place.registry.accountId : undefined;
}

function newBatch(place: LookupPlace, repository: string): Batch {
  let resolve!: (result: Settled<ImageLookup[]>) => void;
  const result = new Promise<Settled<ImageLookup[]>>((r) => (resolve = r));
  return { place, repository, ids: [], result, settle: resolve };
}

function settle<T>(promise: Promise<T>): Promise<Settled<T>> {
  return promise.then((value) => ({ ok: true, value }), (error: unknown) => ({ ok: false, error }));
}

function unwrap<T>(settled: Settled<T>): T {
  if (!settled.ok) throw settled.error;
  return settled.value;
}

function isRunning(scan: ScanFindingsResult | undefined): boolean {
  const status = scan?.imageScanStatus?.status;
  return status === 'IN_PROGRESS' || status === 'PENDING';
}

function isNamed(error: unknown, name: string): boolean {
  return error instanceof Error && error.name === name;
}
