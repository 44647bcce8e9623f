// Each fault switch, set in-process and over HTTP (as a test in another process would).
import * as assert from 'node:assert/strict';
import { DescribeImagesCommand, DescribeRegistryCommand, DescribeRepositoriesCommand, ECRClient, GetAuthorizationTokenCommand } from '@aws-sdk/client-ecr';
import { HOSTILE_DIGEST } from '../../sandbox/faults';
import { RegistryPusher } from '../../sandbox/seed/pusher';
import { blob } from '../../sandbox/seed/tarball';
import { ecrClient, rejectsWith, useSandbox } from './helpers';

describe('sandbox fault switches', function () {
  this.timeout(30_000);
  const sandbox = useSandbox({ seed: true });
  let ecr: ECRClient;
  before(() => {
    ecr = ecrClient(sandbox());
  });

  async function postFaults(body: object): Promise<Record<string, unknown>> {
    const response = await fetch(`${sandbox().endpoint}/__sandbox/faults`, { method: 'POST', body: JSON.stringify(body) });
    assert.equal(response.status, 200);
    return (await response.json()) as Record<string, unknown>;
  }

  it('throttle: the next N requests fail with ThrottlingException (set over HTTP)', async () => {
    const snapshot = await postFaults({ throttle: 2 });
    assert.equal(snapshot.throttle, 2);
    const first = await rejectsWith(ecr.send(new DescribeRepositoriesCommand({})), 'ThrottlingException');
    assert.equal(first.$metadata?.httpStatusCode, 400);
    await rejectsWith(ecr.send(new DescribeRepositoriesCommand({})), 'ThrottlingException');
    assert.ok((await ecr.send(new DescribeRepositoriesCommand({}))).repositories);
  });

  it('the SDK retries a throttled request and succeeds', async () => {
    sandbox().setFaults({ throttle: 1 });
    const retrying = new ECRClient({ endpoint: sandbox().endpoint, region: 'us-east-1', credentials: sandbox().accounts[0], maxAttempts: 3 });
    const result = await retrying.send(new DescribeRepositoriesCommand({}));
    assert.equal(result.$metadata.attempts, 2);
  });

  it('serverErrors: the next N requests fail with 500 ServerException', async () => {
    sandbox().setFaults({ serverErrors: 1 });
    const error = await rejectsWith(ecr.send(new DescribeRepositoriesCommand({})), 'ServerException');
    assert.equal(error.$metadata?.httpStatusCode, 500);
    assert.ok((await ecr.send(new DescribeRepositoriesCommand({}))).repositories);
  });

  it('expiredCredentials: ExpiredTokenException until reset', async () => {
    await postFaults({ expiredCredentials: true });
    await rejectsWith(ecr.send(new DescribeRepositoriesCommand({})), 'ExpiredTokenException');
    await rejectsWith(ecr.send(new GetAuthorizationTokenCommand({})), 'ExpiredTokenException');
    const reset = await fetch(`${sandbox().endpoint}/__sandbox/reset`, { method: 'POST' });
    assert.equal(reset.status, 200);
    assert.ok((await ecr.send(new DescribeRepositoriesCommand({}))).repositories);
  });

  it('denyActions: AccessDeniedException naming the action, others still allowed', async () => {
    sandbox().setFaults({ denyActions: ['ecr:DescribeImages'] });
    await rejectsWith(ecr.send(new DescribeImagesCommand({ repositoryName: 'web' })), 'AccessDeniedException', /not authorized to perform: ecr:DescribeImages/);
    assert.ok((await ecr.send(new DescribeRepositoriesCommand({}))).repositories);
  });

  it('latencyMs: delays every request', async () => {
    await postFaults({ latencyMs: 300 });
    const started = Date.now();
    await ecr.send(new DescribeRepositoriesCommand({}));
    assert.ok(Date.now() - started >= 290, `took ${Date.now() - started} ms`);
  });

  it('dropUploadAfterBytes: the next blob upload connection dies; the following one works', async () => {
    await postFaults({ dropUploadAfterBytes: 1000 });
    const token = (await ecr.send(new GetAuthorizationTokenCommand({}))).authorizationData?.[0].authorizationToken ?? '';
    const pusher = new RegistryPusher(sandbox().registries[0].host, `Basic ${token}`);
    const data = blob(Buffer.alloc(64 * 1024, 7), 'application/octet-stream');
    await assert.rejects(pusher.pushBlob('web', data), /fetch failed|socket|terminated|ECONNRESET/i);
    await pusher.pushBlob('web', data); // the fault applies once
    const head = await fetch(`http://${sandbox().registries[0].host}/v2/web/blobs/${data.digest}`, { method: 'HEAD', headers: { authorization: `Basic ${token}` } });
    assert.equal(head.status, 200);
  });

  it('hostile.errorMessage and longStrings: API and /v2/ errors carry the given text, stretched', async () => {
    const text = 'denied: [Sign in again](command:workbench.action.terminal.sendSequence?%7B%7D)';
    await postFaults({ hostile: { errorMessage: text }, denyActions: ['ecr:DescribeImages', 'ecr:BatchGetImage'] });
    const api = await rejectsWith(ecr.send(new DescribeImagesCommand({ repositoryName: 'web' })), 'AccessDeniedException');
    assert.equal(api.message, text);
    const token = (await ecr.send(new GetAuthorizationTokenCommand({}))).authorizationData?.[0].authorizationToken ?? '';
    const v2 = await fetch(`http://${sandbox().registries[0].host}/v2/web/manifests/latest`, { headers: { authorization: `Basic ${token}` } });
    assert.equal(v2.status, 403);
    assert.equal(((await v2.json()) as { errors: { code: string; message: string }[] }).errors[0].message, text);
    sandbox().setFaults({ hostile: { longStrings: 5000 } });
    const long = await rejectsWith(ecr.send(new DescribeImagesCommand({ repositoryName: 'web' })), 'AccessDeniedException');
    assert.equal(long.message.length, 5000);
  });

  it('hostile.invalidDigests and invalidDates: answers carry HTML digests and dates out of range', async () => {
    sandbox().setFaults({ hostile: { invalidDigests: true, invalidDates: true } });
    const details = (await ecr.send(new DescribeImagesCommand({ repositoryName: 'web' }))).imageDetails ?? [];
    assert.ok(details.length > 0);
    for (const image of details) {
      assert.equal(image.imageDigest, HOSTILE_DIGEST);
      assert.ok(image.imagePushedAt && Number.isNaN(image.imagePushedAt.getTime()));
    }
    sandbox().resetFaults();
    assert.match((await ecr.send(new DescribeImagesCommand({ repositoryName: 'web' }))).imageDetails?.[0].imageDigest ?? '', /^sha256:[0-9a-f]{64}$/);
  });

  it('rejects malformed fault settings and reports state for debugging', async () => {
    const bad = await fetch(`${sandbox().endpoint}/__sandbox/faults`, { method: 'POST', body: JSON.stringify({ throttle: -1 }) });
    assert.equal(bad.status, 400);
    const state = (await (await fetch(`${sandbox().endpoint}/__sandbox/state`)).json()) as { registries: { accountId: string; repositories: { name: string }[] }[]; accounts: object[] };
    assert.ok(state.registries.some((r) => r.accountId === '111111111111' && r.repositories.some((repo) => repo.name === 'team-a/web.app_1')));
    assert.ok(!JSON.stringify(state).includes('secret'), 'state must not expose secret keys');
  });

  it('emulator.awsHostsInUris: repositoryUri and proxyEndpoint name the AWS host; the API and data plane stay local', async () => {
    await postFaults({ emulator: { awsHostsInUris: true } });
    const repos = (await ecr.send(new DescribeRepositoriesCommand({}))).repositories ?? [];
    assert.ok(repos.length > 0);
    for (const repo of repos) assert.equal(repo.repositoryUri, `111111111111.dkr.ecr.us-east-1.amazonaws.com/${repo.repositoryName}`);
    const data = (await ecr.send(new GetAuthorizationTokenCommand({}))).authorizationData?.[0];
    assert.equal(data?.proxyEndpoint, 'https://111111111111.dkr.ecr.us-east-1.amazonaws.com');
    const v2 = await fetch(`http://${sandbox().registries[0].host}/v2/`, { headers: { authorization: `Basic ${data?.authorizationToken ?? ''}` } });
    assert.equal(v2.status, 200);
  });

  it('emulator.noDescribeRegistry: DescribeRegistry answers 501 InternalFailure, other operations work', async () => {
    await postFaults({ emulator: { noDescribeRegistry: true } });
    const error = await rejectsWith(ecr.send(new DescribeRegistryCommand({})), 'InternalFailure', /DescribeRegistry.*not yet implemented/);
    assert.equal(error.$metadata?.httpStatusCode, 501);
    assert.ok((await ecr.send(new DescribeRepositoriesCommand({}))).repositories);
    sandbox().resetFaults();
    assert.equal((await ecr.send(new DescribeRegistryCommand({}))).registryId, '111111111111');
  });

  it('emulator.expiredTokens: expiresAt is in the past, the token still opens the data plane', async () => {
    sandbox().setFaults({ emulator: { expiredTokens: true } });
    const data = (await ecr.send(new GetAuthorizationTokenCommand({}))).authorizationData?.[0];
    assert.ok(data?.expiresAt && data.expiresAt.getTime() < Date.now() - 30 * 60_000, `expiresAt ${String(data?.expiresAt)}`);
    const v2 = await fetch(`http://${sandbox().registries[0].host}/v2/`, { headers: { authorization: `Basic ${data.authorizationToken ?? ''}` } });
    assert.equal(v2.status, 200);
  });

  it('emulator.configSizeOnly: imageSizeInBytes is the config blob size, smaller than the layers', async () => {
    const real = (await ecr.send(new DescribeImagesCommand({ repositoryName: 'web' }))).imageDetails ?? [];
    sandbox().setFaults({ emulator: { configSizeOnly: true } });
    const reported = (await ecr.send(new DescribeImagesCommand({ repositoryName: 'web' }))).imageDetails ?? [];
    assert.equal(reported.length, real.length);
    for (const image of reported) {
      const actual = real.find((r) => r.imageDigest === image.imageDigest)?.imageSizeInBytes ?? 0;
      assert.ok((image.imageSizeInBytes ?? 0) > 0 && (image.imageSizeInBytes ?? 0) !== actual, `${image.imageSizeInBytes} vs ${actual}`);
    }
  });

  it('emulator: each POST replaces the group, unknown switches are refused, reset clears it', async () => {
    assert.deepEqual((await postFaults({ emulator: { awsHostsInUris: true, expiredTokens: true } })).emulator, { awsHostsInUris: true, expiredTokens: true });
    assert.deepEqual((await postFaults({ emulator: { configSizeOnly: true } })).emulator, { configSizeOnly: true });
    const bad = await fetch(`${sandbox().endpoint}/__sandbox/faults`, { method: 'POST', body: JSON.stringify({ emulator: { awsHosts: true } }) });
    assert.equal(bad.status, 400);
    await fetch(`${sandbox().endpoint}/__sandbox/reset`, { method: 'POST' });
    assert.deepEqual(((await (await fetch(`${sandbox().endpoint}/__sandbox/faults`)).json()) as { emulator: object }).emulator, {});
  });
});
