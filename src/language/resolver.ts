// Looks references up in ECR: host -> registry, tag -> image (one DescribeImages per repository
// for all lookups of a tick), digest -> scan findings. Answers are cached for `ttlMs` (failures for less),
// concurrent identical lookups share one request, and requests run a few at a time.
// No vscode import: unit-tested with an in-memory EcrApi.
import type { EcrApi, ImageIdentifier } from '../aws/ecrApi';
import type { RegistrySource } from '../aws/discovery';
import type { EcrProblem } from '../aws/errors';
import { RegistryHostMap } from '../core/imageRef';
import { normaliseFindings } from '../core/findings';
import type { RegistryEntry } from '../explorer/nodes';
import type { Classified } from './classify';
import type { ImageTarget } from './links';
import { Limiter } from './limiter';
import type { FindingsOutcome, LookupOutcome, RegistryLabel } from './outcome';
import { TtlCache } from './ttlCache';

export type LookupRequest = Extract<Classified, { kind: 'lookup' }>;

export interface ResolverDeps {
  registries(): Promise<readonly RegistryEntry[]>;
  classify(error: unknown, source: RegistrySource): EcrProblem;
  /** Read on every store, so a settings change applies to the next answer. */
  ttlMs(): number;
  now?(): number;
  /** Requests in flight at once (default 6). */
  concurrency?: number;
  /**
   * Whether the workspace is trusted (default yes). An untrusted folder's files may name any
   * account: asking ECR about it with the user's credentials would show up in that account's logs.
   */
  trusted?(): boolean;
}

// Failures and unfinished scans are asked again sooner than good answers.
const NOT_FOUND_TTL_MS = 60_000;
const PROBLEM_TTL_MS = 15_000;
const SCAN_RUNNING_TTL_MS = 5_000;
/** DescribeImages accepts at most 100 image ids. */
const DESCRIBE_IMAGES_MAX_IDS = 100;

/** Where to look an image up: a configured registry, and another account's registry through it. */
interface Place {
  readonly entry: RegistryEntry;
  /** Set for another account's registry (cross-account access with `entry`'s credentials). */
  readonly accountId?: string;
}

interface Batch {
  readonly place: Place;
  readonly repository: string;
  readonly ids: ImageIdentifier[];
  readonly keys: string[];
  stale: boolean;
  readonly result: Promise<Map<string, LookupOutcome>>;
  settle(result: Map<string, LookupOutcome>): void;
}

export class ImageResolver {
  private readonly images: TtlCache<LookupOutcome>;
  private readonly scans: TtlCache<FindingsOutcome>;
  private readonly limiter: Limiter;
  private readonly pending = new Map<string, Batch>();
  private flushScheduled = false;
  private readonly hosts = new RegistryHostMap<RegistryEntry>();
  /** Host of each registry source once seen reachable: a failure later is still reported on its images. */
  private readonly rememberedHosts = new Map<string, string>();
  /** Requests sent, by operation: for the benchmark and tests. */
  readonly calls = { describeImages: 0, scanFindings: 0 };

  constructor(private readonly deps: ResolverDeps) {
    this.images = new TtlCache(deps.now);
    this.scans = new TtlCache(deps.now);
    this.limiter = new Limiter(deps.concurrency ?? 6);
  }

  /** Whether `host` is the registry host of a registry seen so far. */
  knowsHost(host: string): boolean {
    return this.hosts.get(host) !== undefined;
  }

  async registry(registryId: string): Promise<RegistryEntry | undefined> {
    return (await this.learn()).find((e) => e.source.id === registryId);
  }

  /** One outcome per request, in order. Never rejects for ECR errors: they become outcomes. */
  async lookup(requests: readonly LookupRequest[]): Promise<LookupOutcome[]> {
    const entries = await this.learn();
    const results = requests.map((request) => {
      const matched = this.match(request, entries);
      if ('kind' in matched) return Promise.resolve(matched);
      const { place, repository, imageId } = matched;
      const key = imageKey(place, repository, imageId);
      return this.images.get(
        key,
        (stale) => {
          const batch = this.batchFor(place, repository);
          batch.ids.push(imageId);
          batch.keys.push(key);
          batch.stale ||= stale;
          return batch.result.then((found) => found.get(key) as LookupOutcome);
        },
        (outcome) => this.ttlOf(outcome),
      );
    });
    return Promise.all(results);
  }

  // Lookups made in the same tick (e.g. every open document refreshing) share one
  // DescribeImages per repository, up to ECR's 100 ids per call.
  private batchFor(place: Place, repository: string): Batch {
    const key = `${place.entry.source.id}\0${place.accountId ?? ''}\0${repository}`;
    let batch = this.pending.get(key);
    if (!batch || batch.ids.length >= DESCRIBE_IMAGES_MAX_IDS) {
      if (batch) void this.runBatch(batch);
      batch = newBatch(place, repository);
      this.pending.set(key, batch);
    }
    if (!this.flushScheduled) {
      this.flushScheduled = true;
      setImmediate(() => {
        this.flushScheduled = false;
        const batches = [...this.pending.values()];
        this.pending.clear();
        for (const b of batches) void this.runBatch(b);
      });
    }
    return batch;
  }

  /** The scan status and findings of an image that was found. */
  findings(target: ImageTarget): Promise<FindingsOutcome> {
    const key = `f\0${target.registryId}\0${target.repository}\0${target.digest}\0${target.registryAccountId ?? ''}`;
    return this.scans.get(key, () => this.loadFindings(target), (outcome) => {
      if (outcome.kind === 'problem') return Math.min(this.deps.ttlMs(), PROBLEM_TTL_MS);
      if (outcome.kind === 'scan' && (outcome.status === 'IN_PROGRESS' || outcome.status === 'PENDING')) return Math.min(this.deps.ttlMs(), SCAN_RUNNING_TTL_MS);
      return this.deps.ttlMs();
    });
  }

  /** Forgets answers about one repository (of one registry, or of any), or everything. */
  invalidate(repository?: string, registryId?: string): void {
    const matches = (key: string): boolean => {
      const [, registry, repo] = key.split('\0');
      return (repository === undefined || repo === repository) && (registryId === undefined || registry === registryId);
    };
    this.images.invalidate(matches);
    this.scans.invalidate(matches);
  }

  private async learn(): Promise<readonly RegistryEntry[]> {
    const entries = await this.deps.registries();
    this.hosts.clear();
    for (const entry of entries) {
      if (entry.info?.host) this.rememberedHosts.set(entry.source.id, entry.info.host);
      const host = entry.info?.host ?? this.rememberedHosts.get(entry.source.id);
      if (host) this.hosts.register(host, entry);
    }
    return entries;
  }

  private match(request: LookupRequest, entries: readonly RegistryEntry[]): LookupOutcome | { place: Place; repository: string; imageId: ImageIdentifier } {
    const { ref, ecr } = request;
    const imageId: ImageIdentifier = ref.digest ? { imageDigest: ref.digest } : { imageTag: ref.tag ?? 'latest' };
    let entry = this.hosts.get(ref.host);
    if (!entry && ecr) entry = entries.find((e) => e.info?.accountId === ecr.accountId && e.source.region === ecr.region);
    if (!entry && ecr && !(this.deps.trusted?.() ?? true)) {
      return { kind: 'untrustedAccount', host: ref.host, accountId: ecr.accountId, region: ecr.region };
    }
    if (!entry && ecr) {
      // Another account's registry (e.g. a shared tools account): ECR reads it with our credentials
      // through `registryId` when its repository policy allows. Profiles and the environment are the
      // user's own sign-ins, so they go before settings entries (often sandboxes or mirrors).
      const reachable = entries.filter((e) => e.api && e.info && e.source.region === ecr.region);
      const through = reachable.find((e) => e.source.origin !== 'setting') ?? reachable[0];
      if (through) return { place: { entry: through, accountId: ecr.accountId }, repository: ref.path, imageId };
    }
    if (!entry && ecr) {
      // A registry of that region that could not be reached (e.g. expired sign-in) probably is this one:
      // say what is wrong with it rather than "no registry". Only when there is exactly one such.
      const failing = entries.filter((e) => !e.info && e.problem && e.source.region === ecr.region && !e.source.endpoint);
      if (failing.length === 1 && failing[0].problem) return { kind: 'problem', registry: labelOf(failing[0]), problem: failing[0].problem };
    }
    if (!entry) return { kind: 'noRegistry', host: ref.host, accountId: ecr?.accountId, region: ecr?.region };
    if (!entry.api || !entry.info) {
      return { kind: 'problem', registry: labelOf(entry), problem: entry.problem ?? { kind: 'other', message: `${entry.source.label} could not be reached.` } };
    }
    return { place: { entry }, repository: ref.path, imageId };
  }

  private async runBatch(batch: Batch): Promise<void> {
    const { place, repository } = batch;
    const { entry, accountId } = place;
    const api = entry.api as EcrApi;
    const registry = labelOf(entry, accountId);
    const out = new Map<string, LookupOutcome>();
    try {
      const lookups = await this.limiter.run(() => {
        // Our entry expired: the API's own cache must not answer with the same old data.
        if (batch.stale) api.invalidate(repository);
        this.calls.describeImages++;
        return api.describeImages(repository, batch.ids, accountId);
      });
      lookups.forEach((lookup, i) => {
        const image = lookup.image;
        const key = batch.keys[i];
        if (image?.imageDigest) {
          const tag = batch.ids[i].imageTag;
          out.set(key, { kind: 'found', registry, repository, image, target: { registryId: entry.source.id, ...(accountId && { registryAccountId: accountId }), repository, digest: image.imageDigest, tag } });
        } else {
          out.set(key, { kind: 'imageNotFound', registry, repository, wanted: batch.ids[i].imageTag ?? batch.ids[i].imageDigest ?? '' });
        }
      });
    } catch (error) {
      const problem = this.deps.classify(error, entry.source);
      const outcome: LookupOutcome =
        problem.code === 'RepositoryNotFoundException' ? { kind: 'repositoryNotFound', registry, repository } : { kind: 'problem', registry, problem };
      for (const key of batch.keys) out.set(key, outcome);
    }
    batch.settle(out);
  }

  private async loadFindings(target: ImageTarget): Promise<FindingsOutcome> {
    const entry = (await this.deps.registries()).find((e) => e.source.id === target.registryId);
    if (!entry?.api) return { kind: 'problem', problem: entry?.problem ?? { kind: 'other', message: 'The registry of this image is not configured any more.' } };
    const api = entry.api;
    try {
      const result = await this.limiter.run(() => {
        this.calls.scanFindings++;
        return api.scanFindings(target.repository, { imageDigest: target.digest }, target.registryAccountId);
      });
      if (!result) return { kind: 'notScanned' };
      const scan = result.imageScanFindings;
      return {
        kind: 'scan',
        status: result.imageScanStatus?.status,
        description: result.imageScanStatus?.description,
        completedAt: scan?.imageScanCompletedAt,
        findings: normaliseFindings(scan),
      };
    } catch (error) {
      return { kind: 'problem', problem: this.deps.classify(error, entry.source) };
    }
  }

  private ttlOf(outcome: LookupOutcome): number {
    const ttl = this.deps.ttlMs();
    if (outcome.kind === 'found') return ttl;
    if (outcome.kind === 'problem') return Math.min(ttl, PROBLEM_TTL_MS);
    return Math.min(ttl, NOT_FOUND_TTL_MS);
  }
}

/** The registry as the hover names it; with `otherAccount`, that account's registry read through `entry`. */
export function labelOf(entry: RegistryEntry, otherAccount?: string): RegistryLabel {
  const { id, label, region, profile } = entry.source;
  if (otherAccount) return { id, label, accountId: otherAccount, region, profile, through: true };
  return { id, label, accountId: entry.info?.accountId, region, profile };
}

// Registry id and repository stay the 2nd and 3rd fields: invalidate() splits keys on them.
function imageKey(place: Place, repository: string, id: ImageIdentifier): string {
  return `i\0${place.entry.source.id}\0${repository}\0${id.imageDigest ?? ''}\0${id.imageTag ?? ''}\0${place.accountId ?? ''}`;
}

function newBatch(place: Place, repository: string): Batch {
  let settle!: (result: Map<string, LookupOutcome>) => void;
  const result = new Promise<Map<string, LookupOutcome>>((resolve) => (settle = resolve));
  return { place, repository, ids: [], keys: [], stale: false, result, settle };
}
