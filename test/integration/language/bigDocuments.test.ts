// Big documents are scanned on the scan worker (dist/scanWorker.js) in the real extension host:
// their references get the same diagnostics and hovers as a small file's.
import * as assert from 'node:assert/strict';
import { CreateRepositoryCommand, DeleteRepositoryCommand, PutImageCommand } from '@aws-sdk/client-ecr';
import * as vscode from 'vscode';
import { activateExtension } from '../helpers';
import { sandboxInfo, sdkClient } from '../sandbox';
import { hoverText, rangeOf, untitled, waitForDiagnostics } from './support';

const CONTAINERS = 600;

describe('Language features: big documents', function () {
  this.timeout(120_000);
  const repository = `it-big/web-${Date.now()}`;
  const image = (tag: string) => `${sandboxInfo().registries[0].host}/${repository}:${tag}`;

  before(async () => {
    await activateExtension();
    const ecr = sdkClient(0);
    await ecr.send(new CreateRepositoryCommand({ repositoryName: repository }));
    const index = JSON.stringify({ schemaVersion: 2, mediaType: 'application/vnd.oci.image.index.v1+json', manifests: [] });
    await ecr.send(new PutImageCommand({ repositoryName: repository, imageTag: 'v1', imageManifest: index }));
  });

  after(async () => {
    for (let i = 0; i < 3 && vscode.window.activeTextEditor; i++) await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await sdkClient(0).send(new DeleteRepositoryCommand({ repositoryName: repository, force: true }));
  });

  it(`a Kubernetes manifest of ${CONTAINERS} containers (over the worker threshold) gets the diagnostic and hover of each reference`, async () => {
    const lines = ['apiVersion: v1', 'kind: Pod', 'metadata: {name: big}', 'spec:', '  containers:'];
    for (let i = 0; i < CONTAINERS; i++) lines.push(`    - {name: container-${i}, image: ${image(i === CONTAINERS - 1 ? 'gone' : 'v1')}, imagePullPolicy: IfNotPresent}`);
    const text = `${lines.join('\n')}\n`;
    assert.ok(text.length > 64 * 1024, `${text.length} characters`);
    const document = await untitled('yaml', text);
    const last = lines.length - 1;
    const diagnostics = await waitForDiagnostics(document.uri, (ds) => ds.some((d) => d.message.startsWith('Tag "gone" not found')), 60_000);
    const missing = diagnostics.filter((d) => d.message.startsWith('Tag "gone" not found'));
    assert.equal(missing.length, 1);
    assert.deepEqual(missing[0].range, rangeOf(document, last, image('gone')));
    assert.equal(diagnostics.filter((d) => d.code === 'not-scanned').length, CONTAINERS - 1, 'every other reference was looked up');
    const hover = await hoverText(document, rangeOf(document, 300, image('v1')).start.translate(0, 3));
    assert.ok(hover.includes('Tag `v1`'), hover);
  });
});
