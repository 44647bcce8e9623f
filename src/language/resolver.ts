// Maps references to registries (host -> registry; another account's through one of the same
// region) and ECR's answers to outcomes. The answers themselves come from the one lookup layer
// (aws/imageLookup.ts), which batches, coalesces and caches them.
// No vscode import: unit-tested with an in-memory EcrApi.
import type { ImageIdentifier } from '../aws/ecrApi';
import type { RegistrySource } from '../aws/discovery';
import type { EcrProblem } from '../aws/errors';
import type { ImageLookups, LookupPlace } from '../aws/imageLookup';
import { RegistryHostMap } from '../core/imageRef';
import { normaliseFindings } from '../core/findings';
import type { SigningFacts } from '../core/referrers';
import { referenceTagImmutable } from '../core/registrySettings';
import { newerTag, parseVersionTag, type TaggedImage } from '../core/versionTag';
import type { RegistryEntry } from '../explorer/nodes';
import type { Classified } from './classify';
import type { ImageTarget } from './links';
import type { FindingsOutcome, LookupOutcome, RegistryLabel } from './outcome';

export type LookupRequest = Extract<Classified, { kind: 'lookup' }>;

export interface ResolverDeps {
  registries(): Promise<readonly RegistryEntry[]>;
  classify(error: unknown, source: RegistrySource): EcrProblem;
  /** The one lookup layer (owned by the explorer's model, which clears it on every change). */
  readonly lookups: ImageLookups;
  /**
   * Whether the workspace is trusted (default yes). An untrusted folder's files may name any
   * account: asking ECR about it with the user's credentials would show up in that account's logs.
   */
  trusted?(): boolean;
}

/** Where to look an image up: a configured registry, and another account's registry through it. */
interface Place {
  readonly entry: RegistryEntry;
  /** Set for another account's registry (cross-account access with `entry`'s credentials). */
  readonly accountId?: string;
}

export class ImageResolver {
  private readonly hosts = new RegistryHostMap<RegistryEntry>();
  /** Host of each registry source once seen reachable: a failure later is still reported on its images. */
  private readonly rememberedHosts = new Map<string, string>();

  constructor(private readonly deps: ResolverDeps) {}

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
    return Promise.all(requests.map(async (request) => {
      const matched = this.match(request, entries);
      return 'kind' in matched ? matched : this.lookupImage(matched.place, matched.repository, matched.imageId);
    }));
  }

  /** The scan status and findings of an image that was found. */
  async findings(target: ImageTarget): Promise<FindingsOutcome> {
    const { entry, place } = await this.placeOf(target);
    if (!entry || !place) return { kind: 'problem', problem: entry?.problem ?? { kind: 'other', message: 'The registry of this image is not configured any more.' } };
    try {
      const result = await this.deps.lookups.findings(place, target.repository, target.digest);
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

  /**
   * A newer version of the image's tag in its repository (see core/versionTag.ts), from the
   * repository's tag list (one listing per repository per TTL). Undefined when the tag does not
   * look like a version, nothing is newer, or the list cannot be read (the hover has said why already).
   */
  async newer(target: ImageTarget): Promise<TaggedImage | undefined> {
    if (!target.tag || !parseVersionTag(target.tag)) return undefined;
    const { place } = await this.placeOf(target);
    if (!place) return undefined;
    try {
      return newerTag(target.tag, target.digest, await this.deps.lookups.tags(place, target.repository));
    } catch {
      return undefined;
    }
  }

  /** Whether the image's tag cannot be moved in its repository, exclusion filters included (undefined: cannot be told, e.g. another account's). */
  async tagsImmutable(target: ImageTarget): Promise<boolean | undefined> {
    const { place } = await this.placeOf(target);
    if (!place || place.otherAccount) return undefined;
    try {
      return referenceTagImmutable(await this.deps.lookups.repository(place, target.repository), target.tag);
    } catch {
      return undefined;
    }
  }

  /** The signatures and signing status of an image that was found. */
  async signing(target: ImageTarget): Promise<SigningFacts> {
    const { place } = await this.placeOf(target);
    return place ? this.deps.lookups.signing(place, target.repository, target.digest) : { signaturesProblem: 'the registry of this image is not reachable' };
  }

  /** The registry a found image came from, and where to ask about it (undefined while unreachable). */
  private async placeOf(target: ImageTarget): Promise<{ entry?: RegistryEntry; place?: LookupPlace }> {
    const entry = (await this.deps.registries()).find((e) => e.source.id === target.registryId);
    return { entry, place: entry && lookupPlace({ entry, accountId: target.registryAccountId }) };
  }

  private async lookupImage(place: Place, repository: string, imageId: ImageIdentifier): Promise<LookupOutcome> {
    const { entry, accountId } = place;
    const registry = labelOf(entry, accountId);
    const where = lookupPlace(place);
    if (!where) return { kind: 'problem', registry, problem: entry.problem ?? { kind: 'other', message: `${entry.source.label} could not be reached.` } };
    try {
      const { image } = await this.deps.lookups.image(where, repository, imageId);
      if (!image?.imageDigest) return { kind: 'imageNotFound', registry, repository, wanted: imageId.imageTag ?? imageId.imageDigest ?? '' };
      const target: ImageTarget = { registryId: entry.source.id, ...(accountId && { registryAccountId: accountId }), repository, digest: image.imageDigest, tag: imageId.imageTag };
      return { kind: 'found', registry, repository, image, target };
    } catch (error) {
      const problem = this.deps.classify(error, entry.source);
      return problem.code === 'RepositoryNotFoundException' ? { kind: 'repositoryNotFound', registry, repository } : { kind: 'problem', registry, problem };
    }
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
}

/** The registry as the hover names it; with `otherAccount`, that account's registry read through `entry`. */
export function labelOf(entry: RegistryEntry, otherAccount?: string): RegistryLabel {
  const { id, label, region, profile } = entry.source;
  if (otherAccount) return { id, label, accountId: otherAccount, region, profile, through: true };
  return { id, label, accountId: entry.info?.accountId, region, profile };
}

/** Where the lookup layer asks: undefined while the registry is unreachable. */
function lookupPlace({ entry, accountId }: Place): LookupPlace | undefined {
  if (!entry.api || !entry.info) return undefined;
  const registry = { accountId: accountId ?? entry.info.accountId, region: entry.source.region, endpoint: entry.source.endpoint };
  return { api: entry.api, registry, otherAccount: accountId !== undefined };
}
