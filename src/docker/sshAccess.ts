// How an ssh:// Docker host is reached the way the ssh client would: the user's agent
// (SSH_AUTH_SOCK) and unencrypted default keys, and the host key checked against known_hosts -
// docker-modem's ssh transport (ssh2) does neither by itself, and would trust any host.
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { utils, type ConnectConfig } from 'ssh2';

/** The default identity files the OpenSSH client tries, newest kind first. */
const IDENTITY_FILES = ['id_ed25519', 'id_ecdsa', 'id_rsa'];

export interface SshTarget {
  readonly host: string;
  readonly port: number;
}

/** ssh2 options (auth and host key check) for a target; `home` holds .ssh. */
export function sshOptionsFor(target: SshTarget, home: string, env: NodeJS.ProcessEnv): ConnectConfig {
  const privateKey = firstUsableKey(join(home, '.ssh'));
  const known = knownHostKeys(target, [join(home, '.ssh', 'known_hosts'), '/etc/ssh/ssh_known_hosts']);
  return {
    ...(env.SSH_AUTH_SOCK ? { agent: env.SSH_AUTH_SOCK } : {}),
    ...(privateKey ? { privateKey } : {}),
    // ssh2 hands over the raw host key blob; known_hosts stores the same blob in base64.
    hostVerifier: (key: Buffer) => known.some((k) => k.equals(key)),
  };
}

/** The first default key that opens without a passphrase (encrypted ones are left to the agent). */
function firstUsableKey(dir: string): Buffer | undefined {
  for (const name of IDENTITY_FILES) {
    const key = readOptional(join(dir, name));
    if (key && !(utils.parseKey(key) instanceof Error)) return key;
  }
  return undefined;
}

/** Host key blobs that known_hosts files list for the target (plain or hashed names). */
export function knownHostKeys(target: SshTarget, files: readonly string[]): Buffer[] {
  // OpenSSH writes non-default ports as "[host]:port".
  const name = target.port === 22 ? target.host : `[${target.host}]:${target.port}`;
  const keys: Buffer[] = [];
  for (const file of files) {
    const text = readOptional(file)?.toString('utf8') ?? '';
    for (const line of text.split('\n')) {
      const fields = line.trim().split(/\s+/);
      // Markers (@cert-authority, @revoked) and comments are not plain trusted keys.
      if (fields.length < 3 || fields[0].startsWith('#') || fields[0].startsWith('@')) continue;
      if (fields[0].split(',').some((pattern) => hostMatches(pattern, name))) keys.push(Buffer.from(fields[2], 'base64'));
    }
  }
  return keys;
}

function hostMatches(pattern: string, name: string): boolean {
  if (!pattern.startsWith('|1|')) return pattern === name;
  // HashKnownHosts: |1|base64(salt)|base64(HMAC-SHA1(salt, name)).
  const [, , salt, hash] = pattern.split('|');
  return createHmac('sha1', Buffer.from(salt, 'base64')).update(name).digest('base64') === hash;
}

function readOptional(path: string): Buffer | undefined {
  try {
    return readFileSync(path);
  } catch {
    return undefined;
  }
}
