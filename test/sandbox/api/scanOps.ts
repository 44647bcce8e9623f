// StartImageScan and DescribeImageScanFindings.
import { EcrError } from '../ecrError';
import { isIndexType } from '../manifests';
import { storageName } from '../model';
import { scanFindings, severityCounts, vulnerabilitySourceUpdatedAt } from '../findings';
import type { Operation } from './context';
import { imageNotFound, resolveImage } from './imageOps';
import { epoch, imageIdOf, page } from './params';

const startImageScan: Operation = async (ctx, input) => {
  const repo = await ctx.repository(input);
  const id = imageIdOf(input.imageId);
  const image = resolveImage(ctx.state, repo, id);
  if (!image) throw imageNotFound(repo, id);
  if (isIndexType(image.mediaType)) throw new EcrError('UnsupportedImageTypeException', 'The image is of a type that cannot be scanned.');
  if (ctx.state.storageClass(repo, image.digest).status !== 'ACTIVE') throw new EcrError('ImageArchivedException', 'The specified image is archived and cannot be scanned.');
  if (ctx.state.scan(repo, image.digest)?.status === 'IN_PROGRESS') {
    throw new EcrError('LimitExceededException', 'The scan quota per image has been exceeded. Wait and try again.');
  }
  const scan = ctx.state.startScan(repo, image.digest);
  return {
    registryId: repo.registry.accountId,
    repositoryName: repo.name,
    imageId: { imageDigest: image.digest, imageTag: id.imageTag },
    imageScanStatus: { status: scan.status, description: scan.description },
  };
};

const describeImageScanFindings: Operation = async (ctx, input) => {
  const repo = await ctx.repository(input);
  const id = imageIdOf(input.imageId);
  const image = resolveImage(ctx.state, repo, id);
  if (!image) throw imageNotFound(repo, id);
  const scan = ctx.state.scan(repo, image.digest);
  if (!scan) {
    throw new EcrError(
      'ScanNotFoundException',
      `Image scan does not exist for the image with '{imageDigest:'${image.digest}', imageTag:'${id.imageTag ?? 'null'}'}' in the repository with name '${repo.name}' in the registry with id '${repo.registry.accountId}'`,
    );
  }
  const base = {
    registryId: repo.registry.accountId,
    repositoryName: repo.name,
    imageId: { imageDigest: image.digest, imageTag: id.imageTag },
    imageScanStatus: { status: scan.status, description: scan.description },
  };
  if (scan.status !== 'COMPLETE') return base;
  const all = scanFindings(repo, image, scan);
  const { items, nextToken } = page(all, input, `Findings:${storageName(repo)}@${image.digest}`, { defaultMax: 100, max: 1000 });
  return {
    ...base,
    imageScanFindings: {
      imageScanCompletedAt: epoch(scan.completedAt ?? new Date()),
      vulnerabilitySourceUpdatedAt: vulnerabilitySourceUpdatedAt(),
      findingSeverityCounts: severityCounts(scan),
      [scan.type === 'BASIC' ? 'findings' : 'enhancedFindings']: items,
    },
    nextToken,
  };
};

export const scanOperations = {
  StartImageScan: startImageScan,
  DescribeImageScanFindings: describeImageScanFindings,
};
