// Debian's OpenSSH server on a free loopback port, as root, from a temp dir (the system's sshd is
// untouched), accepting only a key made here; and an ssh-agent holding that key. The client side
// gets a home folder with .ssh/known_hosts naming the server's host key, as `ssh` would record it.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../../sandbox/processes';
import { run } from './fixtures';
import { stopChild } from './tlsEngine';

export interface TestSshd {
  readonly port: number;
  /** A home folder whose .ssh/known_hosts lists this server (and holds no keys). */
  readonly clientHome: string;
  /** The client's private key file (unencrypted). */
  readonly keyFile: string;
  /** The line ssh would add to known_hosts for this server. */
  readonly knownHostsLine: string;
  /** Starts an ssh-agent holding the client key; returns its socket (SSH_AUTH_SOCK). */
  startAgent(): Promise<string>;
  stop(): Promise<void>;
}

export async function startSshd(): Promise<TestSshd> {
  const dir = await mkdtemp(join(tmpdir(), 'ecr-sshd-'));
  const keyFile = join(dir, 'key');
  await run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', keyFile]);
  await run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', join(dir, 'hostkey')]);
  await mkdir('/run/sshd', { recursive: true }); // sshd's privilege separation folder.
  const port = await freePort();
  await writeFile(
    join(dir, 'sshd_config'),
    [
      `Port ${port}`,
      'ListenAddress 127.0.0.1',
      `HostKey ${join(dir, 'hostkey')}`,
      `AuthorizedKeysFile ${keyFile}.pub`,
      'PasswordAuthentication no',
      'KbdInteractiveAuthentication no',
      'PermitRootLogin prohibit-password',
      `PidFile ${join(dir, 'sshd.pid')}`,
      'StrictModes no',
      'UsePAM no',
    ].join('\n') + '\n',
  );
  // -D: stays in the foreground, so this process owns it and stops it by its pid.
  const sshd = spawn('/usr/sbin/sshd', ['-D', '-f', join(dir, 'sshd_config'), '-E', join(dir, 'sshd.log')], { stdio: 'ignore' });
  const hostKey = (await readFile(join(dir, 'hostkey.pub'), 'utf8')).trim().split(/\s+/).slice(0, 2).join(' ');
  const knownHostsLine = `[127.0.0.1]:${port} ${hostKey}`;
  const clientHome = join(dir, 'home');
  await mkdir(join(clientHome, '.ssh'), { recursive: true });
  await writeFile(join(clientHome, '.ssh', 'known_hosts'), `${knownHostsLine}\n`);
  const agents: ChildProcess[] = [];
  const log = (): Promise<string> => readFile(join(dir, 'sshd.log'), 'utf8').catch(() => '');
  await waitFor(() => existsSync(join(dir, 'sshd.pid')) || sshd.exitCode !== null);
  if (sshd.exitCode !== null) throw new Error(`sshd exited (${sshd.exitCode}): ${await log()}`);
  return {
    port,
    clientHome,
    keyFile,
    knownHostsLine,
    startAgent: async () => {
      const socket = join(dir, `agent${agents.length}.sock`);
      const agent = spawn('ssh-agent', ['-D', '-a', socket], { stdio: 'ignore' });
      agents.push(agent);
      await waitFor(() => existsSync(socket) || agent.exitCode !== null);
      await run('ssh-add', ['-q', keyFile], { env: { ...process.env, SSH_AUTH_SOCK: socket } });
      return socket;
    },
    stop: async () => {
      for (const agent of agents) await stopChild(agent);
      await stopChild(sshd);
      await rm(dir, { recursive: true, force: true });
    },
  };
}

async function waitFor(done: () => boolean): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!done()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}
