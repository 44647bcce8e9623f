// A second, real dockerd in a temp dir, started and stopped by the test: its own unix socket (for
// context-only sockets) and a TLS listener on a free loopback port with certificates made here by
// openssl (a CA, a server certificate for 127.0.0.1, a client certificate). It shares the host's
// loopback registries. Its default network is a bridge made here for it: with --bridge=none a
// dockerd deletes docker0, the main engine's bridge, and with it every other test's networking.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomInt } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Docker from 'dockerode';
import { freePort } from '../../../sandbox/processes';
import { run } from './fixtures';

export interface SecondEngine {
  /** unix:///tmp/.../docker.sock */
  readonly socketHost: string;
  /** tcp://127.0.0.1:PORT, TLS with client certificates required. */
  readonly tlsHost: string;
  /** Client material: ca.pem, cert.pem, key.pem (the layout of DOCKER_CERT_PATH and of a context's TLS folder). */
  readonly clientTlsDir: string;
  /** A client on the unix socket, for the test's own checks and clean-up. */
  readonly docker: Docker;
  stop(): Promise<void>;
}

export async function startSecondEngine(): Promise<SecondEngine> {
  const dir = await mkdtemp(join(tmpdir(), 'ecr-de-'));
  const certs = join(dir, 'certs');
  const clientTlsDir = join(dir, 'client');
  await makeCertificates(certs, clientTlsDir);
  await writeFile(join(dir, 'daemon.json'), '{}');
  const socket = join(dir, 'docker.sock');
  const port = await freePort();
  const bridge = await makeBridge();
  const child = spawn(
    '/usr/sbin/dockerd',
    [
      `--config-file=${join(dir, 'daemon.json')}`,
      `--data-root=${join(dir, 'data')}`,
      `--exec-root=${join(dir, 'exec')}`,
      `--pidfile=${join(dir, 'docker.pid')}`,
      `--containerd-namespace=ecrtest${process.pid}`,
      `--containerd-plugins-namespace=ecrtest${process.pid}p`,
      `--bridge=${bridge}`,
      // Leaves the host's firewall and sysctls as the main engine set them.
      '--iptables=false',
      '--ip-masq=false',
      '--ip-forward=false',
      `-H=unix://${socket}`,
      `-H=tcp://127.0.0.1:${port}`,
      '--tlsverify',
      `--tlscacert=${join(certs, 'ca.pem')}`,
      `--tlscert=${join(certs, 'server-cert.pem')}`,
      `--tlskey=${join(certs, 'server-key.pem')}`,
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
  const docker = new Docker({ socketPath: socket });
  const engine: SecondEngine = {
    socketHost: `unix://${socket}`,
    tlsHost: `tcp://127.0.0.1:${port}`,
    clientTlsDir,
    docker,
    stop: async () => {
      await stopChild(child);
      await run('ip', ['link', 'del', bridge]).catch(() => undefined);
      await rm(dir, { recursive: true, force: true });
    },
  };
  try {
    await waitForPing(docker, child, () => stderr);
  } catch (error) {
    await engine.stop();
    throw error;
  }
  return engine;
}

/** A bridge of its own (name <= 15 chars) on a /24 of 198.18.0.0/15, the benchmarking range no real network uses. */
async function makeBridge(): Promise<string> {
  const name = `ecrt${randomBytes(4).toString('hex')}`;
  await run('ip', ['link', 'add', name, 'type', 'bridge']);
  await run('ip', ['addr', 'add', `198.${18 + randomInt(2)}.${randomInt(256)}.1/24`, 'dev', name]);
  await run('ip', ['link', 'set', name, 'up']);
  return name;
}

async function makeCertificates(certs: string, client: string): Promise<void> {
  await mkdir(certs, { recursive: true });
  await mkdir(client, { recursive: true });
  const at = (name: string): string => join(certs, name);
  const days = ['-days', '1'];
  await run('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', at('ca-key.pem'), '-out', at('ca.pem'), '-subj', '/CN=ecr-test-ca', ...days]);
  const issue = async (name: string, subject: string, extensions: string): Promise<void> => {
    await run('openssl', ['req', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', at(`${name}-key.pem`), '-out', at(`${name}.csr`), '-subj', subject]);
    await writeFile(at(`${name}.ext`), extensions);
    await run('openssl', ['x509', '-req', '-in', at(`${name}.csr`), '-CA', at('ca.pem'), '-CAkey', at('ca-key.pem'), '-CAcreateserial', '-out', at(`${name}-cert.pem`), '-extfile', at(`${name}.ext`), ...days]);
  };
  await issue('server', '/CN=127.0.0.1', 'subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n');
  await issue('client', '/CN=ecr-test-client', 'extendedKeyUsage=clientAuth\n');
  await run('cp', [at('ca.pem'), join(client, 'ca.pem')]);
  await run('cp', [at('client-cert.pem'), join(client, 'cert.pem')]);
  await run('cp', [at('client-key.pem'), join(client, 'key.pem')]);
}

async function waitForPing(docker: Docker, child: ChildProcess, stderr: () => string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`second dockerd exited (${child.exitCode}): ${stderr()}`);
    try {
      await docker.ping();
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 200)); // Not listening yet.
    }
  }
  throw new Error(`second dockerd did not answer: ${stderr()}`);
}

export function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}
