// The ECR API emulator against the unmodified @aws-sdk/client-ecr: shapes, errors, paging, validation.
import * as assert from 'node:assert/strict';
import {
  BatchDeleteImageCommand,
  BatchGetImageCommand,
  CreateRepositoryCommand,
  DeleteRepositoryCommand,
  DeleteRepositoryPolicyCommand,
  DescribeImagesCommand,
  DescribeRegistryCommand,
  DescribeRepositoriesCommand,
  ECRClient,
  GetAuthorizationTokenCommand,
  GetRepositoryPolicyCommand,
  ListImagesCommand,
  type ListImagesCommandOutput,
  ListTagsForResourceCommand,
  PutImageCommand,
  PutImageScanningConfigurationCommand,
  PutImageTagMutabilityCommand,
  SetRepositoryPolicyCommand,
  TagResourceCommand,
  UntagResourceCommand,
} from '@aws-sdk/client-ecr';
import { ecrClient, rejectsWith, useSandbox } from './helpers';

describe('sandbox ECR API (real SDK, SigV4)', function () {
  this.timeout(30_000);
  const sandbox = useSandbox();
  let ecr: ECRClient;
  before(() => {
    ecr = ecrClient(sandbox());
  });

  describe('authentication', () => {
    it('rejects an unknown access key with UnrecognizedClientException', async () => {
      const client = new ECRClient({ endpoint: sandbox().endpoint, region: 'us-east-1', maxAttempts: 1, credentials: { accessKeyId: 'AKIAUNKNOWN000000000', secretAccessKey: 'x' } });
      await rejectsWith(client.send(new DescribeRepositoriesCommand({})), 'UnrecognizedClientException');
    });

    it('rejects a wrong secret with InvalidSignatureException', async () => {
      const account = sandbox().accounts[0];
      const client = new ECRClient({ endpoint: sandbox().endpoint, region: 'us-east-1', maxAttempts: 1, credentials: { accessKeyId: account.accessKeyId, secretAccessKey: 'wrong-secret' } });
      await rejectsWith(client.send(new DescribeRepositoriesCommand({})), 'InvalidSignatureException');
    });

    it('answers an unknown operation with JSON UnknownOperationException', async () => {
      const response = await fetch(sandbox().endpoint, {
        method: 'POST',
        headers: { 'x-amz-target': 'AmazonEC2ContainerRegistry_V20150921.NoSuchThing', 'content-type': 'application/x-amz-json-1.1' },
        body: '{}',
      });
      assert.equal(response.status, 400);
      assert.deepEqual((await response.json()) as object, { __type: 'UnknownOperationException', message: 'Unknown operation AmazonEC2ContainerRegistry_V20150921.NoSuchThing' });
    });

    it('takes the account from the access key and the region from the signature scope', async () => {
      const [, second] = sandbox().accounts;
      const other = ecrClient(sandbox(), second);
      assert.equal((await other.send(new DescribeRegistryCommand({}))).registryId, '222222222222');
      const names = (await other.send(new DescribeRepositoriesCommand({}))).repositories?.map((r) => r.repositoryName);
      assert.deepEqual(names, ['payments/api', 'web']);
      // account 1 in a region it has no repositories in: an empty, separate registry with its own host
      const elsewhere = ecrClient(sandbox(), sandbox().accounts[0], 'ap-southeast-2');
      assert.deepEqual((await elsewhere.send(new DescribeRepositoriesCommand({}))).repositories, []);
      const token = await elsewhere.send(new GetAuthorizationTokenCommand({}));
      const host = new URL(token.authorizationData?.[0].proxyEndpoint ?? '').host;
      assert.ok(sandbox().registries.some((r) => r.region === 'ap-southeast-2' && r.host === host));
    });
  });

  describe('GetAuthorizationToken / DescribeRegistry', () => {
    it('returns base64 AWS:<password>, a 12 h expiry and the data-plane host', async () => {
      const before = Date.now();
      const data = (await ecr.send(new GetAuthorizationTokenCommand({}))).authorizationData?.[0];
      assert.ok(data?.authorizationToken && data.expiresAt && data.proxyEndpoint);
      const decoded = Buffer.from(data.authorizationToken, 'base64').toString();
      assert.match(decoded, /^AWS:.{20,}$/);
      const hours = (data.expiresAt.getTime() - before) / 3600_000;
      assert.ok(hours > 11.9 && hours < 12.1, `expires in ${hours} h`);
      assert.equal(new URL(data.proxyEndpoint).host, sandbox().registries[0].host);
      assert.equal((await ecr.send(new DescribeRegistryCommand({}))).registryId, '111111111111');
    });
  });

  describe('repositories', () => {
    it('describes seeded repositories with their URIs on the registry host', async () => {
      const { repositories } = await ecr.send(new DescribeRepositoriesCommand({ repositoryNames: ['team-a/web.app_1', 'immutable-api'] }));
      const host = sandbox().registries[0].host;
      assert.deepEqual(repositories?.map((r) => [r.repositoryName, r.repositoryUri, r.imageTagMutability]), [
        ['team-a/web.app_1', `${host}/team-a/web.app_1`, 'MUTABLE'],
        ['immutable-api', `${host}/immutable-api`, 'IMMUTABLE'],
      ]);
      const repo = repositories?.[0];
      assert.equal(repo?.repositoryArn, 'arn:aws:ecr:us-east-1:111111111111:repository/team-a/web.app_1');
      assert.equal(repo?.registryId, '111111111111');
      assert.ok(repo?.createdAt instanceof Date);
      assert.deepEqual(repo?.encryptionConfiguration, { encryptionType: 'AES256' });
    });

    it('fails with RepositoryNotFoundException for a missing name', async () => {
      await rejectsWith(ecr.send(new DescribeRepositoriesCommand({ repositoryNames: ['nope'] })), 'RepositoryNotFoundException', /'nope' does not exist in the registry with id '111111111111'/);
    });

    it('pages with maxResults and nextToken, and validates both', async () => {
      const names: string[] = [];
      let nextToken: string | undefined;
      let pages = 0;
      do {
        const page = await ecr.send(new DescribeRepositoriesCommand({ maxResults: 2, nextToken }));
        assert.ok((page.repositories?.length ?? 0) <= 2);
        names.push(...(page.repositories ?? []).map((r) => r.repositoryName ?? ''));
        nextToken = page.nextToken;
        pages++;
      } while (nextToken);
      const all = (await ecr.send(new DescribeRepositoriesCommand({}))).repositories?.map((r) => r.repositoryName);
      assert.deepEqual(names, all);
      assert.equal(pages, Math.ceil(names.length / 2));
      await rejectsWith(ecr.send(new DescribeRepositoriesCommand({ maxResults: 1001 })), 'InvalidParameterException', /maxResults/);
      await rejectsWith(ecr.send(new DescribeRepositoriesCommand({ maxResults: 0 })), 'InvalidParameterException', /maxResults/);
      await rejectsWith(ecr.send(new DescribeRepositoriesCommand({ nextToken: 'garbage' })), 'InvalidParameterException', /NextToken/);
    });

    it('creates a repository with every setting, refuses a duplicate and invalid names', async () => {
      const { repository } = await ecr.send(new CreateRepositoryCommand({
        repositoryName: 'created/by-test_1.x',
        imageTagMutability: 'IMMUTABLE',
        imageScanningConfiguration: { scanOnPush: true },
        encryptionConfiguration: { encryptionType: 'KMS' },
        tags: [{ Key: 'owner', Value: 'tests' }],
      }));
      assert.equal(repository?.imageTagMutability, 'IMMUTABLE');
      assert.deepEqual(repository?.imageScanningConfiguration, { scanOnPush: true });
      assert.equal(repository?.encryptionConfiguration?.encryptionType, 'KMS');
      assert.match(repository?.encryptionConfiguration?.kmsKey ?? '', /^arn:aws:kms:us-east-1:111111111111:/);
      await rejectsWith(ecr.send(new CreateRepositoryCommand({ repositoryName: 'created/by-test_1.x' })), 'RepositoryAlreadyExistsException');
      for (const bad of ['Upper', 'a', 'ends-', 'double//slash', '-starts', 'x'.repeat(257)]) {
        await rejectsWith(ecr.send(new CreateRepositoryCommand({ repositoryName: bad })), 'InvalidParameterException', /repositoryName/);
      }
      const tags = await ecr.send(new ListTagsForResourceCommand({ resourceArn: repository?.repositoryArn }));
      assert.deepEqual(tags.tags, [{ Key: 'owner', Value: 'tests' }]);
      await ecr.send(new DeleteRepositoryCommand({ repositoryName: 'created/by-test_1.x' }));
    });

    it('refuses to delete a repository with images unless forced', async () => {
      await rejectsWith(ecr.send(new DeleteRepositoryCommand({ repositoryName: 'clean-app' })), 'RepositoryNotEmptyException');
      const { repository } = await ecr.send(new DeleteRepositoryCommand({ repositoryName: 'clean-app', force: true }));
      assert.equal(repository?.repositoryName, 'clean-app');
      await rejectsWith(ecr.send(new DescribeImagesCommand({ repositoryName: 'clean-app' })), 'RepositoryNotFoundException');
      await rejectsWith(ecr.send(new DeleteRepositoryCommand({ repositoryName: 'clean-app' })), 'RepositoryNotFoundException');
    });

    it('changes tag mutability and scan-on-push', async () => {
      await ecr.send(new CreateRepositoryCommand({ repositoryName: 'settings-test' }));
      const mutability = await ecr.send(new PutImageTagMutabilityCommand({ repositoryName: 'settings-test', imageTagMutability: 'IMMUTABLE' }));
      assert.equal(mutability.imageTagMutability, 'IMMUTABLE');
      const scanning = await ecr.send(new PutImageScanningConfigurationCommand({ repositoryName: 'settings-test', imageScanningConfiguration: { scanOnPush: true } }));
      assert.deepEqual(scanning.imageScanningConfiguration, { scanOnPush: true });
      const [repo] = (await ecr.send(new DescribeRepositoriesCommand({ repositoryNames: ['settings-test'] }))).repositories ?? [];
      assert.equal(repo.imageTagMutability, 'IMMUTABLE');
      assert.equal(repo.imageScanningConfiguration?.scanOnPush, true);
    });

    it('sets, gets and deletes a repository policy', async () => {
      await rejectsWith(ecr.send(new GetRepositoryPolicyCommand({ repositoryName: 'web' })), 'RepositoryPolicyNotFoundException');
      const policyText = JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: 'pull', Effect: 'Allow', Principal: '*', Action: ['ecr:BatchGetImage'] }] });
      await ecr.send(new SetRepositoryPolicyCommand({ repositoryName: 'web', policyText }));
      assert.equal((await ecr.send(new GetRepositoryPolicyCommand({ repositoryName: 'web' }))).policyText, policyText);
      await rejectsWith(ecr.send(new SetRepositoryPolicyCommand({ repositoryName: 'web', policyText: 'not json' })), 'InvalidParameterException');
      assert.equal((await ecr.send(new DeleteRepositoryPolicyCommand({ repositoryName: 'web' }))).policyText, policyText);
      await rejectsWith(ecr.send(new DeleteRepositoryPolicyCommand({ repositoryName: 'web' })), 'RepositoryPolicyNotFoundException');
    });

    it('tags and untags a repository by ARN', async () => {
      const resourceArn = 'arn:aws:ecr:us-east-1:111111111111:repository/web';
      await ecr.send(new TagResourceCommand({ resourceArn, tags: [{ Key: 'env', Value: 'prod' }] }));
      let tags = (await ecr.send(new ListTagsForResourceCommand({ resourceArn }))).tags;
      assert.deepEqual(tags, [{ Key: 'team', Value: 'frontend' }, { Key: 'env', Value: 'prod' }]);
      await ecr.send(new UntagResourceCommand({ resourceArn, tagKeys: ['team'] }));
      tags = (await ecr.send(new ListTagsForResourceCommand({ resourceArn }))).tags;
      assert.deepEqual(tags, [{ Key: 'env', Value: 'prod' }]);
      await rejectsWith(ecr.send(new TagResourceCommand({ resourceArn, tags: [{ Key: 'aws:reserved', Value: 'x' }] })), 'InvalidTagParameterException');
      const many = Array.from({ length: 51 }, (_, i) => ({ Key: `k${i}`, Value: 'v' }));
      await rejectsWith(ecr.send(new TagResourceCommand({ resourceArn, tags: many })), 'TooManyTagsException');
      await rejectsWith(ecr.send(new ListTagsForResourceCommand({ resourceArn: 'arn:aws:ecr:us-east-1:111111111111:repository/none' })), 'RepositoryNotFoundException');
      await rejectsWith(ecr.send(new ListTagsForResourceCommand({ resourceArn: 'not-an-arn' })), 'InvalidParameterException');
    });
  });

  describe('images', () => {
    it('describes images with facts read back from the registry', async () => {
      const { imageDetails } = await ecr.send(new DescribeImagesCommand({ repositoryName: 'web' }));
      assert.equal(imageDetails?.length, 4);
      const latest = imageDetails?.find((d) => d.imageTags?.includes('latest'));
      assert.deepEqual(latest?.imageTags, ['latest', 'v1.2.0']);
      assert.match(latest?.imageDigest ?? '', /^sha256:[0-9a-f]{64}$/);
      assert.equal(latest?.imageManifestMediaType, 'application/vnd.docker.distribution.manifest.v2+json');
      assert.equal(latest?.artifactMediaType, 'application/vnd.docker.container.image.v1+json');
      assert.equal(latest?.imageScanStatus?.status, 'COMPLETE');
      assert.deepEqual(latest?.imageScanFindingsSummary?.findingSeverityCounts, { CRITICAL: 1, HIGH: 1, MEDIUM: 1, LOW: 1, INFORMATIONAL: 1, UNDEFINED: 1 });
      // size = sum of the layer sizes in the manifest the registry serves
      const [got] = (await ecr.send(new BatchGetImageCommand({ repositoryName: 'web', imageIds: [{ imageTag: 'latest' }] }))).images ?? [];
      const manifest = JSON.parse(got.imageManifest ?? '{}') as { layers: { size: number }[] };
      assert.equal(latest?.imageSizeInBytes, manifest.layers.reduce((sum, l) => sum + l.size, 0));
      const age = (Date.now() - (latest?.imagePushedAt?.getTime() ?? 0)) / 86_400_000;
      assert.ok(age > 0.99 && age < 1.01, `pushed ${age} days ago`);
      const untagged = imageDetails?.filter((d) => !d.imageTags);
      assert.equal(untagged?.length, 1);
    });

    it('filters by tag status and looks up by imageIds', async () => {
      const tagged = await ecr.send(new DescribeImagesCommand({ repositoryName: 'web', filter: { tagStatus: 'TAGGED' } }));
      assert.equal(tagged.imageDetails?.length, 3);
      const untagged = await ecr.send(new DescribeImagesCommand({ repositoryName: 'web', filter: { tagStatus: 'UNTAGGED' } }));
      assert.equal(untagged.imageDetails?.length, 1);
      const byId = await ecr.send(new DescribeImagesCommand({ repositoryName: 'web', imageIds: [{ imageTag: 'v1.1.0' }] }));
      assert.deepEqual(byId.imageDetails?.map((d) => d.imageTags), [['v1.1.0']]);
      await rejectsWith(ecr.send(new DescribeImagesCommand({ repositoryName: 'web', imageIds: [{ imageTag: 'missing' }] })), 'ImageNotFoundException', /imageTag:'missing'/);
      await rejectsWith(ecr.send(new DescribeImagesCommand({ repositoryName: 'web', imageIds: [{ imageTag: 'v1.1.0' }], maxResults: 5 })), 'InvalidParameterException');
      await rejectsWith(ecr.send(new DescribeImagesCommand({ repositoryName: 'web', maxResults: 1001 })), 'InvalidParameterException');
    });

    it('describes a multi-platform index and its platform images', async () => {
      const { imageDetails } = await ecr.send(new DescribeImagesCommand({ repositoryName: 'multi-arch' }));
      const index = imageDetails?.find((d) => d.imageTags?.includes('latest'));
      assert.equal(index?.imageManifestMediaType, 'application/vnd.oci.image.index.v1+json');
      const list = imageDetails?.find((d) => d.imageTags?.includes('legacy'));
      assert.equal(list?.imageManifestMediaType, 'application/vnd.docker.distribution.manifest.list.v2+json');
      const children = imageDetails?.filter((d) => !d.imageTags) ?? [];
      assert.equal(children.length, 4);
      assert.ok(children.some((d) => d.imageManifestMediaType === 'application/vnd.oci.image.manifest.v1+json'));
      const [got] = (await ecr.send(new BatchGetImageCommand({ repositoryName: 'multi-arch', imageIds: [{ imageTag: 'latest' }] }))).images ?? [];
      const platforms = (JSON.parse(got.imageManifest ?? '{}') as { manifests: { platform: { architecture: string } }[] }).manifests.map((m) => m.platform.architecture);
      assert.deepEqual(platforms, ['amd64', 'arm64']);
    });

    it('pages DescribeImages and ListImages', async () => {
      const seen = new Set<string>();
      let nextToken: string | undefined;
      do {
        const page = await ecr.send(new DescribeImagesCommand({ repositoryName: 'lifecycle-demo', maxResults: 5, nextToken }));
        for (const d of page.imageDetails ?? []) seen.add(d.imageDigest ?? '');
        nextToken = page.nextToken;
      } while (nextToken);
      assert.equal(seen.size, 13);
      const ids: string[] = [];
      nextToken = undefined;
      do {
        const page: ListImagesCommandOutput = await ecr.send(new ListImagesCommand({ repositoryName: 'web', maxResults: 2, nextToken }));
        ids.push(...(page.imageIds ?? []).map((id) => `${id.imageDigest?.slice(0, 15)}:${id.imageTag ?? '<none>'}`));
        nextToken = page.nextToken;
      } while (nextToken);
      assert.equal(ids.length, 5); // latest, v1.2.0, v1.1.0, v1.0.0 and one untagged
      assert.equal(ids.filter((id) => id.endsWith('<none>')).length, 1);
      const untagged = await ecr.send(new ListImagesCommand({ repositoryName: 'web', filter: { tagStatus: 'UNTAGGED' } }));
      assert.equal(untagged.imageIds?.length, 1);
      assert.equal(untagged.imageIds?.[0].imageTag, undefined);
    });

    it('BatchGetImage reports failures per image', async () => {
      const result = await ecr.send(new BatchGetImageCommand({
        repositoryName: 'web',
        imageIds: [{ imageTag: 'v1.0.0' }, { imageTag: 'ghost' }, {}],
      }));
      assert.equal(result.images?.length, 1);
      assert.equal(result.images?.[0].imageId?.imageTag, 'v1.0.0');
      assert.deepEqual(result.failures?.map((f) => f.failureCode), ['ImageNotFound', 'MissingDigestAndTag']);
    });

    it('PutImage retags by manifest; refuses duplicates and immutable overwrites', async () => {
      const [source] = (await ecr.send(new BatchGetImageCommand({ repositoryName: 'web', imageIds: [{ imageTag: 'v1.0.0' }] }))).images ?? [];
      const put = await ecr.send(new PutImageCommand({ repositoryName: 'web', imageManifest: source.imageManifest, imageTag: 'retagged' }));
      assert.equal(put.image?.imageId?.imageDigest, source.imageId?.imageDigest);
      const described = await ecr.send(new DescribeImagesCommand({ repositoryName: 'web', imageIds: [{ imageTag: 'retagged' }] }));
      assert.deepEqual(described.imageDetails?.[0].imageTags, ['retagged', 'v1.0.0']);
      await rejectsWith(ecr.send(new PutImageCommand({ repositoryName: 'web', imageManifest: source.imageManifest, imageTag: 'retagged' })), 'ImageAlreadyExistsException');

      const [v1] = (await ecr.send(new BatchGetImageCommand({ repositoryName: 'immutable-api', imageIds: [{ imageTag: 'v1' }] }))).images ?? [];
      await rejectsWith(
        ecr.send(new PutImageCommand({ repositoryName: 'immutable-api', imageManifest: v1.imageManifest, imageTag: 'v2' })),
        'ImageTagAlreadyExistsException',
        /The image tag 'v2' already exists in the 'immutable-api' repository and cannot be overwritten because the repository is immutable/,
      );
      const missingLayers = JSON.stringify({
        schemaVersion: 2,
        mediaType: 'application/vnd.docker.distribution.manifest.v2+json',
        config: { mediaType: 'application/vnd.docker.container.image.v1+json', digest: `sha256:${'a'.repeat(64)}`, size: 10 },
        layers: [],
      });
      await rejectsWith(ecr.send(new PutImageCommand({ repositoryName: 'web', imageManifest: missingLayers, imageTag: 'broken' })), 'LayersNotFoundException');
      await rejectsWith(ecr.send(new PutImageCommand({ repositoryName: 'web', imageManifest: source.imageManifest, imageTag: 'x', imageDigest: `sha256:${'b'.repeat(64)}` })), 'ImageDigestDoesNotMatchException');
    });

    it('BatchDeleteImage removes one tag, whole images, and reports failures', async () => {
      const [source] = (await ecr.send(new BatchGetImageCommand({ repositoryName: 'team-a/web.app_1', imageIds: [{ imageTag: 'main' }] }))).images ?? [];
      await ecr.send(new PutImageCommand({ repositoryName: 'team-a/web.app_1', imageManifest: source.imageManifest, imageTag: 'extra' }));
      const untag = await ecr.send(new BatchDeleteImageCommand({ repositoryName: 'team-a/web.app_1', imageIds: [{ imageTag: 'extra' }] }));
      assert.deepEqual(untag.imageIds, [{ imageDigest: source.imageId?.imageDigest, imageTag: 'extra' }]);
      const still = await ecr.send(new DescribeImagesCommand({ repositoryName: 'team-a/web.app_1', imageIds: [{ imageTag: 'main' }] }));
      assert.deepEqual(still.imageDetails?.[0].imageTags, ['main']);

      const result = await ecr.send(new BatchDeleteImageCommand({
        repositoryName: 'team-a/web.app_1',
        imageIds: [{ imageDigest: source.imageId?.imageDigest }, { imageTag: 'ghost' }, { imageDigest: 'not-a-digest' }],
      }));
      assert.deepEqual(result.imageIds, [{ imageDigest: source.imageId?.imageDigest, imageTag: 'main' }]);
      assert.deepEqual(result.failures?.map((f) => f.failureCode), ['ImageNotFound', 'InvalidImageDigest']);
      const left = await ecr.send(new DescribeImagesCommand({ repositoryName: 'team-a/web.app_1' }));
      assert.equal(left.imageDetails?.length, 1);
      assert.equal(left.imageDetails?.[0].imageTags, undefined);
    });

    it('BatchDeleteImage with tag and digest refuses when the tag moved to another image (ImageTagDoesNotMatchDigest)', async () => {
      const repositoryName = 'web';
      const tag = `moving-${process.pid}`;
      const [a, b] = (await ecr.send(new BatchGetImageCommand({ repositoryName, imageIds: [{ imageTag: 'v1.0.0' }, { imageTag: 'v1.1.0' }] }))).images ?? [];
      await ecr.send(new PutImageCommand({ repositoryName, imageManifest: a.imageManifest, imageTag: tag }));
      await ecr.send(new PutImageCommand({ repositoryName, imageManifest: b.imageManifest, imageTag: tag })); // the tag moves to b
      try {
        const refused = await ecr.send(new BatchDeleteImageCommand({ repositoryName, imageIds: [{ imageDigest: a.imageId?.imageDigest, imageTag: tag }] }));
        assert.deepEqual(refused.imageIds, []);
        assert.deepEqual(refused.failures?.map((f) => [f.failureCode, f.imageId?.imageTag]), [['ImageTagDoesNotMatchDigest', tag]]);
        const still = await ecr.send(new DescribeImagesCommand({ repositoryName, imageIds: [{ imageTag: tag }] }));
        assert.equal(still.imageDetails?.[0].imageDigest, b.imageId?.imageDigest, 'the tag stays where it is');

        const matching = await ecr.send(new BatchDeleteImageCommand({ repositoryName, imageIds: [{ imageDigest: b.imageId?.imageDigest, imageTag: tag }] }));
        assert.deepEqual(matching.imageIds, [{ imageDigest: b.imageId?.imageDigest, imageTag: tag }]);
        const afterDelete = await ecr.send(new DescribeImagesCommand({ repositoryName, imageIds: [{ imageDigest: b.imageId?.imageDigest }] }));
        assert.deepEqual(afterDelete.imageDetails?.[0].imageTags, ['v1.1.0'], 'only the tag went; the image stays');
      } finally {
        await ecr.send(new BatchDeleteImageCommand({ repositoryName, imageIds: [{ imageTag: tag }] })).catch(() => undefined);
      }
    });

    it('refuses to delete a platform image that an index references', async () => {
      const children = (await ecr.send(new ListImagesCommand({ repositoryName: 'multi-arch', filter: { tagStatus: 'UNTAGGED' } }))).imageIds ?? [];
      const result = await ecr.send(new BatchDeleteImageCommand({ repositoryName: 'multi-arch', imageIds: [{ imageDigest: children[0].imageDigest }] }));
      assert.equal(result.failures?.[0].failureCode, 'ImageReferencedByManifestList');
    });
  });
});
