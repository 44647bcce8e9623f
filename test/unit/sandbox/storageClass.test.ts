// Archive and restore (UpdateImageStorageClass), imageStatus in DescribeImages, pulls of archived
// images refused by the data plane, and lifecycle rules by last pull that transition to the archive.
import * as assert from 'node:assert/strict';
import {
  DescribeImagesCommand,
  ECRClient,
  GetAuthorizationTokenCommand,
  GetLifecyclePolicyPreviewCommand,
  ListImagesCommand,
  StartImageScanCommand,
  StartLifecyclePolicyPreviewCommand,
  UpdateImageStorageClassCommand,
  type GetLifecyclePolicyPreviewCommandOutput,
} from '@aws-sdk/client-ecr';
import { ecrClient, rejectsWith, useSandbox } from './helpers';

const ACCEPT = [
  'application/vnd.docker.distribution.manifest.v2+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.oci.image.index.v1+json',
].join(', ');

describe('sandbox image storage classes', function () {
  this.timeout(30_000);
  const sandbox = useSandbox({ seed: true });
  let ecr: ECRClient;
  before(() => {
    ecr = ecrClient(sandbox());
  });

  async function pullManifest(repository: string, reference: string): Promise<{ status: number; body: string }> {
    const token = (await ecr.send(new GetAuthorizationTokenCommand({}))).authorizationData?.[0].authorizationToken ?? '';
    const response = await fetch(`http://${sandbox().registries[0].host}/v2/${repository}/manifests/${reference}`, {
      headers: { authorization: `Basic ${token}`, accept: ACCEPT },
    });
    return { status: response.status, body: await response.text() };
  }

  const statusOf = async (repositoryName: string, imageTag: string) =>
    (await ecr.send(new DescribeImagesCommand({ repositoryName, imageIds: [{ imageTag }] }))).imageDetails?.[0];

  it('a pull through the data plane sets lastRecordedPullTime', async () => {
    const before = Date.now();
    assert.equal((await pullManifest('web', 'latest')).status, 200);
    const detail = await statusOf('web', 'latest');
    assert.ok((detail?.lastRecordedPullTime?.getTime() ?? 0) >= before - 1000, String(detail?.lastRecordedPullTime));
    assert.equal(detail?.imageStatus, 'ACTIVE');
  });

  it('archives an image: listed only on request, not pullable, not scannable; restores it', async () => {
    const archived = await ecr.send(new UpdateImageStorageClassCommand({ repositoryName: 'web', imageId: { imageTag: 'v1.0.0' }, targetStorageClass: 'ARCHIVE' }));
    assert.equal(archived.imageStatus, 'ARCHIVED');
    assert.match(archived.imageId?.imageDigest ?? '', /^sha256:/);
    const active = (await ecr.send(new DescribeImagesCommand({ repositoryName: 'web' }))).imageDetails ?? [];
    assert.ok(!active.some((i) => i.imageTags?.includes('v1.0.0')), 'DescribeImages lists ACTIVE images by default');
    const any = (await ecr.send(new DescribeImagesCommand({ repositoryName: 'web', filter: { imageStatus: 'ANY' } }))).imageDetails ?? [];
    const detail = any.find((i) => i.imageTags?.includes('v1.0.0'));
    assert.equal(detail?.imageStatus, 'ARCHIVED');
    assert.ok(detail?.lastArchivedAt instanceof Date);
    const onlyArchived = await ecr.send(new ListImagesCommand({ repositoryName: 'web', filter: { imageStatus: 'ARCHIVED' } }));
    assert.deepEqual(onlyArchived.imageIds?.map((i) => i.imageTag), ['v1.0.0']);

    const pull = await pullManifest('web', 'v1.0.0');
    assert.equal(pull.status, 404);
    assert.match(pull.body, /MANIFEST_UNKNOWN.*archived/);
    await rejectsWith(ecr.send(new StartImageScanCommand({ repositoryName: 'web', imageId: { imageTag: 'v1.0.0' } })), 'ImageArchivedException');
    await rejectsWith(
      ecr.send(new UpdateImageStorageClassCommand({ repositoryName: 'web', imageId: { imageTag: 'v1.0.0' }, targetStorageClass: 'ARCHIVE' })),
      'ImageStorageClassUpdateNotSupportedException',
    );

    const restored = await ecr.send(new UpdateImageStorageClassCommand({ repositoryName: 'web', imageId: { imageTag: 'v1.0.0' }, targetStorageClass: 'STANDARD' }));
    assert.equal(restored.imageStatus, 'ACTIVATING');
    const deadline = Date.now() + 5000;
    while ((await statusOf('web', 'v1.0.0'))?.imageStatus !== 'ACTIVE') {
      assert.ok(Date.now() < deadline, 'the restore completes');
      await new Promise((r) => setTimeout(r, 50));
    }
    assert.ok((await statusOf('web', 'v1.0.0'))?.lastActivatedAt instanceof Date);
    assert.equal((await pullManifest('web', 'v1.0.0')).status, 200);
  });

  it('validates like ECR and honours denyActions', async () => {
    await rejectsWith(
      ecr.send(new UpdateImageStorageClassCommand({ repositoryName: 'web', imageId: { imageTag: 'nope' }, targetStorageClass: 'ARCHIVE' })),
      'ImageNotFoundException',
    );
    await rejectsWith(
      ecr.send(new UpdateImageStorageClassCommand({ repositoryName: 'web', imageId: { imageTag: 'latest' }, targetStorageClass: 'GLACIER' as 'ARCHIVE' })),
      'InvalidParameterException',
      /targetStorageClass/,
    );
    await rejectsWith(
      ecr.send(new UpdateImageStorageClassCommand({ repositoryName: 'nope', imageId: { imageTag: 'latest' }, targetStorageClass: 'ARCHIVE' })),
      'RepositoryNotFoundException',
    );
    sandbox().setFaults({ denyActions: ['ecr:UpdateImageStorageClass'] });
    const denied = await rejectsWith(
      ecr.send(new UpdateImageStorageClassCommand({ repositoryName: 'web', imageId: { imageTag: 'latest' }, targetStorageClass: 'ARCHIVE' })),
      'AccessDeniedException',
    );
    assert.match(denied.message, /not authorized to perform: ecr:UpdateImageStorageClass/);
  });

  it('previews a draft that archives images not pulled for N days', async () => {
    const text = JSON.stringify({
      rules: [{
        rulePriority: 1,
        description: 'Archive images not pulled for 15 days',
        selection: { tagStatus: 'any', countType: 'sinceImagePulled', countUnit: 'days', countNumber: 15 },
        action: { type: 'transition', targetStorageClass: 'archive' },
      }],
    });
    // Pushed 10 and 30 days ago, pulled now: they stay.
    await pullManifest('web', 'v1.1.0');
    await pullManifest('web', 'v1.0.0');
    await ecr.send(new StartLifecyclePolicyPreviewCommand({ repositoryName: 'web', lifecyclePolicyText: text }));
    let preview: GetLifecyclePolicyPreviewCommandOutput;
    const deadline = Date.now() + 5000;
    do {
      await new Promise((r) => setTimeout(r, 50));
      preview = await ecr.send(new GetLifecyclePolicyPreviewCommand({ repositoryName: 'web' }));
      assert.ok(Date.now() < deadline);
    } while (preview.status !== 'COMPLETE');
    const tags = (preview.previewResults ?? []).map((r) => r.imageTags?.join(',') || '<untagged>').sort();
    assert.deepEqual(tags, ['<untagged>']); // pushed 20 days ago, never pulled
    for (const result of preview.previewResults ?? []) {
      assert.deepEqual(result.action, { type: 'TRANSITION', targetStorageClass: 'ARCHIVE' });
      assert.equal(result.storageClass, 'STANDARD');
    }
    assert.equal(preview.summary?.expiringImageTotalCount, 0);
    assert.deepEqual(preview.summary?.transitioningImageTotalCounts, [{ targetStorageClass: 'ARCHIVE', imageTotalCount: 1 }]);
  });
});
