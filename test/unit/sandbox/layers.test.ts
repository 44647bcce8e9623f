// BatchCheckLayerAvailability in the sandbox, through the unmodified SDK: ECR's answer shapes.
import * as assert from 'node:assert/strict';
import { BatchCheckLayerAvailabilityCommand, CreateRepositoryCommand, DeleteRepositoryCommand, GetAuthorizationTokenCommand, type ECRClient } from '@aws-sdk/client-ecr';
import { buildImage } from '../../sandbox/seed/seeder';
import { RegistryPusher } from '../../sandbox/seed/pusher';
import { ecrClient, rejectsWith, useSandbox } from './helpers';

describe('sandbox BatchCheckLayerAvailability', function () {
  this.timeout(30_000);
  const sandbox = useSandbox({ seed: false });
  let east: ECRClient;
  const name = `layers-${Date.now()}`;
  const image = buildImage(name, 'v1', { os: 'linux', architecture: 'amd64' }, false);
  before(async () => {
    east = ecrClient(sandbox());
    await east.send(new CreateRepositoryCommand({ repositoryName: name }));
    const data = (await east.send(new GetAuthorizationTokenCommand({}))).authorizationData?.[0];
    const pusher = new RegistryPusher(new URL(data?.proxyEndpoint ?? '').host, `Basic ${data?.authorizationToken ?? ''}`);
    await pusher.pushBlob(name, image.blobs[0]);
  });

  it('answers AVAILABLE with the size for a blob the repository holds, MissingLayerDigest for one it lacks, InvalidLayerDigest for a malformed one', async () => {
    const [held, lacking] = image.blobs;
    const out = await east.send(new BatchCheckLayerAvailabilityCommand({ repositoryName: name, layerDigests: [held.digest, lacking.digest, 'not-a-digest'] }));
    assert.deepEqual(out.layers, [{ layerDigest: held.digest, layerAvailability: 'AVAILABLE', layerSize: held.size }]);
    assert.deepEqual(out.failures, [
      { layerDigest: lacking.digest, failureCode: 'MissingLayerDigest', failureReason: 'Could not find layer' },
      { layerDigest: 'not-a-digest', failureCode: 'InvalidLayerDigest', failureReason: 'Invalid layer digest' },
    ]);
  });

  it('refuses an empty or over-long list and an unknown repository as ECR does', async () => {
    await rejectsWith(east.send(new BatchCheckLayerAvailabilityCommand({ repositoryName: name, layerDigests: [] })), 'InvalidParameterException', /greater than or equal to 1/);
    const many = Array.from({ length: 101 }, (_, i) => `sha256:${String(i).padStart(64, '0')}`);
    await rejectsWith(east.send(new BatchCheckLayerAvailabilityCommand({ repositoryName: name, layerDigests: many })), 'InvalidParameterException', /less than or equal to 100/);
    await rejectsWith(east.send(new BatchCheckLayerAvailabilityCommand({ repositoryName: `${name}-missing`, layerDigests: [image.blobs[0].digest] })), 'RepositoryNotFoundException');
  });

  it('a blob of another repository is not available in this one', async () => {
    const other = `${name}-other`;
    await east.send(new CreateRepositoryCommand({ repositoryName: other }));
    try {
      const out = await east.send(new BatchCheckLayerAvailabilityCommand({ repositoryName: other, layerDigests: [image.blobs[0].digest] }));
      assert.deepEqual(out.layers, []);
      assert.equal(out.failures?.[0]?.failureCode, 'MissingLayerDigest');
    } finally {
      await east.send(new DeleteRepositoryCommand({ repositoryName: other, force: true }));
    }
  });
});
