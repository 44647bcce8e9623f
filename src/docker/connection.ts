// Where the Docker Engine is, in the order the docker CLI uses: explicit setting, DOCKER_HOST,
// the current docker context, then the default socket. connect() proves the answer with a ping.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import Docker from 'dockerode';
import { DockerUnavailableError } from './errors';
import { errorMessage } from '../core/errors';

export const DEFAULT_DOCKER_HOST = 'unix:///var/run/docker.sock';

export type DockerHostSource = 'setting' | 'DOCKER_HOST' | `context ${string}` | 'default';

export interface DockerEndpoint {
  readonly host: string;
  readonly source: DockerHostSource;
  /** Folder with ca.pem/cert.pem/key.pem when the engine is reached over TLS. */
  readonly tlsDir?: string;
  /** Context endpoints may opt out of certificate checks. */
  readonly skipTlsVerify?: boolean;
}

export interface ResolveOptions {
  /** Value of the `ecr.docker.host` setting; empty means "not set". */
  readonly setting?: string;
  readonly env?: NodeJS.ProcessEnv;
  readonly homeDir?: string;
}

/** Resolves the engine address without contacting it. */
export async function resolveDockerHost(options: ResolveOptions = {}): Promise<DockerEndpoint> {
  const env = options.env ?? process.env;
  const setting = options.setting?.trim();
  if (setting) return { host: setting, source: 'setting' };
  if (env.DOCKER_HOST) {
    // Like the CLI: DOCKER_TLS_VERIFY turns TLS on, certificates from DOCKER_CERT_PATH or ~/.docker.
    const tlsDir = env.DOCKER_TLS_VERIFY ? env.DOCKER_CERT_PATH || configDir(env, options.homeDir) : undefined;
    return { host: env.DOCKER_HOST, source: 'DOCKER_HOST', tlsDir };
  }
  const fromContext = await contextEndpoint(configDir(env, options.homeDir), env.DOCKER_CONTEXT);
  return fromContext ?? { host: DEFAULT_DOCKER_HOST, source: 'default' };
}

function configDir(env: NodeJS.ProcessEnv, home = homedir()): string {
  return env.DOCKER_CONFIG || join(home, '.docker');
}

interface ContextMeta {
  Endpoints?: { docker?: { Host?: string; SkipTLSVerify?: boolean } };
}

/** The docker CLI's current context (DOCKER_CONTEXT, else config.json currentContext); "default" means none. */
async function contextEndpoint(dir: string, envContext: string | undefined): Promise<DockerEndpoint | undefined> {
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
  const host = meta.Endpoints?.docker?.Host;
  if (!host) throw new DockerUnavailableError(`The docker context "${name}" (${metaPath}) has no Docker endpoint. Set DOCKER_HOST / ecr.docker.host.`);
  const tlsDir = join(dir, 'contexts', 'tls', id, 'docker');
  return {
    host,
    source: `context ${name}`,
    tlsDir: existsSync(tlsDir) ? tlsDir : undefined,
    skipTlsVerify: meta.Endpoints?.docker?.SkipTLSVerify === true,
  };
}

async function readCurrentContext(path: string): Promise<string | undefined> {
  try {
    const config = JSON.parse(await readFile(path, 'utf8')) as { currentContext?: unknown };
    return typeof config.currentContext === 'string' ? config.currentContext : undefined;
  } catch {
    return undefined; // No config file (or unreadable): the CLI then uses the default context too.
  }
}

/** A dockerode client for an endpoint; does not contact the engine. */
export function dockerFor(endpoint: DockerEndpoint | string): Docker {
  const ep = typeof endpoint === 'string' ? { host: endpoint, source: 'setting' as const } : endpoint;
  const url = parseHost(ep);
  if (url.protocol === 'unix:') return new Docker({ socketPath: decodeURIComponent(url.pathname) });
  const tls = ep.tlsDir ? readTls(ep.tlsDir) : undefined;
  const https = url.protocol === 'https:' || tls !== undefined;
  const port = Number(url.port) || (https ? 2376 : 2375);
  return new Docker({
    protocol: https ? 'https' : 'http',
    host: url.hostname,
    port,
    ...tls,
    ...(ep.skipTlsVerify ? { checkServerIdentity: () => undefined } : {}),
  });
}

function parseHost(ep: DockerEndpoint): URL {
  let url: URL;
  try {
    url = new URL(ep.host);
  } catch {
    throw new DockerUnavailableError(`"${ep.host}" (${describeSource(ep.source)}) is not a Docker host address; use unix:///path, tcp://host:port or https://host:port.`);
  }
  if (url.protocol === 'tcp:') url = new URL(`http://${url.host}`);
  if (!['unix:', 'http:', 'https:'].includes(url.protocol)) {
    throw new DockerUnavailableError(`${url.protocol}// Docker hosts are not supported (${ep.host}, ${describeSource(ep.source)}); use unix://, tcp:// or https://.`);
  }
  return url;
}

function readTls(dir: string): { ca?: Buffer; cert?: Buffer; key?: Buffer } | undefined {
  const read = (file: string): Buffer | undefined => (existsSync(join(dir, file)) ? readFileSync(join(dir, file)) : undefined);
  const tls = { ca: read('ca.pem'), cert: read('cert.pem'), key: read('key.pem') };
  return tls.ca || tls.cert ? tls : undefined;
}

/** Human words for where an address came from, for error messages. */
export function describeSource(source: DockerHostSource): string {
  if (source === 'setting') return 'ecr.docker.host setting';
  if (source === 'DOCKER_HOST') return 'DOCKER_HOST';
  if (source === 'default') return 'default socket';
  return `docker ${source}`;
}

export interface DockerConnection {
  readonly docker: Docker;
  readonly endpoint: DockerEndpoint;
  /** Engine API version, e.g. "1.41". */
  readonly apiVersion: string;
  readonly engineVersion: string;
}

export interface ConnectOptions extends ResolveOptions {
  /** How long to wait for the ping, in ms (default 5000). */
  readonly timeoutMs?: number;
}

interface SignalledCalls {
  ping(options: { abortSignal: AbortSignal }): Promise<unknown>;
  version(options: { abortSignal: AbortSignal }): Promise<Docker.DockerVersion>;
}

/** Resolves the engine address and pings it; throws DockerUnavailableError naming the place. */
export async function connect(options: ConnectOptions = {}): Promise<DockerConnection> {
  const endpoint = await resolveDockerHost(options);
  const docker = dockerFor(endpoint);
  const signal = AbortSignal.timeout(options.timeoutMs ?? 5000);
  try {
    // dockerode accepts abortSignal here; @types/dockerode does not declare it.
    const api = docker as unknown as SignalledCalls;
    await api.ping({ abortSignal: signal });
    const version = await api.version({ abortSignal: signal });
    return { docker, endpoint, apiVersion: version.ApiVersion, engineVersion: version.Version };
  } catch (error) {
    const why = signal.aborted ? `no answer within ${options.timeoutMs ?? 5000} ms` : errorMessage(error);
    throw new DockerUnavailableError(
      `No Docker Engine answered at ${endpoint.host} (${describeSource(endpoint.source)}): ${why}. Start Docker, or set DOCKER_HOST / ecr.docker.host.`,
      why,
    );
  }
}
