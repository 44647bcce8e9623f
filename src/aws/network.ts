// How AWS calls reach the network. The AWS SDK for JavaScript v3 uses no proxy and no extra CA
// certificates by itself, so corporate networks (TLS-intercepting proxies) need this: a proxy from
// VS Code's settings or the environment, NO_PROXY hosts reached directly, and extra trusted CAs.
import { readFile } from 'node:fs/promises';
import type { Agent as HttpAgent, ClientRequest } from 'node:http';
import { BlockList, connect as netConnect, isIP } from 'node:net';
import type { Duplex } from 'node:stream';
import { connect as tlsConnect, createSecureContext, rootCertificates } from 'node:tls';
import { loadSharedConfigFiles } from '@smithy/shared-ini-file-loader';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { Agent, type AgentConnectOpts } from 'agent-base';
import { HttpsProxyAgent } from 'https-proxy-agent';
import { errorMessage } from '../core/errors';

export interface NetworkOptions {
  /** VS Code's `http.proxy`; when empty, HTTPS_PROXY (https endpoints) or HTTP_PROXY (http endpoints). */
  readonly proxy?: string;
  /** VS Code's `http.proxyStrictSSL` (default true): false accepts any TLS certificate. */
  readonly strictSSL?: boolean;
  /** VS Code's `http.noProxy`; when it has entries, NO_PROXY is not read (as in VS Code). */
  readonly noProxy?: readonly string[];
  /** VS Code's `http.proxyAuthorization`: sent to the proxy as Proxy-Authorization. */
  readonly proxyAuthorization?: string;
  /** Defaults to process.env: proxies, NO_PROXY, AWS_CA_BUNDLE, NODE_EXTRA_CA_CERTS, AWS_PROFILE, config files. */
  readonly env?: NodeJS.ProcessEnv;
}

export interface HandlerTimeouts {
  readonly connectionTimeout: number;
  readonly requestTimeout: number;
}

/** A configuration mistake (unreadable CA bundle, unusable proxy URL); the message names the setting. */
export class NetworkSetupError extends Error {
  override readonly name = 'NetworkSetupError';
}

/**
 * One request handler per client (shared with its credential providers' STS/SSO clients): one
 * keep-alive agent per protocol that picks, per host, the proxy tunnel or a direct connection.
 * `profile` names the shared-config profile whose `ca_bundle` is trusted.
 */
export function createRequestHandler(network: NetworkOptions, profile: string | undefined, timeouts: HandlerTimeouts): NodeHttpHandler {
  return new NodeHttpHandler(async () => ({
    ...timeouts,
    // Without throwOnRequestTimeout the SDK only logs a warning and a silent endpoint hangs forever.
    throwOnRequestTimeout: true,
    ...(await createAgents(network, profile)),
  }));
}

export interface NetworkAgents {
  readonly httpAgent: HttpAgent;
  readonly httpsAgent: HttpAgent;
}

/**
 * The keep-alive agents (proxy or direct per host, extra CAs, strictSSL) for node:http(s) requests
 * outside the SDK, e.g. to a registry's /v2/ API: the same network rules as the ECR API calls.
 */
export async function createAgents(network: NetworkOptions, profile: string | undefined): Promise<NetworkAgents> {
  const env = network.env ?? process.env;
  const ca = await trustedCertificates(env, profile);
  // Built once: a context from Node's ~140 roots plus the extras takes ~100 ms to make. `ca` stays
  // beside it so VS Code's own proxy support, where it takes a request over, keeps our CAs.
  const tls = { ca, secureContext: ca ? createSecureContext({ ca }) : undefined, rejectUnauthorized: network.strictSSL !== false };
  const route = (host: string, port: number, secure: boolean): string | undefined => proxyFor(network, env, host, port, secure);
  return {
    httpAgent: new RoutingAgent(false, route, network.proxyAuthorization, { keepAlive: true, maxSockets: 50 }),
    httpsAgent: new RoutingAgent(true, route, network.proxyAuthorization, { keepAlive: true, maxSockets: 50, ...tls }),
  };
}

/** The proxy URL for a request to host:port, or undefined to connect directly. */
export function proxyFor(network: NetworkOptions, env: NodeJS.ProcessEnv, host: string, port: number, secure: boolean): string | undefined {
  const fromEnv = secure ? env.https_proxy || env.HTTPS_PROXY : env.http_proxy || env.HTTP_PROXY;
  const proxy = network.proxy?.trim() || fromEnv?.trim();
  if (!proxy) return undefined;
  const noProxy = network.noProxy?.length ? network.noProxy : splitList(env.no_proxy || env.NO_PROXY || '');
  return bypassesProxy(noProxy, host, port) ? undefined : withScheme(proxy);
}

/**
 * NO_PROXY matching as curl and Go do it: `*`; a domain (also its subdomains, with or without a
 * leading `.` or `*.`); an IP address or CIDR block; each optionally with `:port`.
 */
export function bypassesProxy(entries: readonly string[], host: string, port: number): boolean {
  const name = host.replace(/^\[|\]$/g, '').replace(/\.$/, '').toLowerCase();
  return entries.some((raw) => {
    const entry = raw.trim().toLowerCase();
    if (!entry) return false;
    if (entry === '*') return true;
    const { pattern, entryPort } = splitPort(entry);
    if (entryPort !== undefined && entryPort !== port) return false;
    if (pattern.includes('/')) return inCidr(pattern, name);
    if (isIP(pattern)) return pattern === name;
    const domain = pattern.replace(/^\*?\./, '');
    return name === domain || name.endsWith(`.${domain}`);
  });
}

/**
 * Extra CAs from AWS_CA_BUNDLE, the profile's `ca_bundle` and NODE_EXTRA_CA_CERTS, added to Node's
 * own roots; undefined when there are none, so VS Code's system certificates still apply.
 */
export async function trustedCertificates(env: NodeJS.ProcessEnv, profile: string | undefined): Promise<string[] | undefined> {
  const files = await loadSharedConfigFiles({ configFilepath: env.AWS_CONFIG_FILE, filepath: env.AWS_SHARED_CREDENTIALS_FILE, ignoreCache: true });
  const profileName = profile ?? env.AWS_PROFILE ?? 'default';
  const sources: [string, string | undefined][] = [
    ['AWS_CA_BUNDLE', env.AWS_CA_BUNDLE],
    [`ca_bundle of profile "${profileName}"`, files.configFile[profileName]?.ca_bundle],
    ['NODE_EXTRA_CA_CERTS', env.NODE_EXTRA_CA_CERTS],
  ];
  const extra: string[] = [];
  for (const [setting, path] of sources) {
    if (!path?.trim()) continue;
    try {
      extra.push(await readFile(path.trim(), 'utf8'));
    } catch (error) {
      throw new NetworkSetupError(`The CA bundle in ${setting} (${path.trim()}) cannot be read: ${errorMessage(error)}`);
    }
  }
  return extra.length ? [...rootCertificates, ...extra] : undefined;
}

type Route = (host: string, port: number, secure: boolean) => string | undefined;

/** Pools connections like any keep-alive agent; each new connection is a proxy tunnel or direct. */
class RoutingAgent extends Agent {
  private readonly tunnels = new Map<string, HttpsProxyAgent<string>>();

  constructor(
    private readonly secure: boolean,
    private readonly route: Route,
    private readonly proxyAuthorization: string | undefined,
    options: ConstructorParameters<typeof Agent>[0],
  ) {
    super(options);
  }

  // The SDK gives no `protocol`, and agent-base would guess from the call stack, differently when a
  // request starts and when its socket is freed: pooled sockets were never found again.
  override isSecureEndpoint(): boolean {
    return this.secure;
  }

  // One TLS setup per agent, so host and port tell pooled connections apart. Node's https name
  // would append every CA certificate: 200 KB and ~7 ms per request with extra CAs.
  override getName(options?: AgentConnectOpts): string {
    return `${options?.host ?? ''}:${options?.port ?? ''}`;
  }

  async connect(req: ClientRequest, options: AgentConnectOpts): Promise<Duplex> {
    const host = options.host ?? 'localhost';
    const port = Number(options.port);
    const proxy = this.route(host, port, options.secureEndpoint);
    // CONNECT for plain-http endpoints too: one path, and the proxy never sees our request headers.
    if (proxy) return this.tunnel(proxy).connect(req, options);
    if (!options.secureEndpoint) return netConnect({ ...options, host, port });
    return tlsConnect({ ...options, host, port, servername: isIP(host) ? undefined : host });
  }

  private tunnel(proxy: string): HttpsProxyAgent<string> {
    let agent = this.tunnels.get(proxy);
    if (!agent) {
      let url: URL;
      try {
        url = new URL(proxy);
      } catch {
        throw new NetworkSetupError(`The proxy "${redactProxy(proxy)}" (http.proxy or HTTPS_PROXY) is not a URL.`);
      }
      if (url.protocol !== 'http:' && url.protocol !== 'https:') {
        throw new NetworkSetupError(`The proxy "${redactProxy(proxy)}" uses ${url.protocol.replace(/:$/, '')}; only http:// and https:// proxies are supported.`);
      }
      // The proxy's own certificate (https:// proxies) is checked with the same CAs.
      const { ca, secureContext, rejectUnauthorized } = this.options;
      const headers = this.proxyAuthorization ? { 'Proxy-Authorization': this.proxyAuthorization } : undefined;
      agent = new HttpsProxyAgent(url.href, { keepAlive: true, ca, secureContext, rejectUnauthorized, headers });
      this.tunnels.set(proxy, agent);
    }
    return agent;
  }
}

/** A proxy URL without its user and password, for messages and logs. */
export function redactProxy(proxy: string): string {
  return proxy.replace(/\/\/[^/@]*@/, '//');
}

function withScheme(proxy: string): string {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(proxy) ? proxy : `http://${proxy}`;
}

function splitList(value: string): string[] {
  return value.split(/[,\s]+/).filter(Boolean);
}

function splitPort(entry: string): { pattern: string; entryPort?: number } {
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(entry);
  if (bracketed) return { pattern: bracketed[1], entryPort: bracketed[2] ? Number(bracketed[2]) : undefined };
  if (isIP(entry) === 6 || entry.includes('/')) return { pattern: entry };
  const match = /^(.*):(\d+)$/.exec(entry);
  return match ? { pattern: match[1], entryPort: Number(match[2]) } : { pattern: entry };
}

function inCidr(cidr: string, host: string): boolean {
  const [network, bits] = cidr.split('/');
  const family = isIP(network);
  const hostFamily = isIP(host);
  if (!family || family !== hostFamily) return false;
  const list = new BlockList();
  try {
    list.addSubnet(network, Number(bits), family === 4 ? 'ipv4' : 'ipv6');
  } catch {
    return false;
  }
  return list.check(host, family === 4 ? 'ipv4' : 'ipv6');
}
