// Where the Docker Engine is, in the order the docker CLI uses: explicit setting, DOCKER_HOST,
// the current docker context, then the platform default. When nothing names one and the default
// does not answer, the sockets of the other contexts and of the usual engines (Docker Desktop,
// Colima, OrbStack, Rancher Desktop, Podman) are tried. connect() proves the answer with a ping.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type Docker from 'dockerode';
import { dockerFor, engineLink } from './engineClient';
import { describeSource, type DockerEndpoint } from './endpoint';
import { DockerUnavailableError } from './errors';
import { knownSockets, platformDefaultHost, UNIX_DEFAULT_HOST } from './knownSockets';
import type { EngineLink } from '../core/clearTextHost';
import { errorMessage } from '../core/errors';

export { dockerFor, engineLink, type ClientOptions } from './engineClient';
export { describeSource, type DockerEndpoint, type DockerHostSource } from './endpoint';

export const DEFAULT_DOCKER_HOST = UNIX_DEFAULT_HOST;

export interface ResolveOptions {
  /** Value of the `ecr.docker.host` setting; empty means "not set". */
  readonly setting?: string;
  /** Value of the `ecr.docker.certPath` setting: ca.pem, cert.pem, key.pem for the setting's host. */
  readonly certPath?: string;
  readonly env?: NodeJS.ProcessEnv;
  readonly homeDir?: string;
  /** Defaults to this process's platform (win32 defaults to the docker_engine named pipe). */
  readonly platform?: NodeJS.Platform;
  /** The platform default address; tests move it to see the fallbacks. */
  readonly defaultHost?: string;
}

/** Resolves the engine address without contacting it. */
export async function resolveDockerHost(options: ResolveOptions = {}): Promise<DockerEndpoint> {
  const env = options.env ?? process.env;
  const setting = options.setting?.trim();
  if (setting) {
    // Like the CLI's -H: certificates from ecr.docker.certPath, else DOCKER_CERT_PATH (or ~/.docker) when DOCKER_TLS_VERIFY is set.
    const tlsDir = options.certPath?.trim() || (env.DOCKER_TLS_VERIFY ? env.DOCKER_CERT_PATH || configDir(env, options.homeDir) : undefined);
    return tlsDir ? { host: setting, source: 'setting', tlsDir } : { host: setting, source: 'setting' };
  }
  if (env.DOCKER_HOST) {
    // Like the CLI: DOCKER_TLS_VERIFY turns TLS on, certificates from DOCKER_CERT_PATH or ~/.docker.
    const tlsDir = env.DOCKER_TLS_VERIFY ? env.DOCKER_CERT_PATH || configDir(env, options.homeDir) : undefined;
    return { host: env.DOCKER_HOST, source: 'DOCKER_HOST', tlsDir };
  }
  const fromContext = await currentContextEndpoint(configDir(env, options.homeDir), env.DOCKER_CONTEXT);
  return fromContext ?? { host: defaultHost(options), source: 'default' };
}

/**
 * The addresses connect() tries, in order: the resolved one alone when something names it;
 * otherwise the default, then every context's local socket, then the usual engines' sockets.
 */
export async function candidateEndpoints(options: ResolveOptions = {}): Promise<DockerEndpoint[]> {
  const first = await resolveDockerHost(options);
  if (first.source !== 'default') return [first];
  const env = options.env ?? process.env;
  const home = options.homeDir ?? homedir();
  const platform = options.platform ?? process.platform;
  const candidates = [first, ...(await localContextEndpoints(configDir(env, home)))];
  for (const socket of knownSockets(platform, home, env)) candidates.push({ host: socket.host, source: `known ${socket.owner}` });
  const seen = new Set<string>();
  return candidates.filter((c) => !seen.has(c.host) && seen.add(c.host));
}

function defaultHost(options: ResolveOptions): string {
  return options.defaultHost ?? platformDefaultHost(options.platform ?? process.platform);
}

function configDir(env: NodeJS.ProcessEnv, home = homedir()): string {
  return env.DOCKER_CONFIG || join(home, '.docker');
}

interface ContextMeta {
  Name?: string;
  Endpoints?: { docker?: { Host?: string; SkipTLSVerify?: boolean } };
}

/** The docker CLI's current context (DOCKER_CONTEXT, else config.json currentContext); "default" means none. */
async function currentContextEndpoint(dir: string, envContext: string | undefined): Promise<DockerEndpoint | undefined> {
  const name = envContext || (await readCurrentContext(join(dir, 'config.json')));
  if (!name || name === 'default') return undefined;
  // The CLI stores each context under the sha256 of its name.
  const id = createHash('sha256').update(name).digest('hex');
  const metaPath = join(dir, 'contexts', 'meta', id, 'meta.json');
  let meta: ContextMeta;
  try {
    meta = JSON.parse(await readFile(metaPath, 'utf8')) as ContextMeta;
  } catch (error) {
    throw new DockerUnavailableError(`The current docker context "${name}" has no readable description at ${metaPath} (${errorMessage(error)}). Run \`docker context use default\`, or set DOCKER_HOST / ecr.docker.host.`);
  }
  const endpoint = contextEndpoint(dir, id, name, meta);
  if (!endpoint) throw new DockerUnavailableError(`The docker context "${name}" (${metaPath}) has no Docker endpoint. Set DOCKER_HOST / ecr.docker.host.`);
  return endpoint;
}

function contextEndpoint(dir: string, id: string, name: string, meta: ContextMeta): DockerEndpoint | undefined {
  const host = meta.Endpoints?.docker?.Host;
  if (!host) return undefined;
  const tlsDir = join(dir, 'contexts', 'tls', id, 'docker');
  return {
    host,
    source: `context ${name}`,
    tlsDir: existsSync(tlsDir) ? tlsDir : undefined,
    skipTlsVerify: meta.Endpoints?.docker?.SkipTLSVerify === true,
  };
}

/** Contexts that point at a local socket or pipe (Colima, OrbStack, Rancher Desktop and Docker Desktop create one each). */
async function localContextEndpoints(dir: string): Promise<DockerEndpoint[]> {
  const metaDir = join(dir, 'contexts', 'meta');
  let ids: string[];
  try {
    ids = (await readdir(metaDir)).sort();
  } catch {
    return [];
  }
  const endpoints: DockerEndpoint[] = [];
  for (const id of ids) {
    try {
      const meta = JSON.parse(await readFile(join(metaDir, id, 'meta.json'), 'utf8')) as ContextMeta;
      const endpoint = contextEndpoint(dir, id, meta.Name ?? id, meta);
      if (endpoint && /^(unix|npipe):\/\//.test(endpoint.host)) endpoints.push(endpoint);
    } catch {
      // Not a context the CLI could read either.
    }
  }
  return endpoints;
}

async function readCurrentContext(path: string): Promise<string | undefined> {
  try {
    const config = JSON.parse(await readFile(path, 'utf8')) as { currentContext?: unknown };
    return typeof config.currentContext === 'string' ? config.currentContext : undefined;
  } catch {
    return undefined; // No config file (or unreadable): the CLI then uses the default context too.
  }
}

export interface DockerConnection {
  readonly docker: Docker;
  readonly endpoint: DockerEndpoint;
  /** How the client reaches it (socket, ssh, TLS or plain http), as it connected. */
  readonly link: EngineLink;
  /** Engine API version, e.g. "1.41". */
  readonly apiVersion: string;
  readonly engineVersion: string;
}

export interface ConnectOptions extends ResolveOptions {
  /** How long to wait for each place's ping, in ms (default 5000; 20000 over ssh, which starts a remote process per request). */
  readonly timeoutMs?: number;
}

interface SignalledCalls {
  ping(options: { abortSignal: AbortSignal }): Promise<unknown>;
  version(options: { abortSignal: AbortSignal }): Promise<Docker.DockerVersion>;
}

/** Tries each candidate address in turn; throws DockerUnavailableError naming every place tried. */
export async function connect(options: ConnectOptions = {}): Promise<DockerConnection> {
  const candidates = await candidateEndpoints(options);
  const failures: { endpoint: DockerEndpoint; why: string }[] = [];
  for (const endpoint of candidates) {
    const attempt = await ping(endpoint, options);
    if ('docker' in attempt) return attempt;
    failures.push({ endpoint, why: attempt.why });
  }
  const hint = 'Start Docker, or set DOCKER_HOST / ecr.docker.host.';
  if (failures.length === 1) {
    const [{ endpoint, why }] = failures;
    throw new DockerUnavailableError(`No Docker Engine answered at ${endpoint.host} (${describeSource(endpoint.source)}): ${why}. ${hint}`, why);
  }
  const tried = failures.map(({ endpoint, why }) => `${endpoint.host} (${describeSource(endpoint.source)}): ${why}`);
  throw new DockerUnavailableError(`No Docker Engine answered at any of ${failures.length} places. Tried ${tried.join('; ')}. ${hint}`, failures[0].why);
}

async function ping(endpoint: DockerEndpoint, options: ConnectOptions): Promise<DockerConnection | { why: string }> {
  // A socket file that is not there needs no ping (and says so more plainly).
  if (endpoint.host.startsWith('unix://') && !existsSync(endpoint.host.slice('unix://'.length))) return { why: 'no socket there' };
  const timeoutMs = options.timeoutMs ?? (endpoint.host.startsWith('ssh://') ? 20_000 : 5000);
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    const docker = dockerFor(endpoint, { env: options.env, homeDir: options.homeDir });
    // dockerode accepts abortSignal here; @types/dockerode does not declare it.
    const api = docker as unknown as SignalledCalls;
    await api.ping({ abortSignal: signal });
    const version = await api.version({ abortSignal: signal });
    return { docker, endpoint, link: engineLink(endpoint), apiVersion: version.ApiVersion, engineVersion: version.Version };
  } catch (error) {
    if (error instanceof DockerUnavailableError) return { why: error.message };
    return { why: signal.aborted ? `no answer within ${timeoutMs} ms` : explain(endpoint, errorMessage(error)) };
  }
}

/** ssh2's words for an unknown host key do not say what to do. */
function explain(endpoint: DockerEndpoint, message: string): string {
  if (endpoint.host.startsWith('ssh://') && /host denied/i.test(message)) {
    return `${message}: the host's key is not in ~/.ssh/known_hosts; connect once with \`ssh\` to check and record it`;
  }
  return message;
}
