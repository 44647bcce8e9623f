// A Docker Engine reached over plain tcp:// on another address than loopback: the registry
// password would cross the network in clear, so the extension asks before sending it.
import * as assert from 'node:assert/strict';
import { createConnection, createServer, type Server } from 'node:net';
import { networkInterfaces } from 'node:os';
import * as vscode from 'vscode';
import type { PullOutcome } from '../../../src/commands/pullImage';
import { activateExtension } from '../helpers';
import { answering } from '../prompts';
import { registryHost } from './support';

/** This machine's first non-loopback IPv4 address: "another host" as far as the address goes. */
function outsideAddress(): string | undefined {
  return Object.values(networkInterfaces())
    .flat()
    .find((i) => i && !i.internal && i.family === 'IPv4')?.address;
}

describe('Docker Engine over plain tcp://', function () {
  this.timeout(60_000);
  let server: Server | undefined;
  let host: string | undefined;

  before(async function () {
    await activateExtension();
    const address = outsideAddress();
    if (!address) return this.skip(); // no non-loopback interface to listen on
    // The machine's engine, relayed from a plain TCP port on that address.
    server = createServer((socket) => {
      const engine = createConnection(process.env.DOCKER_HOST?.startsWith('unix://') ? process.env.DOCKER_HOST.slice(7) : '/var/run/docker.sock');
      socket.pipe(engine).pipe(socket);
      socket.on('error', () => engine.destroy());
      engine.on('error', () => socket.destroy());
    });
    await new Promise<void>((resolve) => server?.listen(0, address, resolve));
    host = `tcp://${address}:${(server.address() as { port: number }).port}`;
    await vscode.workspace.getConfiguration('ecr').update('docker.host', host, vscode.ConfigurationTarget.Global);
  });

  after(async () => {
    await vscode.workspace.getConfiguration('ecr').update('docker.host', undefined, vscode.ConfigurationTarget.Global);
    server?.close();
  });

  it('asks before sending the registry password, and sends nothing when the answer is no', async () => {
    let outcome: PullOutcome | undefined;
    const asked = await answering([false], async () => {
      outcome = await vscode.commands.executeCommand<PullOutcome>('ecr.pullImage', { imageUri: `${registryHost(0)}/web:latest` });
    });
    assert.equal(asked.length, 1, `asked: ${asked.join(' | ')}`);
    assert.match(asked[0], /plain tcp:\/\/: the registry password would cross the network unencrypted/);
    assert.ok(outcome && 'error' in outcome && outcome.error.kind === 'cancelled', `outcome: ${JSON.stringify(outcome)}`);
  });
});
