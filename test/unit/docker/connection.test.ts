// Engine address resolution (pure, from temp config dirs) and connect() against the real engine.
import assert from 'node:assert/strict';
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { candidateEndpoints, connect, dockerFor, resolveDockerHost } from '../../../src/docker/connection';
import { DockerUnavailableError } from '../../../src/docker/errors';
import { knownHostKeys } from '../../../src/docker/sshAccess';

/** The pipe or socket docker-modem will open (its own field; dockerode's types do not show it). */
function socketPathOf(docker: unknown): string | undefined {
  return (docker as { modem: { socketPath?: string } }).modem.socketPath;
}

describe('docker/connection resolveDockerHost', () => {
  let home: string;
  let config: string;
  beforeEach(async () => {
    home = await mkdtemp(join(tmpdir(), 'ecr-test-home-'));
    config = join(home, 'docker-config');
    await mkdir(config);
  });
  afterEach(() => rm(home, { recursive: true, force: true }));

  async function writeContext(name: string, host: string): Promise<void> {
    const dir = join(config, 'contexts', 'meta', createHash('sha256').update(name).digest('hex'));
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, 'meta.json'), JSON.stringify({ Name: name, Metadata: {}, Endpoints: { docker: { Host: host, SkipTLSVerify: false } } }));
  }

  it('prefers the setting over everything', async () => {
    const ep = await resolveDockerHost({ setting: ' tcp://10.0.0.1:2375 ', env: { DOCKER_HOST: 'unix:///x.sock' }, homeDir: home });
    assert.deepEqual(ep, { host: 'tcp://10.0.0.1:2375', source: 'setting' });
  });

  it('uses DOCKER_HOST when no setting', async () => {
    const ep = await resolveDockerHost({ setting: '', env: { DOCKER_HOST: 'unix:///run/user/1000/docker.sock' }, homeDir: home });
    assert.equal(ep.host, 'unix:///run/user/1000/docker.sock');
    assert.equal(ep.source, 'DOCKER_HOST');
  });

  it('reads the current context from $DOCKER_CONFIG/config.json and its meta file', async () => {
    await writeFile(join(config, 'config.json'), JSON.stringify({ auths: {}, currentContext: 'remote-box' }));
    await writeContext('remote-box', 'tcp://192.0.2.10:2375');
    const ep = await resolveDockerHost({ env: { DOCKER_CONFIG: config }, homeDir: home });
    assert.equal(ep.host, 'tcp://192.0.2.10:2375');
    assert.equal(ep.source, 'context remote-box');
  });

  it('DOCKER_CONTEXT overrides config.json; ~/.docker is used without DOCKER_CONFIG', async () => {
    const dotDocker = join(home, '.docker');
    await mkdir(dotDocker);
    config = dotDocker;
    await writeFile(join(config, 'config.json'), JSON.stringify({ currentContext: 'a' }));
    await writeContext('a', 'unix:///a.sock');
    await writeContext('b', 'unix:///b.sock');
    assert.equal((await resolveDockerHost({ env: {}, homeDir: home })).host, 'unix:///a.sock');
    const ep = await resolveDockerHost({ env: { DOCKER_CONTEXT: 'b' }, homeDir: home });
    assert.deepEqual([ep.host, ep.source], ['unix:///b.sock', 'context b']);
  });

  it('skips the "default" context and falls back to the default socket', async () => {
    await writeFile(join(config, 'config.json'), JSON.stringify({ currentContext: 'default' }));
    assert.deepEqual(await resolveDockerHost({ env: { DOCKER_CONFIG: config }, homeDir: home }), { host: 'unix:///var/run/docker.sock', source: 'default' });
    assert.deepEqual(await resolveDockerHost({ env: {}, homeDir: home }), { host: 'unix:///var/run/docker.sock', source: 'default' });
  });

  it('on Windows the default is the docker_engine named pipe, opened as //./pipe/docker_engine', async () => {
    const ep = await resolveDockerHost({ env: {}, homeDir: home, platform: 'win32' });
    assert.deepEqual(ep, { host: 'npipe:////./pipe/docker_engine', source: 'default' });
    assert.equal(socketPathOf(dockerFor(ep)), '//./pipe/docker_engine');
    const hosts = (await candidateEndpoints({ env: {}, homeDir: home, platform: 'win32' })).map((c) => c.host);
    assert.deepEqual(hosts, ['npipe:////./pipe/docker_engine', 'npipe:////./pipe/podman-machine-default']);
  });

  it('npipe:// from DOCKER_HOST and from a context is parsed, not refused', async () => {
    const fromEnv = await resolveDockerHost({ env: { DOCKER_HOST: 'npipe:////./pipe/dockerDesktopLinuxEngine' }, homeDir: home });
    assert.equal(socketPathOf(dockerFor(fromEnv)), '//./pipe/dockerDesktopLinuxEngine');
    await writeContext('desktop-windows', 'npipe:////./pipe/docker_engine');
    const fromContext = await resolveDockerHost({ env: { DOCKER_CONFIG: config, DOCKER_CONTEXT: 'desktop-windows' }, homeDir: home });
    assert.equal(fromContext.source, 'context desktop-windows');
    assert.equal(socketPathOf(dockerFor(fromContext)), '//./pipe/docker_engine');
  });

  it('ssh:// is parsed (user, host, port 22 by default) and a host without a user is refused with the way to write it', () => {
    const modem = (dockerFor('ssh://deploy@build-box.example') as unknown as { modem: { protocol: string; host: string; port: number; username: string } }).modem;
    assert.deepEqual([modem.protocol, modem.host, modem.port, modem.username], ['ssh', 'build-box.example', 22, 'deploy']);
    assert.throws(() => dockerFor({ host: 'ssh://build-box.example', source: 'DOCKER_HOST' }, { env: {}, homeDir: home }), /ssh:\/\/build-box\.example \(DOCKER_HOST\) names no user; write it as ssh:\/\/user@host\./);
  });

  it('known_hosts: plain and hashed ([host]:port) entries match; other hosts and ports do not', async () => {
    const key = randomBytes(51);
    const salt = randomBytes(20);
    const hashed = `|1|${salt.toString('base64')}|${createHmac('sha1', salt).update('[10.0.0.5]:2200').digest('base64')}`;
    const file = join(home, 'known_hosts');
    await writeFile(file, [`# comment`, `${hashed} ssh-ed25519 ${key.toString('base64')}`, `other.example,build-box ssh-ed25519 ${key.toString('base64')}`, `@revoked build-box ssh-ed25519 AAAA`].join('\n'));
    assert.equal(knownHostKeys({ host: '10.0.0.5', port: 2200 }, [file])[0]?.equals(key), true);
    assert.equal(knownHostKeys({ host: 'build-box', port: 22 }, [file]).length, 1);
    assert.equal(knownHostKeys({ host: '10.0.0.5', port: 22 }, [file]).length, 0);
    assert.equal(knownHostKeys({ host: 'build-box', port: 2200 }, [file]).length, 0);
  });

  it('names the missing meta file when the current context has none', async () => {
    await writeFile(join(config, 'config.json'), JSON.stringify({ currentContext: 'gone' }));
    await assert.rejects(resolveDockerHost({ env: { DOCKER_CONFIG: config }, homeDir: home }), (e: Error) => {
      assert.ok(e instanceof DockerUnavailableError);
      assert.match(e.message, /context "gone".*contexts\/meta\/[0-9a-f]{64}\/meta\.json/);
      return true;
    });
  });
});

describe('docker/connection connect (real engine)', () => {
  it('connects to the engine found by the default rules', async () => {
    const { endpoint, apiVersion } = await connect();
    assert.match(apiVersion, /^1\.\d+$/);
    assert.ok(endpoint.host.length > 0);
  });

  it('a dead unix socket -> DockerUnavailableError naming the socket and the setting', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ecr-test-dead-'));
    const host = `unix://${join(dir, 'docker.sock')}`;
    try {
      await assert.rejects(connect({ setting: host }), (e: Error) => {
        assert.ok(e instanceof DockerUnavailableError, String(e));
        assert.ok(e.message.startsWith(`No Docker Engine answered at ${host} (ecr.docker.host setting)`), e.message);
        assert.match(e.message, /Start Docker, or set DOCKER_HOST \/ ecr\.docker\.host\./);
        return true;
      });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('a closed tcp port via DOCKER_HOST -> DockerUnavailableError naming it', async () => {
    const port = await closedPort();
    const host = `tcp://127.0.0.1:${port}`;
    await assert.rejects(connect({ env: { DOCKER_HOST: host } }), (e: Error) => {
      assert.ok(e instanceof DockerUnavailableError);
      assert.match(e.message, new RegExp(`^No Docker Engine answered at ${host} \\(DOCKER_HOST\\)`));
      return true;
    });
  });

  it('a port that accepts but never answers -> times out with a clear message', async () => {
    const sockets: Socket[] = [];
    const server: Server = createServer((socket) => void sockets.push(socket));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    try {
      await assert.rejects(connect({ setting: `http://127.0.0.1:${port}`, timeoutMs: 300 }), /no answer within 300 ms/);
    } finally {
      for (const socket of sockets) socket.destroy();
      server.close();
    }
  });
});

function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => resolve(typeof a === 'object' && a ? a.port : 1));
    });
  });
}
