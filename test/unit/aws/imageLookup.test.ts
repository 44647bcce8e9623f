// The batcher behind EcrApi.describeImages, driven through its own DescribeImagesFn seam.
import * as assert from 'node:assert/strict';
import type { ImageDetail, ImageIdentifier } from '@aws-sdk/client-ecr';
import { ImageLookupBatcher, type DescribeImagesFn } from '../../../src/aws/imageLookup';

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
  return { images, calls, describe, fail: (error: Error | undefined) => (failWith = error) };
}

describe('aws/imageLookup', () => {
  it('asks for 250 images in 3 calls of at most 100 ids, answers in order', async () => {
    const registry = fakeRegistry(300);
    const batcher = new ImageLookupBatcher(registry.describe);
    const ids = Array.from({ length: 250 }, (_, i) => ({ imageTag: `v${i}` }));
    const results = await batcher.lookup('web', ids);
    assert.deepEqual(registry.calls.map((c) => c.length), [100, 100, 50]);
    assert.deepEqual(results.map((r) => r.image?.imageTags?.[0]), ids.map((id) => id.imageTag));
  });

  it('combines lookups made in the same tick by different callers into one call', async () => {
    const registry = fakeRegistry(10);
    const batcher = new ImageLookupBatcher(registry.describe);
    const [a, b, c] = await Promise.all([
      batcher.lookup('web', [{ imageTag: 'v1' }]),
      batcher.lookup('web', [{ imageTag: 'v2' }, { imageTag: 'v3' }]),
      batcher.lookup('web', [{ imageDigest: registry.images[4].imageDigest }]),
    ]);
    assert.equal(registry.calls.length, 1);
    assert.equal(registry.calls[0].length, 4);
    assert.equal(a[0].image?.imageTags?.[0], 'v1');
    assert.deepEqual(b.map((r) => r.image?.imageTags?.[0]), ['v2', 'v3']);
    assert.equal(c[0].image?.imageTags?.[0], 'v4');
  });

  it('sends an image asked for twice (in flight) only once', async () => {
    const registry = fakeRegistry(10);
    const batcher = new ImageLookupBatcher(registry.describe);
    const first = batcher.lookup('web', [{ imageTag: 'v1' }, { imageTag: 'v1' }]);
    await new Promise((resolve) => setImmediate(resolve)); // the first batch is now in flight
    const second = batcher.lookup('web', [{ imageTag: 'v1' }]);
    await Promise.all([first, second]);
    assert.equal(registry.calls.length, 1);
    assert.deepEqual(registry.calls[0], [{ imageTag: 'v1' }]);
  });

  it('serves from cache until the TTL passes, and invalidate(repo) drops that repository only', async () => {
    const registry = fakeRegistry(10);
    let now = 0;
    const batcher = new ImageLookupBatcher(registry.describe, { ttlMs: 1000, now: () => now });
    await batcher.lookup('web', [{ imageTag: 'v1' }]);
    await batcher.lookup('api', [{ imageTag: 'v1' }]);
    await batcher.lookup('web', [{ imageTag: 'v1' }]);
    assert.equal(registry.calls.length, 2);
    now = 1001;
    await batcher.lookup('web', [{ imageTag: 'v1' }]);
    await batcher.lookup('api', [{ imageTag: 'v1' }]);
    assert.equal(registry.calls.length, 4, 'both expired');
    batcher.invalidate('web');
    await batcher.lookup('api', [{ imageTag: 'v1' }]);
    assert.equal(registry.calls.length, 4, 'api still cached');
    await batcher.lookup('web', [{ imageTag: 'v1' }]);
    assert.equal(registry.calls.length, 5, 'web asked again');
  });

  it('reports missing images per id (DescribeImages fails the whole call) and still answers the others', async () => {
    const registry = fakeRegistry(10);
    const batcher = new ImageLookupBatcher(registry.describe);
    const results = await batcher.lookup('web', [{ imageTag: 'v1' }, { imageTag: 'nope' }, { imageTag: 'v2' }, { imageTag: 'gone' }]);
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
    const batcher = new ImageLookupBatcher(anonymous);
    const ids = Array.from({ length: 16 }, (_, i) => ({ imageTag: i === 11 ? 'missing' : `v${i}` }));
    const results = await batcher.lookup('web', ids);
    assert.deepEqual(results.map((r, i) => (r.image ? i : -1)).filter((i) => i < 0), [-1]);
    assert.equal(results[11].failure?.code, 'ImageNotFound');
    assert.ok(registry.calls.length <= 1 + 2 * Math.log2(16), `${registry.calls.length} calls`);
  });

  it('rejects every waiter of a failed call and caches nothing, so a retry asks again', async () => {
    const registry = fakeRegistry(10);
    const batcher = new ImageLookupBatcher(registry.describe);
    const throttled = Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' });
    registry.fail(throttled);
    const outcomes = await Promise.allSettled([batcher.lookup('web', [{ imageTag: 'v1' }]), batcher.lookup('web', [{ imageTag: 'v2' }])]);
    assert.deepEqual(outcomes.map((o) => o.status), ['rejected', 'rejected']);
    registry.fail(undefined);
    assert.equal((await batcher.lookup('web', [{ imageTag: 'v1' }]))[0].image?.imageTags?.[0], 'v1');
  });

  it('does not cache an answer that was in flight while the repository was invalidated', async () => {
    const registry = fakeRegistry(10);
    const batcher = new ImageLookupBatcher(registry.describe);
    const pending = batcher.lookup('web', [{ imageTag: 'v1' }]);
    await new Promise((resolve) => setImmediate(resolve));
    batcher.invalidate('web');
    await pending;
    await batcher.lookup('web', [{ imageTag: 'v1' }]);
    assert.equal(registry.calls.length, 2);
  });

  it('keeps two accounts\' repositories of the same name apart: separate calls and cache entries', async () => {
    const calls: { registryId?: string; ids: ImageIdentifier[] }[] = [];
    // Each account's "web" has its own image under tag v1.
    const describe: DescribeImagesFn = async (_repository, ids, registryId) => {
      calls.push({ registryId, ids });
      return ids.map((id) => ({ repositoryName: 'web', registryId, imageTags: [id.imageTag ?? ''], imageDigest: `sha256:${registryId ?? 'own'}` }));
    };
    const batcher = new ImageLookupBatcher(describe);
    const [own, other] = await Promise.all([batcher.lookup('web', [{ imageTag: 'v1' }]), batcher.lookup('web', [{ imageTag: 'v1' }], '222222222222')]);
    assert.deepEqual(calls.map((c) => c.registryId).sort(), ['222222222222', undefined]);
    assert.equal(own[0].image?.imageDigest, 'sha256:own');
    assert.equal(other[0].image?.imageDigest, 'sha256:222222222222');
    // Cached apart as well, and invalidate(repository) forgets both.
    assert.equal((await batcher.lookup('web', [{ imageTag: 'v1' }], '222222222222'))[0].image?.imageDigest, 'sha256:222222222222');
    assert.equal(calls.length, 2);
    batcher.invalidate('web');
    await batcher.lookup('web', [{ imageTag: 'v1' }], '222222222222');
    assert.equal(calls.length, 3);
  });
});
