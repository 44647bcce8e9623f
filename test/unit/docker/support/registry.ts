// A real registry (Debian's docker-registry, distribution 2.8) on a free loopback port, with
// htpasswd basic auth for user AWS and a random password, in a temp dir removed by stop().
import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TestRegistry {
  /** "127.0.0.1:PORT" — the engine treats loopback registries as plain HTTP. */
  readonly host: string;
  readonly username: string;
  /** Empty when started without auth. */
  readonly password: string;
  /** GET/HEAD against the registry's /v2 API with the right credentials. */
  fetch(path: string, init?: RequestInit): Promise<Response>;
  stop(): Promise<void>;
}

export async function startRegistry(options: { auth?: boolean } = {}): Promise<TestRegistry> {
  const auth = options.auth !== false;
  const dir = await mkdtemp(join(tmpdir(), 'ecr-test-registry-'));
  const port = await freePort();
  const username = 'AWS';
  const password = auth ? randomBytes(24).toString('base64url') : '';
  if (auth) await writeHtpasswd(join(dir, 'htpasswd'), username, password);
  const config = [
    'version: 0.1',
    'log: { level: error }',
    `storage: { filesystem: { rootdirectory: ${join(dir, 'data')} }, delete: { enabled: true } }`,
    `http: { addr: 127.0.0.1:${port} }`,
    ...(auth ? [`auth: { htpasswd: { realm: test, path: ${join(dir, 'htpasswd')} } }`] : []),
  ].join('\n');
  await writeFile(join(dir, 'config.yml'), config);
  const child = spawn('/usr/bin/docker-registry', ['serve', join(dir, 'config.yml')], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
  const host = `127.0.0.1:${port}`;
  const authHeader = auth ? `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}` : undefined;
  const registry: TestRegistry = {
    host,
    username,
    password,
    fetch: (path, init = {}) =>
      fetch(`http://${host}${path}`, { ...init, headers: { ...(authHeader ? { authorization: authHeader } : {}), ...(init.headers as Record<string, string>) } }),
    stop: async () => {
      await stopChild(child);
      await rm(dir, { recursive: true, force: true });
    },
  };
  await waitUntilUp(host, child, () => stderr);
  return registry;
}

/** bcrypt entry, password given on stdin (-i) so it never appears in a process list. */
function writeHtpasswd(file: string, user: string, password: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = execFile('htpasswd', ['-B', '-i', '-c', file, user], (error) => (error ? reject(error) : resolve()));
    child.stdin?.end(password);
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function waitUntilUp(host: string, child: ChildProcess, stderr: () => string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if (child.exitCode !== null) throw new Error(`docker-registry exited (${child.exitCode}): ${stderr()}`);
    try {
      const res = await fetch(`http://${host}/v2/`);
      if (res.status === 200 || res.status === 401) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`docker-registry did not answer at ${host}: ${stderr()}`);
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}
