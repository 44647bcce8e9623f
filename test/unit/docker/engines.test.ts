// Build and push to the ECR sandbox through each kind of engine address a user may have: ssh://
// (docker-modem's ssh transport against Debian's sshd on loopback, key in an ssh-agent, host key
// from known_hosts), tcp with TLS (a second real dockerd with client certificates) from
// DOCKER_TLS_VERIFY/DOCKER_CERT_PATH and from a context's TLS material, and a socket that only a
// (non-current) docker context names. Every docker config and home folder is a temp dir.
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateRepositoryCommand, DeleteRepositoryCommand, DescribeImagesCommand, ECRClient, GetAuthorizationTokenCommand } from '@aws-sdk/client-ecr';
import { buildImage } from '../../../src/docker/build';
import { connect, type ConnectOptions, type DockerConnection } from '../../../src/docker/connection';
import { ecrAuthConfig, type RegistryAuth } from '../../../src/docker/ecrAuth';
import { DockerUnavailableError } from '../../../src/docker/errors';
import { tagImage } from '../../../src/docker/images';
import { pushImage } from '../../../src/docker/push';
import { startSandbox, type Sandbox } from '../../sandbox';
import { removeImages } from './support/fixtures';
import { startSshd, type TestSshd } from './support/sshd';
import { startSecondEngine, type SecondEngine } from './support/tlsEngine';

describe('docker/engines: build and push over ssh, TLS and context-only sockets (real engines, ECR sandbox)', function () {
  this.timeout(240_000);
  let sandbox: Sandbox;
  let ecr: ECRClient;
  let auth: RegistryAuth;
  let engine: SecondEngine;
  let sshd: TestSshd;
  let home: string;
  const repository = `engines-${process.pid}-${randomBytes(3).toString('hex')}`;
  let repositoryUri: string;

  before(async () => {
    sandbox = await startSandbox({ seed: false });
    const account = sandbox.accounts[0];
    ecr = new ECRClient({ endpoint: sandbox.endpoint, region: account.region, credentials: account });
    repositoryUri = (await ecr.send(new CreateRepositoryCommand({ repositoryName: repository }))).repository?.repositoryUri ?? '';
    const token = (await ecr.send(new GetAuthorizationTokenCommand({}))).authorizationData?.[0] ?? {};
    auth = ecrAuthConfig(token);
    [engine, sshd] = await Promise.all([startSecondEngine(), startSshd()]);
  });
  beforeEach(async () => {
    home = await mkdtemp(join(tmpdir(), 'ecr-test-home-'));
  });
  afterEach(() => rm(home, { recursive: true, force: true }));
  after(async () => {
    await ecr?.send(new DeleteRepositoryCommand({ repositoryName: repository, force: true })).catch(() => undefined);
    await Promise.all([engine?.stop(), sshd?.stop()]);
    await sandbox?.stop();
  });

  /** Builds a one-file image FROM scratch through the connection, pushes it as `tag`; returns the pushed digest. */
  async function buildAndPush(connection: DockerConnection, tag: string): Promise<string> {
    const dir = await mkdtemp(join(tmpdir(), 'ecr-test-ctx-'));
    const ref = `${repositoryUri}:${tag}`;
    let imageId = '';
    try {
      await writeFile(join(dir, 'Dockerfile'), 'FROM scratch\nCOPY id.txt /id.txt\n');
      await writeFile(join(dir, 'id.txt'), `${tag} ${randomBytes(8).toString('hex')}\n`);
      imageId = (await buildImage(connection.docker, { contextDir: dir })).imageId;
      await tagImage(connection.docker, imageId, ref);
      return (await pushImage(connection.docker, ref, { auth })).digest;
    } finally {
      await removeImages(connection.docker, [ref, imageId]);
      await rm(dir, { recursive: true, force: true });
    }
  }

  async function assertInEcr(tag: string, digest: string): Promise<void> {
    const images = await ecr.send(new DescribeImagesCommand({ repositoryName: repository, imageIds: [{ imageTag: tag }] }));
    assert.equal(images.imageDetails?.[0]?.imageDigest, digest);
  }

  async function writeContext(config: string, name: string, endpoint: { Host: string; SkipTLSVerify?: boolean }, tls?: Record<string, string>): Promise<void> {
    const id = createHash('sha256').update(name).digest('hex');
    await mkdir(join(config, 'contexts', 'meta', id), { recursive: true });
    await writeFile(join(config, 'contexts', 'meta', id, 'meta.json'), JSON.stringify({ Name: name, Metadata: {}, Endpoints: { docker: { SkipTLSVerify: false, ...endpoint } } }));
    if (!tls) return;
    await mkdir(join(config, 'contexts', 'tls', id, 'docker'), { recursive: true });
    for (const [file, content] of Object.entries(tls)) await writeFile(join(config, 'contexts', 'tls', id, 'docker', file), content);
  }

  describe('ssh://', () => {
    // Each request opens its own ssh session; this machine's root shell takes seconds to start.
    const slow = { timeoutMs: 60_000 };

    it('DOCKER_HOST=ssh://root@127.0.0.1:PORT with the key in an ssh-agent builds and pushes', async () => {
      const agent = await sshd.startAgent();
      const connection = await connect({ ...slow, homeDir: sshd.clientHome, env: { DOCKER_HOST: `ssh://root@127.0.0.1:${sshd.port}`, SSH_AUTH_SOCK: agent } });
      assert.equal(connection.endpoint.source, 'DOCKER_HOST');
      await assertInEcr('over-ssh', await buildAndPush(connection, 'over-ssh'));
    });

    it('a context naming ssh:// works with the default key ~/.ssh/id_ed25519 and no agent', async () => {
      await mkdir(join(home, '.ssh'));
      await writeFile(join(home, '.ssh', 'known_hosts'), `${sshd.knownHostsLine}\n`);
      await writeFile(join(home, '.ssh', 'id_ed25519'), await readFile(sshd.keyFile), { mode: 0o600 });
      const config = join(home, '.docker');
      await writeContext(config, 'remote-box', { Host: `ssh://root@127.0.0.1:${sshd.port}` });
      const connection = await connect({ ...slow, homeDir: home, env: { DOCKER_CONTEXT: 'remote-box' } });
      assert.equal(connection.endpoint.source, 'context remote-box');
      assert.match(connection.apiVersion, /^1\.\d+$/);
    });

    it('a host whose key is not in known_hosts is refused, saying how to record it', async () => {
      const agent = await sshd.startAgent();
      await assert.rejects(connect({ ...slow, setting: `ssh://root@127.0.0.1:${sshd.port}`, homeDir: home, env: { SSH_AUTH_SOCK: agent } }), (e: Error) => {
        assert.ok(e instanceof DockerUnavailableError, String(e));
        assert.match(e.message, /^No Docker Engine answered at ssh:\/\/root@127\.0\.0\.1:\d+ \(ecr\.docker\.host setting\): .*not in ~\/\.ssh\/known_hosts; connect once with `ssh`/);
        return true;
      });
    });
  });

  describe('tcp with TLS', () => {
    it('DOCKER_HOST + DOCKER_TLS_VERIFY + DOCKER_CERT_PATH build and push on the TLS engine', async () => {
      const connection = await connect({ homeDir: home, env: { DOCKER_HOST: engine.tlsHost, DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: engine.clientTlsDir } });
      await assertInEcr('over-tls', await buildAndPush(connection, 'over-tls'));
      // It was the second engine that built it: the main one never had the tag.
      assert.ok(connection.endpoint.host.startsWith('tcp://127.0.0.1:'));
    });

    it("a context's TLS material (ca, cert, key) is used", async () => {
      const config = join(home, 'cfg');
      const material: Record<string, string> = {};
      for (const f of ['ca.pem', 'cert.pem', 'key.pem']) material[f] = await readFile(join(engine.clientTlsDir, f), 'utf8');
      await writeContext(config, 'tls-box', { Host: engine.tlsHost }, material);
      await writeFile(join(config, 'config.json'), JSON.stringify({ currentContext: 'tls-box' }));
      const connection = await connect({ homeDir: home, env: { DOCKER_CONFIG: config } });
      assert.equal(connection.endpoint.source, 'context tls-box');
    });

    it('SkipTLSVerify in a context accepts the engine without its CA (client certificate only)', async () => {
      const config = join(home, 'cfg');
      const material = { 'cert.pem': await readFile(join(engine.clientTlsDir, 'cert.pem'), 'utf8'), 'key.pem': await readFile(join(engine.clientTlsDir, 'key.pem'), 'utf8') };
      await writeContext(config, 'lax', { Host: engine.tlsHost, SkipTLSVerify: true }, material);
      const connection = await connect({ homeDir: home, env: { DOCKER_CONFIG: config, DOCKER_CONTEXT: 'lax' } });
      assert.equal(connection.endpoint.source, 'context lax');
    });

    it('ecr.docker.host with ecr.docker.certPath builds and pushes on the TLS engine, whatever the environment says', async () => {
      const connection = await connect({ homeDir: home, setting: engine.tlsHost, certPath: engine.clientTlsDir, env: { DOCKER_HOST: 'unix:///nowhere.sock' } });
      assert.equal(connection.endpoint.source, 'setting');
      assert.deepEqual(connection.link, { transport: 'tls', hostname: '127.0.0.1' });
      await assertInEcr('setting-tls', await buildAndPush(connection, 'setting-tls'));
    });

    it('ecr.docker.host takes DOCKER_TLS_VERIFY + DOCKER_CERT_PATH from the environment, as the CLI does with -H', async () => {
      const connection = await connect({ homeDir: home, setting: engine.tlsHost, env: { DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: engine.clientTlsDir } });
      assert.equal(connection.endpoint.source, 'setting');
      assert.match(connection.apiVersion, /^1\.\d+$/);
    });

    it('an https:// ecr.docker.host uses ecr.docker.certPath', async () => {
      const connection = await connect({ homeDir: home, setting: engine.tlsHost.replace('tcp://', 'https://'), certPath: engine.clientTlsDir, env: {} });
      assert.equal(connection.link.transport, 'tls');
    });

    it('ecr.docker.certPath naming a folder without certificates is refused instead of falling back to plain http', async () => {
      await assert.rejects(connect({ homeDir: home, setting: engine.tlsHost, certPath: home, env: {} }), /TLS is asked for \(ecr\.docker\.certPath, or DOCKER_TLS_VERIFY\) but .* has no ca\.pem, cert\.pem or key\.pem; set ecr\.docker\.certPath/);
    });

    it('DOCKER_TLS_VERIFY with no certificates is refused instead of falling back to plain http', async () => {
      await assert.rejects(connect({ homeDir: home, env: { DOCKER_HOST: engine.tlsHost, DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: home } }), /DOCKER_TLS_VERIFY is set but .* has no ca\.pem, cert\.pem or key\.pem/);
    });
  });

  describe('sockets found through contexts and the usual places', () => {
    const deadDefault = (): ConnectOptions => ({ defaultHost: `unix://${join(home, 'no-engine.sock')}` });

    it('the current context naming a socket builds and pushes there', async () => {
      const config = join(home, 'cfg');
      await writeContext(config, 'colima', { Host: engine.socketHost });
      await writeFile(join(config, 'config.json'), JSON.stringify({ currentContext: 'colima' }));
      const connection = await connect({ homeDir: home, env: { DOCKER_CONFIG: config } });
      assert.deepEqual([connection.endpoint.host, connection.endpoint.source], [engine.socketHost, 'context colima']);
      await assertInEcr('context-socket', await buildAndPush(connection, 'context-socket'));
    });

    it('when the default socket is dead, a socket named only by a non-current context is found', async () => {
      const config = join(home, '.docker');
      await writeContext(config, 'orbstack', { Host: engine.socketHost });
      await writeContext(config, 'far-away', { Host: 'tcp://192.0.2.1:2375' }); // Not local: never tried on its own.
      const connection = await connect({ ...deadDefault(), homeDir: home, env: {} });
      assert.deepEqual([connection.endpoint.host, connection.endpoint.source], [engine.socketHost, 'context orbstack']);
    });

    it("Colima's socket under ~/.colima is found without any context", async () => {
      await mkdir(join(home, '.colima', 'default'), { recursive: true });
      await symlink(engine.socketHost.slice('unix://'.length), join(home, '.colima', 'default', 'docker.sock'));
      const connection = await connect({ ...deadDefault(), homeDir: home, env: {} });
      assert.equal(connection.endpoint.source, 'known Colima');
    });

    it('when nothing answers, the error lists every place tried', async () => {
      await assert.rejects(connect({ ...deadDefault(), homeDir: home, env: { XDG_RUNTIME_DIR: join(home, 'run') }, platform: 'linux' }), (e: Error) => {
        assert.ok(e instanceof DockerUnavailableError);
        assert.match(e.message, /^No Docker Engine answered at any of \d+ places\. Tried unix:\/\/\S+no-engine\.sock \(default socket\): no socket there; /);
        for (const where of ['Docker Desktop socket', 'Colima socket', 'OrbStack socket', 'Rancher Desktop socket', 'Podman (rootless) socket', 'Podman socket']) {
          assert.ok(e.message.includes(`(${where})`), `${where} missing from: ${e.message}`);
        }
        assert.ok(e.message.includes(join(home, '.colima', 'default', 'docker.sock')));
        assert.match(e.message, /Start Docker, or set DOCKER_HOST \/ ecr\.docker\.host\.$/);
        return true;
      });
    });
  });
});
