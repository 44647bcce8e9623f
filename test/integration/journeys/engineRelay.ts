// A Docker Engine of the journey's own: a unix socket relaying to the machine's engine (shared by
// everyone, so never stopped), that a journey stops and starts, or slows to a stall mid-build.
import { mkdtempSync, rmSync } from 'node:fs';
import { createConnection, createServer, Server, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The start of a build request, with or without an API version: "POST /v1.41/build?…". */
const BUILD_REQUEST = /^POST \/(v[\d.]+\/)?build\?/;

export class EngineRelay {
  private server?: Server;
  private readonly open = new Set<Socket>();
  readonly path = join(mkdtempSync(join(tmpdir(), 'ecr-engine-')), 'docker.sock');
  /** While set, a build request reaches the engine but nothing more moves on its connection. */
  stallBuilds = false;

  async start(): Promise<void> {
    const server = createServer((client) => this.relay(client));
    await new Promise<void>((resolve, reject) => server.once('error', reject).listen(this.path, resolve));
    this.server = server;
  }

  /** Stops as a dead engine does: open connections drop, the socket goes away. */
  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    for (const s of this.open) s.destroy();
    if (server) await new Promise((resolve) => server.close(resolve));
    rmSync(this.path, { force: true });
  }

  private relay(client: Socket): void {
    const engine = createConnection('/var/run/docker.sock');
    let stalled = false;
    for (const s of [client, engine]) {
      this.open.add(s);
      s.on('close', () => this.open.delete(s)).on('error', () => undefined);
    }
    client.on('data', (chunk: Buffer) => {
      if (stalled) return;
      engine.write(chunk);
      if (this.stallBuilds && BUILD_REQUEST.test(chunk.toString('latin1', 0, 64))) {
        stalled = true;
        client.pause();
        engine.pause();
      }
    });
    engine.on('data', (chunk: Buffer) => void (stalled || client.write(chunk)));
    client.on('close', () => engine.destroy());
    engine.on('close', () => client.destroy());
  }
}
