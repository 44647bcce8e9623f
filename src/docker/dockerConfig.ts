// Credentials for registries other than the user's ECR ones, found the way the docker CLI finds
// them: $DOCKER_CONFIG/config.json (default ~/.docker/config.json) with `credHelpers` per host,
// the `credsStore` default and the `auths` entries, a helper run as `docker-credential-<name> get`
// with the server URL on stdin. Answers live in memory for one lookup object (one build); nothing
// read here is logged, and no error message repeats what a helper or the file holds as a secret.
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { RegistryAuth, RegistryCredentials } from './ecrAuth';
import { errorMessage } from '../core/errors';

/** The key Docker Hub's credentials are stored under, in `auths` and in helpers. */
export const DOCKER_HUB_KEY = 'https://index.docker.io/v1/';
const DOCKER_HUB_HOSTS = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io']);
/** What a helper prints (and exits non-zero with) when it holds nothing for the server. */
const HELPER_NOT_FOUND = 'credentials not found in native keychain';
/** A helper may wait on an unlock prompt; past this the lookup fails instead of hanging the build. */
export const DEFAULT_HELPER_TIMEOUT_MS = 30_000;

export interface DockerConfigOptions {
  /** The folder of config.json; default $DOCKER_CONFIG, else ~/.docker. */
  readonly dir?: string;
  readonly helperTimeoutMs?: number;
  /** Told where a host's credentials came from, e.g. "docker-credential-pass" (never what they are). */
  readonly onFound?: (host: string, source: string) => void;
}

interface AuthEntry {
  readonly auth?: string;
  readonly username?: string;
  readonly password?: string;
  readonly identitytoken?: string;
}

interface DockerConfigFile {
  readonly auths?: Readonly<Record<string, AuthEntry>>;
  readonly credHelpers?: Readonly<Record<string, string>>;
  readonly credsStore?: string;
}

/** $DOCKER_CONFIG, else ~/.docker: the folder the docker CLI keeps config.json in. */
export function dockerConfigDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.DOCKER_CONFIG || join(homedir(), '.docker');
}

/** The key a registry's credentials are stored under: Docker Hub's URL for its hosts, else "host[:port]". */
export function credentialsKey(host: string): string {
  return DOCKER_HUB_HOSTS.has(host) ? DOCKER_HUB_KEY : host;
}

/**
 * A lookup of config.json's credentials by registry host (as BuildKit or a Dockerfile names it):
 * undefined when there are none; rejects when the file or a helper fails. Each host is asked once.
 */
export function dockerConfigCredentials(options: DockerConfigOptions = {}): RegistryCredentials {
  const file = join(options.dir ?? dockerConfigDir(), 'config.json');
  const timeoutMs = options.helperTimeoutMs ?? DEFAULT_HELPER_TIMEOUT_MS;
  let config: Promise<DockerConfigFile> | undefined;
  const answers = new Map<string, Promise<RegistryAuth | undefined>>();
  return (host) => {
    const key = credentialsKey(host);
    let answer = answers.get(key);
    if (!answer) {
      config ??= readConfig(file);
      answer = config.then(async (c) => {
        const found = await lookup(c, key, file, timeoutMs);
        if (found) options.onFound?.(host, found.source);
        return found?.auth;
      });
      answers.set(key, answer);
    }
    return answer;
  };
}

async function readConfig(file: string): Promise<DockerConfigFile> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw new Error(`Cannot read ${file}: ${errorMessage(error)}`);
  }
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not a JSON object');
    return parsed as DockerConfigFile;
  } catch (error) {
    // The parser's message may quote the file, and the file may hold passwords: say only where.
    throw new Error(`${file} is not valid JSON${error instanceof SyntaxError ? '' : ` (${errorMessage(error)})`}; fix it or remove it.`);
  }
}

async function lookup(config: DockerConfigFile, key: string, file: string, timeoutMs: number): Promise<{ auth: RegistryAuth; source: string } | undefined> {
  // As the CLI: a helper named for the host wins, then the default store, then the file's entry.
  const helpers = config.credHelpers ?? {};
  const helper = Object.prototype.hasOwnProperty.call(helpers, key) ? helpers[key] : config.credsStore;
  const auth = helper ? await askHelper(helper, key, file, timeoutMs) : fromAuths(config.auths ?? {}, key, file);
  return auth && { auth, source: helper ? `docker-credential-${helper}` : `"auths" in ${file}` };
}

function fromAuths(auths: Readonly<Record<string, AuthEntry>>, key: string, file: string): RegistryAuth | undefined {
  // Older logins stored "https://host/v1/"-style keys; the CLI matches them by their host.
  const entry = auths[key] ?? Object.entries(auths).find(([k]) => key !== DOCKER_HUB_KEY && hostOfKey(k) === key)?.[1];
  if (!entry) return undefined;
  let { username = '', password = '' } = entry;
  if (entry.auth) {
    const decoded = Buffer.from(entry.auth, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon <= 0) throw new Error(`The "auth" of ${key} in ${file} is not base64("user:password").`);
    username = decoded.slice(0, colon);
    password = decoded.slice(colon + 1);
  }
  if (!username && !password && !entry.identitytoken) return undefined;
  return { username, password, serveraddress: key, ...(entry.identitytoken ? { identitytoken: entry.identitytoken } : {}) };
}

/** "https://host:port/v1/" -> "host:port" (the CLI's ConvertToHostname). */
function hostOfKey(key: string): string {
  return key.replace(/^https?:\/\//, '').split('/')[0];
}

interface HelperAnswer {
  readonly Username?: string;
  readonly Secret?: string;
}

/** Runs `docker-credential-<name> get` with the server URL on stdin, as the CLI does. */
function askHelper(name: string, key: string, file: string, timeoutMs: number): Promise<RegistryAuth | undefined> {
  const program = `docker-credential-${name}`;
  return new Promise((resolve, reject) => {
    const child = spawn(program, ['get'], { stdio: ['pipe', 'pipe', 'pipe'], windowsHide: true });
    let stdout = '';
    let stderr = '';
    let settled = false;
    const settle = (error: Error | undefined, auth?: RegistryAuth): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (error) reject(error);
      else resolve(auth);
    };
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      settle(new Error(`${program} gave no answer for ${key} within ${Math.round(timeoutMs / 1000)} s (is it waiting for an unlock prompt?).`));
    }, timeoutMs);
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (stderr = (stderr + d.toString('utf8')).slice(-2000)));
    child.stdin.on('error', () => undefined); // A helper that exits before reading: its exit code tells.
    child.on('error', (error: NodeJS.ErrnoException) => {
      const why = error.code === 'ENOENT' ? 'is not installed or not on PATH' : `could not start: ${error.message}`;
      settle(new Error(`${program} (the credential helper ${file} names for ${key}) ${why}.`));
    });
    child.on('close', (code) => {
      if (code !== 0) {
        if (stdout.trim() === HELPER_NOT_FOUND) return settle(undefined, undefined);
        const said = (stdout.trim() || stderr.trim()).split('\n')[0].slice(0, 200);
        return settle(new Error(`${program} get for ${key} failed (exit code ${code ?? 'signal'})${said ? `: ${said}` : ''}.`));
      }
      try {
        settle(undefined, parseAnswer(stdout, key, program));
      } catch (error) {
        settle(error as Error);
      }
    });
    child.stdin.end(key);
  });
}

function parseAnswer(stdout: string, key: string, program: string): RegistryAuth | undefined {
  let answer: HelperAnswer;
  try {
    answer = JSON.parse(stdout) as HelperAnswer;
  } catch {
    // Not quoted: the output may hold the secret.
    throw new Error(`${program} get for ${key} answered something that is not JSON.`);
  }
  const username = answer.Username ?? '';
  const secret = answer.Secret ?? '';
  if (!username && !secret) return undefined;
  // "<token>" is how helpers hand back an identity token (an OAuth refresh token).
  if (username === '<token>') return { username: '', password: '', serveraddress: key, identitytoken: secret };
  return { username, password: secret, serveraddress: key };
}
