// A dockerode client for one engine address: unix socket, Windows named pipe, tcp (plain or TLS)
// or ssh (docker-modem runs `docker system dial-stdio` on the far side, as the docker CLI does).
import { existsSync, readFileSync } from 'node:fs';
import { Agent as HttpsAgent } from 'node:https';
import { homedir } from 'node:os';
import { join } from 'node:path';
import Docker from 'dockerode';
import { DockerUnavailableError } from './errors';
import { describeSource, type DockerEndpoint } from './endpoint';
import { sshOptionsFor } from './sshAccess';
import type { EngineLink } from '../core/clearTextHost';

export interface ClientOptions {
  readonly env?: NodeJS.ProcessEnv;
  /** Home folder holding .ssh (known_hosts, default keys). */
  readonly homeDir?: string;
}

/** docker-modem also takes an http(s) Agent; @types/dockerode does not declare it. */
type EngineOptions = Docker.DockerOptions & { agent?: HttpsAgent };

interface TlsFiles {
  ca?: Buffer;
  cert?: Buffer;
  key?: Buffer;
}

/**
 * For tcp and ssh every connection field is set, even to undefined: docker-modem fills unset ones
 * from the process's DOCKER_HOST / DOCKER_CERT_PATH. Sockets and pipes get socketPath alone, as
 * before: with the fields cleared there, the integration test building FROM an ECR image through
 * BuildKit failed ("no active session") more often; not yet shown to be the cause. Meanwhile a
 * unix:// setting still loses to a tcp:// DOCKER_HOST inside docker-modem.
 */
const NOTHING_FROM_ENV: EngineOptions = {
  socketPath: undefined,
  host: undefined,
  port: undefined,
  protocol: undefined,
  username: undefined,
  ca: undefined,
  cert: undefined,
  key: undefined,
  agent: undefined,
};

/** A dockerode client for an endpoint; does not contact the engine. */
export function dockerFor(endpoint: DockerEndpoint | string, options: ClientOptions = {}): Docker {
  const ep: DockerEndpoint = typeof endpoint === 'string' ? { host: endpoint, source: 'setting' } : endpoint;
  const host = withScheme(ep.host);
  if (host.startsWith('npipe://')) {
    // npipe:////./pipe/docker_engine -> //./pipe/docker_engine, which Node opens on Windows.
    return new Docker({ socketPath: host.slice('npipe://'.length) || '//./pipe/docker_engine' });
  }
  const url = parseHost(ep, host);
  if (url.protocol === 'unix:') return new Docker({ socketPath: decodeURIComponent(url.pathname) });
  if (url.protocol === 'ssh:') return sshClient(url, ep, options);
  const { tls, https } = tcpSecurity(ep, url);
  const config: EngineOptions = {
    ...NOTHING_FROM_ENV,
    protocol: https ? 'https' : 'http',
    host: url.hostname,
    port: Number(url.port) || (https ? 2376 : 2375),
    ...tls,
    // docker-modem has no switch for unverified TLS; an agent's options reach every TLS connect.
    ...(https && ep.skipTlsVerify ? { agent: new HttpsAgent({ rejectUnauthorized: false }) } : {}),
  };
  return new Docker(config);
}

/**
 * How dockerFor will reach the endpoint: the same decision, so a TLS engine named by a tcp://
 * address (DOCKER_TLS_VERIFY, a context's TLS folder) is not taken for plain http.
 */
export function engineLink(endpoint: DockerEndpoint): EngineLink {
  const host = withScheme(endpoint.host);
  if (host.startsWith('npipe://')) return { transport: 'socket' };
  const url = parseHost(endpoint, host);
  if (url.protocol === 'unix:') return { transport: 'socket' };
  if (url.protocol === 'ssh:') return { transport: 'ssh', hostname: url.hostname };
  return { transport: tcpSecurity(endpoint, url).https ? 'tls' : 'plain-http', hostname: url.hostname };
}

/** TLS files and whether the connection is https: an https:// address, TLS material, or a context's SkipTLSVerify. */
function tcpSecurity(ep: DockerEndpoint, url: URL): { tls: TlsFiles | undefined; https: boolean } {
  const tls = ep.tlsDir ? readTls(ep) : undefined;
  return { tls, https: url.protocol === 'https:' || tls !== undefined || ep.skipTlsVerify === true };
}

function sshClient(url: URL, ep: DockerEndpoint, options: ClientOptions): Docker {
  const env = options.env ?? process.env;
  const home = options.homeDir ?? homedir();
  const port = Number(url.port) || 22;
  const username = decodeURIComponent(url.username) || env.USER || env.USERNAME;
  if (!username) throw new DockerUnavailableError(`${ep.host} (${describeSource(ep.source)}) names no user; write it as ssh://user@host.`);
  return new Docker({
    ...NOTHING_FROM_ENV,
    protocol: 'ssh',
    host: url.hostname,
    port,
    username,
    sshOptions: sshOptionsFor({ host: url.hostname, port }, home, env),
  });
}

/** Like the CLI, a bare "host:port" means tcp. */
function withScheme(host: string): string {
  return host.includes('://') ? host : `tcp://${host}`;
}

function parseHost(ep: DockerEndpoint, host: string): URL {
  let url: URL;
  try {
    url = new URL(host);
  } catch {
    throw new DockerUnavailableError(`"${ep.host}" (${describeSource(ep.source)}) is not a Docker host address; use unix:///path, npipe:////./pipe/name, tcp://host:port or ssh://user@host.`);
  }
  if (url.protocol === 'tcp:') url = new URL(`http://${url.host}`);
  if (!['unix:', 'http:', 'https:', 'ssh:'].includes(url.protocol)) {
    throw new DockerUnavailableError(`${url.protocol}// Docker hosts are not supported (${ep.host}, ${describeSource(ep.source)}); use unix://, npipe://, tcp://, https:// or ssh://.`);
  }
  return url;
}

/** ca.pem, cert.pem, key.pem of a TLS folder; a TLS request with none of them is refused, not sent in the clear. */
function readTls(ep: DockerEndpoint): TlsFiles | undefined {
  const dir = ep.tlsDir as string;
  const read = (file: string): Buffer | undefined => (existsSync(join(dir, file)) ? readFileSync(join(dir, file)) : undefined);
  const tls: TlsFiles = { ca: read('ca.pem'), cert: read('cert.pem'), key: read('key.pem') };
  if (tls.ca || tls.cert) return tls;
  if (ep.source === 'DOCKER_HOST') {
    throw new DockerUnavailableError(`DOCKER_TLS_VERIFY is set but ${dir} has no ca.pem, cert.pem or key.pem; set DOCKER_CERT_PATH to the folder with them.`);
  }
  if (ep.source === 'setting') {
    throw new DockerUnavailableError(`TLS is asked for (ecr.docker.certPath, or DOCKER_TLS_VERIFY) but ${dir} has no ca.pem, cert.pem or key.pem; set ecr.docker.certPath to the folder with them.`);
  }
  return undefined;
}
