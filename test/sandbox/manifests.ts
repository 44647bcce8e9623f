// Facts ECR reports about an image, computed from the manifest bytes stored in the registry.

export const MEDIA = {
  dockerManifest: 'application/vnd.docker.distribution.manifest.v2+json',
  dockerList: 'application/vnd.docker.distribution.manifest.list.v2+json',
  dockerConfig: 'application/vnd.docker.container.image.v1+json',
  dockerLayer: 'application/vnd.docker.image.rootfs.diff.tar.gzip',
  ociManifest: 'application/vnd.oci.image.manifest.v1+json',
  ociIndex: 'application/vnd.oci.image.index.v1+json',
  ociConfig: 'application/vnd.oci.image.config.v1+json',
  ociLayer: 'application/vnd.oci.image.layer.v1.tar+gzip',
  /** The empty config of an OCI artifact (the two bytes `{}`), OCI image spec 1.1. */
  ociEmpty: 'application/vnd.oci.empty.v1+json',
} as const;

export interface Descriptor {
  readonly mediaType?: string;
  readonly digest: string;
  readonly size: number;
  readonly platform?: { readonly architecture?: string; readonly os?: string; readonly variant?: string };
}

export interface ManifestFacts {
  readonly mediaType: string;
  /** config.mediaType (or artifactType) for image manifests; undefined for indexes. */
  readonly artifactMediaType?: string;
  /** Compressed layer bytes for a manifest; undefined for an index (summed over children by the caller). */
  readonly layerBytes?: number;
  readonly children: readonly Descriptor[];
  readonly layers: readonly Descriptor[];
  /** The manifest this one refers to (OCI 1.1 `subject`): a signature, SBOM or attestation of it. */
  readonly subject?: Descriptor;
  readonly annotations?: Readonly<Record<string, string>>;
}

interface RawManifest {
  mediaType?: string;
  artifactType?: string;
  config?: Descriptor;
  layers?: Descriptor[];
  manifests?: Descriptor[];
  schemaVersion?: number;
  subject?: Descriptor;
  annotations?: Record<string, string>;
}

/** Parses manifest bytes; throws on anything that is not a schema2/OCI manifest or index. */
export function manifestFacts(bytes: Buffer | string, declaredType?: string): ManifestFacts {
  const raw = JSON.parse(bytes.toString()) as RawManifest;
  if (raw.schemaVersion !== 2) throw new Error('only schemaVersion 2 manifests are supported');
  const isIndex = Array.isArray(raw.manifests);
  const mediaType = raw.mediaType ?? declaredType ?? (isIndex ? MEDIA.ociIndex : MEDIA.ociManifest);
  const referring = { subject: subjectOf(raw.subject), annotations: stringMap(raw.annotations) };
  if (isIndex) return { mediaType, artifactMediaType: raw.artifactType, children: raw.manifests ?? [], layers: [], ...referring };
  const layers = raw.layers ?? [];
  return {
    mediaType,
    artifactMediaType: raw.artifactType ?? raw.config?.mediaType,
    layerBytes: layers.reduce((sum, layer) => sum + (Number(layer.size) || 0), 0),
    children: [],
    layers,
    ...referring,
  };
}

export const isIndexType = (mediaType: string): boolean => mediaType === MEDIA.dockerList || mediaType === MEDIA.ociIndex;

/** A `subject` only counts when it names a digest (what the referrers API indexes by). */
function subjectOf(value: unknown): Descriptor | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const subject = value as Descriptor;
  return typeof subject.digest === 'string' && /^sha256:[0-9a-f]{64}$/.test(subject.digest) ? subject : undefined;
}

function stringMap(value: unknown): Record<string, string> | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const entries = Object.entries(value as Record<string, unknown>).filter((entry): entry is [string, string] => typeof entry[1] === 'string');
  return entries.length > 0 ? Object.fromEntries(entries) : undefined;
}
