// The referrers of an image (OCI distribution spec 1.1): the manifests in its repository whose
// `subject` names it. distribution 2.8 has no referrers API, so the sandbox answers it from the
// manifests the registry stores (indexed by ImageIndex as they are pushed through the data plane).
import type { ImageInfo } from './imageIndex';
import { MEDIA } from './manifests';
import type { ImageStatus, Repository, SandboxState } from './model';

/** One referrer as the OCI referrers index and ECR's ImageReferrer describe it. */
export interface ReferrerDescriptor {
  readonly mediaType: string;
  readonly digest: string;
  /** Bytes of the referrer's manifest (the descriptor's size). */
  readonly size: number;
  readonly artifactType?: string;
  readonly annotations?: Readonly<Record<string, string>>;
  readonly status: ImageStatus;
}

/** The image's referrers, newest first; `artifactTypes` (when given) keeps only those types. */
export function referrersOf(state: SandboxState, repo: Repository, subjectDigest: string, artifactTypes?: readonly string[]): ReferrerDescriptor[] {
  const found = state.images.list(repo).referrers.get(subjectDigest) ?? [];
  return found
    .map((image) => descriptorOf(state, repo, image))
    .filter((referrer) => !artifactTypes || artifactTypes.length === 0 || (referrer.artifactType !== undefined && artifactTypes.includes(referrer.artifactType)));
}

function descriptorOf(state: SandboxState, repo: Repository, image: ImageInfo): ReferrerDescriptor {
  return {
    mediaType: image.mediaType,
    digest: image.digest,
    size: image.manifest.length,
    // OCI 1.1: a manifest without artifactType is described by its config's media type.
    artifactType: image.artifactMediaType,
    annotations: image.annotations,
    status: state.storageClass(repo, image.digest).status,
  };
}

/** The OCI image index `GET /v2/<name>/referrers/<digest>` answers with. */
export function referrersIndex(referrers: readonly ReferrerDescriptor[]): string {
  return JSON.stringify({
    schemaVersion: 2,
    mediaType: MEDIA.ociIndex,
    manifests: referrers.map(({ mediaType, digest, size, artifactType, annotations }) => ({ mediaType, digest, size, artifactType, annotations })),
  });
}
