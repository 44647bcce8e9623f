// EcrApi's referrers, signing status and blob reads against the sandbox, with the real SDK: the
// OCI referrers API when ListImageReferrers is missing, nothing when the registry has neither.
import * as assert from 'node:assert/strict';
import { CreateRepositoryCommand, ECRClient, GetAuthorizationTokenCommand } from '@aws-sdk/client-ecr';
import type { EcrApi } from '../../../src/aws/ecrApi';
import { signingFacts } from '../../../src/aws/signing';
import { RegistryPusher } from '../../sandbox/seed/pusher';
import { pushReferrer, REFERRER_ARTIFACT_TYPES } from '../../sandbox/seed/referrers';
import { buildImage } from '../../sandbox/seed/seeder';
import { sandboxApi, useSandbox } from './sandboxHelpers';

describe('aws/ecrApi referrers', function () {
  this.timeout(30_000);
  const sandbox = useSandbox({ seed: false });
  let api: EcrApi;
  let ecr: ECRClient;
  let subject = '';
  let sbomLayer = '';
  before(async () => {
    api = sandboxApi(sandbox(), { maxAttempts: 1 });
    const account = sandbox().accounts[0];
    ecr = new ECRClient({ endpoint: sandbox().endpoint, region: account.region, credentials: account, maxAttempts: 1 });
    await ecr.send(new CreateRepositoryCommand({ repositoryName: 'app' }));
    const auth = (await ecr.send(new GetAuthorizationTokenCommand({}))).authorizationData?.[0];
    const pusher = new RegistryPusher(new URL(auth?.proxyEndpoint ?? '').host, `Basic ${auth?.authorizationToken ?? ''}`);
    const image = buildImage('app', 'v1', { os: 'linux', architecture: 'amd64' }, true);
    for (const blob of image.blobs) await pusher.pushBlob('app', blob);
    await pusher.pushManifest('app', 'v1', image.manifest);
    subject = image.manifest.digest;
    await pushReferrer(ecr, { repositoryName: 'app', subjectDigest: subject, kind: 'notation' });
    const sbom = await pushReferrer(ecr, { repositoryName: 'app', subjectDigest: subject, kind: 'cyclonedx', packages: [{ name: 'zlib', version: '1.3' }] });
    sbomLayer = (JSON.parse(sbom.manifest.data.toString()) as { layers: { digest: string }[] }).layers[0].digest;
  });
  after(() => api.dispose());

  it('lists referrers with ListImageReferrers, and falls back to the OCI referrers API without it', async () => {
    const listed = await api.listReferrers('app', subject);
    assert.deepEqual(listed?.map((r) => r.artifactType).sort(), [REFERRER_ARTIFACT_TYPES.notation, REFERRER_ARTIFACT_TYPES.cyclonedx].sort());
    assert.deepEqual(await signingFacts(api, 'app', subject), { signatures: ['Signature (Notation)'], statuses: [] });

    // An endpoint whose API lacks ListImageReferrers but whose registry has the OCI 1.1 API.
    sandbox().setFaults({ emulator: { noReferrersApi: true } });
    const viaRegistry = await api.listReferrers('app', subject);
    assert.deepEqual(viaRegistry?.map((r) => [r.digest, r.artifactType, r.size]).sort(), listed?.map((r) => [r.digest, r.artifactType, r.size]).sort());
    assert.equal(await api.signingStatus('app', { imageDigest: subject }), undefined, 'no managed signing status there');

    // Neither: nothing to list, said as unsupported (asked once each, no retry loop).
    const counts = async () => (await (await fetch(`${sandbox().endpoint}/__sandbox/requests`)).json()) as Record<string, number>;
    const before = (await counts()).ListImageReferrers ?? 0;
    sandbox().setFaults({ emulator: { noReferrers: true } });
    assert.equal(await api.listReferrers('app', subject), undefined);
    assert.equal(await api.signingStatus('app', { imageDigest: subject }), undefined);
    assert.deepEqual(await signingFacts(api, 'app', subject), { signaturesProblem: 'the registry does not list referrers' });
    assert.equal((await counts()).ListImageReferrers, before + 2, 'asked once per listing, no retry loop');
  });

  it('reads a blob by digest through the data plane, refusing more than the limit', async () => {
    const text = (await api.readBlob('app', sbomLayer, 1024 * 1024)).toString();
    assert.equal((JSON.parse(text) as { bomFormat: string }).bomFormat, 'CycloneDX');
    await assert.rejects(api.readBlob('app', sbomLayer, 10), /more than the 10/);
    await assert.rejects(api.readBlob('app', 'sha256:xyz', 10), /Not a sha256 digest/);
  });

  it('reports AccessDenied of the new calls with the denied action', async () => {
    sandbox().setFaults({ denyActions: ['ecr:BatchGetImage', 'ecr:DescribeImageSigningStatus'] });
    await assert.rejects(api.listReferrers('app', subject), (e: Error) => e.name === 'AccessDeniedException' && /ecr:BatchGetImage/.test(e.message));
    const facts = await signingFacts(api, 'app', subject);
    assert.match(facts.signaturesProblem ?? '', /not authorized to perform: ecr:BatchGetImage/);
    assert.match(facts.statusProblem ?? '', /not authorized to perform: ecr:DescribeImageSigningStatus/);
  });
});
