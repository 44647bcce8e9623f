// A Docker Engine reached over plain tcp:// on another address than loopback: the registry
// password would cross the network in clear, so pull, push and build ask before sending it.
// "Another address" is what the check looks at, so the relay listens on a real non-loopback
// address of this machine; the engine's own bridge (docker0) gives one wherever dockerd runs.
import * as assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createConnection, createServer, type Server } from 'node:net';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { BuildTagPushOutcome } from '../../../src/commands/buildTagPush';
import type { PullOutcome } from '../../../src/commands/pullImage';
import type { PushOutcome } from '../../../src/commands/pushImage';
import { activateExtension } from '../helpers';
import { answering } from '../prompts';
import { registryHost } from './support';

/** This machine's first non-loopback IPv4 address: "another host" as far as the address goes. */
function outsideAddress(): string {
  const found = Object.values(networkInterfaces())
    .flat()
    .find((i) => i && !i.internal && i.family === 'IPv4')?.address;
  assert.ok(found, `no non-loopback IPv4 interface to listen on (have: ${Object.keys(networkInterfaces()).join(', ')}); this test needs one, as dockerd's docker0 bridge gives`);
  return found;
}

describe('Docker Engine over plain tcp://', function () {
  this.timeout(60_000);
  let server: Server | undefined;
  /** Everything the extension sent through the relay towards the engine. */
  let sent = '';

  before(async () => {
    await activateExtension();
    const address = outsideAddress();
    // The machine's engine, relayed from a plain TCP port on that address.
    server = createServer((socket) => {
      const engine = createConnection(process.env.DOCKER_HOST?.startsWith('unix://') ? process.env.DOCKER_HOST.slice(7) : '/var/run/docker.sock');
      socket.on('data', (chunk: Buffer) => (sent += chunk.toString('latin1')));
      socket.pipe(engine).pipe(socket);
      socket.on('error', () => engine.destroy());
      engine.on('error', () => socket.destroy());
    });
    await new Promise<void>((resolve) => server?.listen(0, address, resolve));
    const host = `tcp://${address}:${(server.address() as { port: number }).port}`;
    await vscode.workspace.getConfiguration('ecr').update('docker.host', host, vscode.ConfigurationTarget.Global);
  });
  beforeEach(() => (sent = ''));

  after(async () => {
    await vscode.workspace.getConfiguration('ecr').update('docker.host', undefined, vscode.ConfigurationTarget.Global);
    server?.close();
  });

  /** Runs `command` answering "no" to one question; checks the question and that no credentials or work reached the engine. */
  async function declined(command: () => Thenable<PullOutcome | PushOutcome | BuildTagPushOutcome | undefined>): Promise<void> {
    let outcome: PullOutcome | PushOutcome | BuildTagPushOutcome | undefined;
    const asked = await answering([false], async () => (outcome = await command()));
    assert.equal(asked.length, 1, `asked: ${asked.join(' | ')}`);
    assert.match(asked[0], /plain tcp:\/\/: the registry password would cross the network unencrypted/);
    assert.ok(outcome && 'error' in outcome && outcome.error.kind === 'cancelled', `outcome: ${JSON.stringify(outcome)}`);
    assert.match(sent, /GET \/_ping/, 'the engine was reached through the relay');
    assert.doesNotMatch(sent, /X-Registry-(Auth|Config)|POST \/v[\d.]+\/(build|images)/i, 'credentials or work reached the engine');
  }

  it('pull asks before sending the registry password, and sends nothing when the answer is no', async () => {
    await declined(() => vscode.commands.executeCommand<PullOutcome>('ecr.pullImage', { imageUri: `${registryHost(0)}/web:latest` }));
  });

  it('push asks too, and neither tags nor pushes when the answer is no', async () => {
    await declined(() => vscode.commands.executeCommand<PushOutcome>('ecr.pushImage', { image: 'scratch-never-tagged', repositoryUri: `${registryHost(0)}/clear-text-${process.pid}`, tag: 'no' }));
  });

  it('build asks too, and sends no build context when the answer is no', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ecr-it-cleartext-'));
    try {
      await writeFile(join(dir, 'Dockerfile'), 'FROM scratch\nCOPY Dockerfile /\n');
      await declined(() => vscode.commands.executeCommand<BuildTagPushOutcome>('ecr.buildTagPush', { dockerfile: join(dir, 'Dockerfile'), repositoryUri: `${registryHost(0)}/clear-text-${process.pid}`, tags: ['no'] }));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
