// Referrers in the sandbox: signatures and SBOMs pushed as OCI artifacts with a `subject` through the
// data plane, listed by ListImageReferrers and by the OCI 1.1 referrers API; managed-signing status
// decided from them; a registry without referrers support (emulator switch) and denied actions.
import * as assert from 'node:assert/strict';
import {
  CreateRepositoryCommand,
  DeleteRepositoryCommand,
  DeleteSigningConfigurationCommand,
  DescribeImageSigningStatusCommand,
  DescribeImagesCommand,
  type ECRClient,
  GetAuthorizationTokenCommand,
  GetSigningConfigurationCommand,
  ListImageReferrersCommand,
  PutSigningConfigurationCommand,
  UpdateImageStorageClassCommand,
} from '@aws-sdk/client-ecr';
import { RegistryPusher } from '../../sandbox/seed/pusher';
import { pushReferrer, REFERRER_ARTIFACT_TYPES } from '../../sandbox/seed/referrers';
import { buildImage } from '../../sandbox/seed/seeder';
import { ecrClient, rejectsWith, useSandbox } from './helpers';

const PROFILE = 'arn:aws:signer:us-east-1:111111111111:/signing-profiles/release_signer';

describe('sandbox referrers', function () {
  this.timeout(30_000);
  const sandbox = useSandbox({ seed: false });
  let ecr: ECRClient;
  let auth: { host: string; authorization: string };
  before(async () => {
    ecr = ecrClient(sandbox());
    const data = (await ecr.send(new GetAuthorizationTokenCommand({}))).authorizationData?.[0];
    auth = { host: new URL(data?.proxyEndpoint ?? '').host, authorization: `Basic ${data?.authorizationToken ?? ''}` };
  });

  /** A fresh repository with one pushed image; answers its digest and removes it afterwards. */
  const repositories: string[] = [];
  afterEach(async () => {
    for (const repositoryName of repositories.splice(0)) await ecr.send(new DeleteRepositoryCommand({ repositoryName, force: true }));
  });
  async function imageIn(repositoryName: string, tag = 'v1'): Promise<string> {
    await ecr.send(new CreateRepositoryCommand({ repositoryName }));
    repositories.push(repositoryName);
    const pusher = new RegistryPusher(auth.host, auth.authorization);
    const image = buildImage(repositoryName, tag, { os: 'linux', architecture: 'amd64' }, true);
    for (const b of image.blobs) await pusher.pushBlob(repositoryName, b);
    await pusher.pushManifest(repositoryName, tag, image.manifest);
    return image.manifest.digest;
  }

  async function referrersApi(repository: string, digest: string, query = ''): Promise<{ status: number; headers: Headers; body: string }> {
    const response = await fetch(`http://${auth.host}/v2/${repository}/referrers/${digest}${query}`, { headers: { authorization: auth.authorization } });
    return { status: response.status, headers: response.headers, body: await response.text() };
  }

  it('lists a signature and an SBOM pushed with a subject, with type, size, annotations and status', async () => {
    const subjectDigest = await imageIn('ref/listed');
    const signature = await pushReferrer(ecr, { repositoryName: 'ref/listed', subjectDigest, kind: 'notation' });
    const sbom = await pushReferrer(ecr, { repositoryName: 'ref/listed', subjectDigest, kind: 'spdx' });
    assert.equal(signature.ociSubject, subjectDigest, 'the manifest PUT answers OCI-Subject: the registry has the referrers API');

    const listed = await ecr.send(new ListImageReferrersCommand({ repositoryName: 'ref/listed', subjectId: { imageDigest: subjectDigest } }));
    const byDigest = new Map((listed.referrers ?? []).map((r) => [r.digest, r]));
    assert.equal(byDigest.size, 2);
    assert.deepEqual(
      { ...byDigest.get(signature.digest), annotations: undefined },
      { digest: signature.digest, mediaType: 'application/vnd.oci.image.manifest.v1+json', artifactType: 'application/vnd.cncf.notary.signature', size: signature.size, artifactStatus: 'ACTIVE', annotations: undefined },
    );
    assert.match(byDigest.get(signature.digest)?.annotations?.['org.opencontainers.image.created'] ?? '', /^\d{4}-\d\d-\d\dT/);
    assert.equal(byDigest.get(sbom.digest)?.artifactType, 'application/spdx+json');
    assert.equal(listed.nextToken, undefined);

    const onlySboms = await ecr.send(new ListImageReferrersCommand({ repositoryName: 'ref/listed', subjectId: { imageDigest: subjectDigest }, filter: { artifactTypes: [REFERRER_ARTIFACT_TYPES.spdx] } }));
    assert.deepEqual(onlySboms.referrers?.map((r) => r.digest), [sbom.digest]);

    // The artifacts are images of the repository too, as ECR lists them.
    const described = await ecr.send(new DescribeImagesCommand({ repositoryName: 'ref/listed', imageIds: [{ imageDigest: sbom.digest }] }));
    assert.equal(described.imageDetails?.[0].artifactMediaType, 'application/spdx+json');
  });

  it('pages referrers with maxResults 1..50 and refuses other values and bad digests', async () => {
    const subjectDigest = await imageIn('ref/paged');
    for (const kind of ['notation', 'cosign', 'cyclonedx'] as const) await pushReferrer(ecr, { repositoryName: 'ref/paged', subjectDigest, kind });
    const seen: string[] = [];
    let nextToken: string | undefined;
    do {
      const page = await ecr.send(new ListImageReferrersCommand({ repositoryName: 'ref/paged', subjectId: { imageDigest: subjectDigest }, maxResults: 2, nextToken }));
      assert.ok((page.referrers ?? []).length <= 2);
      seen.push(...(page.referrers ?? []).map((r) => r.artifactType ?? ''));
      nextToken = page.nextToken;
    } while (nextToken);
    assert.deepEqual(seen.sort(), [REFERRER_ARTIFACT_TYPES.cosign, REFERRER_ARTIFACT_TYPES.cyclonedx, REFERRER_ARTIFACT_TYPES.notation].sort());

    await rejectsWith(ecr.send(new ListImageReferrersCommand({ repositoryName: 'ref/paged', subjectId: { imageDigest: subjectDigest }, maxResults: 51 })), 'InvalidParameterException', /maxResults/);
    await rejectsWith(ecr.send(new ListImageReferrersCommand({ repositoryName: 'ref/paged', subjectId: { imageDigest: 'not-a-digest' } })), 'InvalidParameterException', /imageDigest/);
    await rejectsWith(ecr.send(new ListImageReferrersCommand({ repositoryName: 'ref/none', subjectId: { imageDigest: subjectDigest } })), 'RepositoryNotFoundException');
    const unknown = await ecr.send(new ListImageReferrersCommand({ repositoryName: 'ref/paged', subjectId: { imageDigest: `sha256:${'0'.repeat(64)}` } }));
    assert.deepEqual(unknown.referrers, [], 'an image with no referrers has an empty list');
  });

  it('answers the OCI 1.1 referrers API on the data plane, with the artifactType filter', async () => {
    const subjectDigest = await imageIn('ref/oci');
    const signature = await pushReferrer(ecr, { repositoryName: 'ref/oci', subjectDigest, kind: 'notation' });
    const sbom = await pushReferrer(ecr, { repositoryName: 'ref/oci', subjectDigest, kind: 'cyclonedx' });

    const all = await referrersApi('ref/oci', subjectDigest);
    assert.equal(all.status, 200);
    assert.equal(all.headers.get('content-type'), 'application/vnd.oci.image.index.v1+json');
    const index = JSON.parse(all.body) as { schemaVersion: number; mediaType: string; manifests: { digest: string; size: number; artifactType: string; mediaType: string }[] };
    assert.equal(index.schemaVersion, 2);
    assert.deepEqual(index.manifests.map((m) => m.digest).sort(), [signature.digest, sbom.digest].sort());
    const sig = index.manifests.find((m) => m.digest === signature.digest);
    assert.deepEqual([sig?.artifactType, sig?.size, sig?.mediaType], [REFERRER_ARTIFACT_TYPES.notation, signature.size, 'application/vnd.oci.image.manifest.v1+json']);

    const filtered = await referrersApi('ref/oci', subjectDigest, `?artifactType=${encodeURIComponent(REFERRER_ARTIFACT_TYPES.cyclonedx)}`);
    assert.equal(filtered.headers.get('oci-filters-applied'), 'artifactType');
    assert.deepEqual((JSON.parse(filtered.body) as typeof index).manifests.map((m) => m.digest), [sbom.digest]);

    const none = await referrersApi('ref/oci', `sha256:${'1'.repeat(64)}`);
    assert.deepEqual([none.status, (JSON.parse(none.body) as typeof index).manifests], [200, []], 'no 404 for an image without referrers');
    assert.equal((await referrersApi('ref/oci', 'sha256:xyz')).status, 400);
    const anonymous = await fetch(`http://${auth.host}/v2/ref/oci/referrers/${subjectDigest}`);
    assert.equal(anonymous.status, 401);
  });

  it('lists an archived referrer only when artifactStatus asks for it', async () => {
    const subjectDigest = await imageIn('ref/archived');
    const sbom = await pushReferrer(ecr, { repositoryName: 'ref/archived', subjectDigest, kind: 'spdx' });
    await ecr.send(new UpdateImageStorageClassCommand({ repositoryName: 'ref/archived', imageId: { imageDigest: sbom.digest }, targetStorageClass: 'ARCHIVE' }));
    const active = await ecr.send(new ListImageReferrersCommand({ repositoryName: 'ref/archived', subjectId: { imageDigest: subjectDigest } }));
    assert.deepEqual(active.referrers, []);
    const any = await ecr.send(new ListImageReferrersCommand({ repositoryName: 'ref/archived', subjectId: { imageDigest: subjectDigest }, filter: { artifactStatus: 'ANY' } }));
    assert.deepEqual(any.referrers?.map((r) => [r.digest, r.artifactStatus]), [[sbom.digest, 'ARCHIVED']]);
    assert.deepEqual(JSON.parse((await referrersApi('ref/archived', subjectDigest)).body).manifests, []);
  });

  it('decides the signing status from the signing configuration and the Notation signatures pushed', async () => {
    const subjectDigest = await imageIn('ref/signed');
    const statusOf = async (repositoryName: string, imageTag = 'v1') =>
      (await ecr.send(new DescribeImageSigningStatusCommand({ repositoryName, imageId: { imageTag } }))).signingStatuses;
    await rejectsWith(ecr.send(new GetSigningConfigurationCommand({})), 'SigningConfigurationNotFoundException');
    assert.deepEqual(await statusOf('ref/signed'), [], 'no signing configuration: no status');

    await rejectsWith(
      ecr.send(new PutSigningConfigurationCommand({ signingConfiguration: { rules: [{ signingProfileArn: 'arn:aws:signer:us-east-1:111111111111:/signing-profiles/x' }] } })),
      'ValidationException',
      /signingProfileArn/,
    );
    const rules = [{ signingProfileArn: PROFILE, repositoryFilters: [{ filter: 'ref/sign*', filterType: 'WILDCARD_MATCH' as const }] }];
    await ecr.send(new PutSigningConfigurationCommand({ signingConfiguration: { rules } }));
    try {
      assert.deepEqual((await ecr.send(new GetSigningConfigurationCommand({}))).signingConfiguration?.rules, rules);
      assert.deepEqual(await statusOf('ref/signed'), [{ signingProfileArn: PROFILE, status: 'IN_PROGRESS' }]);
      await pushReferrer(ecr, { repositoryName: 'ref/signed', subjectDigest, kind: 'cosign' });
      assert.deepEqual(await statusOf('ref/signed'), [{ signingProfileArn: PROFILE, status: 'IN_PROGRESS' }], 'a Cosign bundle is not a managed (Notation) signature');
      await pushReferrer(ecr, { repositoryName: 'ref/signed', subjectDigest, kind: 'notation' });
      assert.deepEqual(await statusOf('ref/signed'), [{ signingProfileArn: PROFILE, status: 'COMPLETE' }]);

      await imageIn('ref/other');
      assert.deepEqual(await statusOf('ref/other'), [], 'a repository no rule covers has no status');
      await rejectsWith(ecr.send(new DescribeImageSigningStatusCommand({ repositoryName: 'ref/signed', imageId: { imageTag: 'nope' } })), 'ImageNotFoundException');
    } finally {
      await ecr.send(new DeleteSigningConfigurationCommand({}));
    }
    await rejectsWith(ecr.send(new DeleteSigningConfigurationCommand({})), 'SigningConfigurationNotFoundException');
  });

  it('refuses ListImageReferrers without ecr:BatchGetImage, naming the denied action', async () => {
    const subjectDigest = await imageIn('ref/denied');
    sandbox().setFaults({ denyActions: ['ecr:BatchGetImage'] });
    await rejectsWith(ecr.send(new ListImageReferrersCommand({ repositoryName: 'ref/denied', subjectId: { imageDigest: subjectDigest } })), 'AccessDeniedException', /ecr:BatchGetImage/);
    assert.equal((await referrersApi('ref/denied', subjectDigest)).status, 403);
    sandbox().setFaults({ denyActions: ['ecr:DescribeImageSigningStatus'] });
    await rejectsWith(ecr.send(new DescribeImageSigningStatusCommand({ repositoryName: 'ref/denied', imageId: { imageDigest: subjectDigest } })), 'AccessDeniedException', /ecr:DescribeImageSigningStatus/);
  });

  it('emulates a registry without referrers support: 501 for the operations, distribution 2.8 for the route', async () => {
    const subjectDigest = await imageIn('ref/unsupported');
    sandbox().setFaults({ emulator: { noReferrers: true } });
    const error = await rejectsWith(ecr.send(new ListImageReferrersCommand({ repositoryName: 'ref/unsupported', subjectId: { imageDigest: subjectDigest } })), 'InternalFailure');
    assert.equal(error.$metadata?.httpStatusCode, 501);
    await rejectsWith(ecr.send(new DescribeImageSigningStatusCommand({ repositoryName: 'ref/unsupported', imageId: { imageDigest: subjectDigest } })), 'InternalFailure');
    assert.equal((await referrersApi('ref/unsupported', subjectDigest)).status, 404, 'distribution 2.8 has no referrers route');
    const pushed = await pushReferrer(ecr, { repositoryName: 'ref/unsupported', subjectDigest, kind: 'spdx' });
    assert.equal(pushed.ociSubject, null, 'no OCI-Subject: clients fall back to the tag schema');
  });
});
