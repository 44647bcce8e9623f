// What a copy reads from the source before sending anything: the manifests under the image (an
// index's platforms), its referrers (signatures, SBOMs, attestations) and theirs, and every blob.
import type { Manifest, RegistryClient } from './registryClient';

export interface BlobRef {
  readonly digest: string;
  readonly size: number;
}

export interface ManifestJson {
  readonly mediaType?: string;
  readonly config?: BlobRef;
  readonly layers?: (BlobRef & { readonly urls?: unknown })[];
  readonly manifests?: (BlobRef & { readonly mediaType?: string; readonly platform?: { os?: string; architecture?: string; variant?: string } })[];
}

const INDEX_TYPES = new Set(['application/vnd.oci.image.index.v1+json', 'application/vnd.docker.distribution.manifest.list.v2+json']);

/** Reads what a copy needs from the source: manifests under the top one, referrers, and the blobs of all. */
export class CopyPlan {
  readonly blobs = new Map<string, BlobRef>();
  referrersListed = true;
  private readonly seen = new Set<string>();

  constructor(private readonly source: { readonly registry: RegistryClient; readonly repository: string }, private readonly signal: AbortSignal | undefined) {}

  /** The manifests under `manifest` (an index's children, recursively), children first; collects blobs. */
  async walk(manifest: Manifest, parsed: ManifestJson = parseManifest(manifest)): Promise<Manifest[]> {
    this.seen.add(manifest.digest);
    if (!INDEX_TYPES.has(manifest.mediaType) && !parsed.manifests) {
      for (const blob of [parsed.config, ...(parsed.layers ?? []).filter((l) => !l.urls)]) if (blob?.digest) this.blobs.set(blob.digest, blob);
      return [];
    }
    const under: Manifest[] = [];
    for (const entry of parsed.manifests ?? []) {
      if (this.seen.has(entry.digest)) continue;
      const child = await this.source.registry.getManifest(this.source.repository, entry.digest, this.signal);
      under.push(...(await this.walk(child)), child);
    }
    return under;
  }

  /** The referrers of `subjects` and, in turn, theirs (a signature of an SBOM), each after its subject. */
  async referrersOf(subjects: readonly string[]): Promise<{ manifest: Manifest; referrer: boolean; artifactType?: string }[]> {
    const found: { manifest: Manifest; referrer: boolean; artifactType?: string }[] = [];
    let queue = [...subjects];
    for (let depth = 0; depth < 4 && queue.length > 0 && this.referrersListed; depth++) {
      const next: string[] = [];
      for (const subject of queue) {
        const listed = await this.source.registry.referrers(this.source.repository, subject, this.signal);
        if (!listed) {
          this.referrersListed = false;
          break;
        }
        for (const referrer of listed) {
          if (this.seen.has(referrer.digest)) continue;
          const manifest = await this.source.registry.getManifest(this.source.repository, referrer.digest, this.signal);
          const under = await this.walk(manifest);
          found.push(...under.map((m) => ({ manifest: m, referrer: false })), { manifest, referrer: true, artifactType: referrer.artifactType });
          next.push(referrer.digest);
        }
      }
      queue = next;
    }
    return found;
  }
}

export function parseManifest(manifest: Manifest): ManifestJson {
  try {
    return JSON.parse(manifest.bytes.toString('utf8')) as ManifestJson;
  } catch {
    throw new Error(`The manifest ${manifest.digest} is not JSON.`);
  }
}
