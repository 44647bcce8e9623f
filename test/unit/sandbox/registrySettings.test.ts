// Registry settings in the sandbox through the unmodified SDK: pull-through cache rules, repository
// creation templates (applied on create-on-push), the registry scanning configuration and tag
// mutability with exclusion filters, enforced on pushes through the data plane.
import * as assert from 'node:assert/strict';
import {
  CreatePullThroughCacheRuleCommand,
  CreateRepositoryCommand,
  CreateRepositoryCreationTemplateCommand,
  DeletePullThroughCacheRuleCommand,
  DeleteRepositoryCommand,
  DeleteRepositoryCreationTemplateCommand,
  DescribeImageScanFindingsCommand,
  DescribePullThroughCacheRulesCommand,
  DescribeRepositoriesCommand,
  DescribeRepositoryCreationTemplatesCommand,
  type ECRClient,
  GetAuthorizationTokenCommand,
  GetLifecyclePolicyCommand,
  GetRegistryScanningConfigurationCommand,
  PutImageTagMutabilityCommand,
  PutRegistryScanningConfigurationCommand,
  UpdatePullThroughCacheRuleCommand,
  UpdateRepositoryCreationTemplateCommand,
  ValidatePullThroughCacheRuleCommand,
} from '@aws-sdk/client-ecr';
import { RegistryPusher } from '../../sandbox/seed/pusher';
import { buildImage } from '../../sandbox/seed/seeder';
import { ecrClient, rejectsWith, useSandbox } from './helpers';

const CREDENTIAL = 'arn:aws:secretsmanager:us-east-1:111111111111:secret:ecr-pullthroughcache/docker-hub-abc';
const LIFECYCLE = JSON.stringify({ rules: [{ rulePriority: 1, selection: { tagStatus: 'untagged', countType: 'sinceImagePushed', countUnit: 'days', countNumber: 14 }, action: { type: 'expire' } }] });

describe('sandbox registry settings', function () {
  this.timeout(30_000);
  const sandbox = useSandbox({ seed: false });
  let ecr: ECRClient;
  before(() => {
    ecr = ecrClient(sandbox());
  });

  async function pusher(): Promise<RegistryPusher> {
    const data = (await ecr.send(new GetAuthorizationTokenCommand({}))).authorizationData?.[0];
    return new RegistryPusher(new URL(data?.proxyEndpoint ?? '').host, `Basic ${data?.authorizationToken ?? ''}`);
  }

  /** Pushes an image (its content named `variant`) as repository:tag through the data plane. */
  async function push(p: RegistryPusher, repository: string, tag: string, variant: string): Promise<void> {
    const image = buildImage(repository, variant, { os: 'linux', architecture: 'amd64' }, false);
    for (const blob of image.blobs) await p.pushBlob(repository, blob);
    await p.pushManifest(repository, tag, image.manifest);
  }

  describe('pull-through cache rules', () => {
    it('creates, describes, updates, validates and deletes a rule', async () => {
      const created = await ecr.send(new CreatePullThroughCacheRuleCommand({ ecrRepositoryPrefix: 'hub', upstreamRegistryUrl: 'registry-1.docker.io', credentialArn: CREDENTIAL }));
      assert.equal(created.upstreamRegistry, 'docker-hub');
      assert.equal(created.registryId, '111111111111');
      assert.ok(created.createdAt instanceof Date);
      await ecr.send(new CreatePullThroughCacheRuleCommand({ ecrRepositoryPrefix: 'ecr-public', upstreamRegistryUrl: 'public.ecr.aws' }));

      const all = (await ecr.send(new DescribePullThroughCacheRulesCommand({}))).pullThroughCacheRules ?? [];
      assert.deepEqual(all.map((r) => [r.ecrRepositoryPrefix, r.upstreamRegistryUrl, r.upstreamRegistry]), [
        ['ecr-public', 'public.ecr.aws', 'ecr-public'],
        ['hub', 'registry-1.docker.io', 'docker-hub'],
      ]);
      const paged = await ecr.send(new DescribePullThroughCacheRulesCommand({ maxResults: 1 }));
      assert.equal(paged.pullThroughCacheRules?.length, 1);
      assert.ok(paged.nextToken);

      const newer = `${CREDENTIAL}-2`;
      const updated = await ecr.send(new UpdatePullThroughCacheRuleCommand({ ecrRepositoryPrefix: 'hub', credentialArn: newer }));
      assert.equal(updated.credentialArn, newer);
      assert.ok(updated.updatedAt instanceof Date);
      const validated = await ecr.send(new ValidatePullThroughCacheRuleCommand({ ecrRepositoryPrefix: 'hub' }));
      assert.equal(validated.isValid, true);
      assert.equal(validated.credentialArn, newer);

      const deleted = await ecr.send(new DeletePullThroughCacheRuleCommand({ ecrRepositoryPrefix: 'hub' }));
      assert.equal(deleted.upstreamRegistryUrl, 'registry-1.docker.io');
      await ecr.send(new DeletePullThroughCacheRuleCommand({ ecrRepositoryPrefix: 'ecr-public' }));
      assert.deepEqual((await ecr.send(new DescribePullThroughCacheRulesCommand({}))).pullThroughCacheRules, []);
    });

    it("refuses what ECR refuses, with ECR's error names", async () => {
      await rejectsWith(ecr.send(new CreatePullThroughCacheRuleCommand({ ecrRepositoryPrefix: 'x', upstreamRegistryUrl: 'public.ecr.aws' })), 'ValidationException', /ecrRepositoryPrefix.*length between 2 and 30/);
      await rejectsWith(ecr.send(new CreatePullThroughCacheRuleCommand({ ecrRepositoryPrefix: 'Bad_Prefix', upstreamRegistryUrl: 'public.ecr.aws' })), 'ValidationException', /regular expression/);
      await rejectsWith(ecr.send(new CreatePullThroughCacheRuleCommand({ ecrRepositoryPrefix: 'mine', upstreamRegistryUrl: 'registry.example.com' })), 'UnsupportedUpstreamRegistryException');
      await rejectsWith(
        ecr.send(new CreatePullThroughCacheRuleCommand({ ecrRepositoryPrefix: 'mine', upstreamRegistryUrl: 'quay.io', upstreamRegistry: 'docker-hub' })),
        'UnsupportedUpstreamRegistryException',
      );
      await rejectsWith(ecr.send(new CreatePullThroughCacheRuleCommand({ ecrRepositoryPrefix: 'gh', upstreamRegistryUrl: 'ghcr.io' })), 'InvalidParameterException', /credentialArn is required/);
      await rejectsWith(
        ecr.send(new CreatePullThroughCacheRuleCommand({ ecrRepositoryPrefix: 'gh', upstreamRegistryUrl: 'ghcr.io', credentialArn: 'arn:aws:secretsmanager:us-east-1:111111111111:secret:other' })),
        'ValidationException',
        /credentialArn/,
      );
      await ecr.send(new CreatePullThroughCacheRuleCommand({ ecrRepositoryPrefix: 'quay', upstreamRegistryUrl: 'quay.io' }));
      await rejectsWith(ecr.send(new CreatePullThroughCacheRuleCommand({ ecrRepositoryPrefix: 'quay/', upstreamRegistryUrl: 'quay.io' })), 'PullThroughCacheRuleAlreadyExistsException');
      await rejectsWith(ecr.send(new DescribePullThroughCacheRulesCommand({ ecrRepositoryPrefixes: ['nope'] })), 'PullThroughCacheRuleNotFoundException', /'nope'/);
      await rejectsWith(ecr.send(new DeletePullThroughCacheRuleCommand({ ecrRepositoryPrefix: 'nope' })), 'PullThroughCacheRuleNotFoundException');
      await rejectsWith(ecr.send(new UpdatePullThroughCacheRuleCommand({ ecrRepositoryPrefix: 'quay', credentialArn: CREDENTIAL })), 'InvalidParameterException', /does not use a credentialArn/);
      await ecr.send(new DeletePullThroughCacheRuleCommand({ ecrRepositoryPrefix: 'quay' }));
    });

    it('answers AccessDeniedException naming the action when it is denied', async () => {
      sandbox().setFaults({ denyActions: ['ecr:DescribePullThroughCacheRules'] });
      await rejectsWith(ecr.send(new DescribePullThroughCacheRulesCommand({})), 'AccessDeniedException', /ecr:DescribePullThroughCacheRules/);
    });
  });

  describe('repository creation templates', () => {
    it('creates, describes, updates and deletes a template', async () => {
      const created = await ecr.send(new CreateRepositoryCreationTemplateCommand({
        prefix: 'team-a',
        description: 'Team A',
        appliedFor: ['PULL_THROUGH_CACHE'],
        imageTagMutability: 'IMMUTABLE_WITH_EXCLUSION',
        imageTagMutabilityExclusionFilters: [{ filter: 'latest', filterType: 'WILDCARD' }],
        encryptionConfiguration: { encryptionType: 'KMS' },
        lifecyclePolicy: LIFECYCLE,
      }));
      assert.equal(created.registryId, '111111111111');
      assert.equal(created.repositoryCreationTemplate?.prefix, 'team-a');
      assert.deepEqual(created.repositoryCreationTemplate?.imageTagMutabilityExclusionFilters, [{ filter: 'latest', filterType: 'WILDCARD' }]);

      const listed = (await ecr.send(new DescribeRepositoryCreationTemplatesCommand({}))).repositoryCreationTemplates ?? [];
      assert.deepEqual(listed.map((t) => [t.prefix, t.description, t.appliedFor]), [['team-a', 'Team A', ['PULL_THROUGH_CACHE']]]);

      const updated = await ecr.send(new UpdateRepositoryCreationTemplateCommand({ prefix: 'team-a', description: 'Team A images', imageTagMutability: 'MUTABLE', appliedFor: ['PULL_THROUGH_CACHE', 'CREATE_ON_PUSH'] }));
      assert.equal(updated.repositoryCreationTemplate?.description, 'Team A images');
      assert.equal(updated.repositoryCreationTemplate?.imageTagMutability, 'MUTABLE');
      assert.equal(updated.repositoryCreationTemplate?.imageTagMutabilityExclusionFilters, undefined, 'a plain mode drops the exclusions');
      assert.equal(updated.repositoryCreationTemplate?.lifecyclePolicy, LIFECYCLE, 'fields not given are kept');

      const deleted = await ecr.send(new DeleteRepositoryCreationTemplateCommand({ prefix: 'team-a' }));
      assert.equal(deleted.repositoryCreationTemplate?.prefix, 'team-a');
      assert.deepEqual((await ecr.send(new DescribeRepositoryCreationTemplatesCommand({}))).repositoryCreationTemplates, []);
    });

    it("refuses what ECR refuses, with ECR's error names", async () => {
      await rejectsWith(ecr.send(new CreateRepositoryCreationTemplateCommand({ prefix: 'Team A', appliedFor: ['REPLICATION'] })), 'ValidationException', /prefix/);
      await rejectsWith(ecr.send(new CreateRepositoryCreationTemplateCommand({ prefix: 'ok', appliedFor: [] })), 'ValidationException', /appliedFor/);
      await rejectsWith(ecr.send(new CreateRepositoryCreationTemplateCommand({ prefix: 'ok', appliedFor: ['REPLICATION'], description: 'x'.repeat(257) })), 'ValidationException', /description/);
      await rejectsWith(ecr.send(new CreateRepositoryCreationTemplateCommand({ prefix: 'ok', appliedFor: ['REPLICATION'], lifecyclePolicy: `{"rules": 1}${' '.repeat(100)}` })), 'InvalidParameterException', /Lifecycle policy validation failure/);
      await rejectsWith(ecr.send(new CreateRepositoryCreationTemplateCommand({ prefix: 'ok', appliedFor: ['REPLICATION'], imageTagMutability: 'IMMUTABLE_WITH_EXCLUSION' })), 'InvalidParameterException', /At least one exclusion filter/);
      await ecr.send(new CreateRepositoryCreationTemplateCommand({ prefix: 'ROOT', appliedFor: ['REPLICATION'] }));
      await rejectsWith(ecr.send(new CreateRepositoryCreationTemplateCommand({ prefix: 'ROOT', appliedFor: ['REPLICATION'] })), 'TemplateAlreadyExistsException');
      await rejectsWith(ecr.send(new UpdateRepositoryCreationTemplateCommand({ prefix: 'nope', description: 'x' })), 'TemplateNotFoundException', /'nope'/);
      await rejectsWith(ecr.send(new DeleteRepositoryCreationTemplateCommand({ prefix: 'nope' })), 'TemplateNotFoundException');
      await ecr.send(new DeleteRepositoryCreationTemplateCommand({ prefix: 'ROOT' }));
    });

    it('a push to a missing repository a CREATE_ON_PUSH template matches creates it with the template settings', async () => {
      await ecr.send(new CreateRepositoryCreationTemplateCommand({ prefix: 'auto', appliedFor: ['CREATE_ON_PUSH'], imageTagMutability: 'IMMUTABLE', lifecyclePolicy: LIFECYCLE }));
      const name = `auto/app-${Date.now()}`;
      try {
        await push(await pusher(), name, 'v1', 'a');
        const [repo] = (await ecr.send(new DescribeRepositoriesCommand({ repositoryNames: [name] }))).repositories ?? [];
        assert.equal(repo?.imageTagMutability, 'IMMUTABLE');
        assert.equal((await ecr.send(new GetLifecyclePolicyCommand({ repositoryName: name }))).lifecyclePolicyText, LIFECYCLE);
        await assert.rejects(push(await pusher(), `other-${Date.now()}`, 'v1', 'a'), /404/, 'no template, no repository');
      } finally {
        await ecr.send(new DeleteRepositoryCommand({ repositoryName: name, force: true })).catch(() => undefined);
        await ecr.send(new DeleteRepositoryCreationTemplateCommand({ prefix: 'auto' }));
      }
    });
  });

  describe('registry scanning configuration', () => {
    afterEach(async () => {
      await ecr.send(new PutRegistryScanningConfigurationCommand({ scanType: 'BASIC', rules: [] }));
    });

    it('answers BASIC without rules by default, stores a configuration and scans matching pushes', async () => {
      const initial = await ecr.send(new GetRegistryScanningConfigurationCommand({}));
      assert.deepEqual(initial.scanningConfiguration, { scanType: 'BASIC', rules: [] });
      assert.equal(initial.registryId, '111111111111');
      const rules = [{ scanFrequency: 'SCAN_ON_PUSH' as const, repositoryFilters: [{ filter: 'scanned-*', filterType: 'WILDCARD' as const }] }];
      const put = await ecr.send(new PutRegistryScanningConfigurationCommand({ scanType: 'BASIC', rules }));
      assert.deepEqual(put.registryScanningConfiguration, { scanType: 'BASIC', rules });
      assert.deepEqual((await ecr.send(new GetRegistryScanningConfigurationCommand({}))).scanningConfiguration, { scanType: 'BASIC', rules });

      const name = `scanned-${Date.now()}`;
      await ecr.send(new CreateRepositoryCommand({ repositoryName: name }));
      try {
        await push(await pusher(), name, 'v1', 'a');
        const scan = await ecr.send(new DescribeImageScanFindingsCommand({ repositoryName: name, imageId: { imageTag: 'v1' } }));
        assert.ok(scan.imageScanStatus?.status, 'a scan was started by the registry rule');
      } finally {
        await ecr.send(new DeleteRepositoryCommand({ repositoryName: name, force: true }));
      }
    });

    it("refuses what ECR refuses, with ECR's error names", async () => {
      const rule = (scanFrequency: 'SCAN_ON_PUSH' | 'CONTINUOUS_SCAN', filter = '*') => ({ scanFrequency, repositoryFilters: [{ filter, filterType: 'WILDCARD' as const }] });
      await rejectsWith(ecr.send(new PutRegistryScanningConfigurationCommand({ scanType: 'BASIC', rules: [rule('CONTINUOUS_SCAN')] })), 'InvalidParameterException', /CONTINUOUS_SCAN/);
      await rejectsWith(ecr.send(new PutRegistryScanningConfigurationCommand({ scanType: 'ENHANCED', rules: [rule('SCAN_ON_PUSH'), rule('CONTINUOUS_SCAN'), rule('SCAN_ON_PUSH')] })), 'ValidationException', /less than or equal to 2/);
      await rejectsWith(ecr.send(new PutRegistryScanningConfigurationCommand({ scanType: 'ENHANCED', rules: [rule('SCAN_ON_PUSH', 'Bad Filter')] })), 'ValidationException', /repositoryFilters\.1\.member\.filter/);
      const enhanced = await ecr.send(new PutRegistryScanningConfigurationCommand({ scanType: 'ENHANCED', rules: [rule('CONTINUOUS_SCAN', 'prod*')] }));
      assert.equal(enhanced.registryScanningConfiguration?.scanType, 'ENHANCED');
    });
  });

  describe('tag mutability with exclusion filters', () => {
    it('IMMUTABLE_WITH_EXCLUSION keeps tags fixed except those a filter matches', async () => {
      const name = `excl-${Date.now()}`;
      await ecr.send(new CreateRepositoryCommand({ repositoryName: name }));
      try {
        const put = await ecr.send(new PutImageTagMutabilityCommand({
          repositoryName: name,
          imageTagMutability: 'IMMUTABLE_WITH_EXCLUSION',
          imageTagMutabilityExclusionFilters: [{ filter: 'dev-*', filterType: 'WILDCARD' }],
        }));
        assert.deepEqual(put.imageTagMutabilityExclusionFilters, [{ filter: 'dev-*', filterType: 'WILDCARD' }]);
        const [repo] = (await ecr.send(new DescribeRepositoriesCommand({ repositoryNames: [name] }))).repositories ?? [];
        assert.equal(repo?.imageTagMutability, 'IMMUTABLE_WITH_EXCLUSION');
        assert.deepEqual(repo?.imageTagMutabilityExclusionFilters, [{ filter: 'dev-*', filterType: 'WILDCARD' }]);

        const p = await pusher();
        await push(p, name, 'v1', 'a');
        await assert.rejects(push(p, name, 'v1', 'b'), /400.*TAG_INVALID/s);
        await push(p, name, 'dev-1', 'a');
        await push(p, name, 'dev-1', 'b');

        await ecr.send(new PutImageTagMutabilityCommand({ repositoryName: name, imageTagMutability: 'MUTABLE_WITH_EXCLUSION', imageTagMutabilityExclusionFilters: [{ filter: 'release-*', filterType: 'WILDCARD' }] }));
        await push(p, name, 'v1', 'b');
        await push(p, name, 'release-1', 'a');
        await assert.rejects(push(p, name, 'release-1', 'b'), /TAG_INVALID/);
      } finally {
        await ecr.send(new DeleteRepositoryCommand({ repositoryName: name, force: true }));
      }
    });

    it("refuses what ECR refuses, with ECR's error names", async () => {
      const name = `excl-bad-${Date.now()}`;
      await ecr.send(new CreateRepositoryCommand({ repositoryName: name }));
      try {
        const filters = (n: number, filter = 'dev-*') => Array.from({ length: n }, () => ({ filter, filterType: 'WILDCARD' as const }));
        await rejectsWith(ecr.send(new PutImageTagMutabilityCommand({ repositoryName: name, imageTagMutability: 'IMMUTABLE_WITH_EXCLUSION' })), 'InvalidParameterException', /At least one exclusion filter/);
        await rejectsWith(ecr.send(new PutImageTagMutabilityCommand({ repositoryName: name, imageTagMutability: 'IMMUTABLE', imageTagMutabilityExclusionFilters: filters(1) })), 'InvalidParameterException', /only when/);
        await rejectsWith(ecr.send(new PutImageTagMutabilityCommand({ repositoryName: name, imageTagMutability: 'IMMUTABLE_WITH_EXCLUSION', imageTagMutabilityExclusionFilters: filters(6) })), 'ValidationException', /less than or equal to 5/);
        await rejectsWith(ecr.send(new PutImageTagMutabilityCommand({ repositoryName: name, imageTagMutability: 'IMMUTABLE_WITH_EXCLUSION', imageTagMutabilityExclusionFilters: filters(1, 'dev/1') })), 'ValidationException', /filter/);
      } finally {
        await ecr.send(new DeleteRepositoryCommand({ repositoryName: name, force: true }));
      }
    });
  });
});
