// EcrApi over the real @aws-sdk/client-ecr: one ECRClient per registry source.
import {
  BatchCheckLayerAvailabilityCommand,
  BatchDeleteImageCommand,
  BatchGetImageCommand,
  CreatePullThroughCacheRuleCommand,
  CreateRepositoryCommand,
  CreateRepositoryCreationTemplateCommand,
  DeletePullThroughCacheRuleCommand,
  DeleteRepositoryCreationTemplateCommand,
  DeleteLifecyclePolicyCommand,
  DeleteRegistryPolicyCommand,
  DeleteRepositoryPolicyCommand,
  DeleteRepositoryCommand,
  DescribeImageReplicationStatusCommand,
  DescribeImageSigningStatusCommand,
  DescribeImageScanFindingsCommand,
  DescribeImagesCommand,
  DescribePullThroughCacheRulesCommand,
  DescribeRegistryCommand,
  DescribeRepositoriesCommand,
  DescribeRepositoryCreationTemplatesCommand,
  ECRClient,
  GetAuthorizationTokenCommand,
  GetLifecyclePolicyCommand,
  GetLifecyclePolicyPreviewCommand,
  GetRegistryPolicyCommand,
  GetRegistryScanningConfigurationCommand,
  GetRepositoryPolicyCommand,
  ListImageReferrersCommand,
  ListImagesCommand,
  PutImageCommand,
  PutImageScanningConfigurationCommand,
  PutImageTagMutabilityCommand,
  PutLifecyclePolicyCommand,
  PutRegistryPolicyCommand,
  PutRegistryScanningConfigurationCommand,
  PutReplicationConfigurationCommand,
  SetRepositoryPolicyCommand,
  StartImageScanCommand,
  StartLifecyclePolicyPreviewCommand,
  UpdateImageStorageClassCommand,
  UpdatePullThroughCacheRuleCommand,
  UpdateRepositoryCreationTemplateCommand,
  ValidatePullThroughCacheRuleCommand,
  type ImageDetail,
  type ImageIdentifier,
  type ImageScanFindings,
  type ImageScanStatus,
  type ImageReplicationStatus,
  type ImageReferrer,
  type ImageSigningStatus,
  type ImageStatus,
  type ImageTagMutability,
  type ImageTagMutabilityExclusionFilter,
  type LifecyclePolicyPreviewResult,
  type PullThroughCacheRule,
  type RegistryScanningConfiguration,
  type ReplicationRule,
  type Repository,
  type RepositoryCreationTemplate,
} from '@aws-sdk/client-ecr';
import { credentialsFor, type CredentialProvider } from './credentials';
import type { RegistrySource } from './discovery';
import {
  ImageFailuresError,
  type CreationTemplateSpec,
  type EcrApi,
  type NewPullThroughCacheRule,
  type ImageListRequest,
  type ImageManifest,
  type LifecyclePreview,
  type NewRepository,
  type Page,
  type PageRequest,
  type RegistryInfo,
  type ScanFindingsResult,
} from './ecrApi';
import { describeEach, type ImageLookup } from './describeImages';
import type { NodeHttpHandler } from '@smithy/node-http-handler';
import { createRequestHandler, type NetworkOptions } from './network';
import { fetchBlob, ociReferrers } from './registryHttp';
import { attachRequestCounter, type RequestCounter } from './requestCounter';
import { TokenCache, type AuthorizationToken } from './tokenCache';

export interface EcrApiOptions {
  /** Defaults to the source's own provider (see credentials.ts). */
  readonly credentials?: CredentialProvider;
  readonly counter?: RequestCounter;
  /** Total tries per request, including the first (default 3). */
  readonly maxAttempts?: number;
  readonly requestTimeoutMs?: number;
  /** Lifecycle preview polling. */
  readonly pollIntervalMs?: number;
  readonly pollTimeoutMs?: number;
  readonly now?: () => number;
  /** Proxy, NO_PROXY and extra CAs (VS Code's http.* settings, then the environment). */
  readonly network?: NetworkOptions;
  /** Told about answers the extension works around (e.g. an emulator's odd token expiry); no secrets. */
  readonly warn?: (message: string) => void;
}

/** Referrers read per image at most (10 pages of 50): a row per signature or SBOM, not a bulk listing. */
const MAX_REFERRERS = 500;

/** ListImages pages (1,000 ids each) worth reading to find several missing images at once. */
const LIST_IDS_MAX_PAGES = 5;

// Every manifest kind ECR stores; BatchGetImage otherwise converts or refuses some.
const MANIFEST_TYPES = [
  'application/vnd.docker.distribution.manifest.v2+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.oci.image.index.v1+json',
  'application/vnd.docker.distribution.manifest.v1+prettyjws',
];

export function createEcrApi(source: RegistrySource, options: EcrApiOptions = {}): EcrApi {
  if (source.problem || !source.region) throw new Error(source.problem ?? `${source.label} has no region.`);
  const requestHandler = createRequestHandler(options.network ?? {}, source.profile, {
    connectionTimeout: 5_000,
    requestTimeout: options.requestTimeoutMs ?? 30_000,
  });
  const client = new ECRClient({
    region: source.region,
    endpoint: source.endpoint, // undefined: the SDK applies AWS_ENDPOINT_URL_ECR / services config itself
    profile: source.profile,
    credentials: options.credentials ?? credentialsFor(source, requestHandler),
    retryMode: 'adaptive',
    maxAttempts: options.maxAttempts ?? 3,
    requestHandler,
  });
  if (options.counter) attachRequestCounter(client, options.counter);
  return new EcrClientApi(client, options, requestHandler);
}

class EcrClientApi implements EcrApi {
  private readonly tokens: TokenCache;
  private info: Promise<RegistryInfo> | undefined;
  private inFlight = 0;
  private disposed = false;

  constructor(private readonly client: ECRClient, private readonly options: EcrApiOptions, private readonly http: NodeHttpHandler) {
    // dispose() closes the connections only once the requests under way have their answers.
    client.middlewareStack.add(
      (next) => async (args) => {
        this.inFlight++;
        try {
          return await next(args);
        } finally {
          if (--this.inFlight === 0 && this.disposed) this.client.destroy();
        }
      },
      { step: 'initialize', name: 'ecrExplorerInFlight' },
    );
    this.tokens = new TokenCache(() => this.fetchToken(), {
      now: options.now,
      onPastExpiry: (expiresAt) => options.warn?.(
        `GetAuthorizationToken gave a token that expires at ${Number.isNaN(expiresAt.getTime()) ? 'an invalid date' : expiresAt.toISOString()}, `
          + 'before it can be used (an ECR emulator?). It is used for a few minutes at a time instead.',
      ),
    });
  }

  registryInfo(): Promise<RegistryInfo> {
    if (!this.info) {
      const info = this.fetchInfo();
      this.info = info;
      info.catch(() => {
        if (this.info === info) this.info = undefined; // a failure is not cached: the next call asks again
      });
    }
    return this.info;
  }

  async listRepositories(page: PageRequest): Promise<Page<Repository>> {
    const out = await this.client.send(new DescribeRepositoriesCommand({ maxResults: page.maxResults, nextToken: page.nextToken }), { abortSignal: page.signal });
    return { items: out.repositories ?? [], nextToken: out.nextToken };
  }

  async describeRepository(name: string): Promise<Repository> {
    const out = await this.client.send(new DescribeRepositoriesCommand({ repositoryNames: [name] }));
    const repository = out.repositories?.[0];
    if (!repository) throw notFound('RepositoryNotFoundException', `Repository "${name}" not found.`);
    return repository;
  }

  async listImages(repositoryName: string, page: ImageListRequest): Promise<Page<ImageDetail>> {
    const out = await this.client.send(new DescribeImagesCommand({
      repositoryName,
      registryId: page.registryId,
      maxResults: page.maxResults,
      nextToken: page.nextToken,
      filter: page.tagStatus || page.imageStatus ? { tagStatus: page.tagStatus, imageStatus: page.imageStatus } : undefined,
    }), { abortSignal: page.signal });
    return { items: out.imageDetails ?? [], nextToken: out.nextToken };
  }

  async updateImageStorageClass(repositoryName: string, imageId: ImageIdentifier, targetStorageClass: 'ARCHIVE' | 'STANDARD'): Promise<ImageStatus | undefined> {
    const out = await this.client.send(new UpdateImageStorageClassCommand({ repositoryName, imageId, targetStorageClass }));
    return out.imageStatus;
  }

  describeImages(repository: string, imageIds: readonly ImageIdentifier[], registryId?: string): Promise<ImageLookup[]> {
    return describeEach(
      async (repositoryName, ids, otherAccount) => (await this.client.send(new DescribeImagesCommand({ repositoryName, imageIds: ids, registryId: otherAccount }))).imageDetails ?? [],
      repository,
      imageIds,
      registryId,
      (repositoryName, otherAccount) => this.imageIds(repositoryName, otherAccount),
    );
  }

  /** Every image id of a repository, archived ones too; undefined past LIST_IDS_MAX_PAGES pages (then looking ids up one by one is cheaper). */
  private async imageIds(repositoryName: string, registryId?: string): Promise<ImageIdentifier[] | undefined> {
    const ids: ImageIdentifier[] = [];
    let nextToken: string | undefined;
    for (let page = 0; page < LIST_IDS_MAX_PAGES; page++) {
      const out = await this.client.send(new ListImagesCommand({ repositoryName, registryId, nextToken, maxResults: 1000, filter: { imageStatus: 'ANY' } }));
      ids.push(...(out.imageIds ?? []));
      nextToken = out.nextToken;
      if (!nextToken) return ids;
    }
    return undefined;
  }

  async scanFindings(repositoryName: string, imageId: ImageIdentifier, registryId?: string): Promise<ScanFindingsResult | undefined> {
    let nextToken: string | undefined;
    let result: ScanFindingsResult | undefined;
    try {
      do {
        const out = await this.client.send(new DescribeImageScanFindingsCommand({ repositoryName, imageId, registryId, nextToken, maxResults: 1000 }));
        result = { imageScanStatus: out.imageScanStatus, imageScanFindings: mergeFindings(result?.imageScanFindings, out.imageScanFindings) };
        nextToken = out.nextToken;
      } while (nextToken);
    } catch (error) {
      if (isNamed(error, 'ScanNotFoundException')) return undefined;
      throw error;
    }
    return result;
  }

  async startScan(repositoryName: string, imageId: ImageIdentifier, registryId?: string): Promise<ImageScanStatus | undefined> {
    const out = await this.client.send(new StartImageScanCommand({ repositoryName, imageId, registryId }));
    return out.imageScanStatus;
  }

  async createRepository(spec: NewRepository): Promise<Repository> {
    const out = await this.client.send(new CreateRepositoryCommand({
      repositoryName: spec.name,
      imageTagMutability: spec.tagMutability,
      imageScanningConfiguration: { scanOnPush: spec.scanOnPush },
      encryptionConfiguration: { encryptionType: spec.encryption, kmsKey: spec.encryption === 'KMS' ? spec.kmsKey || undefined : undefined },
    }));
    if (!out.repository) throw new Error(`CreateRepository returned no repository for "${spec.name}".`);
    return out.repository;
  }

  async deleteRepository(repositoryName: string, force: boolean): Promise<void> {
    await this.client.send(new DeleteRepositoryCommand({ repositoryName, force }));
  }

  async deleteImages(repositoryName: string, imageIds: readonly ImageIdentifier[]): Promise<ImageIdentifier[]> {
    const out = await this.client.send(new BatchDeleteImageCommand({ repositoryName, imageIds: [...imageIds] }));
    if (out.failures?.length) throw new ImageFailuresError('Delete', out.failures);
    return out.imageIds ?? [];
  }

  async addTag(repositoryName: string, digest: string, tag: string): Promise<void> {
    const { manifest, mediaType } = await this.getManifest(repositoryName, { imageDigest: digest });
    await this.client.send(new PutImageCommand({
      repositoryName,
      imageManifest: manifest,
      imageManifestMediaType: mediaType,
      imageDigest: digest, // lets ECR check it stores exactly this manifest
      imageTag: tag,
    }));
  }

  async setTagMutability(repositoryName: string, imageTagMutability: ImageTagMutability, exclusions?: readonly ImageTagMutabilityExclusionFilter[]): Promise<void> {
    const imageTagMutabilityExclusionFilters = exclusions && exclusions.length > 0 ? [...exclusions] : undefined;
    await this.client.send(new PutImageTagMutabilityCommand({ repositoryName, imageTagMutability, imageTagMutabilityExclusionFilters }));
  }

  async setScanOnPush(repositoryName: string, scanOnPush: boolean): Promise<void> {
    await this.client.send(new PutImageScanningConfigurationCommand({ repositoryName, imageScanningConfiguration: { scanOnPush } }));
  }

  async getLifecyclePolicy(repositoryName: string): Promise<string | undefined> {
    const out = await unlessNamed('LifecyclePolicyNotFoundException', this.client.send(new GetLifecyclePolicyCommand({ repositoryName })));
    return out?.lifecyclePolicyText;
  }

  async putLifecyclePolicy(repositoryName: string, lifecyclePolicyText: string): Promise<void> {
    await this.client.send(new PutLifecyclePolicyCommand({ repositoryName, lifecyclePolicyText }));
  }

  async deleteLifecyclePolicy(repositoryName: string): Promise<void> {
    // Already gone is fine.
    await unlessNamed('LifecyclePolicyNotFoundException', this.client.send(new DeleteLifecyclePolicyCommand({ repositoryName })));
  }

  async previewLifecyclePolicy(repositoryName: string, lifecyclePolicyText?: string): Promise<LifecyclePreview> {
    await this.client.send(new StartLifecyclePolicyPreviewCommand({ repositoryName, lifecyclePolicyText }));
    const now = this.options.now ?? Date.now;
    const deadline = now() + (this.options.pollTimeoutMs ?? 120_000);
    let delay = this.options.pollIntervalMs ?? 1_000;
    for (;;) {
      const first = await this.client.send(new GetLifecyclePolicyPreviewCommand({ repositoryName, maxResults: 100 }));
      const status = first.status ?? 'IN_PROGRESS';
      if (status !== 'IN_PROGRESS') {
        const previewResults: LifecyclePolicyPreviewResult[] = [...(first.previewResults ?? [])];
        for (let token = first.nextToken; token; ) {
          const more = await this.client.send(new GetLifecyclePolicyPreviewCommand({ repositoryName, nextToken: token, maxResults: 100 }));
          previewResults.push(...(more.previewResults ?? []));
          token = more.nextToken;
        }
        return { status, lifecyclePolicyText: first.lifecyclePolicyText, previewResults, summary: first.summary };
      }
      if (now() + delay > deadline) throw new Error(`The lifecycle policy preview of "${repositoryName}" did not finish in time.`);
      await sleep(delay);
      delay = Math.min(delay * 2, 5_000);
    }
  }

  async getRepositoryPolicy(repositoryName: string): Promise<string | undefined> {
    const out = await unlessNamed('RepositoryPolicyNotFoundException', this.client.send(new GetRepositoryPolicyCommand({ repositoryName })));
    return out?.policyText;
  }

  async setRepositoryPolicy(repositoryName: string, policyText: string, force = false): Promise<void> {
    await this.client.send(new SetRepositoryPolicyCommand({ repositoryName, policyText, force }));
  }

  async deleteRepositoryPolicy(repositoryName: string): Promise<void> {
    await unlessNamed('RepositoryPolicyNotFoundException', this.client.send(new DeleteRepositoryPolicyCommand({ repositoryName })));
  }

  async getRegistryPolicy(): Promise<string | undefined> {
    const out = await unlessNamed('RegistryPolicyNotFoundException', this.client.send(new GetRegistryPolicyCommand({})));
    return out?.policyText;
  }

  async putRegistryPolicy(policyText: string): Promise<void> {
    await this.client.send(new PutRegistryPolicyCommand({ policyText }));
  }

  async deleteRegistryPolicy(): Promise<void> {
    await unlessNamed('RegistryPolicyNotFoundException', this.client.send(new DeleteRegistryPolicyCommand({})));
  }

  async getManifest(repositoryName: string, imageId: ImageIdentifier): Promise<ImageManifest> {
    const out = await this.client.send(new BatchGetImageCommand({ repositoryName, imageIds: [imageId], acceptedMediaTypes: MANIFEST_TYPES }));
    const image = out.images?.[0];
    if (!image?.imageManifest) {
      if (out.failures?.length) throw new ImageFailuresError('Get manifest', out.failures);
      throw notFound('ImageNotFoundException', `Image ${imageId.imageTag ?? imageId.imageDigest ?? ''} not found in "${repositoryName}".`);
    }
    return { imageId: image.imageId ?? imageId, manifest: image.imageManifest, mediaType: image.imageManifestMediaType ?? mediaTypeOf(image.imageManifest) };
  }

  async replicationRules(): Promise<ReplicationRule[]> {
    const out = await this.client.send(new DescribeRegistryCommand({}));
    return out.replicationConfiguration?.rules ?? [];
  }

  async putReplicationRules(rules: readonly ReplicationRule[]): Promise<void> {
    await this.client.send(new PutReplicationConfigurationCommand({ replicationConfiguration: { rules: [...rules] } }));
  }

  async replicationStatus(repositoryName: string, imageId: ImageIdentifier): Promise<ImageReplicationStatus[]> {
    const out = await this.client.send(new DescribeImageReplicationStatusCommand({ repositoryName, imageId }));
    return out.replicationStatuses ?? [];
  }

  async listReferrers(repositoryName: string, digest: string, registryId?: string): Promise<ImageReferrer[] | undefined> {
    try {
      return await allPages(async (nextToken) => {
        const out = await this.client.send(new ListImageReferrersCommand({ repositoryName, registryId, subjectId: { imageDigest: digest }, maxResults: 50, nextToken }));
        return { items: out.referrers, nextToken: out.nextToken };
      }, MAX_REFERRERS);
    } catch (error) {
      if (!isUnsupportedOperation(error)) throw error;
    }
    // An endpoint without ListImageReferrers: the registry's own referrers API (own registry only).
    return registryId ? undefined : ociReferrers(this.http, await this.tokens.get(), repositoryName, digest);
  }

  async signingStatus(repositoryName: string, imageId: ImageIdentifier, registryId?: string): Promise<ImageSigningStatus[] | undefined> {
    try {
      const out = await this.client.send(new DescribeImageSigningStatusCommand({ repositoryName, imageId, registryId }));
      return out.signingStatuses ?? [];
    } catch (error) {
      if (isUnsupportedOperation(error)) return undefined;
      throw error;
    }
  }

  async readBlob(repositoryName: string, digest: string, maxBytes: number): Promise<Buffer> {
    return fetchBlob(this.http, await this.tokens.get(), repositoryName, digest, maxBytes);
  }

  async layerAvailability(repositoryName: string, digests: readonly string[]): Promise<Set<string>> {
    const available = new Set<string>();
    for (let i = 0; i < digests.length; i += 100) {
      const out = await this.client.send(new BatchCheckLayerAvailabilityCommand({ repositoryName, layerDigests: digests.slice(i, i + 100) }));
      for (const layer of out.layers ?? []) if (layer.layerAvailability === 'AVAILABLE' && layer.layerDigest) available.add(layer.layerDigest);
    }
    return available;
  }

  async pullThroughCacheRules(): Promise<PullThroughCacheRule[]> {
    return allPages(async (nextToken) => {
      const out = await this.client.send(new DescribePullThroughCacheRulesCommand({ nextToken, maxResults: 1000 }));
      return { items: out.pullThroughCacheRules, nextToken: out.nextToken };
    });
  }

  async createPullThroughCacheRule(rule: NewPullThroughCacheRule): Promise<void> {
    await this.client.send(new CreatePullThroughCacheRuleCommand({ ...rule }));
  }

  async updatePullThroughCacheRule(ecrRepositoryPrefix: string, access: { credentialArn?: string; customRoleArn?: string }): Promise<void> {
    await this.client.send(new UpdatePullThroughCacheRuleCommand({ ecrRepositoryPrefix, ...access }));
  }

  async deletePullThroughCacheRule(ecrRepositoryPrefix: string): Promise<void> {
    await this.client.send(new DeletePullThroughCacheRuleCommand({ ecrRepositoryPrefix }));
  }

  async validatePullThroughCacheRule(ecrRepositoryPrefix: string): Promise<{ isValid: boolean; failure?: string }> {
    const out = await this.client.send(new ValidatePullThroughCacheRuleCommand({ ecrRepositoryPrefix }));
    return { isValid: out.isValid === true, failure: out.failure };
  }

  async creationTemplates(): Promise<RepositoryCreationTemplate[]> {
    return allPages(async (nextToken) => {
      const out = await this.client.send(new DescribeRepositoryCreationTemplatesCommand({ nextToken, maxResults: 1000 }));
      return { items: out.repositoryCreationTemplates, nextToken: out.nextToken };
    });
  }

  async createCreationTemplate(template: CreationTemplateSpec): Promise<void> {
    await this.client.send(new CreateRepositoryCreationTemplateCommand(templateInput(template)));
  }

  async updateCreationTemplate(template: CreationTemplateSpec): Promise<void> {
    await this.client.send(new UpdateRepositoryCreationTemplateCommand(templateInput(template)));
  }

  async deleteCreationTemplate(prefix: string): Promise<void> {
    await this.client.send(new DeleteRepositoryCreationTemplateCommand({ prefix }));
  }

  async scanningConfiguration(): Promise<RegistryScanningConfiguration> {
    const out = await this.client.send(new GetRegistryScanningConfigurationCommand({}));
    return out.scanningConfiguration ?? { scanType: 'BASIC', rules: [] };
  }

  async putScanningConfiguration(configuration: RegistryScanningConfiguration): Promise<void> {
    await this.client.send(new PutRegistryScanningConfigurationCommand({ scanType: configuration.scanType, rules: configuration.rules }));
  }

  authorizationToken(): Promise<AuthorizationToken> {
    return this.tokens.get();
  }

  /** Forgets the login token; connections close when the last request under way has its answer. */
  dispose(): void {
    this.disposed = true;
    this.tokens.clear();
    if (this.inFlight === 0) this.client.destroy();
  }

  private async fetchToken(): Promise<AuthorizationToken> {
    const out = await this.client.send(new GetAuthorizationTokenCommand({}));
    const data = out.authorizationData?.[0];
    if (!data?.authorizationToken || !data.proxyEndpoint) throw new Error('GetAuthorizationToken returned no token.');
    const decoded = Buffer.from(data.authorizationToken, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0) throw new Error('GetAuthorizationToken returned a token in an unexpected format.');
    return {
      username: decoded.slice(0, colon),
      password: decoded.slice(colon + 1),
      proxyEndpoint: data.proxyEndpoint,
      expiresAt: data.expiresAt ?? new Date((this.options.now ?? Date.now)() + 60 * 60_000),
    };
  }

  private async fetchInfo(): Promise<RegistryInfo> {
    const token = await this.tokens.get();
    const host = new URL(token.proxyEndpoint.includes('://') ? token.proxyEndpoint : `https://${token.proxyEndpoint}`).host;
    try {
      const out = await this.client.send(new DescribeRegistryCommand({}));
      if (out.registryId) return { accountId: out.registryId, host };
    } catch (error) {
      // Without ecr:DescribeRegistry, or on an emulator that lacks it, the account is still the first
      // label of an AWS registry host.
      const denied = isNamed(error, 'AccessDeniedException');
      if (!denied && !isUnsupportedOperation(error)) throw error;
      const fromHost = /^(\d{12})\.dkr\./.exec(host)?.[1];
      if (fromHost) return { accountId: fromHost, host };
      if (denied) throw error;
      throw new Error(
        `This ECR endpoint does not support DescribeRegistry (${errorText(error)}), and its registry host "${host}" names no AWS account, `
          + 'so the registry\'s account is unknown.',
      );
    }
    throw new Error('DescribeRegistry returned no registry id.');
  }
}

function mergeFindings(a: ImageScanFindings | undefined, b: ImageScanFindings | undefined): ImageScanFindings | undefined {
  if (!a) return b;
  if (!b) return a;
  return {
    ...b,
    findings: [...(a.findings ?? []), ...(b.findings ?? [])],
    enhancedFindings: [...(a.enhancedFindings ?? []), ...(b.enhancedFindings ?? [])],
    findingSeverityCounts: a.findingSeverityCounts ?? b.findingSeverityCounts,
  };
}

function mediaTypeOf(manifest: string): string | undefined {
  try {
    const parsed = JSON.parse(manifest) as { mediaType?: unknown };
    return typeof parsed.mediaType === 'string' ? parsed.mediaType : undefined;
  } catch {
    return undefined;
  }
}

/**
 * An operation the endpoint does not have: ECR answers an unknown X-Amz-Target with 400
 * UnknownOperationException; LocalStack answers one it lacks with 501 InternalFailure.
 */
function isUnsupportedOperation(error: unknown): boolean {
  const status = (error as { $metadata?: { httpStatusCode?: number } } | undefined)?.$metadata?.httpStatusCode;
  return isNamed(error, 'UnknownOperationException') || status === 501;
}

function errorText(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}`.slice(0, 200) : String(error);
}

function isNamed(error: unknown, name: string): boolean {
  return error instanceof Error && error.name === name;
}

/** The call's result, or undefined when it fails with the ECR error `name` (e.g. "…NotFoundException"). */
async function unlessNamed<T>(name: string, call: Promise<T>): Promise<T | undefined> {
  try {
    return await call;
  } catch (error) {
    if (isNamed(error, name)) return undefined;
    throw error;
  }
}

function notFound(name: string, message: string): Error {
  const error = new Error(message);
  error.name = name;
  return error;
}

/** Every item of a paged listing, page after page (`fetch` gets the previous page's token), up to about `limit`. */
async function allPages<T>(fetch: (nextToken: string | undefined) => Promise<{ items?: T[]; nextToken?: string }>, limit = Infinity): Promise<T[]> {
  const items: T[] = [];
  let nextToken: string | undefined;
  do {
    const page = await fetch(nextToken);
    items.push(...(page.items ?? []));
    nextToken = page.nextToken;
  } while (nextToken && items.length < limit);
  return items;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** The SDK input of a template: lists copied (the SDK's types are mutable), empty exclusions left out. */
function templateInput(t: CreationTemplateSpec) {
  const exclusions = t.imageTagMutabilityExclusionFilters ?? [];
  return {
    ...t,
    appliedFor: [...t.appliedFor],
    imageTagMutabilityExclusionFilters: exclusions.length > 0 ? [...exclusions] : undefined,
  };
}
