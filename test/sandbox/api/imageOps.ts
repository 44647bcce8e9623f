// Image-level operations. Image lists and manifests are read back from the registry process.
import { createHash } from 'node:crypto';
import { registryErrors } from '../backend';
import { EcrError, invalidParameter } from '../ecrError';
import type { ImageInfo } from '../imageIndex';
import { isIndexType, manifestFacts } from '../manifests';
import { storageName, type Repository, type SandboxState } from '../model';
import { severityCounts, vulnerabilitySourceUpdatedAt } from '../findings';
import { isTagImmutable, scansOnPush } from '../registrySettings';
import type { Operation } from './context';
import { configSize } from './emulator';
import {
  DIGEST,
  IMAGE_TAG_MAX,
  epoch,
  imageIdOf,
  optionalEnum,
  optionalList,
  optionalObject,
  optionalString,
  page,
  requiredString,
  type ImageIdInput,
  type Input,
} from './params';

type TagStatus = 'TAGGED' | 'UNTAGGED' | 'ANY';
type ImageStatusFilter = 'ACTIVE' | 'ARCHIVED' | 'ACTIVATING' | 'ANY';

interface ListFilter {
  readonly tagStatus: TagStatus;
  readonly imageStatus: ImageStatusFilter;
}

/** ECR lists ACTIVE images only unless `filter.imageStatus` asks for others. */
function listFilter(input: Input): ListFilter {
  const filter = optionalObject(input, 'filter');
  return {
    tagStatus: optionalEnum(filter?.tagStatus, 'filter.tagStatus', ['TAGGED', 'UNTAGGED', 'ANY'] as const) ?? 'ANY',
    imageStatus: optionalEnum(filter?.imageStatus, 'filter.imageStatus', ['ACTIVE', 'ARCHIVED', 'ACTIVATING', 'ANY'] as const) ?? 'ACTIVE',
  };
}

function matchesFilter(state: SandboxState, repo: Repository, image: ImageInfo, filter: ListFilter): boolean {
  if (filter.tagStatus !== 'ANY' && (filter.tagStatus === 'TAGGED') !== image.tags.length > 0) return false;
  return filter.imageStatus === 'ANY' || state.storageClass(repo, image.digest).status === filter.imageStatus;
}

const idText = (id: ImageIdInput): string => `{imageDigest:'${id.imageDigest ?? 'null'}', imageTag:'${id.imageTag ?? 'null'}'}`;

export function imageNotFound(repo: Repository, id: ImageIdInput): EcrError {
  return new EcrError(
    'ImageNotFoundException',
    `The image with imageId ${idText(id)} does not exist within the repository with name '${repo.name}' in the registry with id '${repo.registry.accountId}'`,
  );
}

/** Finds the image an imageId names; undefined if it does not exist or tag and digest disagree. */
export function resolveImage(state: SandboxState, repo: Repository, id: ImageIdInput): ImageInfo | undefined {
  const list = state.images.list(repo);
  const byTag = id.imageTag !== undefined ? list.byTag.get(id.imageTag) : undefined;
  const byDigest = id.imageDigest !== undefined ? list.byDigest.get(id.imageDigest) : undefined;
  if (id.imageTag !== undefined && id.imageDigest !== undefined) return byTag && byTag === byDigest ? byTag : undefined;
  return byTag ?? byDigest;
}

/** The image the required `imageId` member names, or ImageNotFoundException. */
export function requiredImage(state: SandboxState, repo: Repository, input: Input): { id: ImageIdInput; image: ImageInfo } {
  const raw = optionalObject(input, 'imageId');
  if (!raw) throw invalidParameter("Invalid parameter at 'imageId' failed to satisfy constraint: 'Member must not be null'");
  const id = imageIdOf(raw);
  const image = resolveImage(state, repo, id);
  if (!image) throw imageNotFound(repo, id);
  return { id, image };
}

export function imageDetail(state: SandboxState, repo: Repository, image: ImageInfo): object {
  const scan = state.scan(repo, image.digest);
  const pulled = state.lastPull(repo, image.digest);
  const storage = state.storageClass(repo, image.digest);
  return {
    registryId: repo.registry.accountId,
    repositoryName: repo.name,
    imageDigest: image.digest,
    imageTags: image.tags.length > 0 ? image.tags : undefined,
    imageSizeInBytes: state.faults.emulator.configSizeOnly ? configSize(image.manifest) : image.sizeInBytes,
    imagePushedAt: epoch(image.pushedAt),
    imageScanStatus: scan ? { status: scan.status, description: scan.description } : undefined,
    imageScanFindingsSummary:
      scan?.status === 'COMPLETE'
        ? {
            imageScanCompletedAt: epoch(scan.completedAt ?? new Date()),
            vulnerabilitySourceUpdatedAt: vulnerabilitySourceUpdatedAt(),
            findingSeverityCounts: severityCounts(scan),
          }
        : undefined,
    imageManifestMediaType: image.mediaType,
    artifactMediaType: image.artifactMediaType,
    lastRecordedPullTime: pulled ? epoch(pulled) : undefined,
    imageStatus: storage.status,
    lastArchivedAt: storage.lastArchivedAt ? epoch(storage.lastArchivedAt) : undefined,
    lastActivatedAt: storage.lastActivatedAt ? epoch(storage.lastActivatedAt) : undefined,
  };
}

const describeImages: Operation = async (ctx, input) => {
  const repo = await ctx.repository(input);
  const ids = optionalList(input, 'imageIds', 1, 100);
  if (ids) {
    if (input.maxResults !== undefined || input.nextToken !== undefined) {
      throw invalidParameter('maxResults and nextToken cannot be used together with imageIds');
    }
    const details = ids.map((raw) => {
      const id = imageIdOf(raw, 'imageIds');
      const image = resolveImage(ctx.state, repo, id);
      if (!image) throw imageNotFound(repo, id);
      return imageDetail(ctx.state, repo, image);
    });
    return { imageDetails: details };
  }
  const filter = listFilter(input);
  const images = ctx.state.images.list(repo).images.filter((image) => matchesFilter(ctx.state, repo, image, filter));
  const scope = `DescribeImages:${storageName(repo)}:${filter.tagStatus}:${filter.imageStatus}`;
  const { items, nextToken } = page(images, input, scope, { defaultMax: 100, max: 1000 });
  return { imageDetails: items.map((image) => imageDetail(ctx.state, repo, image)), nextToken };
};

const listImages: Operation = async (ctx, input) => {
  const repo = await ctx.repository(input);
  const filter = listFilter(input);
  const ids: { imageDigest: string; imageTag?: string }[] = [];
  for (const image of ctx.state.images.list(repo).images) {
    if (!matchesFilter(ctx.state, repo, image, filter)) continue;
    if (image.tags.length === 0) ids.push({ imageDigest: image.digest });
    for (const tag of image.tags) ids.push({ imageDigest: image.digest, imageTag: tag });
  }
  const { items, nextToken } = page(ids, input, `ListImages:${storageName(repo)}:${filter.tagStatus}:${filter.imageStatus}`, { defaultMax: 100, max: 1000 });
  return { imageIds: items, nextToken };
};

/** Checks an imageId for BatchGetImage/BatchDeleteImage; returns a failure entry or undefined. */
function idFailure(id: ImageIdInput): { failureCode: string; failureReason: string } | undefined {
  if (id.imageDigest === undefined && id.imageTag === undefined) {
    return { failureCode: 'MissingDigestAndTag', failureReason: 'Invalid request parameters: both tag and digest cannot be null' };
  }
  if (id.imageDigest !== undefined && !DIGEST.test(id.imageDigest)) return { failureCode: 'InvalidImageDigest', failureReason: 'Invalid image digest' };
  if (id.imageTag !== undefined && (id.imageTag.length > IMAGE_TAG_MAX || /\s/.test(id.imageTag))) {
    return { failureCode: 'InvalidImageTag', failureReason: 'Invalid image tag' };
  }
  return undefined;
}

/** The failure for an imageId that resolves to no image: its tag may exist on another digest. */
function notFound(state: SandboxState, repo: Repository, id: ImageIdInput): { failureCode: string; failureReason: string } {
  const tagged = id.imageTag !== undefined && id.imageDigest !== undefined && state.images.list(repo).byTag.has(id.imageTag);
  return tagged
    ? { failureCode: 'ImageTagDoesNotMatchDigest', failureReason: 'Requested image tag does not match the requested image digest' }
    : { failureCode: 'ImageNotFound', failureReason: 'Requested image not found' };
}

const batchGetImage: Operation = async (ctx, input) => {
  const repo = await ctx.repository(input);
  const ids = optionalList(input, 'imageIds', 1, 100);
  if (!ids) throw invalidParameter("Invalid parameter at 'imageIds' failed to satisfy constraint: 'Member must not be null'");
  optionalList(input, 'acceptedMediaTypes', 1, 100);
  const images: object[] = [];
  const failures: object[] = [];
  for (const raw of ids) {
    const id = imageIdOf(raw, 'imageIds');
    const invalid = idFailure(id);
    if (invalid) {
      failures.push({ imageId: id, ...invalid });
      continue;
    }
    const image = resolveImage(ctx.state, repo, id);
    if (!image) {
      failures.push({ imageId: id, ...notFound(ctx.state, repo, id) });
      continue;
    }
    images.push({
      registryId: repo.registry.accountId,
      repositoryName: repo.name,
      imageId: { imageDigest: image.digest, imageTag: id.imageTag },
      imageManifest: image.manifest.toString(),
      imageManifestMediaType: image.mediaType,
    });
  }
  return { images, failures };
};

const batchDeleteImage: Operation = async (ctx, input) => {
  const repo = await ctx.repository(input);
  const ids = optionalList(input, 'imageIds', 1, 100);
  if (!ids) throw invalidParameter("Invalid parameter at 'imageIds' failed to satisfy constraint: 'Member must not be null'");
  const deleted: { imageDigest: string; imageTag?: string }[] = [];
  const failures: object[] = [];
  const name = storageName(repo);
  for (const raw of ids) {
    const id = imageIdOf(raw, 'imageIds');
    const invalid = idFailure(id);
    const image = invalid ? undefined : resolveImage(ctx.state, repo, id);
    if (invalid || !image) {
      // With both tag and digest, ECR refuses when the tag now names another image: nothing is deleted.
      failures.push({ imageId: id, ...(invalid ?? notFound(ctx.state, repo, id)) });
      continue;
    }
    if (id.imageTag !== undefined && image.tags.length > 1) {
      // Removing one of several tags leaves the image in place, as ECR does.
      ctx.state.storage.removeTag(name, id.imageTag);
      ctx.state.images.invalidate(repo);
      deleted.push({ imageDigest: image.digest, imageTag: id.imageTag });
      continue;
    }
    const parents = ctx.state.images.list(repo).images.filter((other) =>
      isIndexType(other.mediaType) && manifestFacts(other.manifest).children.some((child) => child.digest === image.digest),
    );
    if (parents.length > 0) {
      failures.push({
        imageId: id,
        failureCode: 'ImageReferencedByManifestList',
        failureReason: `Requested image referenced by manifest list: [${parents.map((p) => p.digest).join(', ')}]`,
      });
      continue;
    }
    const response = await ctx.backend.deleteManifest(name, image.digest);
    if (response.status !== 202 && response.status !== 404) {
      throw new EcrError('ServerException', `registry refused the delete: ${response.status} ${response.body.toString().slice(0, 200)}`, 500);
    }
    ctx.state.forgetImage(repo, image.digest);
    if (image.tags.length === 0) deleted.push({ imageDigest: image.digest });
    for (const tag of image.tags) deleted.push({ imageDigest: image.digest, imageTag: tag });
  }
  return { imageIds: deleted, failures };
};

const putImage: Operation = async (ctx, input) => {
  const repo = await ctx.repository(input);
  const manifestText = requiredString(input, 'imageManifest', 1, 4194304);
  const declaredType = optionalString(input, 'imageManifestMediaType');
  const tag = optionalString(input, 'imageTag', 1, IMAGE_TAG_MAX);
  const expectedDigest = optionalString(input, 'imageDigest');
  const bytes = Buffer.from(manifestText);
  let mediaType: string;
  try {
    mediaType = manifestFacts(bytes, declaredType).mediaType;
  } catch {
    throw invalidParameter("Invalid parameter at 'ImageManifest' failed to satisfy constraint: 'Invalid JSON syntax'");
  }
  const digest = `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
  if (expectedDigest !== undefined && expectedDigest !== digest) {
    throw new EcrError('ImageDigestDoesNotMatchException', `Invalid parameter at 'imageDigest' failed to satisfy constraint: 'The provided image digest ${expectedDigest} does not match the calculated digest ${digest}'`);
  }
  const list = ctx.state.images.list(repo);
  const registryId = repo.registry.accountId;
  const existing = tag === undefined ? list.byDigest.get(digest) : list.byTag.get(tag);
  if (existing?.digest === digest) {
    throw new EcrError(
      'ImageAlreadyExistsException',
      `Image with digest '${digest}'${tag ? ` and tag '${tag}'` : ''} already exists in the repository with name '${repo.name}' in registry with id '${registryId}'`,
    );
  }
  if (existing && tag !== undefined && isTagImmutable(repo, tag)) {
    throw new EcrError(
      'ImageTagAlreadyExistsException',
      `The image tag '${tag}' already exists in the '${repo.name}' repository and cannot be overwritten because the repository is immutable.`,
    );
  }
  const response = await ctx.backend.putManifest(storageName(repo), tag ?? digest, bytes, mediaType);
  if (response.status !== 201) throw putImageError(response.body, repo);
  ctx.state.recordPush(repo, digest);
  if (scansOnPush(repo) && !isIndexType(mediaType)) ctx.state.startScan(repo, digest);
  return {
    image: { registryId, repositoryName: repo.name, imageId: { imageDigest: digest, imageTag: tag }, imageManifest: manifestText, imageManifestMediaType: mediaType },
  };
};

function putImageError(body: Buffer, repo: Repository): EcrError {
  const errors = registryErrors(body);
  const blobs = errors.filter((e) => e.code === 'MANIFEST_BLOB_UNKNOWN').map((e) => String((e.detail as { digest?: string } | undefined)?.digest ?? e.detail));
  if (blobs.length > 0) {
    return new EcrError(
      'LayersNotFoundException',
      `Layers with digests '[${blobs.join(', ')}]' required for pushing image into repository with name '${repo.name}' in the registry with id '${repo.registry.accountId}' do not exist`,
    );
  }
  if (errors.some((e) => e.code === 'MANIFEST_UNKNOWN')) {
    return new EcrError('ReferencedImagesNotFoundException', 'Some of the images referenced by the manifest list do not exist in the repository.');
  }
  return invalidParameter(`Invalid parameter at 'ImageManifest' failed to satisfy constraint: '${errors.map((e) => e.message).join('; ') || 'invalid manifest'}'`);
}

/** Archive (ARCHIVE) or restore (STANDARD) one image; a restore answers ACTIVATING. */
const updateImageStorageClass: Operation = async (ctx, input) => {
  const repo = await ctx.repository(input);
  const raw = optionalObject(input, 'imageId');
  if (!raw) throw invalidParameter("Invalid parameter at 'imageId' failed to satisfy constraint: 'Member must not be null'");
  const id = imageIdOf(raw);
  const target = optionalEnum(requiredString(input, 'targetStorageClass'), 'targetStorageClass', ['STANDARD', 'ARCHIVE'] as const);
  if (!target) throw invalidParameter("Invalid parameter at 'targetStorageClass' failed to satisfy constraint: 'Member must not be null'");
  const image = resolveImage(ctx.state, repo, id);
  if (!image) throw imageNotFound(repo, id);
  const current = ctx.state.storageClass(repo, image.digest).status;
  if ((target === 'ARCHIVE' && current !== 'ACTIVE') || (target === 'STANDARD' && current !== 'ARCHIVED')) {
    throw new EcrError(
      'ImageStorageClassUpdateNotSupportedException',
      `The image with digest '${image.digest}' is ${current} and cannot be transitioned to the ${target} storage class.`,
    );
  }
  const record = ctx.state.setStorageClass(repo, image.digest, target);
  return {
    registryId: repo.registry.accountId,
    repositoryName: repo.name,
    imageId: { imageDigest: image.digest, imageTag: id.imageTag },
    imageStatus: record.status,
  };
};

export const imageOperations: Record<string, Operation> = {
  UpdateImageStorageClass: updateImageStorageClass,
  DescribeImages: describeImages,
  ListImages: listImages,
  BatchGetImage: batchGetImage,
  BatchDeleteImage: batchDeleteImage,
  PutImage: putImage,
};
