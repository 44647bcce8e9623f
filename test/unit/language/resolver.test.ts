import * as assert from 'node:assert/strict';
import type { EcrApi, ImageDetail, ImageIdentifier } from '../../../src/aws/ecrApi';
import type { RegistrySource } from '../../../src/aws/discovery';
import { classifyAwsError } from '../../../src/aws/errors';
import type { ImageLookup } from '../../../src/aws/describeImages';
import { ImageLookups } from '../../../src/aws/imageLookup';
import type { RegistryEntry } from '../../../src/explorer/nodes';
import { classifyReference } from '../../../src/language/classify';
import { ImageResolver, LookupRequest } from '../../../src/language/resolver';

const HOST = '127.0.0.1:5555';
const digestOf = (tag: string) => `sha256:${Buffer.from(tag).toString('hex').padEnd(64, '0').slice(0, 64)}`;

/** An in-memory EcrApi (only what the resolver uses), counting calls. */
class MemoryApi {
  describeCalls: ImageIdentifier[][] = [];
  /** The registryId of each DescribeImages / scan findings call (undefined: the caller's own). */
  describeRegistryIds: (string | undefined)[] = [];
  scanRegistryIds: (string | undefined)[] = [];
  scanCalls = 0;
  /** The registryId of each listing (DescribeImages without ids). */
  listRegistryIds: (string | undefined)[] = [];
  failWith?: Error;
  constructor(private readonly repos: Record<string, string[]>) {}
  async listImages(repository: string, request: { readonly registryId?: string }): Promise<{ items: ImageDetail[] }> {
    this.listRegistryIds.push(request.registryId);
    if (this.failWith) throw this.failWith;
    return { items: (this.repos[repository] ?? []).map((tag) => ({ imageDigest: digestOf(tag), imageTags: [tag], imagePushedAt: new Date('2026-01-01T00:00:00Z') })) };
  }
  async describeImages(repository: string, ids: readonly ImageIdentifier[], registryId?: string): Promise<ImageLookup[]> {
    this.describeCalls.push([...ids]);
    this.describeRegistryIds.push(registryId);
    await new Promise((r) => setTimeout(r, 5));
    if (this.failWith) throw this.failWith;
    const tags = this.repos[repository];
    if (!tags) throw Object.assign(new Error(`The repository with name '${repository}' does not exist`), { name: 'RepositoryNotFoundException' });
    return ids.map((imageId) => {
      const tag = tags.find((t) => t === imageId.imageTag || digestOf(t) === imageId.imageDigest);
      const image: ImageDetail | undefined = tag ? { imageDigest: digestOf(tag), imageTags: [tag] } : undefined;
      return image ? { imageId, image } : { imageId, failure: { code: 'ImageNotFound', reason: 'not found' } };
    });
  }
  async scanFindings(_repository: string, _imageId: ImageIdentifier, registryId?: string): Promise<undefined> {
    this.scanCalls++;
    this.scanRegistryIds.push(registryId);
    return undefined;
  }
}

function setup(repos: Record<string, string[]> = { web: ['latest', 'v1'], api: ['v2'] }) {
  const api = new MemoryApi(repos);
  const source: RegistrySource = { id: 'profile:east|us-east-1|', label: 'east', profile: 'east', region: 'us-east-1', origin: 'profile' };
  let entry: RegistryEntry = { source, api: api as unknown as EcrApi, info: { accountId: '111111111111', host: HOST } };
  let now = 0;
  const lookups = new ImageLookups({ ttlMs: () => 60_000, now: () => now });
  const resolver = new ImageResolver({ registries: async () => [entry], classify: classifyAwsError, lookups });
  return {
    api,
    resolver,
    lookups,
    tick: (ms: number) => (now += ms),
    breakRegistry: (problem: RegistryEntry['problem']) => (entry = { source, api: entry.api, problem }),
  };
}

function request(image: string): LookupRequest {
  const c = classifyReference({ text: image, range: { start: { line: 0, character: 0 }, end: { line: 0, character: image.length } }, kind: 'dockerfile' }, () => false);
  assert.equal(c.kind, 'lookup', image);
  return c as LookupRequest;
}

describe('image resolver', () => {
  it('resolves tags to digests with one DescribeImages per repository', async () => {
    const { api, resolver } = setup();
    const out = await resolver.lookup([request(`${HOST}/web:latest`), request(`${HOST}/web:v1`), request(`${HOST}/web`), request(`${HOST}/api:v2`), request(`${HOST}/web:nope`)]);
    assert.deepEqual(out.map((o) => o.kind), ['found', 'found', 'found', 'found', 'imageNotFound']);
    assert.equal(out[0].kind === 'found' && out[0].target.digest, digestOf('latest'));
    assert.equal(api.describeCalls.length, 2, 'web and api, one call each');
    assert.deepEqual(api.describeCalls[0].map((id) => id.imageTag), ['latest', 'v1', 'nope'], 'untagged means latest, asked once');
  });

  it('shares one request between concurrent identical lookups and caches for the TTL (through the lookup layer)', async () => {
    const { api, resolver, lookups, tick } = setup();
    await Promise.all([resolver.lookup([request(`${HOST}/web:v1`)]), resolver.lookup([request(`${HOST}/web:v1`)])]);
    assert.equal(api.describeCalls.length, 1);
    tick(59_000);
    await resolver.lookup([request(`${HOST}/web:v1`)]);
    assert.equal(api.describeCalls.length, 1, 'still fresh');
    tick(2_000);
    await resolver.lookup([request(`${HOST}/web:v1`)]);
    assert.equal(api.describeCalls.length, 2, 'expired: asked again');
    lookups.invalidate({ repository: 'web' });
    await resolver.lookup([request(`${HOST}/web:v1`)]);
    assert.equal(api.describeCalls.length, 3, 'invalidated: asked again');
  });

  it('maps a missing repository and failing credentials to outcomes, not exceptions', async () => {
    const { api, resolver, lookups } = setup();
    const [missing] = await resolver.lookup([request(`${HOST}/ghost:1`)]);
    assert.equal(missing.kind, 'repositoryNotFound');
    api.failWith = Object.assign(new Error('The security token included in the request is expired'), { name: 'ExpiredTokenException' });
    lookups.invalidate();
    const out = await resolver.lookup([request(`${HOST}/web:latest`), request(`${HOST}/api:v2`)]);
    assert.deepEqual(out.map((o) => o.kind === 'problem' && o.problem.kind), ['expiredCredentials', 'expiredCredentials']);
  });

  it('keeps attributing a host to its registry after the registry stops answering', async () => {
    const { resolver, breakRegistry } = setup();
    await resolver.lookup([request(`${HOST}/web:latest`)]);
    breakRegistry({ kind: 'expiredCredentials', message: 'The AWS credentials of east have expired.' });
    const [out] = await resolver.lookup([request(`${HOST}/web:latest`)]);
    assert.equal(out.kind === 'problem' && out.problem.kind, 'expiredCredentials');
  });

  it('matches ECR hosts by account and region, and says when no registry of the region serves one', async () => {
    const { resolver } = setup();
    const [same, other] = await resolver.lookup([
      request('111111111111.dkr.ecr.us-east-1.amazonaws.com/web:v1'),
      request('999999999999.dkr.ecr.ap-south-1.amazonaws.com/web:v1'),
    ]);
    assert.equal(same.kind, 'found');
    assert.deepEqual(other, { kind: 'noRegistry', host: '999999999999.dkr.ecr.ap-south-1.amazonaws.com', accountId: '999999999999', region: 'ap-south-1' });
  });

  it("looks another account's images up through a registry of the same region, with that account's registryId", async () => {
    const { api, resolver } = setup();
    const [own, other] = await resolver.lookup([
      request('111111111111.dkr.ecr.us-east-1.amazonaws.com/web:v1'),
      request('222222222222.dkr.ecr.us-east-1.amazonaws.com/web:v1'),
    ]);
    assert.equal(api.describeCalls.length, 2, "two accounts' web are two repositories: two calls");
    assert.deepEqual(api.describeRegistryIds.sort(), ['222222222222', undefined]);
    assert.equal(other.kind, 'found');
    if (other.kind !== 'found' || own.kind !== 'found') return;
    assert.deepEqual(other.registry, { id: 'profile:east|us-east-1|', label: 'east', accountId: '222222222222', region: 'us-east-1', profile: 'east', through: true });
    assert.equal(other.target.registryAccountId, '222222222222');
    assert.equal(own.target.registryAccountId, undefined);
    // Findings are asked of the image's account and cached apart from the own account's same digest.
    await resolver.findings(own.target);
    await resolver.findings(other.target);
    assert.deepEqual(api.scanRegistryIds, [undefined, '222222222222']);
    // Cached per account too.
    await resolver.lookup([request('222222222222.dkr.ecr.us-east-1.amazonaws.com/web:v1')]);
    assert.equal(api.describeCalls.length, 2);
  });

  it("in an untrusted folder, looks up the user's own registries only, never another account's", async () => {
    const api = new MemoryApi({ web: ['v1'] });
    const source: RegistrySource = { id: 'profile:east|us-east-1|', label: 'east', profile: 'east', region: 'us-east-1', origin: 'profile' };
    const entry: RegistryEntry = { source, api: api as unknown as EcrApi, info: { accountId: '111111111111', host: HOST } };
    let trusted = false;
    const resolver = new ImageResolver({ registries: async () => [entry], classify: classifyAwsError, lookups: new ImageLookups({ ttlMs: () => 60_000 }), trusted: () => trusted });
    const [own, other] = await resolver.lookup([
      request('111111111111.dkr.ecr.us-east-1.amazonaws.com/web:v1'),
      request('222222222222.dkr.ecr.us-east-1.amazonaws.com/web:v1'),
    ]);
    assert.equal(own.kind, 'found');
    assert.deepEqual(other, { kind: 'untrustedAccount', host: '222222222222.dkr.ecr.us-east-1.amazonaws.com', accountId: '222222222222', region: 'us-east-1' });
    assert.deepEqual(api.describeRegistryIds, [undefined], 'no request names the other account');
    trusted = true;
    const [later] = await resolver.lookup([request('222222222222.dkr.ecr.us-east-1.amazonaws.com/web:v1')]);
    assert.equal(later.kind, 'found');
    assert.deepEqual(api.describeRegistryIds, [undefined, '222222222222']);
  });

  it('prefers a profile or environment registry over a settings entry for other accounts', async () => {
    const viaSetting = new MemoryApi({ web: ['v1'] });
    const viaProfile = new MemoryApi({ web: ['v1'] });
    const entry = (api: MemoryApi, origin: RegistrySource['origin'], id: string, accountId: string): RegistryEntry => ({
      source: { id, label: id, region: 'us-east-1', origin },
      api: api as unknown as EcrApi,
      info: { accountId, host: `${accountId}.dkr.ecr.us-east-1.amazonaws.com` },
    });
    const registries = [entry(viaSetting, 'setting', 'sandbox', '333333333333'), entry(viaProfile, 'environment', 'env', '111111111111')];
    const resolver = new ImageResolver({ registries: async () => registries, classify: classifyAwsError, lookups: new ImageLookups({ ttlMs: () => 60_000 }) });
    const [out] = await resolver.lookup([request('222222222222.dkr.ecr.us-east-1.amazonaws.com/web:v1')]);
    assert.equal(out.kind === 'found' && out.registry.label, 'env');
    assert.deepEqual([viaSetting.describeCalls.length, viaProfile.describeCalls.length], [0, 1]);
  });
});

describe('reference classification', () => {
  const ref = (text: string, extra: object = {}) => ({ text, range: { start: { line: 0, character: 0 }, end: { line: 0, character: text.length } }, kind: 'dockerfile' as const, ...extra });
  it('looks up ECR and loopback hosts only', () => {
    assert.equal(classifyReference(ref('debian:12'), () => false).kind, 'notEcr');
    assert.equal(classifyReference(ref('ghcr.io/a/b:1'), () => false).kind, 'notEcr');
    assert.equal(classifyReference(ref('ghcr.io/a/b:1'), (h) => h === 'ghcr.io').kind, 'lookup');
    assert.equal(classifyReference(ref('127.0.0.1:5000/web:1'), () => false).kind, 'lookup');
    assert.equal(classifyReference(ref('111111111111.dkr.ecr.us-east-1.amazonaws.com/web'), () => false).kind, 'lookup');
  });
  it('reports malformed ECR references with the reason and skips ignored ones', () => {
    assert.deepEqual(classifyReference(ref('111111111111.dkr.ecr.us-east-1.amazonaws.com/Web:1'), () => false), {
      kind: 'malformed',
      reason: 'uppercase letters are not allowed in a repository name',
      host: '111111111111.dkr.ecr.us-east-1.amazonaws.com',
    });
    assert.equal(classifyReference(ref('example.com/Web:1'), () => false).kind, 'notEcr');
    assert.equal(classifyReference(ref('127.0.0.1:5000/web:1', { ignored: true }), () => false).kind, 'ignored');
  });
  it('explains unresolved ECR references', () => {
    assert.deepEqual(classifyReference(ref('111111111111.dkr.ecr.us-east-1.amazonaws.com/web:${TAG}', { unresolved: 'uses variable ${TAG} with no default' }), () => false), {
      kind: 'unresolved',
      reason: 'uses variable ${TAG} with no default',
    });
    assert.equal(classifyReference(ref('example.com/web:${TAG}', { unresolved: 'x' }), () => false).kind, 'notEcr');
  });

  it('names a newer version of a version tag from the repository listing, through registryId for another account; nothing for other tags or a failed listing', async () => {
    const { api, resolver } = setup({ web: ['v1.0', 'v1.2', 'v1.10-alpine', 'latest'] });
    const target = { registryId: 'profile:east|us-east-1|', repository: 'web', digest: digestOf('v1.0'), tag: 'v1.0' };
    assert.deepEqual(await resolver.newer(target), { tag: 'v1.2', digest: digestOf('v1.2'), pushedAt: new Date('2026-01-01T00:00:00Z') });
    assert.equal(await resolver.newer({ ...target, tag: 'latest', digest: digestOf('latest') }), undefined);
    assert.deepEqual(api.listRegistryIds, [undefined], 'a tag that is no version lists nothing; the listing is kept');
    assert.equal((await resolver.newer({ ...target, registryAccountId: '222222222222' }))?.tag, 'v1.2');
    assert.deepEqual(api.listRegistryIds, [undefined, '222222222222']);
    api.failWith = Object.assign(new Error('denied'), { name: 'AccessDeniedException' });
    assert.equal(await resolver.newer({ ...target, repository: 'api' }), undefined);
  });
});
