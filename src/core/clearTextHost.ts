// The registry password goes to the Docker Engine with every push and pull. Over plain tcp:// to
// another machine anyone on the path can read it; on loopback or a unix socket it stays local.

/** The host name when `dockerHost` is plain tcp:// or http:// to a non-loopback host; undefined otherwise. */
export function clearTextRemoteHost(dockerHost: string): string | undefined {
  let url: URL;
  try {
    url = new URL(dockerHost);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'tcp:' && url.protocol !== 'http:') return undefined;
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  const loopback = host === 'localhost' || host.endsWith('.localhost') || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
  return loopback ? undefined : host;
}
