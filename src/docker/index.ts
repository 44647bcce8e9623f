// Entry of the Docker bundle (dist/docker.js), loaded on first use through src/lazy.ts.
import Docker from 'dockerode';

/** Connects to the engine at `host` (unix://, tcp://, http(s)://) or, when empty, dockerode's defaults. */
export function connectDocker(host?: string): Docker {
  if (!host) return new Docker();
  const url = new URL(host);
  if (url.protocol === 'unix:') return new Docker({ socketPath: url.pathname });
  const protocol = url.protocol === 'https:' ? 'https' : 'http';
  return new Docker({ protocol, host: url.hostname, port: Number(url.port) || 2375 });
}
