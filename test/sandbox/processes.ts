// The real processes behind the sandbox: the Docker Engine and Debian's docker-registry.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { join } from 'node:path';

export type Log = (line: string) => void;

/** A free TCP port on loopback (asked from the kernel, then released). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Where the Docker Engine API answers: DOCKER_HOST (unix:// or tcp://) or the default socket. */
export function dockerAddress(): { socketPath: string } | { host: string; port: number } {
  const host = process.env.DOCKER_HOST;
  if (host?.startsWith('tcp://')) {
    const url = new URL(host.replace(/^tcp:/, 'http:'));
    return { host: url.hostname, port: Number(url.port || 2375) };
  }
  if (host?.startsWith('unix://')) return { socketPath: host.slice('unix://'.length) };
  return { socketPath: '/var/run/docker.sock' };
}

function pingDocker(): Promise<boolean> {
  return new Promise((resolve) => {
    const req = request({ ...dockerAddress(), path: '/_ping', method: 'GET', timeout: 2000 }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on('error', () => resolve(false));
    req.on('timeout', () => req.destroy());
    req.end();
  });
}

/**
 * Resolves once a Docker Engine answers. If none does and we are root with Debian's `dockerd`
 * installed (as on a fresh CI machine), starts it in the background and waits for it.
 */
export async function ensureDockerEngine(log: Log = () => undefined): Promise<void> {
  if (await pingDocker()) return;
  const dockerd = ['/usr/sbin/dockerd', '/usr/bin/dockerd'].find((path) => existsSync(path));
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!dockerd || !isRoot || process.env.DOCKER_HOST) {
    throw new Error(
      'No Docker Engine answers at ' + JSON.stringify(dockerAddress()) +
        (dockerd ? '' : ' and dockerd is not installed (apt-get install -y docker.io)') +
        (isRoot ? '' : '; start it yourself (not root, so the sandbox will not)'),
    );
  }
  const logFile = '/tmp/sandbox-dockerd.log';
  log(`starting ${dockerd} in the background (log: ${logFile})`);
  const out = openSync(logFile, 'a');
  // Detached on purpose: the engine outlives the sandbox, like a system service would.
  const child = spawn(dockerd, [], { detached: true, stdio: ['ignore', out, out] });
  child.unref();
  closeSync(out);
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (await pingDocker()) return void log('Docker Engine is up');
    await sleep(250);
  }
  throw new Error(`dockerd did not answer within 60 s; see ${logFile}`);
}

export interface RegistryProcess {
  readonly port: number;
  readonly storageRoot: string; // the filesystem driver's rootdirectory
  stop(): Promise<void>;
}

/** Starts `docker-registry serve` on loopback with its own storage under `dir`. */
export async function startRegistryProcess(dir: string, log: Log): Promise<RegistryProcess> {
  const binary = ['/usr/bin/docker-registry', '/usr/local/bin/registry'].find((path) => existsSync(path));
  if (!binary) throw new Error('docker-registry is not installed (apt-get install -y docker-registry)');
  const port = await freePort();
  const storageRoot = join(dir, 'storage');
  const configFile = join(dir, 'config.yml');
  mkdirSync(dir, { recursive: true });
  // No blob descriptor cache: the emulator edits tags in storage and must never read stale data.
  writeFileSync(
    configFile,
    [
      'version: 0.1',
      'log:',
      '  level: error',
      '  accesslog:',
      '    disabled: true',
      'storage:',
      '  filesystem:',
      `    rootdirectory: ${storageRoot}`,
      '  delete:',
      '    enabled: true',
      '  maintenance:',
      '    uploadpurging:',
      '      enabled: false',
      'http:',
      `  addr: 127.0.0.1:${port}`,
      `  secret: ${randomBytes(16).toString('hex')}`,
      '',
    ].join('\n'),
    { mode: 0o600 },
  );
  const child: ChildProcess = spawn(binary, ['serve', configFile], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  let exited = false;
  child.on('exit', () => (exited = true));
  const deadline = Date.now() + 15_000;
  while (!(await registryAnswers(port))) {
    if (exited || Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`docker-registry did not start: ${stderr.trim() || 'no output'}`);
    }
    await sleep(50);
  }
  log(`docker-registry ${binary} listening on 127.0.0.1:${port}`);
  return {
    port,
    storageRoot,
    stop: () =>
      new Promise<void>((resolve) => {
        if (exited) return resolve();
        const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
        child.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
}

function registryAnswers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const req = request({ host: '127.0.0.1', port, path: '/v2/', timeout: 1000 }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on('error', () => resolve(false));
    req.on('timeout', () => req.destroy());
    req.end();
  });
}
