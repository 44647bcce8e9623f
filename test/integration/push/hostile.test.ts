// A hostile registry: its error text carries a markdown command link into an engine push failure,
// and a Dockerfile step carries one into the progress line. Neither may become a clickable link.
import * as assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateRepositoryCommand, DeleteRepositoryCommand } from '@aws-sdk/client-ecr';
import type Docker from 'dockerode';
import * as vscode from 'vscode';
import { connect } from '../../../src/docker/connection';
import type { BuildTagPushOutcome } from '../../../src/commands/buildTagPush';
import type { ProgressReport } from '../../../src/push/forwardProgress';
import { activateExtension } from '../helpers';
import { sdkClient, setFaults } from '../sandbox';
import { query, requireUi, screenshot, waitForElements } from '../ui';
import { registryHost, removeLocalImages } from './support';

// What VS Code's notification renderer turns into a link: `[label](target)` with `](` adjacent.
const LINK = /\[[^\]]+\]\((?:https?:|command:|file:)/i;
const HOSTILE = 'denied: [Sign in again](command:workbench.action.terminal.sendSequence?%7B%22text%22%3A%22echo%20pwned%5Cn%22%7D)';

describe('Hostile registry text in notifications', function () {
  this.timeout(90_000);
  const ecr = sdkClient(0);
  const name = `hostile-it/app-${Date.now().toString(36)}`;
  let repositoryUri: string;
  let docker: Docker;
  let dir: string;

  before(async () => {
    await activateExtension();
    await setFaults('reset');
    docker = (await connect()).docker;
    repositoryUri = (await ecr.send(new CreateRepositoryCommand({ repositoryName: name }))).repository?.repositoryUri ?? '';
    dir = await mkdtemp(join(tmpdir(), 'ecr-it-hostile-'));
    await writeFile(join(dir, 'hello.txt'), `hello ${Date.now()}\n`);
    // A Dockerfile step whose text is a command link: the progress line shows the step.
    await writeFile(join(dir, 'Dockerfile'), 'FROM scratch\nCOPY hello.txt /[Run-it](command:workbench.action.terminal.new)\n');
    await vscode.commands.executeCommand('ecr.refresh');
  });

  after(async () => {
    await setFaults('reset');
    await vscode.commands.executeCommand('notifications.hideList');
    await vscode.commands.executeCommand('notifications.clearAll');
    if (docker) await removeLocalImages(docker, `${registryHost(0)}/hostile-it/`);
    await ecr.send(new DeleteRepositoryCommand({ repositoryName: name, force: true })).catch(() => undefined);
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('a push refused with a markdown link shows the words in the error notification, with no link', async function () {
    requireUi(this);
    await vscode.commands.executeCommand('notifications.clearAll');
    await setFaults({ hostile: { errorMessage: HOSTILE }, denyActions: ['ecr:InitiateLayerUpload', 'ecr:PutImage'] });
    const reports: ProgressReport[] = [];
    const outcome = await vscode.commands.executeCommand<BuildTagPushOutcome>('ecr.buildTagPush', {
      dockerfile: join(dir, 'Dockerfile'),
      repositoryUri,
      tags: ['refused'],
      onProgress: (r: ProgressReport) => reports.push(r),
    });
    assert.ok(outcome && 'error' in outcome, `expected a failure, got ${JSON.stringify(outcome)}`);
    assert.match(outcome.error.message, /Sign in again/, `the engine passed the registry text on: ${outcome.error.kind}: ${outcome.error.message}`);

    // The build step's text reached the progress line as plain text.
    const steps = reports.filter((r) => r.message.includes('Run-it'));
    assert.ok(steps.length > 0, `progress: ${reports.map((r) => r.message).join(' | ')}`);
    for (const r of reports) assert.ok(!LINK.test(r.message), `a link in the progress line: ${r.message}`);

    await vscode.commands.executeCommand('notifications.showList');
    const row = '.notifications-center .monaco-list-row:has-text("Sign in again")';
    const shown = await waitForElements(row, (rows) => rows.some((r) => r.visible));
    await screenshot('hostile-push-notification');
    assert.ok(shown.some((r) => r.visible && r.text.includes('[Sign in again] (command:')), `rows: ${shown.map((r) => r.text).join(' | ')}`);
    const links = await query(`${row} .notification-list-item-message a`);
    assert.deepEqual(links, [], 'the notification message must contain no link element');
  });
});
