// Builds and pushes OCI 1.1 artifacts that refer to an image (a `subject`): signatures (Notation,
// Cosign bundle), SBOMs (SPDX, CycloneDX) and an in-toto attestation, through a registry's data
// plane as notation/cosign/oras push them. For tests and the demo; the documents are small but in
// their formats' real shapes (the signatures are not cryptographically valid).
import { BatchGetImageCommand, GetAuthorizationTokenCommand, type ECRClient } from '@aws-sdk/client-ecr';
import { MEDIA } from '../manifests';
import { RegistryPusher } from './pusher';
import { blob, sha256, type Blob } from './tarball';

export type ReferrerKind = 'notation' | 'cosign' | 'spdx' | 'cyclonedx' | 'in-toto';

/** The artifact type each kind is pushed with (what ListImageReferrers reports as `artifactType`). */
export const REFERRER_ARTIFACT_TYPES: Readonly<Record<ReferrerKind, string>> = {
  notation: 'application/vnd.cncf.notary.signature',
  cosign: 'application/vnd.dev.sigstore.bundle.v0.3+json',
  spdx: 'application/spdx+json',
  cyclonedx: 'application/vnd.cyclonedx+json',
  'in-toto': 'application/vnd.in-toto+json',
};

export interface SbomPackage {
  readonly name: string;
  readonly version: string;
  readonly purl?: string;
}

export interface SubjectDescriptor {
  readonly mediaType: string;
  readonly digest: string;
  readonly size: number;
}

export interface PushedReferrer {
  readonly digest: string;
  readonly artifactType: string;
  /** Bytes of the referrer's manifest. */
  readonly size: number;
  readonly manifest: Blob;
  /** The `OCI-Subject` header of the manifest PUT (set by registries with the referrers API). */
  readonly ociSubject: string | null;
}

const DEFAULT_PACKAGES: readonly SbomPackage[] = [
  { name: 'busybox', version: '1.36.1', purl: 'pkg:generic/busybox@1.36.1' },
  { name: 'musl', version: '1.2.4', purl: 'pkg:apk/alpine/musl@1.2.4' },
];

/** The empty JSON config every artifact manifest here carries (OCI image spec 1.1). */
export const EMPTY_CONFIG = blob(Buffer.from('{}'), MEDIA.ociEmpty);

/** The artifact's manifest and the blobs it needs, referring to `subject`. */
export function referrerArtifact(kind: ReferrerKind, subject: SubjectDescriptor, packages: readonly SbomPackage[] = DEFAULT_PACKAGES): { blobs: Blob[]; manifest: Blob } {
  const artifactType = REFERRER_ARTIFACT_TYPES[kind];
  const created = new Date().toISOString();
  const content = blob(Buffer.from(JSON.stringify(documentOf(kind, subject, packages, created), null, 2)), layerTypeOf(kind));
  const annotations: Record<string, string> = { 'org.opencontainers.image.created': created };
  if (kind === 'notation') annotations['io.cncf.notary.x509chain.thumbprint#S256'] = JSON.stringify([sha256(subject.digest).slice(7)]);
  const manifest = {
    schemaVersion: 2,
    mediaType: MEDIA.ociManifest,
    artifactType,
    config: { mediaType: EMPTY_CONFIG.mediaType, digest: EMPTY_CONFIG.digest, size: EMPTY_CONFIG.size },
    layers: [{ mediaType: content.mediaType, digest: content.digest, size: content.size }],
    subject: { mediaType: subject.mediaType, digest: subject.digest, size: subject.size },
    annotations,
  };
  return { blobs: [EMPTY_CONFIG, content], manifest: blob(Buffer.from(JSON.stringify(manifest)), MEDIA.ociManifest) };
}

const layerTypeOf = (kind: ReferrerKind): string => (kind === 'notation' ? 'application/jose+json' : REFERRER_ARTIFACT_TYPES[kind]);

function documentOf(kind: ReferrerKind, subject: SubjectDescriptor, packages: readonly SbomPackage[], created: string): object {
  const target = { mediaType: subject.mediaType, digest: subject.digest, size: subject.size };
  switch (kind) {
    case 'notation':
      return {
        payload: Buffer.from(JSON.stringify({ targetArtifact: target })).toString('base64url'),
        protected: Buffer.from(JSON.stringify({ alg: 'PS256', cty: 'application/vnd.cncf.notary.payload.v1+json', 'io.cncf.notary.signingTime': created })).toString('base64url'),
        header: { x5c: [] },
        signature: sha256(`sandbox signature of ${subject.digest}`).slice(7),
      };
    case 'cosign':
      return {
        mediaType: REFERRER_ARTIFACT_TYPES.cosign,
        verificationMaterial: { publicKey: { hint: 'sandbox' } },
        messageSignature: { messageDigest: { algorithm: 'SHA2_256', digest: Buffer.from(subject.digest.slice(7), 'hex').toString('base64') }, signature: 'c2FuZGJveA==' },
      };
    case 'spdx':
      return {
        spdxVersion: 'SPDX-2.3',
        dataLicense: 'CC0-1.0',
        SPDXID: 'SPDXRef-DOCUMENT',
        name: `sbom of ${subject.digest}`,
        creationInfo: { created, creators: ['Tool: ecr-sandbox'] },
        packages: packages.map((p, i) => ({
          SPDXID: `SPDXRef-Package-${i + 1}`,
          name: p.name,
          versionInfo: p.version,
          downloadLocation: 'NOASSERTION',
          externalRefs: p.purl ? [{ referenceCategory: 'PACKAGE-MANAGER', referenceType: 'purl', referenceLocator: p.purl }] : [],
        })),
      };
    case 'cyclonedx':
      return {
        bomFormat: 'CycloneDX',
        specVersion: '1.5',
        version: 1,
        metadata: { timestamp: created, component: { type: 'container', name: subject.digest } },
        components: packages.map((p) => ({ type: 'library', name: p.name, version: p.version, purl: p.purl })),
      };
    case 'in-toto':
      return {
        _type: 'https://in-toto.io/Statement/v1',
        subject: [{ name: 'image', digest: { sha256: subject.digest.slice(7) } }],
        predicateType: 'https://slsa.dev/provenance/v1',
        predicate: { buildDefinition: { buildType: 'https://example.invalid/sandbox' } },
      };
  }
}

export interface PushReferrerRequest {
  readonly repositoryName: string;
  /** The image the artifact refers to (it must exist in the repository). */
  readonly subjectDigest: string;
  readonly kind: ReferrerKind;
  /** The packages an SBOM lists (default: busybox and musl). */
  readonly packages?: readonly SbomPackage[];
}

/**
 * Pushes a signature/SBOM/attestation of an image through the registry's data plane, as the client's
 * account sees it (token from GetAuthorizationToken, the subject's descriptor from BatchGetImage).
 */
export async function pushReferrer(ecr: ECRClient, request: PushReferrerRequest): Promise<PushedReferrer> {
  const auth = (await ecr.send(new GetAuthorizationTokenCommand({}))).authorizationData?.[0];
  if (!auth?.proxyEndpoint || !auth.authorizationToken) throw new Error('GetAuthorizationToken gave no registry');
  const got = await ecr.send(new BatchGetImageCommand({ repositoryName: request.repositoryName, imageIds: [{ imageDigest: request.subjectDigest }] }));
  const image = got.images?.[0];
  if (!image?.imageManifest || !image.imageManifestMediaType) throw new Error(`no image ${request.subjectDigest} in ${request.repositoryName}`);
  const subject = { mediaType: image.imageManifestMediaType, digest: request.subjectDigest, size: Buffer.byteLength(image.imageManifest) };
  const pusher = new RegistryPusher(new URL(auth.proxyEndpoint).host, `Basic ${auth.authorizationToken}`);
  const { blobs, manifest } = referrerArtifact(request.kind, subject, request.packages);
  for (const b of blobs) await pusher.pushBlob(request.repositoryName, b);
  const headers = await pusher.pushManifest(request.repositoryName, manifest.digest, manifest);
  return { digest: manifest.digest, artifactType: REFERRER_ARTIFACT_TYPES[request.kind], size: manifest.size, manifest, ociSubject: headers.get('oci-subject') };
}
