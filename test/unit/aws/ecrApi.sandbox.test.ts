// EcrApi through the unmodified @aws-sdk/client-ecr against the local ECR sandbox.
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { discoverRegistries } from '../../../src/aws/discovery';
import { createEcrApi } from '../../../src/aws/ecrClientApi';
import { ImageFailuresError, type EcrApi } from '../../../src/aws/ecrApi';
import { classifyAwsError } from '../../../src/aws/errors';
import { ImageLookups } from '../../../src/aws/imageLookup';
import { RequestCounter } from '../../../src/aws/requestCounter';
import { referenceTagImmutable } from '../../../src/core/registrySettings';
import { sandboxApi, sandboxSource, useSandbox } from './sandboxHelpers';

async function problemOf(promise: Promise<unknown>, source: Parameters<typeof classifyAwsError>[1]) {
  try {
    await promise;
  } catch (error) {
    return classifyAwsError(error, source);
  }
  throw new Error('expected the call to fail');
}

describe('aws/ecrApi against the sandbox', function () {
  this.timeout(60_000);
  const sandbox = useSandbox();
  let counter: RequestCounter;
  let api: EcrApi;

  beforeEach(() => {
    counter = new RequestCounter();
    api = sandboxApi(sandbox(), { counter });
  });
  afterEach(() => api.dispose());

  it('resolves a profile from the shared credentials file end to end: discovery -> fromIni -> registry info', async () => {
    const account = sandbox().accounts[0];
    const dir = mkdtempSync(join(tmpdir(), 'ecr-profile-'));
    const saved = { ...process.env };
    try {
      writeFileSync(join(dir, 'config'), '[profile sandbox]\nregion = us-east-1\n');
      writeFileSync(join(dir, 'credentials'), `[sandbox]\naws_access_key_id = ${account.accessKeyId}\naws_secret_access_key = ${account.secretAccessKey}\n`);
      Object.assign(process.env, { AWS_CONFIG_FILE: join(dir, 'config'), AWS_SHARED_CREDENTIALS_FILE: join(dir, 'credentials') });
      const [source] = await discoverRegistries({ registries: [{ profile: 'sandbox', region: 'us-east-1', endpoint: sandbox().endpoint }] });
      const profileApi = createEcrApi(source);
      try {
        const info = await profileApi.registryInfo();
        const registry = sandbox().registries.find((r) => r.accountId === account.accountId && r.region === account.region);
        assert.deepEqual(info, { accountId: '111111111111', host: registry?.host });
      } finally {
        profileApi.dispose();
      }
    } finally {
      process.env = saved;
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a request still in flight when its EcrApi is disposed (an explorer refresh) completes', async () => {
    sandbox().setFaults({ latencyMs: 500 });
    try {
      const listing = api.listRepositories({ maxResults: 10 });
      await new Promise((r) => setTimeout(r, 100));
      api.dispose();
      const page = await listing;
      assert.ok(page.items.length > 0);
      assert.equal(counter.attemptCount('DescribeRepositories'), 1, 'answered on the first attempt, not by a retry');
    } finally {
      sandbox().resetFaults();
    }
  });

  it('uses environment credentials and AWS_ENDPOINT_URL_ECR when the source names neither (the SDK applies them)', async () => {
    const saved = { ...process.env };
    const dir = mkdtempSync(join(tmpdir(), 'ecr-env-'));
    try {
      delete process.env.AWS_PROFILE;
      Object.assign(process.env, sandbox().env, { AWS_CONFIG_FILE: join(dir, 'none'), AWS_SHARED_CREDENTIALS_FILE: join(dir, 'none') });
      const sources = await discoverRegistries({});
      assert.deepEqual(sources.map((s) => [s.origin, s.region, s.endpoint]), [['environment', 'us-east-1', undefined]]);
      const envApi = createEcrApi(sources[0]);
      try {
        assert.equal((await envApi.registryInfo()).accountId, '111111111111');
      } finally {
        envApi.dispose();
      }
    } finally {
      process.env = saved;
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('pages through all repositories with a small page size, one DescribeRepositories call per page', async () => {
    const names: string[] = [];
    let nextToken: string | undefined;
    let pages = 0;
    do {
      const page = await api.listRepositories({ maxResults: 3, nextToken });
      assert.ok(page.items.length <= 3);
      names.push(...page.items.map((r) => r.repositoryName ?? ''));
      nextToken = page.nextToken;
      pages++;
    } while (nextToken);
    assert.ok(pages >= 3, `${pages} pages`);
    assert.equal(new Set(names).size, names.length, 'no repository twice');
    for (const name of ['web', 'team-a/web.app_1', 'immutable-api', 'lifecycle-demo', 'multi-arch', 'empty-repo']) assert.ok(names.includes(name), name);
    assert.equal(counter.count('DescribeRepositories'), pages);
  });

  it('pages through images (one DescribeImages per page) and filters by tag status', async () => {
    const first = await api.listImages('lifecycle-demo', { maxResults: 5 });
    const second = await api.listImages('lifecycle-demo', { maxResults: 5, nextToken: first.nextToken });
    const third = await api.listImages('lifecycle-demo', { maxResults: 5, nextToken: second.nextToken });
    assert.deepEqual([first.items.length, second.items.length, third.items.length], [5, 5, 3]);
    assert.equal(third.nextToken, undefined);
    assert.equal(new Set([...first.items, ...second.items, ...third.items].map((i) => i.imageDigest)).size, 13);
    const untagged = await api.listImages('lifecycle-demo', { maxResults: 100, tagStatus: 'UNTAGGED' });
    assert.equal(untagged.items.length, 2);
    assert.equal(counter.count('DescribeImages'), 4);
  });

  it('looks up 250 images in 3 DescribeImages calls, and asks again every time (the lookup layer caches, not the API)', async () => {
    await sandbox().bulkSeed({ repositoryName: 'aws-test/bulk', count: 260, tagPrefix: 'b-' });
    const ids = Array.from({ length: 250 }, (_, i) => ({ imageTag: `b-${i}` }));
    const results = await api.describeImages('aws-test/bulk', ids);
    assert.equal(counter.count('DescribeImages'), 3);
    assert.ok(results.every((r, i) => r.image?.imageTags?.includes(`b-${i}`)));
    await api.describeImages('aws-test/bulk', ids.slice(0, 10));
    assert.equal(counter.count('DescribeImages'), 4, 'not cached');
  });

  it('finds 30 missing tags among 60 with one ListImages and 3 DescribeImages calls, not one call per missing tag', async () => {
    await sandbox().bulkSeed({ repositoryName: 'aws-test/missing', count: 40, tagPrefix: 'm-' });
    const ids = Array.from({ length: 60 }, (_, i) => ({ imageTag: i % 2 === 0 ? `m-${i / 2}` : `deleted-${i}` }));
    const results = await api.describeImages('aws-test/missing', ids);
    assert.deepEqual(
      results.map((r) => r.image?.imageTags?.[0] ?? r.failure?.code),
      ids.map((id) => (id.imageTag.startsWith('deleted') ? 'ImageNotFound' : id.imageTag)),
    );
    assert.deepEqual([counter.count('DescribeImages'), counter.count('ListImages')], [3, 1]);
  });

  it('through the lookup layer: concurrent lookups share one call, and a missing tag does not fail the others', async () => {
    const { accountId } = await api.registryInfo();
    counter.reset();
    const lookups = new ImageLookups({ ttlMs: () => 60_000 });
    const place = { api, registry: { accountId, region: 'us-east-1' } };
    const [a, v110, missing, c] = await Promise.all([
      lookups.image(place, 'web', { imageTag: 'latest' }),
      lookups.image(place, 'web', { imageTag: 'v1.1.0' }),
      lookups.image(place, 'web', { imageTag: 'no-such-tag' }),
      lookups.image(place, 'web', { imageTag: 'latest' }),
    ]);
    assert.equal(a.image?.imageDigest, c.image?.imageDigest);
    assert.ok(a.image?.imageTags?.includes('v1.2.0'));
    assert.ok(v110.image);
    assert.equal(missing.failure?.code, 'ImageNotFound');
    assert.equal(counter.count('DescribeImages'), 2, 'one batch, then the rest after the missing tag was named');
  });

  it('adds a tag to an existing image with the same manifest, and refuses one on an immutable repository', async () => {
    const [latest] = await api.describeImages('web', [{ imageTag: 'latest' }]);
    const digest = latest.image?.imageDigest ?? '';
    await api.addTag('web', digest, 'promoted');
    const [promoted] = await api.describeImages('web', [{ imageTag: 'promoted' }]);
    assert.equal(promoted.image?.imageDigest, digest);
    assert.deepEqual(counter.snapshot(), { BatchGetImage: 1, DescribeImages: 2, PutImage: 1 });

    const [v1] = await api.describeImages('immutable-api', [{ imageTag: 'v1' }]);
    const problem = await problemOf(api.addTag('immutable-api', v1.image?.imageDigest ?? '', 'v2'), sandboxSource(sandbox()));
    assert.equal(problem.kind, 'invalidInput');
    assert.equal(problem.code, 'ImageTagAlreadyExistsException');
  });

  it('returns the manifest and its media type (OCI index for a multi-arch image)', async () => {
    const manifest = await api.getManifest('multi-arch', { imageTag: 'latest' });
    assert.equal(manifest.mediaType, 'application/vnd.oci.image.index.v1+json');
    assert.equal((JSON.parse(manifest.manifest) as { manifests: unknown[] }).manifests.length, 2);
    const problem = await problemOf(api.getManifest('web', { imageTag: 'nope' }), sandboxSource(sandbox()));
    assert.equal(problem.kind, 'notFound');
  });

  it('deletes an image by tag, and lists the images it could not delete', async () => {
    const [before] = await api.describeImages('team-a/web.app_1', [{ imageTag: 'main' }]);
    const deleted = await api.deleteImages('team-a/web.app_1', [{ imageTag: 'main' }]);
    assert.equal(deleted[0]?.imageDigest, before.image?.imageDigest);
    const [after] = await api.describeImages('team-a/web.app_1', [{ imageTag: 'main' }]);
    assert.equal(after.failure?.code, 'ImageNotFound', 'asked again after the delete');
    await assert.rejects(api.deleteImages('team-a/web.app_1', [{ imageTag: 'main' }]), (error: unknown) => {
      assert.ok(error instanceof ImageFailuresError);
      assert.match(error.message, /main \(ImageNotFound: /);
      return true;
    });
  });

  it('registry settings: pull-through cache rules, creation templates, scanning and tag mutability with exclusions', async () => {
    await api.createPullThroughCacheRule({ ecrRepositoryPrefix: 'aws-test-ecr-public', upstreamRegistryUrl: 'public.ecr.aws' });
    assert.deepEqual((await api.pullThroughCacheRules()).map((r) => [r.ecrRepositoryPrefix, r.upstreamRegistry]), [['aws-test-ecr-public', 'ecr-public']]);
    assert.deepEqual(await api.validatePullThroughCacheRule('aws-test-ecr-public'), { isValid: true, failure: undefined });
    await api.deletePullThroughCacheRule('aws-test-ecr-public');
    assert.deepEqual(await api.pullThroughCacheRules(), []);

    await api.createCreationTemplate({ prefix: 'aws-test', appliedFor: ['CREATE_ON_PUSH'], imageTagMutability: 'MUTABLE', imageTagMutabilityExclusionFilters: [] });
    await api.updateCreationTemplate({ prefix: 'aws-test', appliedFor: ['CREATE_ON_PUSH'], description: 'changed' });
    assert.deepEqual((await api.creationTemplates()).map((t) => [t.prefix, t.description, t.imageTagMutability]), [['aws-test', 'changed', 'MUTABLE']]);
    await api.deleteCreationTemplate('aws-test');
    assert.deepEqual(await api.creationTemplates(), []);

    const before = await api.scanningConfiguration();
    await api.putScanningConfiguration({ scanType: 'BASIC', rules: [{ scanFrequency: 'SCAN_ON_PUSH', repositoryFilters: [{ filter: 'aws-test*', filterType: 'WILDCARD' }] }] });
    assert.deepEqual((await api.scanningConfiguration()).rules?.map((r) => r.repositoryFilters?.[0]?.filter), ['aws-test*']);
    await api.putScanningConfiguration(before);

    await api.createRepository({ name: 'aws-test/excl', tagMutability: 'MUTABLE', scanOnPush: false, encryption: 'AES256' });
    await api.setTagMutability('aws-test/excl', 'IMMUTABLE_WITH_EXCLUSION', [{ filter: 'dev-*', filterType: 'WILDCARD' }]);
    const repository = await api.describeRepository('aws-test/excl');
    assert.equal(repository.imageTagMutability, 'IMMUTABLE_WITH_EXCLUSION');
    assert.deepEqual(repository.imageTagMutabilityExclusionFilters, [{ filter: 'dev-*', filterType: 'WILDCARD' }]);
    // The policy gate's immutableTags rule: a tag the exclusion matches is mutable.
    assert.equal(referenceTagImmutable(repository, 'v1'), true);
    assert.equal(referenceTagImmutable(repository, 'dev-7'), false);
    await api.deleteRepository('aws-test/excl', false);
  });

  it('creates, configures and deletes a repository', async () => {
    const created = await api.createRepository({ name: 'aws-test/new', tagMutability: 'IMMUTABLE', scanOnPush: true, encryption: 'AES256' });
    assert.equal(created.repositoryName, 'aws-test/new');
    assert.equal(created.imageTagMutability, 'IMMUTABLE');
    assert.equal(created.imageScanningConfiguration?.scanOnPush, true);
    const again = await problemOf(api.createRepository({ name: 'aws-test/new', tagMutability: 'MUTABLE', scanOnPush: false, encryption: 'AES256' }), sandboxSource(sandbox()));
    assert.deepEqual([again.kind, again.code], ['invalidInput', 'RepositoryAlreadyExistsException']);

    await api.setTagMutability('aws-test/new', 'MUTABLE');
    await api.setScanOnPush('aws-test/new', false);
    const changed = await api.describeRepository('aws-test/new');
    assert.equal(changed.imageTagMutability, 'MUTABLE');
    assert.equal(changed.imageScanningConfiguration?.scanOnPush, false);
    assert.equal(await api.getRepositoryPolicy('aws-test/new'), undefined);

    await api.deleteRepository('aws-test/new', false);
    const gone = await problemOf(api.describeRepository('aws-test/new'), sandboxSource(sandbox()));
    assert.deepEqual([gone.kind, gone.code], ['notFound', 'RepositoryNotFoundException']);
  });

  it('creates a KMS-encrypted repository', async () => {
    const kmsKey = 'arn:aws:kms:us-east-1:111111111111:key/aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee';
    const created = await api.createRepository({ name: 'aws-test/kms', tagMutability: 'MUTABLE', scanOnPush: false, encryption: 'KMS', kmsKey });
    assert.deepEqual(created.encryptionConfiguration, { encryptionType: 'KMS', kmsKey });
    await api.deleteRepository('aws-test/kms', true);
  });

  it('puts, reads, previews and deletes a lifecycle policy', async () => {
    assert.equal(await api.getLifecyclePolicy('empty-repo'), undefined);
    const policy = JSON.stringify({ rules: [{ rulePriority: 1, description: 'untagged', selection: { tagStatus: 'untagged', countType: 'sinceImagePushed', countUnit: 'days', countNumber: 1 }, action: { type: 'expire' } }] });
    await api.putLifecyclePolicy('empty-repo', policy);
    assert.deepEqual(JSON.parse((await api.getLifecyclePolicy('empty-repo')) ?? '{}'), JSON.parse(policy));
    await api.deleteLifecyclePolicy('empty-repo');
    assert.equal(await api.getLifecyclePolicy('empty-repo'), undefined);

    const fast = sandboxApi(sandbox(), { pollIntervalMs: 50 });
    const saved = await fast.previewLifecyclePolicy('lifecycle-demo').finally(() => fast.dispose());
    assert.equal(saved.status, 'COMPLETE');
    assert.ok(saved.previewResults.length > 0);
    assert.ok(saved.previewResults.every((r) => r.action?.type === 'EXPIRE'));
    const expiredTags = saved.previewResults.flatMap((r) => r.imageTags ?? []);
    assert.ok(expiredTags.includes('release-1.0'), expiredTags.join(','));

    const onlyUntagged = await api.previewLifecyclePolicy('lifecycle-demo', policy);
    assert.equal(onlyUntagged.status, 'COMPLETE');
    assert.ok(onlyUntagged.previewResults.every((r) => (r.imageTags ?? []).length === 0));
  });

  it('starts a scan and reads its findings when complete; a never-scanned image has none', async () => {
    assert.equal(await api.scanFindings('web', { imageTag: 'v1.0.0' }), undefined);
    assert.equal(await api.startScan('web', { imageTag: 'v1.0.0' }).then((s) => s?.status), 'IN_PROGRESS');
    let result = await api.scanFindings('web', { imageTag: 'v1.0.0' });
    for (let i = 0; i < 50 && result?.imageScanStatus?.status === 'IN_PROGRESS'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      result = await api.scanFindings('web', { imageTag: 'v1.0.0' });
    }
    assert.equal(result?.imageScanStatus?.status, 'COMPLETE');
    assert.ok((result?.imageScanFindings?.findings ?? []).length > 0);
    assert.ok(Object.keys(result?.imageScanFindings?.findingSeverityCounts ?? {}).length > 0);
  });

  it('reads enhanced findings of a registry with enhanced scanning', async () => {
    const enhanced = sandboxApi(sandbox(), {}, sandbox().accounts[1]);
    try {
      const result = await enhanced.scanFindings('payments/api', { imageTag: 'latest' });
      assert.equal(result?.imageScanStatus?.status, 'COMPLETE');
      assert.ok((result?.imageScanFindings?.enhancedFindings ?? []).length > 0);
    } finally {
      enhanced.dispose();
    }
  });

  it('gets the registry login once for two callers, and the token works as "AWS:<password>"', async () => {
    const [a, b] = await Promise.all([api.authorizationToken(), api.authorizationToken()]);
    const c = await api.authorizationToken();
    assert.equal(counter.count('GetAuthorizationToken'), 1);
    assert.ok(a === b && b === c);
    assert.equal(a.username, 'AWS');
    assert.ok(a.password.length > 0);
    assert.ok(a.expiresAt.getTime() > Date.now() + 60 * 60_000);
    const info = await api.registryInfo();
    assert.equal(new URL(a.proxyEndpoint).host, info.host);
    // The registry's data plane accepts it, as `docker login` would use it.
    const basic = Buffer.from(`${a.username}:${a.password}`).toString('base64');
    assert.equal((await fetch(`${a.proxyEndpoint}/v2/`, { headers: { authorization: `Basic ${basic}` } })).status, 200);
    assert.equal((await fetch(`${a.proxyEndpoint}/v2/`)).status, 401);
    assert.equal(counter.count('GetAuthorizationToken'), 1, 'registry info reuses the cached token');
  });

  it('rides out throttling with retries (2 throttled attempts, then success)', async () => {
    sandbox().setFaults({ throttle: 2 });
    const page = await api.listRepositories({ maxResults: 5 });
    assert.equal(page.items.length, 5);
    assert.equal(counter.count('DescribeRepositories'), 1);
    assert.equal(counter.attemptCount('DescribeRepositories'), 3);
  });

  it('classifies throttling that outlasts the retries as throttled', async () => {
    sandbox().setFaults({ throttle: 10 });
    const problem = await problemOf(api.listRepositories({ maxResults: 5 }), sandboxSource(sandbox()));
    assert.equal(problem.kind, 'throttled');
    assert.equal(counter.attemptCount('DescribeRepositories'), 3);
  });

  it('classifies expired credentials as expiredCredentials', async () => {
    sandbox().setFaults({ expiredCredentials: true });
    const problem = await problemOf(api.listRepositories({ maxResults: 5 }), sandboxSource(sandbox()));
    assert.equal(problem.kind, 'expiredCredentials');
    assert.equal(problem.action?.kind, 'retry');
  });

  it('classifies a denied action as accessDenied naming the action', async () => {
    sandbox().setFaults({ denyActions: ['ecr:DescribeRepositories'] });
    const problem = await problemOf(api.listRepositories({ maxResults: 5 }), sandboxSource(sandbox()));
    assert.equal(problem.kind, 'accessDenied');
    assert.equal(problem.deniedAction, 'ecr:DescribeRepositories');
    assert.match(problem.message, /not allowed to perform ecr:DescribeRepositories/);
  });

  it('classifies an endpoint nobody listens on as unreachable', async () => {
    const source = { ...sandboxSource(sandbox()), endpoint: 'http://127.0.0.1:9' };
    const dead = createEcrApi(source, { credentials: async () => ({ accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'x' }), maxAttempts: 1 });
    try {
      const problem = await problemOf(dead.listRepositories({ maxResults: 5 }), source);
      assert.equal(problem.kind, 'unreachable');
      assert.equal(problem.code, 'ECONNREFUSED');
    } finally {
      dead.dispose();
    }
  });
});
