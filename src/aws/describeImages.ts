// DescribeImages for a list of image ids: ECR takes at most 100 per call and fails the whole
// call when one of them is missing, so the missing ones are taken out and the rest asked again.
import type { ImageDetail, ImageIdentifier } from '@aws-sdk/client-ecr';

export interface ImageLookup {
  readonly imageId: ImageIdentifier;
  /** Present when the image exists. */
  readonly image?: ImageDetail;
  /** Present when it does not (e.g. "ImageNotFound"), with ECR's reason. */
  readonly failure?: { readonly code: string; readonly reason: string };
}

/** One DescribeImages call; `registryId`: another account's. */
export type DescribeImagesFn = (repository: string, imageIds: ImageIdentifier[], registryId?: string) => Promise<ImageDetail[]>;

export const DESCRIBE_IMAGES_MAX_IDS = 100;

/** One result per id, in order; rejects only for errors other than "image not found". */
export async function describeEach(describe: DescribeImagesFn, repository: string, ids: readonly ImageIdentifier[], registryId?: string): Promise<ImageLookup[]> {
  const chunks: ImageIdentifier[][] = [];
  for (let i = 0; i < ids.length; i += DESCRIBE_IMAGES_MAX_IDS) chunks.push(ids.slice(i, i + DESCRIBE_IMAGES_MAX_IDS));
  return (await Promise.all(chunks.map((chunk) => describeAll(describe, repository, registryId, chunk)))).flat();
}

// A missing image is named in ECR's message (else found by halving); take it out and ask again.
async function describeAll(describe: DescribeImagesFn, repository: string, registryId: string | undefined, ids: ImageIdentifier[]): Promise<ImageLookup[]> {
  try {
    const details = await describe(repository, ids, registryId);
    return ids.map((imageId) => matchDetail(imageId, details));
  } catch (error) {
    if (!isImageNotFound(error)) throw error;
    const reason = error.message || 'Image not found';
    if (ids.length === 1) return [{ imageId: ids[0], failure: { code: 'ImageNotFound', reason } }];
    const named = ids.findIndex((id) => namesImage(reason, id));
    if (named >= 0) {
      const rest = await describeAll(describe, repository, registryId, ids.filter((_, i) => i !== named));
      rest.splice(named, 0, { imageId: ids[named], failure: { code: 'ImageNotFound', reason } });
      return rest;
    }
    const half = Math.ceil(ids.length / 2);
    const [left, right] = await Promise.all([
      describeAll(describe, repository, registryId, ids.slice(0, half)),
      describeAll(describe, repository, registryId, ids.slice(half)),
    ]);
    return [...left, ...right];
  }
}

function matchDetail(imageId: ImageIdentifier, details: readonly ImageDetail[]): ImageLookup {
  const image = details.find(
    (d) =>
      (imageId.imageDigest === undefined || d.imageDigest === imageId.imageDigest) &&
      (imageId.imageTag === undefined || (d.imageTags ?? []).includes(imageId.imageTag)),
  );
  return image ? { imageId, image } : { imageId, failure: { code: 'ImageNotFound', reason: 'Not returned by DescribeImages' } };
}

function isImageNotFound(error: unknown): error is Error {
  return error instanceof Error && error.name === 'ImageNotFoundException';
}

// ECR names the missing image as "imageTag:'x'" / "imageDigest:'sha256:...'" (quoting varies).
function namesImage(message: string, id: ImageIdentifier): boolean {
  const mentions = (field: string, value: string | undefined): boolean =>
    value === undefined || new RegExp(`${field}\\s*[:=]\\s*['"]?${escapeRegExp(value)}['"]?(?=[,}\\s'"]|$)`).test(message);
  if (id.imageTag === undefined && id.imageDigest === undefined) return false;
  return mentions('imageTag', id.imageTag) && mentions('imageDigest', id.imageDigest);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
