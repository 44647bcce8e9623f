// Lists a repository's images from the registry's own storage. Manifest bytes are
// content-addressed (immutable), so their parsed facts are cached by digest; the per-repository
// list is rebuilt whenever the storage fingerprint or our write generation changes.
import { isIndexType, manifestFacts, type ManifestFacts } from './manifests';
import type { RegistryStorage } from './storage';

export interface ImageInfo {
  readonly digest: string;
  readonly tags: readonly string[];
  readonly mediaType: string;
  readonly artifactMediaType?: string;
  readonly sizeInBytes: number;
  readonly pushedAt: Date;
  readonly manifest: Buffer;
  /** Digest of the image this one refers to (a signature, SBOM or attestation of it). */
  readonly subject?: string;
  readonly annotations?: Readonly<Record<string, string>>;
}

interface RepoRef {
  readonly registry: { readonly accountId: string; readonly region: string };
  readonly name: string;
}

interface CachedList {
  readonly key: string;
  readonly images: readonly ImageInfo[];
  readonly byDigest: ReadonlyMap<string, ImageInfo>;
  readonly byTag: ReadonlyMap<string, ImageInfo>;
  /** subject digest -> the manifests whose `subject` names it (the OCI referrers index), newest first. */
  readonly referrers: ReadonlyMap<string, readonly ImageInfo[]>;
}

export class ImageIndex {
  private readonly facts = new Map<string, { facts: ManifestFacts; bytes: Buffer }>();
  private readonly lists = new Map<string, CachedList>();
  private readonly generations = new Map<string, number>();

  constructor(
    private readonly storage: RegistryStorage,
    private readonly recordedPush: (repo: RepoRef, digest: string) => Date | undefined,
  ) {}

  invalidate(repo: RepoRef): void {
    const name = nameOf(repo);
    this.generations.set(name, (this.generations.get(name) ?? 0) + 1);
  }

  /** Images newest first (then by digest), as the registry holds them now. */
  list(repo: RepoRef): CachedList {
    const name = nameOf(repo);
    const key = `${this.generations.get(name) ?? 0}:${this.storage.fingerprint(name)}`;
    const cached = this.lists.get(name);
    if (cached?.key === key) return cached;

    const tagsByDigest = new Map<string, string[]>();
    for (const [tag, digest] of this.storage.tags(name)) {
      const list = tagsByDigest.get(digest) ?? [];
      list.push(tag);
      tagsByDigest.set(digest, list);
    }
    const images: ImageInfo[] = [];
    for (const revision of this.storage.revisions(name)) {
      const parsed = this.parsed(revision.digest);
      if (!parsed) continue;
      images.push({
        digest: revision.digest,
        tags: (tagsByDigest.get(revision.digest) ?? []).sort(),
        mediaType: parsed.facts.mediaType,
        artifactMediaType: parsed.facts.artifactMediaType,
        sizeInBytes: this.sizeOf(parsed.facts),
        pushedAt: this.recordedPush(repo, revision.digest) ?? revision.linkedAt,
        manifest: parsed.bytes,
        subject: parsed.facts.subject?.digest,
        annotations: parsed.facts.annotations,
      });
    }
    images.sort((a, b) => b.pushedAt.getTime() - a.pushedAt.getTime() || (a.digest < b.digest ? -1 : 1));
    const byTag = new Map<string, ImageInfo>();
    for (const image of images) for (const tag of image.tags) byTag.set(tag, image);
    const referrers = new Map<string, ImageInfo[]>();
    for (const image of images) {
      if (image.subject !== undefined) referrers.set(image.subject, [...(referrers.get(image.subject) ?? []), image]);
    }
    const fresh: CachedList = { key, images, byDigest: new Map(images.map((i) => [i.digest, i])), byTag, referrers };
    this.lists.set(name, fresh);
    return fresh;
  }

  private parsed(digest: string): { facts: ManifestFacts; bytes: Buffer } | undefined {
    const cached = this.facts.get(digest);
    if (cached) return cached;
    const bytes = this.storage.readBlob(digest);
    if (!bytes) return undefined;
    try {
      const entry = { facts: manifestFacts(bytes), bytes };
      this.facts.set(digest, entry);
      return entry;
    } catch {
      return undefined; // not a manifest we understand (e.g. schema1): ECR would not list it either
    }
  }

  /** Layer bytes; for an index, the sum over the platform images it references. */
  private sizeOf(facts: ManifestFacts): number {
    if (!isIndexType(facts.mediaType)) return facts.layerBytes ?? 0;
    return facts.children.reduce((sum, child) => {
      const parsed = this.parsed(child.digest);
      return sum + (parsed?.facts.layerBytes ?? 0);
    }, 0);
  }
}

const nameOf = (repo: RepoRef): string => `${repo.registry.accountId}/${repo.registry.region}/${repo.name}`;
