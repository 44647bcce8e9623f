// The one image lookup layer, driven through its LookupApi seam with an in-memory registry.
import * as assert from 'node:assert/strict';
import type { ImageIdentifier, ScanStatus } from '@aws-sdk/client-ecr';
import type { ImageLookup } from '../../../src/aws/describeImages';
import type { ImageListRequest, ImageReferrer, ImageSigningStatus, Page, ScanFindingsResult } from '../../../src/aws/ecrApi';
import type { ImageDetail, Repository } from '@aws-sdk/client-ecr';
import { ImageLookups, type LookupApi, type LookupPlace } from '../../../src/aws/imageLookup';

const EAST = { accountId: '111111111111', region: 'us-east-1' };

/** Repositories of tags; each tag's digest is derived from the tag. Calls are recorded; `hold()` keeps answers back. */
class MemoryRegistry implements LookupApi {
  readonly describeCalls: { repository: string; ids: ImageIdentifier[]; registryId?: string }[] = [];
  scanCalls = 0;
  readonly listCalls: { repository: string; request: ImageListRequest }[] = [];
  scanStatus: ScanStatus = 'COMPLETE';
  readonly repositoryCalls: string[] = [];
  readonly signingCalls: { repository: string; digest: string; registryId?: string }[] = [];
  mutability = 'IMMUTABLE';
  referrersProblem?: Error;
  failWith?: Error;
  private held?: Promise<void>;
  private release?: () => void;

  constructor(readonly repos: Record<string, string[]>) {}

  hold(): void {
    this.held = new Promise((resolve) => (this.release = resolve));
  }

  letGo(): void {
    this.release?.();
    this.held = undefined;
  }

  async describeImages(repository: string, imageIds: readonly ImageIdentifier[], registryId?: string): Promise<ImageLookup[]> {
    this.describeCalls.push({ repository, ids: [...imageIds], registryId });
    const tags = [...(this.repos[repository] ?? [])]; // read when asked, like ECR; answered later
    await this.held;
    await new Promise((resolve) => setImmediate(resolve));
    if (this.failWith) throw this.failWith;
    if (!this.repos[repository]) throw Object.assign(new Error(`The repository with name '${repository}' does not exist`), { name: 'RepositoryNotFoundException' });
    return imageIds.map((imageId) =>
      tags.includes(imageId.imageTag ?? '') ? { imageId, image: { imageDigest: `sha256:${imageId.imageTag}`, imageTags: [imageId.imageTag ?? ''] } } : { imageId, failure: { code: 'ImageNotFound', reason: 'gone' } },
    );
  }

  /** Pages of DescribeImages: images in tag order, one tag each, pushed a day apart; the token is the next index. */
  async listImages(repository: string, request: ImageListRequest): Promise<Page<ImageDetail>> {
    this.listCalls.push({ repository, request });
    const tags = [...(this.repos[repository] ?? [])];
    await this.held;
    await new Promise((resolve) => setImmediate(resolve));
    if (this.failWith) throw this.failWith;
    if (!this.repos[repository]) throw Object.assign(new Error(`The repository with name '${repository}' does not exist`), { name: 'RepositoryNotFoundException' });
    const start = Number(request.nextToken ?? 0);
    const end = Math.min(tags.length, start + request.maxResults);
    const items = tags.slice(start, end).map((tag, i): ImageDetail => ({ imageDigest: `sha256:${tag}`, imageTags: [tag], imagePushedAt: new Date(Date.UTC(2026, 0, 1 + start + i)) }));
    return { items, nextToken: end < tags.length ? String(end) : undefined };
  }

  async describeRepository(name: string): Promise<Repository> {
    this.repositoryCalls.push(name);
    await new Promise((resolve) => setImmediate(resolve));
    if (!this.repos[name]) throw Object.assign(new Error(`The repository with name '${name}' does not exist`), { name: 'RepositoryNotFoundException' });
    return { repositoryName: name, imageTagMutability: this.mutability as Repository['imageTagMutability'] };
  }

  /** One Notation signature on every image; the status call is counted with it. */
  async listReferrers(repository: string, digest: string, registryId?: string): Promise<ImageReferrer[] | undefined> {
    this.signingCalls.push({ repository, digest, registryId });
    await new Promise((resolve) => setImmediate(resolve));
    if (this.referrersProblem) throw this.referrersProblem;
    return [{ digest: `sha256:sig-${digest}`, mediaType: 'application/vnd.oci.image.manifest.v1+json', artifactType: 'application/vnd.cncf.notary.signature', size: 1 }];
  }

  async signingStatus(): Promise<ImageSigningStatus[] | undefined> {
    return undefined;
  }

  async scanFindings(): Promise<ScanFindingsResult | undefined> {
    this.scanCalls++;
    await new Promise((resolve) => setImmediate(resolve));
    return { imageScanStatus: { status: this.scanStatus } };
  }
}

function setup(repos: Record<string, string[]> = { web: Array.from({ length: 300 }, (_, i) => `v${i}`), api: ['v1'] }) {
  const registry = new MemoryRegistry(repos);
  let now = 0;
  let ttlMs = 60_000;
  const lookups = new ImageLookups({ ttlMs: () => ttlMs, now: () => now });
  const place: LookupPlace = { api: registry, registry: EAST };
  return { registry, lookups, place, tick: (ms: number) => (now += ms), setTtl: (ms: number) => (ttlMs = ms) };
}

describe('aws/imageLookup (the one lookup layer)', () => {
  it('batches N lookups of one repository made in the same tick into ceil(N/100) DescribeImages calls', async () => {
    const { registry, lookups, place } = setup();
    for (const n of [1, 100, 101, 250]) {
      registry.describeCalls.length = 0;
      lookups.invalidate();
      const results = await Promise.all(Array.from({ length: n }, (_, i) => lookups.image(place, 'web', { imageTag: `v${i}` })));
      assert.equal(registry.describeCalls.length, Math.ceil(n / 100), `${n} lookups`);
      assert.ok(registry.describeCalls.every((c) => c.ids.length <= 100));
      assert.deepEqual(results.map((r) => r.image?.imageDigest), Array.from({ length: n }, (_, i) => `sha256:v${i}`));
    }
  });

  it('sends concurrent lookups of the same image once, also when one comes while the first is in flight', async () => {
    const { registry, lookups, place } = setup();
    registry.hold();
    const first = Promise.all([lookups.image(place, 'web', { imageTag: 'v1' }), lookups.image(place, 'web', { imageTag: 'v1' })]);
    await new Promise((resolve) => setImmediate(resolve)); // the batch is on its way
    const later = lookups.image(place, 'web', { imageTag: 'v1' });
    registry.letGo();
    const answers = [...(await first), await later];
    assert.equal(registry.describeCalls.length, 1);
    assert.deepEqual(registry.describeCalls[0].ids, [{ imageTag: 'v1' }]);
    assert.ok(answers.every((a) => a.image?.imageDigest === 'sha256:v1'));
  });

  it('keeps answers for the TTL setting, read at every look (a lowered setting applies to kept answers), then asks again', async () => {
    const { registry, lookups, place, tick, setTtl } = setup();
    // [ms passed, TTL setting, DescribeImages calls so far, why]
    const steps: [number, number, number, string][] = [
      [0, 60_000, 1, 'first look'],
      [59_999, 60_000, 1, 'fresh'],
      [2, 60_000, 2, 'expired: asked again'],
      [10_000, 5_000, 3, 'kept 10 s, the setting now says 5 s: asked again'],
      [0, 0, 4, 'a TTL of 0 keeps nothing'],
    ];
    for (const [ms, ttl, calls, why] of steps) {
      tick(ms);
      setTtl(ttl);
      await lookups.image(place, 'web', { imageTag: 'v1' });
      assert.equal(registry.describeCalls.length, calls, why);
    }
  });

  it('after invalidate, does not share a request that was in flight nor keep its (old) answer', async () => {
    const { registry, lookups, place } = setup({ web: ['v1'] });
    registry.hold();
    const before = lookups.image(place, 'web', { imageTag: 'v1' });
    await new Promise((resolve) => setImmediate(resolve)); // asked: ECR answers as it was
    registry.repos.web = []; // the image is deleted...
    lookups.invalidate({ registry: EAST, repository: 'web' }); // ...and the explorer says so
    const after = lookups.image(place, 'web', { imageTag: 'v1' });
    registry.letGo();
    assert.ok((await before).image, 'the earlier caller gets the answer of its time');
    assert.equal((await after).failure?.code, 'ImageNotFound', 'a lookup made after the delete sees it');
    assert.equal((await lookups.image(place, 'web', { imageTag: 'v1' })).failure?.code, 'ImageNotFound', 'and the old answer was not kept');
    assert.equal(registry.describeCalls.length, 2);
  });

  it('shares answers between every profile that reaches one registry, and invalidates them together', async () => {
    const { registry, lookups } = setup();
    const other = new MemoryRegistry(registry.repos);
    const viaAdmin: LookupPlace = { api: other, registry: EAST };
    const viaDev: LookupPlace = { api: registry, registry: EAST };
    await lookups.image(viaAdmin, 'web', { imageTag: 'v1' });
    await lookups.image(viaDev, 'web', { imageTag: 'v1' });
    assert.equal(other.describeCalls.length + registry.describeCalls.length, 1, 'one call for the registry');
    lookups.invalidate({ registry: EAST, repository: 'web' });
    await lookups.image(viaAdmin, 'web', { imageTag: 'v1' });
    assert.equal(other.describeCalls.length + registry.describeCalls.length, 2, 'cleared for both');
  });

  it('invalidates only the repository and registry named', async () => {
    const { registry, lookups, place } = setup();
    const west: LookupPlace = { api: registry, registry: { accountId: '222222222222', region: 'eu-west-1' } };
    await Promise.all([lookups.image(place, 'web', { imageTag: 'v1' }), lookups.image(place, 'api', { imageTag: 'v1' }), lookups.image(west, 'web', { imageTag: 'v1' })]);
    assert.equal(registry.describeCalls.length, 3);
    lookups.invalidate({ registry: EAST, repository: 'web' });
    await Promise.all([lookups.image(place, 'web', { imageTag: 'v1' }), lookups.image(place, 'api', { imageTag: 'v1' }), lookups.image(west, 'web', { imageTag: 'v1' })]);
    assert.equal(registry.describeCalls.length, 4, 'only east/web asked again');
    lookups.invalidate({ registry: EAST });
    await lookups.image(place, 'api', { imageTag: 'v1' });
    assert.equal(registry.describeCalls.length, 5, 'the whole registry');
  });

  it("keeps another account's repository of the same name apart, asked through registryId", async () => {
    const { registry, lookups, place } = setup();
    const shared: LookupPlace = { api: registry, registry: { accountId: '222222222222', region: 'us-east-1' }, otherAccount: true };
    await Promise.all([lookups.image(place, 'web', { imageTag: 'v1' }), lookups.image(shared, 'web', { imageTag: 'v1' })]);
    assert.deepEqual(registry.describeCalls.map((c) => c.registryId).sort(), ['222222222222', undefined]);
  });

  it('keeps failures briefly: a missing repository for a minute, other errors for 15 s', async () => {
    const { registry, lookups, place, tick } = setup();
    await assert.rejects(lookups.image(place, 'ghost', { imageTag: 'v1' }), { name: 'RepositoryNotFoundException' });
    registry.failWith = Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' });
    await assert.rejects(lookups.image(place, 'web', { imageTag: 'v1' }), /Rate exceeded/);
    registry.failWith = undefined;
    await assert.rejects(lookups.image(place, 'web', { imageTag: 'v1' }), /Rate exceeded/, 'kept');
    assert.equal(registry.describeCalls.length, 2);
    tick(15_001);
    assert.ok((await lookups.image(place, 'web', { imageTag: 'v1' })).image, 'asked again after 15 s');
    await assert.rejects(lookups.image(place, 'ghost', { imageTag: 'v1' }), { name: 'RepositoryNotFoundException' });
    assert.equal(registry.describeCalls.length, 3, 'the missing repository is still kept');
  });

  it('keeps scan findings for the TTL, a running scan for 5 s, and shares concurrent requests', async () => {
    const { registry, lookups, place, tick } = setup();
    registry.scanStatus = 'IN_PROGRESS';
    await Promise.all([lookups.findings(place, 'web', 'sha256:v1'), lookups.findings(place, 'web', 'sha256:v1')]);
    assert.equal(registry.scanCalls, 1);
    registry.scanStatus = 'COMPLETE';
    tick(5_001);
    assert.equal((await lookups.findings(place, 'web', 'sha256:v1'))?.imageScanStatus?.status, 'COMPLETE');
    tick(50_000);
    await lookups.findings(place, 'web', 'sha256:v1');
    assert.equal(registry.scanCalls, 2, 'a finished scan is kept for the TTL');
    lookups.invalidate({ repository: 'web' });
    await lookups.findings(place, 'web', 'sha256:v1');
    assert.equal(registry.scanCalls, 3, 'a scan started from the explorer clears it');
  });

  it("lists a repository's tags once per TTL: every page in one go, concurrent askers share it, invalidate asks again", async () => {
    const { registry, lookups, place, tick } = setup({ web: Array.from({ length: 2500 }, (_, i) => `1.${i}.0`), api: ['v1'] });
    const answers = await Promise.all(Array.from({ length: 20 }, () => lookups.tags(place, 'web')));
    assert.equal(registry.listCalls.length, 3, '2,500 tags: 3 pages of 1,000, asked once for 20 hovers');
    assert.ok(registry.listCalls.every((c) => c.request.maxResults === 1000 && c.request.tagStatus === 'TAGGED' && c.request.registryId === undefined));
    assert.deepEqual(registry.listCalls.map((c) => c.request.nextToken), [undefined, '1000', '2000']);
    assert.equal(answers[0].length, 2500);
    assert.deepEqual(answers[0][2499], { tag: '1.2499.0', digest: 'sha256:1.2499.0', pushedAt: new Date(Date.UTC(2026, 0, 2500)) });
    tick(59_999);
    await lookups.tags(place, 'web');
    assert.equal(registry.listCalls.length, 3, 'kept for the TTL');
    lookups.invalidate({ registry: EAST, repository: 'api' });
    await lookups.tags(place, 'web');
    assert.equal(registry.listCalls.length, 3, 'another repository cleared: kept');
    lookups.invalidate({ registry: EAST, repository: 'web' });
    await lookups.tags(place, 'web');
    assert.equal(registry.listCalls.length, 6, 'a push seen by the explorer: listed again');
    tick(60_000);
    await lookups.tags(place, 'web');
    assert.equal(registry.listCalls.length, 9, 'expired: listed again');
  });

  it("lists another account's tags through registryId, and keeps a failure briefly", async () => {
    const { registry, lookups, tick } = setup();
    const shared: LookupPlace = { api: registry, registry: { accountId: '222222222222', region: 'us-east-1' }, otherAccount: true };
    await lookups.tags(shared, 'api');
    assert.equal(registry.listCalls[0].request.registryId, '222222222222');
    await assert.rejects(lookups.tags(shared, 'ghost'), { name: 'RepositoryNotFoundException' });
    await assert.rejects(lookups.tags(shared, 'ghost'), { name: 'RepositoryNotFoundException' });
    assert.equal(registry.listCalls.length, 2, 'the failure is kept');
    tick(60_001);
    await assert.rejects(lookups.tags(shared, 'ghost'), { name: 'RepositoryNotFoundException' });
    assert.equal(registry.listCalls.length, 3, 'asked again after a minute');
  });

  it("keeps a repository's settings and an image's signing facts for the TTL, shares them, and forgets them with the repository", async () => {
    const { registry, lookups, place, tick } = setup();
    const settings = await Promise.all([lookups.repository(place, 'web'), lookups.repository(place, 'web')]);
    assert.deepEqual(settings.map((r) => r.imageTagMutability), ['IMMUTABLE', 'IMMUTABLE']);
    const facts = await Promise.all([lookups.signing(place, 'web', 'sha256:v1'), lookups.signing(place, 'web', 'sha256:v1')]);
    assert.deepEqual(facts[0], { signatures: ['Signature (Notation)'] });
    assert.equal(registry.repositoryCalls.length, 1, 'one DescribeRepositories for two askers');
    assert.equal(registry.signingCalls.length, 1, 'one ListImageReferrers for two askers');
    tick(59_999);
    await Promise.all([lookups.repository(place, 'web'), lookups.signing(place, 'web', 'sha256:v1')]);
    assert.deepEqual([registry.repositoryCalls.length, registry.signingCalls.length], [1, 1], 'kept for the TTL');
    registry.mutability = 'MUTABLE';
    lookups.invalidate({ registry: EAST, repository: 'web' }); // e.g. Set Tag Mutability... refreshed the repository
    assert.equal((await lookups.repository(place, 'web')).imageTagMutability, 'MUTABLE', 'the change is seen at once');
    await lookups.signing(place, 'web', 'sha256:v1');
    assert.deepEqual([registry.repositoryCalls.length, registry.signingCalls.length], [2, 2]);
    await assert.rejects(lookups.repository(place, 'ghost'), { name: 'RepositoryNotFoundException' });
  });

  it('keeps signing facts that could not be read only for 15 s', async () => {
    const { registry, lookups, place, tick } = setup();
    registry.referrersProblem = Object.assign(new Error('not authorized to perform: ecr:BatchGetImage'), { name: 'AccessDeniedException' });
    assert.match((await lookups.signing(place, 'web', 'sha256:v1')).signaturesProblem ?? '', /ecr:BatchGetImage/);
    registry.referrersProblem = undefined;
    tick(14_999);
    assert.ok((await lookups.signing(place, 'web', 'sha256:v1')).signaturesProblem, 'kept');
    tick(2);
    assert.deepEqual(await lookups.signing(place, 'web', 'sha256:v1'), { signatures: ['Signature (Notation)'] }, 'asked again');
    assert.equal(registry.signingCalls.length, 2);
  });

  it("reads another account's signing facts through registryId, and never its repository settings through our own account", async () => {
    const { registry, lookups } = setup();
    const shared: LookupPlace = { api: registry, registry: { accountId: '222222222222', region: 'us-east-1' }, otherAccount: true };
    await lookups.signing(shared, 'web', 'sha256:v1');
    assert.equal(registry.signingCalls[0].registryId, '222222222222');
    await assert.rejects(lookups.repository(shared, 'web'), /Another account/);
    assert.equal(registry.repositoryCalls.length, 0, 'DescribeRepositories has no registryId here: it would read our own repository of that name');
  });
});
