// A small HTTP CONNECT proxy on loopback that records what passed through it: each tunnel's
// target and Proxy-Authorization. It only tunnels bytes, like a corporate proxy that does not
// intercept; with `requireAuth` it answers 407 without the right credentials.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';

export interface ProxyTunnel {
  /** "host:port" from the CONNECT line. */
  readonly target: string;
  readonly proxyAuthorization?: string;
}

export interface ConnectProxy {
  /** "http://127.0.0.1:PORT" */
  readonly url: string;
  readonly tunnels: readonly ProxyTunnel[];
  stop(): Promise<void>;
}

export interface ConnectProxyOptions {
  /** The Proxy-Authorization value to insist on (407 otherwise). */
  readonly requireAuth?: string;
}

// No internet here: tunnels to anything but loopback are refused at once (and still recorded).
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

export async function startConnectProxy(options: ConnectProxyOptions = {}): Promise<ConnectProxy> {
  const tunnels: ProxyTunnel[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((_req, res) => {
    res.writeHead(405, { 'content-type': 'text/plain' }).end('This proxy only tunnels (CONNECT).');
  });
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.on('connect', (req: IncomingMessage, client: Socket, head: Buffer) => {
    const target = req.url ?? '';
    const proxyAuthorization = req.headers['proxy-authorization'];
    tunnels.push({ target, proxyAuthorization });
    if (options.requireAuth !== undefined && proxyAuthorization !== options.requireAuth) {
      client.end('HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm="test"\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    const colon = target.lastIndexOf(':');
    if (!LOOPBACK.has(target.slice(0, colon))) {
      client.end('HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    const upstream = connect(Number(target.slice(colon + 1)), target.slice(0, colon).replace(/^\[|\]$/g, ''), () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    sockets.add(upstream);
    upstream.on('close', () => sockets.delete(upstream));
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    tunnels,
    stop: () => new Promise<void>((resolve) => {
      for (const socket of sockets) socket.destroy();
      server.close(() => resolve());
    }),
  };
}
