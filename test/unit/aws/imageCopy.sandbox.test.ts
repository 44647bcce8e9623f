// Registry-to-registry copies between the sandbox's two registries (111111111111/us-east-1 and
// 222222222222/eu-west-1), through the real SDK and the registries' /v2/ API; a copy is pulled
// and run by the real Docker Engine to check its bytes.
import * as assert from 'node:assert/strict';
import { BatchGetImageCommand, DescribeImagesCommand, ListImageReferrersCommand, type ECRClient } from '@aws-sdk/client-ecr';
import type { EcrApi } from '../../../src/aws/ecrApi';
import { copyImage, CopyInterruptedError, DestinationMissingError, ImmutableTagError, type CopyRequest } from '../../../src/aws/imageCopy';
import { registryClientFor } from '../../../src/aws/registryAccess';
import { CancelledError, RegistryError, type RegistryClient } from '../../../src/aws/registryClient';
import { docker, tempDockerConfig } from '../../sandbox/seed/dockerImage';
import { startConnectProxy } from '../../support/connectProxy';
import { pushReferrer } from '../../sandbox/seed/referrers';
import { ecrClient } from '../sandbox/helpers';
import { createRepository, pushTestImage } from '../../support/testImages';
import { sandboxApi, useSandbox } from './sandboxHelpers';

describe('aws/imageCopy between the sandbox registries', function () {
  this.timeout(120_000);
  const sandbox = useSandbox({ seed: false });
  let east: ECRClient;
  let west: ECRClient;
  let eastApi: EcrApi;
  let westApi: EcrApi;
  let eastRegistry: RegistryClient;
  let westRegistry: RegistryClient;
  let n = 0;
  const unique = (what: string): string => `copy-${what}-${Date.now()}-${n++}`;

  before(async () => {
    east = ecrClient(sandbox());
    west = ecrClient(sandbox(), sandbox().accounts[1]);
    eastApi = sandboxApi(sandbox(), { maxAttempts: 1 });
    westApi = sandboxApi(sandbox(), { maxAttempts: 1 }, sandbox().accounts[1]);
    eastRegistry = await registryClientFor(eastApi);
    westRegistry = await registryClientFor(westApi);
  });
  after(() => {
    for (const r of [eastRegistry, westRegistry]) r?.dispose();
    for (const a of [eastApi, westApi]) a?.dispose();
  });

  const counts = (): Map<string, number> => sandbox().state.requestCounts;
  const resetCounts = (): void => counts().clear();
  const uploads = (): number => counts().get('v2 ecr:CompleteLayerUpload') ?? 0;

  function request(from: string, reference: string, to: string, tags: string[], extra: Partial<CopyRequest> = {}): CopyRequest {
    return {
      source: { api: eastApi, registry: eastRegistry, repository: from, reference },
      destination: { api: westApi, registry: westRegistry, repository: to },
      tags,
      ...extra,
    };
  }

  async function westDigest(repository: string, tag: string): Promise<string | undefined> {
    const out = await west.send(new DescribeImagesCommand({ repositoryName: repository, imageIds: [{ imageTag: tag }] }));
    return out.imageDetails?.[0]?.imageDigest;
  }

  async function westHas(repository: string, digests: readonly string[]): Promise<number> {
    return (await westApi.layerAvailability(repository, digests)).size;
  }

  it('copies an image to another account and region: same digest, every blob sent once; a second copy sends nothing', async () => {
    const from = unique('src');
    const to = unique('dst');
    await createRepository(east, from);
    await createRepository(west, to);
    const image = await pushTestImage(east, from, 'v1');
    resetCounts();
    const result = await copyImage(request(from, 'v1', to, ['v1', 'stable']));
    assert.equal(result.digest, image.digest);
    assert.equal(result.blobsUploaded, image.blobs.length);
    assert.equal(result.blobsSkipped, 0);
    assert.equal(uploads(), image.blobs.length, 'one upload per blob');
    assert.equal(await westDigest(to, 'v1'), image.digest);
    assert.equal(await westDigest(to, 'stable'), image.digest);

    resetCounts();
    const again = await copyImage(request(from, image.digest, to, ['again']));
    assert.deepEqual([again.blobsUploaded, again.blobsSkipped, uploads()], [0, image.blobs.length, 0]);
    assert.equal(counts().get('BatchCheckLayerAvailability'), 1);
    assert.equal(await westDigest(to, 'again'), image.digest);
  });

  it('copies a multi-platform index with all its platforms and its referrers (signature, SBOM); the real Docker Engine pulls and runs the copy', async () => {
    const from = unique('multi-src');
    const to = unique('multi-dst');
    await createRepository(east, from);
    await createRepository(west, to);
    const image = await pushTestImage(east, from, 'multi', { platforms: ['linux/amd64', 'linux/arm64'] });
    const signature = await pushReferrer(east, { repositoryName: from, subjectDigest: image.digest, kind: 'notation' });
    const sbom = await pushReferrer(east, { repositoryName: from, subjectDigest: image.childDigests[0], kind: 'spdx' });
    const result = await copyImage(request(from, 'multi', to, ['multi']));
    assert.deepEqual(result.platforms, ['linux/amd64', 'linux/arm64']);
    assert.equal(result.manifests, 5);
    assert.equal(result.digest, image.digest);
    assert.deepEqual(result.referrers, [
      { digest: signature.digest, artifactType: 'application/vnd.cncf.notary.signature' },
      { digest: sbom.digest, artifactType: 'application/spdx+json' },
    ]);
    const listed = await west.send(new ListImageReferrersCommand({ repositoryName: to, subjectId: { imageDigest: image.digest } }));
    assert.deepEqual(listed.referrers?.map((r) => [r.digest, r.artifactType]), [[signature.digest, 'application/vnd.cncf.notary.signature']]);
    const childReferrers = await westRegistry.referrers(to, image.childDigests[0]);
    assert.deepEqual(childReferrers?.map((r) => [r.digest, r.artifactType]), [[sbom.digest, 'application/spdx+json']]);
    const got = await west.send(new BatchGetImageCommand({ repositoryName: to, imageIds: [{ imageTag: 'multi' }, ...image.childDigests.map((imageDigest) => ({ imageDigest }))] }));
    assert.deepEqual(got.failures, []);
    assert.deepEqual(got.images?.map((i) => i.imageId?.imageDigest), [image.digest, ...image.childDigests]);

    const token = await westApi.authorizationToken();
    const host = new URL(token.proxyEndpoint).host;
    const config = tempDockerConfig();
    const ref = `${host}/${to}:multi`;
    try {
      const login = await docker(['login', '-u', token.username, '--password-stdin', host], { input: token.password, configDir: config.dir });
      assert.equal(login.code, 0, login.stderr);
      const pull = await docker(['pull', '--platform', 'linux/amd64', ref], { configDir: config.dir });
      assert.equal(pull.code, 0, pull.stderr);
      assert.match(pull.stdout, new RegExp(`Digest: ${image.digest}`));
      const run = await docker(['run', '--rm', ref, '/bin/busybox', 'cat', '/etc/copy-marker'], { configDir: config.dir });
      assert.equal(run.code, 0, run.stderr);
      assert.equal(run.stdout.trim(), image.marker);
    } finally {
      await docker(['rmi', '-f', ref]);
      config.dispose();
    }
  });

  it('from a registry without the referrers API the image is still copied, and the result says referrers were not looked for', async () => {
    const from = unique('norefs-src');
    const to = unique('norefs-dst');
    await createRepository(east, from);
    await createRepository(west, to);
    const image = await pushTestImage(east, from, 'v1');
    sandbox().setFaults({ emulator: { noReferrers: true } });
    const result = await copyImage(request(from, 'v1', to, ['v1']));
    assert.deepEqual([result.referrersListed, result.referrers], [false, []]);
    assert.equal(await westDigest(to, 'v1'), image.digest);
  });

  it('goes through the proxy of the network settings (http.proxy) to both registries, with its Proxy-Authorization', async () => {
    const from = unique('proxy-src');
    const to = unique('proxy-dst');
    await createRepository(east, from);
    await createRepository(west, to);
    const image = await pushTestImage(east, from, 'v1');
    const authorization = `Basic ${Buffer.from('ann:s3cret').toString('base64')}`;
    const proxy = await startConnectProxy({ requireAuth: authorization });
    const network = { proxy: proxy.url, proxyAuthorization: authorization, env: {} };
    const [fromProxied, toProxied] = [await registryClientFor(eastApi, network), await registryClientFor(westApi, network)];
    try {
      const result = await copyImage({
        source: { api: eastApi, registry: fromProxied, repository: from, reference: 'v1' },
        destination: { api: westApi, registry: toProxied, repository: to },
        tags: ['v1'],
      });
      assert.equal(result.digest, image.digest);
      const targets = new Set(proxy.tunnels.map((t) => t.target));
      assert.deepEqual([...targets].sort(), [await eastRegistry.host(), await westRegistry.host()].sort());
      assert.ok(proxy.tunnels.every((t) => t.proxyAuthorization === authorization));
    } finally {
      fromProxied.dispose();
      toProxied.dispose();
      await proxy.stop();
    }
  });

  it('Cancel stops the copy; run again, it sends only the blobs that had not arrived', async () => {
    const from = unique('cancel-src');
    const to = unique('cancel-dst');
    await createRepository(east, from);
    await createRepository(west, to);
    const image = await pushTestImage(east, from, 'big', { platforms: ['linux/amd64', 'linux/arm64'], randomBytes: 2 * 1024 * 1024 });
    const controller = new AbortController();
    await assert.rejects(
      copyImage(request(from, 'big', to, ['big'], { concurrency: 1, signal: controller.signal, onProgress: (p) => p.blobsDone >= 2 && controller.abort() })),
      CancelledError,
    );
    assert.equal(await westDigest(to, 'big').catch(() => undefined), undefined, 'no tag after a cancel');
    const arrived = await westHas(to, image.blobs.map((b) => b.digest));
    assert.ok(arrived >= 2 && arrived < image.blobs.length, `arrived ${arrived} of ${image.blobs.length}`);

    resetCounts();
    const resumed = await copyImage(request(from, 'big', to, ['big']));
    assert.equal(resumed.blobsSkipped, arrived);
    assert.equal(resumed.blobsUploaded, image.blobs.length - arrived);
    assert.equal(uploads(), image.blobs.length - arrived, 'the resumed copy uploads only what was missing');
    assert.equal(await westDigest(to, 'big'), image.digest);
  });

  it('a connection dropped mid-upload fails with a clear message; a rerun completes the copy', async () => {
    const from = unique('drop-src');
    const to = unique('drop-dst');
    await createRepository(east, from);
    await createRepository(west, to);
    const image = await pushTestImage(east, from, 'v1');
    sandbox().setFaults({ dropUploadAfterBytes: 100 });
    const error = await copyImage(request(from, 'v1', to, ['v1'])).then(() => undefined, (e: unknown) => e);
    assert.ok(error instanceof CopyInterruptedError, String(error));
    assert.match(error.message, /the connection dropped/);
    assert.match(error.message, /run the copy again to resume/);
    sandbox().resetFaults();
    const arrived = await westHas(to, image.blobs.map((b) => b.digest));
    resetCounts();
    const rerun = await copyImage(request(from, 'v1', to, ['v1']));
    assert.equal(rerun.blobsUploaded, image.blobs.length - arrived);
    assert.equal(uploads(), image.blobs.length - arrived);
    assert.equal(await westDigest(to, 'v1'), image.digest);
  });

  it('an immutable destination tag on another image is refused before any byte moves', async () => {
    const from = unique('imm-src');
    const to = unique('imm-dst');
    await createRepository(east, from);
    await createRepository(west, to, 'IMMUTABLE');
    await pushTestImage(west, to, 'v1');
    await pushTestImage(east, from, 'v1');
    resetCounts();
    await assert.rejects(copyImage(request(from, 'v1', to, ['v1'])), (e: unknown) => e instanceof ImmutableTagError && /Tag v1 already exists .* immutable\. Nothing was copied\./.test(e.message));
    assert.equal(counts().get('BatchCheckLayerAvailability'), undefined);
    assert.equal(counts().get('v2 ecr:InitiateLayerUpload'), undefined);
    assert.equal(counts().get('v2 ecr:PutImage'), undefined);
  });

  it('a missing destination repository is named, nothing sent; a denied upload names the action', async () => {
    const from = unique('deny-src');
    const to = unique('deny-dst');
    await createRepository(east, from);
    await pushTestImage(east, from, 'v1');
    resetCounts();
    await assert.rejects(copyImage(request(from, 'v1', to, ['v1'])), (e: unknown) => e instanceof DestinationMissingError && e.repository === to);
    assert.equal(counts().get('v2 ecr:InitiateLayerUpload'), undefined);

    await createRepository(west, to);
    sandbox().setFaults({ denyActions: ['ecr:CompleteLayerUpload'] });
    await assert.rejects(copyImage(request(from, 'v1', to, ['v1'])), (e: unknown) => e instanceof RegistryError && /^Access denied \(ecr:CompleteLayerUpload\) while uploading sha256:/.test(e.message) && e.status === 403);
  });

  it('within one registry: another repository mounts the blobs (no bytes sent); the same repository only adds the tag', async () => {
    const from = unique('same-src');
    const to = unique('same-dst');
    await createRepository(east, from);
    await createRepository(east, to);
    const image = await pushTestImage(east, from, 'v1');
    resetCounts();
    const eastSide = { api: eastApi, registry: eastRegistry };
    const mounted = await copyImage({ source: { ...eastSide, repository: from, reference: 'v1' }, destination: { ...eastSide, repository: to }, tags: ['v1'] });
    assert.deepEqual([mounted.blobsMounted, mounted.blobsUploaded, uploads()], [image.blobs.length, 0, 0]);

    resetCounts();
    const retag = await copyImage({ source: { ...eastSide, repository: from, reference: 'v1' }, destination: { ...eastSide, repository: from }, tags: ['v2'] });
    assert.equal(retag.retagged, true);
    assert.equal(counts().get('PutImage'), 1);
    assert.equal(counts().get('v2 ecr:InitiateLayerUpload'), undefined);
    const tagged = await east.send(new DescribeImagesCommand({ repositoryName: from, imageIds: [{ imageTag: 'v2' }] }));
    assert.equal(tagged.imageDetails?.[0]?.imageDigest, image.digest);
  });
});
