// Real docker credential helpers for tests: `docker-credential-<name>` shell scripts in a temp dir
// put first on PATH, speaking the helper protocol ("get", server URL on stdin, JSON on stdout).
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';

export interface HelperDir {
  readonly dir: string;
  /** Writes `docker-credential-<name>` with this shell body; the server URL read from stdin is in "$url". */
  helper(name: string, body: string): Promise<void>;
  /** The server URLs the helpers were asked for, in order (each helper logs what it read). */
  asked(): Promise<string[]>;
  /** Takes the dir off PATH and removes it. */
  remove(): Promise<void>;
}

/** A helper that knows one server's username and secret and says "not found" for any other. */
export function knowsOne(serverUrl: string, username: string, secret: string): string {
  return [
    `if [ "$url" = '${serverUrl}' ]; then`,
    `  printf '{"ServerURL":"%s","Username":"%s","Secret":"%s"}' '${serverUrl}' '${username}' '${secret}'`,
    'else',
    '  echo "credentials not found in native keychain"; exit 1',
    'fi',
  ].join('\n');
}

export async function helperDir(): Promise<HelperDir> {
  const dir = await mkdtemp(join(tmpdir(), 'ecr-test-credhelpers-'));
  const log = join(dir, 'asked.log');
  const oldPath = process.env.PATH;
  process.env.PATH = `${dir}${delimiter}${oldPath ?? ''}`;
  return {
    dir,
    helper: async (name, body) => {
      const file = join(dir, `docker-credential-${name}`);
      // The URL is logged one per line; the protocol sends it without a newline.
      const script = ['#!/bin/sh', '[ "$1" = get ] || { echo "unexpected action $1" >&2; exit 3; }', 'url=$(cat)', `printf '%s\\n' "$url" >> '${log}'`, body, ''].join('\n');
      await writeFile(file, script, { mode: 0o700 });
      await chmod(file, 0o700);
    },
    asked: async () => (await readFile(log, 'utf8').catch(() => '')).split('\n').filter(Boolean),
    remove: async () => {
      process.env.PATH = oldPath;
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** A temp DOCKER_CONFIG folder with this config.json (none when `config` is undefined). */
export async function configDir(config?: unknown): Promise<{ dir: string; remove(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'ecr-test-dockerconfig-'));
  if (config !== undefined) await writeFile(join(dir, 'config.json'), typeof config === 'string' ? config : JSON.stringify(config), { mode: 0o600 });
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}
