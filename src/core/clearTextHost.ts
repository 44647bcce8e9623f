// The registry password goes to the Docker Engine with every push, pull and build. Over plain
// http to another machine anyone on the path can read it; over TLS, ssh, loopback or a socket it
// does not cross the network in clear. The caller says how the Docker client will really connect
// (TLS material from DOCKER_TLS_VERIFY or a context counts), not what the address looks like.

/** How the engine is reached, as the Docker client resolved it. */
export interface EngineLink {
  readonly transport: 'socket' | 'ssh' | 'tls' | 'plain-http';
  /** The network host name, for ssh, tls and plain-http. */
  readonly hostname?: string;
}

/** The host name when the engine is reached over plain http on a non-loopback host; undefined otherwise. */
export function clearTextRemoteHost(link: EngineLink): string | undefined {
  if (link.transport !== 'plain-http' || !link.hostname) return undefined;
  const host = link.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  const loopback = host === 'localhost' || host.endsWith('.localhost') || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
  return loopback ? undefined : host;
}
