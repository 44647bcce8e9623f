// Registry replication in the sandbox, through the unmodified SDK and the registry HTTP API:
// a push to a repository a rule matches shows up in the destination registry.
import * as assert from 'node:assert/strict';
import {
  CreateRepositoryCommand,
  DeleteRepositoryCommand,
  DescribeImageReplicationStatusCommand,
  DescribeRegistryCommand,
  DescribeRepositoriesCommand,
  type ECRClient,
  GetAuthorizationTokenCommand,
  PutReplicationConfigurationCommand,
  type ReplicationRule,
} from '@aws-sdk/client-ecr';
import { buildImage } from '../../sandbox/seed/seeder';
import { RegistryPusher } from '../../sandbox/seed/pusher';
import { ecrClient, rejectsWith, useSandbox } from './helpers';

const WEST = { region: 'eu-west-1', registryId: '222222222222' };

async function until<T>(probe: () => Promise<T | undefined>, what: string, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('sandbox replication', function () {
  this.timeout(30_000);
  const sandbox = useSandbox();
  let east: ECRClient;
  let west: ECRClient;
  before(() => {
    east = ecrClient(sandbox());
    west = ecrClient(sandbox(), sandbox().accounts[1]);
  });
  afterEach(async () => {
    await east.send(new PutReplicationConfigurationCommand({ replicationConfiguration: { rules: [] } }));
  });

  async function pusher(client: ECRClient): Promise<{ pusher: RegistryPusher; host: string; authorization: string }> {
    const data = (await client.send(new GetAuthorizationTokenCommand({}))).authorizationData?.[0];
    const host = new URL(data?.proxyEndpoint ?? '').host;
    const authorization = `Basic ${data?.authorizationToken ?? ''}`;
    return { pusher: new RegistryPusher(host, authorization), host, authorization };
  }

  it('stores rules and answers them in DescribeRegistry', async () => {
    const rules: ReplicationRule[] = [{ destinations: [WEST], repositoryFilters: [{ filter: 'dr-', filterType: 'PREFIX_MATCH' }] }];
    const put = await east.send(new PutReplicationConfigurationCommand({ replicationConfiguration: { rules } }));
    assert.deepEqual(put.replicationConfiguration?.rules, rules);
    const described = await east.send(new DescribeRegistryCommand({}));
    assert.deepEqual(described.replicationConfiguration?.rules, rules);
    assert.deepEqual((await west.send(new DescribeRegistryCommand({}))).replicationConfiguration?.rules, [], 'rules belong to one registry');
  });

  it('refuses rules beyond ECR limits and invalid filters', async () => {
    const rule: ReplicationRule = { destinations: [WEST] };
    await rejectsWith(east.send(new PutReplicationConfigurationCommand({ replicationConfiguration: { rules: Array.from({ length: 11 }, () => rule) } })), 'ValidationException', /rules.*less than or equal to 10/);
    await rejectsWith(
      east.send(new PutReplicationConfigurationCommand({ replicationConfiguration: { rules: [{ destinations: [WEST], repositoryFilters: [{ filter: 'Bad Name', filterType: 'PREFIX_MATCH' }] }] } })),
      'ValidationException',
      /repositoryFilters\.1\.member\.filter/,
    );
    await rejectsWith(
      east.send(new PutReplicationConfigurationCommand({ replicationConfiguration: { rules: [{ destinations: [{ region: 'us-east-1', registryId: '111111111111' }] }] } })),
      'InvalidParameterException',
      /cannot be the same as the source/,
    );
    const many = Array.from({ length: 26 }, (_, i) => ({ region: `xx-test-${i}`, registryId: '222222222222' }));
    await rejectsWith(east.send(new PutReplicationConfigurationCommand({ replicationConfiguration: { rules: [{ destinations: many }] } })), 'InvalidParameterException', /exceeds the limit of 25/);
    assert.deepEqual((await east.send(new DescribeRegistryCommand({}))).replicationConfiguration?.rules, [], 'nothing stored');
  });

  it('copies a pushed image to the destination, creating the repository there; status COMPLETE', async () => {
    const name = `dr-${Date.now()}/app`;
    await east.send(new PutReplicationConfigurationCommand({ replicationConfiguration: { rules: [{ destinations: [WEST], repositoryFilters: [{ filter: 'dr-', filterType: 'PREFIX_MATCH' }] }] } }));
    await east.send(new CreateRepositoryCommand({ repositoryName: name }));
    const image = buildImage(name, 'v1', { os: 'linux', architecture: 'amd64' }, false);
    const { pusher: eastPusher } = await pusher(east);
    for (const blob of image.blobs) await eastPusher.pushBlob(name, blob);
    await eastPusher.pushManifest(name, 'v1', image.manifest);

    const first = await east.send(new DescribeImageReplicationStatusCommand({ repositoryName: name, imageId: { imageTag: 'v1' } }));
    assert.deepEqual(first.replicationStatuses, [{ ...WEST, status: 'IN_PROGRESS' }]);
    await until(async () => {
      const now = await east.send(new DescribeImageReplicationStatusCommand({ repositoryName: name, imageId: { imageTag: 'v1' } }));
      return now.replicationStatuses?.[0].status === 'COMPLETE' ? true : undefined;
    }, 'COMPLETE');

    const [repo] = (await west.send(new DescribeRepositoriesCommand({ repositoryNames: [name] }))).repositories ?? [];
    assert.equal(repo?.repositoryName, name);
    // The copy is pullable from the destination's own data plane: manifest and every blob.
    const { host, authorization } = await pusher(west);
    const manifest = await fetch(`http://${host}/v2/${name}/manifests/v1`, { headers: { authorization, accept: image.manifest.mediaType } });
    assert.equal(manifest.status, 200);
    assert.equal(Buffer.from(await manifest.arrayBuffer()).toString(), image.manifest.data.toString());
    for (const blob of image.blobs) {
      const got = await fetch(`http://${host}/v2/${name}/blobs/${blob.digest}`, { headers: { authorization } });
      assert.equal(got.status, 200, `blob ${blob.digest}`);
      await got.arrayBuffer();
    }
    await east.send(new DeleteRepositoryCommand({ repositoryName: name, force: true }));
    await west.send(new DeleteRepositoryCommand({ repositoryName: name, force: true }));
  });

  it('marks the replication FAILED with a reason when ecr:ReplicateImage is denied; ImageNotFoundException for an unknown image', async () => {
    const name = `dr-denied-${Date.now()}`;
    await east.send(new PutReplicationConfigurationCommand({ replicationConfiguration: { rules: [{ destinations: [WEST] }] } }));
    await east.send(new CreateRepositoryCommand({ repositoryName: name }));
    sandbox().setFaults({ denyActions: ['ecr:ReplicateImage'] });
    const image = buildImage(name, 'v1', { os: 'linux', architecture: 'amd64' }, false);
    const { pusher: eastPusher } = await pusher(east);
    for (const blob of image.blobs) await eastPusher.pushBlob(name, blob);
    await eastPusher.pushManifest(name, 'v1', image.manifest);
    const failed = await until(async () => {
      const now = await east.send(new DescribeImageReplicationStatusCommand({ repositoryName: name, imageId: { imageTag: 'v1' } }));
      return now.replicationStatuses?.[0].status === 'FAILED' ? now.replicationStatuses[0] : undefined;
    }, 'FAILED');
    assert.match(failed.failureCode ?? '', /ecr:ReplicateImage/);
    await rejectsWith(west.send(new DescribeRepositoriesCommand({ repositoryNames: [name] })), 'RepositoryNotFoundException');
    await rejectsWith(east.send(new DescribeImageReplicationStatusCommand({ repositoryName: name, imageId: { imageTag: 'ghost' } })), 'ImageNotFoundException');
    await east.send(new DeleteRepositoryCommand({ repositoryName: name, force: true }));
  });

  it('answers AccessDeniedException naming the action when PutReplicationConfiguration is denied', async () => {
    sandbox().setFaults({ denyActions: ['ecr:PutReplicationConfiguration'] });
    await rejectsWith(east.send(new PutReplicationConfigurationCommand({ replicationConfiguration: { rules: [] } })), 'AccessDeniedException', /ecr:PutReplicationConfiguration/);
    sandbox().resetFaults();
  });
});
