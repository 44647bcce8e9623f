// DescribeImages for many ids (EcrApi.describeImages), driven through its DescribeImagesFn seam.
import * as assert from 'node:assert/strict';
import type { ImageDetail, ImageIdentifier } from '@aws-sdk/client-ecr';
import { describeEach, type DescribeImagesFn, type ListImageIdsFn } from '../../../src/aws/describeImages';

/** A repository of `count` images tagged v0..v{count-1}, answering like DescribeImages does. */
function fakeRegistry(count: number) {
  const images: ImageDetail[] = Array.from({ length: count }, (_, i) => ({
    repositoryName: 'web',
    imageDigest: `sha256:${i.toString(16).padStart(64, '0')}`,
    imageTags: [`v${i}`],
  }));
  const calls: ImageIdentifier[][] = [];
  let failWith: Error | undefined;
  const describe: DescribeImagesFn = async (_repository, ids) => {
    calls.push(ids);
    await new Promise((resolve) => setImmediate(resolve));
    if (ids.length > 100) throw new Error('InvalidParameterException: more than 100 ids');
    if (failWith) throw failWith;
    const found = ids.map((id) => images.find((d) => d.imageDigest === id.imageDigest || d.imageTags?.includes(id.imageTag ?? '')));
    const missing = ids.findIndex((_, i) => !found[i]);
    if (missing >= 0) {
      const error = new Error(`The image with imageId {imageDigest:'${ids[missing].imageDigest ?? 'null'}', imageTag:'${ids[missing].imageTag ?? 'null'}'} does not exist within the repository with name 'web'`);
      error.name = 'ImageNotFoundException';
      throw error;
    }
    return found as ImageDetail[];
  };
  let listed = 0;
  const listIds: ListImageIdsFn = async () => {
    listed++;
    await new Promise((resolve) => setImmediate(resolve));
    return images.map((d) => ({ imageDigest: d.imageDigest, imageTag: d.imageTags?.[0] }));
  };
  return { images, calls, describe, listIds, listings: () => listed, fail: (error: Error | undefined) => (failWith = error) };
}

/** `count` tags of which every third is missing (`gone-i`), the others present (`v<i>`). */
function everyThirdMissing(count: number): ImageIdentifier[] {
  return Array.from({ length: count }, (_, i) => ({ imageTag: i % 3 === 0 ? `gone-${i}` : `v${i}` }));
}

const outcome = (results: readonly { image?: ImageDetail; failure?: { code: string } }[]) => results.map((r) => r.image?.imageTags?.[0] ?? r.failure?.code);

describe('aws/describeImages', () => {
  it('asks for 250 images in 3 calls of at most 100 ids, answers in order', async () => {
    const registry = fakeRegistry(300);
    const ids = Array.from({ length: 250 }, (_, i) => ({ imageTag: `v${i}` }));
    const results = await describeEach(registry.describe, 'web', ids);
    assert.deepEqual(registry.calls.map((c) => c.length), [100, 100, 50]);
    assert.deepEqual(results.map((r) => r.image?.imageTags?.[0]), ids.map((id) => id.imageTag));
  });

  it('reports missing images per id (DescribeImages fails the whole call) and still answers the others', async () => {
    const registry = fakeRegistry(10);
    const results = await describeEach(registry.describe, 'web', [{ imageTag: 'v1' }, { imageTag: 'nope' }, { imageTag: 'v2' }, { imageTag: 'gone' }]);
    assert.deepEqual(results.map((r) => r.image ? 'found' : r.failure?.code), ['found', 'ImageNotFound', 'found', 'ImageNotFound']);
    assert.match(results[1].failure?.reason ?? '', /nope/);
    assert.equal(registry.calls.length, 3, 'one call per missing image named in the error, then the rest');
  });

  it('finds missing images by halving when the error does not name them', async () => {
    const registry = fakeRegistry(16);
    const anonymous: DescribeImagesFn = async (repository, ids) => {
      try {
        return await registry.describe(repository, ids);
      } catch (error) {
        const bare = new Error('The image requested does not exist in the specified repository.');
        bare.name = (error as Error).name;
        throw bare;
      }
    };
    const ids = Array.from({ length: 16 }, (_, i) => ({ imageTag: i === 11 ? 'missing' : `v${i}` }));
    const results = await describeEach(anonymous, 'web', ids);
    assert.deepEqual(results.map((r, i) => (r.image ? i : -1)).filter((i) => i < 0), [-1]);
    assert.equal(results[11].failure?.code, 'ImageNotFound');
    assert.ok(registry.calls.length <= 1 + 2 * Math.log2(16), `${registry.calls.length} calls`);
  });

  it('rejects with any other error (e.g. throttling)', async () => {
    const registry = fakeRegistry(10);
    registry.fail(Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' }));
    await assert.rejects(describeEach(registry.describe, 'web', [{ imageTag: 'v1' }]), /Rate exceeded/);
  });

  it('a second missing image in one call: lists the repository once and takes out every missing one, instead of one call per image', async () => {
    const registry = fakeRegistry(100);
    const ids = everyThirdMissing(60); // 20 missing
    const results = await describeEach(registry.describe, 'web', ids, undefined, registry.listIds);
    assert.deepEqual(outcome(results), ids.map((id) => (id.imageTag?.startsWith('gone') ? 'ImageNotFound' : id.imageTag)));
    assert.equal(registry.listings(), 1);
    assert.equal(registry.calls.length, 3, 'fails on the first missing, fails on the second, then the 40 listed ones');
    assert.equal(registry.calls[2].length, 40);
  });

  it('chunks of 100 ids share one listing', async () => {
    const registry = fakeRegistry(300);
    const ids = everyThirdMissing(250);
    const results = await describeEach(registry.describe, 'web', ids, undefined, registry.listIds);
    assert.deepEqual(outcome(results), ids.map((id) => (id.imageTag?.startsWith('gone') ? 'ImageNotFound' : id.imageTag)));
    assert.equal(registry.listings(), 1);
    assert.ok(registry.calls.length <= 9, `${registry.calls.length} DescribeImages calls for 3 chunks`);
  });

  it('without a listing (ListImages denied, or too many images) finds missing images one call each, as before', async () => {
    const registry = fakeRegistry(100);
    const denied: ListImageIdsFn = async () => {
      throw Object.assign(new Error('not authorized to perform: ecr:ListImages'), { name: 'AccessDeniedException' });
    };
    const ids = everyThirdMissing(12); // 4 missing
    for (const listIds of [denied, async () => undefined]) {
      registry.calls.length = 0;
      const results = await describeEach(registry.describe, 'web', ids, undefined, listIds);
      assert.deepEqual(outcome(results), ids.map((id) => (id.imageTag?.startsWith('gone') ? 'ImageNotFound' : id.imageTag)));
      assert.equal(registry.calls.length, 5);
    }
  });

  it('an image deleted after the listing is still reported missing, the others found', async () => {
    const registry = fakeRegistry(10);
    const stale: ListImageIdsFn = async (repository) => {
      const ids = await registry.listIds(repository);
      registry.images.splice(registry.images.findIndex((d) => d.imageTags?.[0] === 'v4'), 1); // deleted meanwhile
      return ids;
    };
    const ids = [{ imageTag: 'gone-a' }, { imageTag: 'v4' }, { imageTag: 'gone-b' }, { imageTag: 'v5' }];
    const results = await describeEach(registry.describe, 'web', ids, undefined, stale);
    assert.deepEqual(outcome(results), ['ImageNotFound', 'ImageNotFound', 'ImageNotFound', 'v5']);
  });
});
