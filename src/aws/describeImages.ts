// DescribeImages for a list of image ids: ECR takes at most 100 per call and fails the whole
// call when one of them is missing, so the missing ones are taken out and the rest asked again.
// A second missing one in the same call: the repository's image ids are listed (ListImages, a
// read without side effects, unlike BatchGetImage, which counts as a pull) to take out every
// missing one at once, instead of one more call per missing image.
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

/** Every image id of a repository (ListImages, all pages); undefined when there are too many to list. */
export type ListImageIdsFn = (repository: string, registryId?: string) => Promise<ImageIdentifier[] | undefined>;

export const DESCRIBE_IMAGES_MAX_IDS = 100;

/** One result per id, in order; rejects only for errors other than "image not found". */
export async function describeEach(describe: DescribeImagesFn, repository: string, ids: readonly ImageIdentifier[], registryId?: string, listIds?: ListImageIdsFn): Promise<ImageLookup[]> {
  const chunks: ImageIdentifier[][] = [];
  for (let i = 0; i < ids.length; i += DESCRIBE_IMAGES_MAX_IDS) chunks.push(ids.slice(i, i + DESCRIBE_IMAGES_MAX_IDS));
  // One listing for all chunks: asked for once, by the first chunk that misses a second image.
  let listed: Promise<ImageIdentifier[] | undefined> | undefined;
  const list = listIds && (() => (listed ??= listIds(repository, registryId).catch(() => undefined)));
  return (await Promise.all(chunks.map((chunk) => describeAll({ describe, repository, registryId, list }, chunk, 0)))).flat();
}

interface Describing {
  readonly describe: DescribeImagesFn;
  readonly repository: string;
  readonly registryId?: string;
  readonly list?: () => Promise<ImageIdentifier[] | undefined>;
}

// A missing image is named in ECR's message (else found by halving); take it out and ask again.
async function describeAll(how: Describing, ids: ImageIdentifier[], missed: number): Promise<ImageLookup[]> {
  try {
    const details = await how.describe(how.repository, ids, how.registryId);
    return ids.map((imageId) => matchDetail(imageId, details));
  } catch (error) {
    if (!isImageNotFound(error)) throw error;
    const reason = error.message || 'Image not found';
    if (ids.length === 1) return [{ imageId: ids[0], failure: { code: 'ImageNotFound', reason } }];
    const known = missed > 0 ? await how.list?.() : undefined;
    if (known) return describeListed(how, ids, known);
    const named = ids.findIndex((id) => namesImage(reason, id));
    if (named >= 0) {
      const rest = await describeAll(how, ids.filter((_, i) => i !== named), missed + 1);
      rest.splice(named, 0, { imageId: ids[named], failure: { code: 'ImageNotFound', reason } });
      return rest;
    }
    const half = Math.ceil(ids.length / 2);
    const [left, right] = await Promise.all([describeAll(how, ids.slice(0, half), missed + 1), describeAll(how, ids.slice(half), missed + 1)]);
    return [...left, ...right];
  }
}

/** Describes the ids the repository's listing holds; the others are missing. */
async function describeListed(how: Describing, ids: ImageIdentifier[], known: readonly ImageIdentifier[]): Promise<ImageLookup[]> {
  const isListed = listedIn(known);
  const listed = ids.filter(isListed);
  // Without the listing: one deleted since is found missing the slow way. One pushed since the
  // listing counts as missing until the next lookup, as it would have a moment earlier.
  const found = listed.length > 0 ? await describeAll({ ...how, list: undefined }, listed, 0) : [];
  let next = 0;
  return ids.map((imageId) => (isListed(imageId) ? found[next++] : { imageId, failure: { code: 'ImageNotFound', reason: `Not among the images of ${how.repository}` } }));
}

/** Whether an id (tag, digest or both) names one of the listed images. */
function listedIn(known: readonly ImageIdentifier[]): (id: ImageIdentifier) => boolean {
  const keys = new Set<string>();
  for (const k of known) {
    if (k.imageDigest) keys.add(`@${k.imageDigest}`);
    if (k.imageTag) keys.add(`${k.imageTag}@`);
    if (k.imageTag && k.imageDigest) keys.add(`${k.imageTag}@${k.imageDigest}`);
  }
  return (id) => keys.has(`${id.imageTag ?? ''}@${id.imageDigest ?? ''}`);
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
