// The seam between the explorer/language features and ECR: one EcrApi per registry source.
// Results are the SDK's own shapes; the main bundle imports them with `import type` only.
import type {
  EncryptionType,
  ImageDetail,
  ImageFailure,
  ImageIdentifier,
  ImageScanFindings,
  ImageScanStatus,
  ImageStatus,
  ImageStatusFilter,
  ImageTagMutability,
  LifecyclePolicyPreviewResult,
  LifecyclePolicyPreviewStatus,
  LifecyclePolicyPreviewSummary,
  ImageReplicationStatus,
  ImageReferrer,
  ImageSigningStatus,
  ImageTagMutabilityExclusionFilter,
  PullThroughCacheRule,
  RegistryScanningConfiguration,
  ReplicationRule,
  Repository,
  RepositoryCreationTemplate,
  TagStatus,
} from '@aws-sdk/client-ecr';
import type { ImageLookup } from './describeImages';
import type { AuthorizationToken } from './tokenCache';

// The SDK's shapes, for features to import from this seam (types only: nothing of the SDK is bundled).
export type * from '@aws-sdk/client-ecr';
export type { ImageStatus, ImageStatusFilter };
export type { AuthorizationToken, ImageLookup };

export interface Page<T> {
  readonly items: T[];
  /** Absent on the last page. */
  readonly nextToken?: string;
}

export interface PageRequest {
  readonly nextToken?: string;
  /** 1..1000 */
  readonly maxResults: number;
  /** Aborts the call under way (e.g. the user cancelled a long listing). */
  readonly signal?: AbortSignal;
}

export interface ImageListRequest extends PageRequest {
  readonly tagStatus?: TagStatus;
  readonly imageStatus?: ImageStatusFilter;
  /** Another account's registry (cross-account access); default this registry's own. */
  readonly registryId?: string;
}

export interface RegistryInfo {
  readonly accountId: string;
  /** Registry host for image URIs, e.g. "111111111111.dkr.ecr.us-east-1.amazonaws.com". */
  readonly host: string;
}

export interface ScanFindingsResult {
  readonly imageScanStatus?: ImageScanStatus;
  /** Basic and enhanced findings of all pages, merged. */
  readonly imageScanFindings?: ImageScanFindings;
}

export interface NewRepository {
  readonly name: string;
  readonly tagMutability: ImageTagMutability;
  readonly scanOnPush: boolean;
  readonly encryption: Extract<EncryptionType, 'AES256' | 'KMS'>;
  readonly kmsKey?: string;
}

/** A new pull-through cache rule; ECR works out `upstreamRegistry` from the URL. */
export interface NewPullThroughCacheRule {
  readonly ecrRepositoryPrefix: string;
  readonly upstreamRegistryUrl: string;
  readonly credentialArn?: string;
  readonly customRoleArn?: string;
}

/** A creation template's settings as the explorer edits them (the SDK's shape, prefix and appliedFor required). */
export type CreationTemplateSpec = Omit<RepositoryCreationTemplate, 'createdAt' | 'updatedAt' | 'prefix' | 'appliedFor'> & {
  readonly prefix: string;
  readonly appliedFor: NonNullable<RepositoryCreationTemplate['appliedFor']>;
};

export interface LifecyclePreview {
  readonly status: LifecyclePolicyPreviewStatus;
  readonly lifecyclePolicyText?: string;
  readonly previewResults: LifecyclePolicyPreviewResult[];
  readonly summary?: LifecyclePolicyPreviewSummary;
}

export interface ImageManifest {
  readonly imageId: ImageIdentifier;
  readonly manifest: string;
  readonly mediaType?: string;
}

export interface EcrApi {
  registryInfo(): Promise<RegistryInfo>;
  listRepositories(page: PageRequest): Promise<Page<Repository>>;
  describeRepository(name: string): Promise<Repository>;
  /** One DescribeImages call per page; ECR lists ACTIVE images only unless `imageStatus` says otherwise. */
  listImages(repository: string, page: ImageListRequest): Promise<Page<ImageDetail>>;
  /** Archives (ARCHIVE) or restores (STANDARD) an image; the image's status after the call. */
  updateImageStorageClass(repository: string, imageId: ImageIdentifier, target: 'ARCHIVE' | 'STANDARD'): Promise<ImageStatus | undefined>;
  /**
   * Asked now, never cached (ImageLookups caches); <= 100 ids per call; one result per id in order;
   * missing images come back with `failure`. `registryId`: another account's registry (cross-account
   * access); default this registry's own.
   */
  describeImages(repository: string, imageIds: readonly ImageIdentifier[], registryId?: string): Promise<ImageLookup[]>;
  /** Undefined when the image has never been scanned. */
  scanFindings(repository: string, imageId: ImageIdentifier, registryId?: string): Promise<ScanFindingsResult | undefined>;
  startScan(repository: string, imageId: ImageIdentifier, registryId?: string): Promise<ImageScanStatus | undefined>;
  createRepository(spec: NewRepository): Promise<Repository>;
  deleteRepository(name: string, force: boolean): Promise<void>;
  /** Rejects with ImageFailuresError naming every image that could not be deleted. */
  deleteImages(repository: string, imageIds: readonly ImageIdentifier[]): Promise<ImageIdentifier[]>;
  /** Tags an existing image by re-putting its manifest with the same media type. */
  addTag(repository: string, digest: string, tag: string): Promise<void>;
  /** `exclusions`: the tags the *_WITH_EXCLUSION modes turn over (1-5 WILDCARD filters). */
  setTagMutability(repository: string, mutability: ImageTagMutability, exclusions?: readonly ImageTagMutabilityExclusionFilter[]): Promise<void>;
  setScanOnPush(repository: string, scanOnPush: boolean): Promise<void>;
  getLifecyclePolicy(repository: string): Promise<string | undefined>;
  putLifecyclePolicy(repository: string, policyText: string): Promise<void>;
  deleteLifecyclePolicy(repository: string): Promise<void>;
  /** Runs a preview (of `policyText`, else the saved policy) and waits for it to finish. */
  previewLifecyclePolicy(repository: string, policyText?: string): Promise<LifecyclePreview>;
  getRepositoryPolicy(repository: string): Promise<string | undefined>;
  /** `force`: ECR otherwise refuses a policy that would lock everyone out of changing it again. */
  setRepositoryPolicy(repository: string, policyText: string, force?: boolean): Promise<void>;
  /** Already gone is fine. */
  deleteRepositoryPolicy(repository: string): Promise<void>;
  /** The caller's own registry's policy; undefined when it has none. */
  getRegistryPolicy(): Promise<string | undefined>;
  putRegistryPolicy(policyText: string): Promise<void>;
  /** Already gone is fine. */
  deleteRegistryPolicy(): Promise<void>;
  getManifest(repository: string, imageId: ImageIdentifier): Promise<ImageManifest>;
  /** The registry's replication rules (DescribeRegistry). */
  replicationRules(): Promise<ReplicationRule[]>;
  /** Replaces every rule (PutReplicationConfiguration). */
  putReplicationRules(rules: readonly ReplicationRule[]): Promise<void>;
  /** The image's replication status per destination (empty when it is not replicated). */
  replicationStatus(repository: string, imageId: ImageIdentifier): Promise<ImageReplicationStatus[]>;
  /**
   * The image's referrers (signatures, SBOMs, attestations): ListImageReferrers, all pages, else the
   * registry's OCI referrers API; undefined when the registry supports neither.
   */
  listReferrers(repository: string, digest: string, registryId?: string): Promise<ImageReferrer[] | undefined>;
  /** ECR managed signing's status per signing profile (DescribeImageSigningStatus); undefined when the endpoint lacks it. */
  signingStatus(repository: string, imageId: ImageIdentifier, registryId?: string): Promise<ImageSigningStatus[] | undefined>;
  /** A blob (e.g. an SBOM document) through the registry's /v2/ API, checked against its digest; at most `maxBytes`. */
  readBlob(repository: string, digest: string, maxBytes: number): Promise<Buffer>;
  /** Which of these blobs the repository already holds (BatchCheckLayerAvailability, 100 per call). */
  layerAvailability(repository: string, digests: readonly string[]): Promise<Set<string>>;
  /** Every pull-through cache rule of the registry (all pages). */
  pullThroughCacheRules(): Promise<PullThroughCacheRule[]>;
  createPullThroughCacheRule(rule: NewPullThroughCacheRule): Promise<void>;
  /** Changes the secret (or role) a rule reaches its upstream with. */
  updatePullThroughCacheRule(prefix: string, access: { readonly credentialArn?: string; readonly customRoleArn?: string }): Promise<void>;
  deletePullThroughCacheRule(prefix: string): Promise<void>;
  /** Whether ECR can reach the upstream with the rule's settings, and why not. */
  validatePullThroughCacheRule(prefix: string): Promise<{ readonly isValid: boolean; readonly failure?: string }>;
  /** Every repository creation template of the registry (all pages). */
  creationTemplates(): Promise<RepositoryCreationTemplate[]>;
  createCreationTemplate(template: CreationTemplateSpec): Promise<void>;
  updateCreationTemplate(template: CreationTemplateSpec): Promise<void>;
  deleteCreationTemplate(prefix: string): Promise<void>;
  scanningConfiguration(): Promise<RegistryScanningConfiguration>;
  putScanningConfiguration(configuration: RegistryScanningConfiguration): Promise<void>;
  /** Docker login for the registry; kept in memory until 5 minutes before it expires. */
  authorizationToken(): Promise<AuthorizationToken>;
  dispose(): void;
}

/** Some images of a batch operation failed; lists each with ECR's failure code and reason. */
export class ImageFailuresError extends Error {
  override readonly name = 'ImageFailuresError';

  constructor(readonly operation: string, readonly failures: readonly ImageFailure[]) {
    super(
      `${operation} failed for ${failures.length} image(s): ` +
        failures
          .map((f) => `${f.imageId?.imageTag ?? f.imageId?.imageDigest ?? '?'} (${f.failureCode ?? 'error'}: ${f.failureReason ?? 'no reason given'})`)
          .join('; '),
    );
  }
}
