// docker login/push/pull with the real docker CLI and Docker Engine through the sandbox's data plane.
import * as assert from 'node:assert/strict';
import { DescribeImagesCommand, ECRClient, GetAuthorizationTokenCommand } from '@aws-sdk/client-ecr';
import { buildBusyboxImage, docker, tempDockerConfig } from '../../sandbox/seed/dockerImage';
import { ecrClient, useSandbox } from './helpers';

describe('sandbox data plane with the docker CLI', function () {
  this.timeout(120_000);
  const sandbox = useSandbox();
  const local = `sandbox-unit/busybox:${process.pid}`;
  const other = `sandbox-unit/busybox:${process.pid}-other`;
  const created: string[] = [local, other];
  let ecr: ECRClient;
  let host: string;
  let config: ReturnType<typeof tempDockerConfig>;

  before(async function () {
    const engine = await docker(['version', '--format', '{{.Server.Version}}']);
    if (engine.code !== 0) {
      console.log(`    (skipped: no Docker Engine answers: ${engine.stderr.trim()})`);
      this.skip();
    }
    ecr = ecrClient(sandbox());
    host = sandbox().registries[0].host;
    config = tempDockerConfig();
    await buildBusyboxImage(local);
    await buildBusyboxImage(other);
  });

  after(async () => {
    for (const tag of created) await docker(['rmi', '-f', tag]);
    config?.dispose();
  });

  async function tagAs(source: string, target: string): Promise<void> {
    created.push(target);
    assert.equal((await docker(['tag', source, target])).code, 0);
  }

  async function login(): Promise<void> {
    const token = (await ecr.send(new GetAuthorizationTokenCommand({}))).authorizationData?.[0].authorizationToken ?? '';
    const password = Buffer.from(token, 'base64').toString().slice('AWS:'.length);
    const result = await docker(['login', '--username', 'AWS', '--password-stdin', host], { input: password, configDir: config.dir });
    assert.equal(result.code, 0, result.stderr);
  }

  it('refuses a push without credentials (401 Basic challenge)', async () => {
    const target = `${host}/scan-on-push:anonymous`;
    await tagAs(local, target);
    const result = await docker(['push', target], { configDir: config.dir });
    assert.notEqual(result.code, 0);
    assert.match(result.stderr + result.stdout, /no basic auth credentials|unauthorized|authentication required/i);
    const response = await fetch(`http://${host}/v2/`);
    assert.equal(response.status, 401);
    assert.match(response.headers.get('www-authenticate') ?? '', /^Basic realm="/);
  });

  it('refuses a wrong password at docker login', async () => {
    const result = await docker(['login', '--username', 'AWS', '--password-stdin', host], { input: 'wrong', configDir: config.dir });
    assert.notEqual(result.code, 0);
    assert.match(result.stderr, /401|unauthorized/i);
  });

  it('pushes with a token; DescribeImages reports what was pushed; scan-on-push starts a scan', async () => {
    await login();
    const target = `${host}/scan-on-push:pushed`;
    await tagAs(local, target);
    const before = Date.now();
    const result = await docker(['push', target], { configDir: config.dir });
    assert.equal(result.code, 0, result.stderr);
    const digest = /digest: (sha256:[0-9a-f]{64})/.exec(result.stdout)?.[1];
    assert.ok(digest, result.stdout);
    const [detail] = (await ecr.send(new DescribeImagesCommand({ repositoryName: 'scan-on-push', imageIds: [{ imageTag: 'pushed' }] }))).imageDetails ?? [];
    assert.equal(detail.imageDigest, digest);
    assert.ok((detail.imagePushedAt?.getTime() ?? 0) >= before - 1000);
    assert.equal(detail.imageManifestMediaType, 'application/vnd.docker.distribution.manifest.v2+json');
    assert.ok((detail.imageSizeInBytes ?? 0) > 500_000, `size ${detail.imageSizeInBytes}`);
    assert.ok(['IN_PROGRESS', 'COMPLETE'].includes(detail.imageScanStatus?.status ?? ''), JSON.stringify(detail.imageScanStatus));
  });

  it('pulls with a token and records lastRecordedPullTime', async () => {
    await login();
    const target = `${host}/web:v1.1.0`;
    created.push(target);
    const before = Date.now();
    const result = await docker(['pull', target], { configDir: config.dir });
    assert.equal(result.code, 0, result.stderr);
    const [detail] = (await ecr.send(new DescribeImagesCommand({ repositoryName: 'web', imageIds: [{ imageTag: 'v1.1.0' }] }))).imageDetails ?? [];
    assert.ok((detail.lastRecordedPullTime?.getTime() ?? 0) >= before - 1000, String(detail.lastRecordedPullTime));
    const run = await docker(['run', '--rm', target, '/bin/busybox', 'cat', '/etc/sandbox-image']);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /^web v1\.1\.0-1 linux\/amd64/);
  });

  it('refuses a push to a repository that does not exist (NAME_UNKNOWN)', async () => {
    await login();
    const target = `${host}/does-not-exist:latest`;
    await tagAs(local, target);
    const result = await docker(['push', target], { configDir: config.dir });
    assert.notEqual(result.code, 0);
    assert.match(result.stderr + result.stdout, /name unknown: The repository with name 'does-not-exist' does not exist in the registry with id '111111111111'/);
  });

  it('refuses to overwrite a tag in an immutable repository', async () => {
    await login();
    const target = `${host}/immutable-api:v1`;
    await tagAs(other, target);
    const result = await docker(['push', target], { configDir: config.dir });
    assert.notEqual(result.code, 0);
    assert.match(
      result.stderr + result.stdout,
      /tag invalid: The image tag 'v1' already exists in the 'immutable-api' repository and cannot be overwritten because the repository is immutable\./,
    );
    const fresh = `${host}/immutable-api:v3`;
    await tagAs(other, fresh);
    const ok = await docker(['push', fresh], { configDir: config.dir });
    assert.equal(ok.code, 0, ok.stderr);
  });

  it('stops accepting a token once it has expired', async () => {
    await login();
    const response = await fetch(`${sandbox().endpoint}/__sandbox/expire-tokens`, { method: 'POST' });
    assert.equal(response.status, 200);
    const result = await docker(['pull', `${host}/web:v1.0.0`], { configDir: config.dir });
    created.push(`${host}/web:v1.0.0`);
    assert.notEqual(result.code, 0);
    assert.match(result.stderr, /unauthorized|no basic auth|authentication required/i);
  });
});
