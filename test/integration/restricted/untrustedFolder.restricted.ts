// In Restricted Mode another account's image is not looked up with the user's credentials: the
// link from VS Code's own trust state to the resolver, seen in a real untrusted window.
import * as assert from 'node:assert/strict';
import { CreateRepositoryCommand, DeleteRepositoryCommand, PutImageCommand } from '@aws-sdk/client-ecr';
import * as vscode from 'vscode';
import { activateExtension, eventually } from '../helpers';
import { hoverText, rangeOf, summary, untitled, waitForDiagnostics } from '../language/support';
import { registryHost } from '../push/support';
import { requestCounts, resetRequestCounts, sdkClient } from '../sandbox';
import { click, query, requireUi, waitForElements } from '../ui';

const OTHER = '222222222222';
const SHARED = `${OTHER}.dkr.ecr.us-east-1.amazonaws.com/restricted/tools`;
const EMPTY_INDEX = JSON.stringify({ schemaVersion: 2, mediaType: 'application/vnd.oci.image.index.v1+json', manifests: [] });

describe('Restricted Mode: an untrusted folder', function () {
  this.timeout(60_000);

  before(async () => {
    await activateExtension();
    // The other account's image exists: only the folder's trust keeps it from being looked up.
    const client = sdkClient(0);
    await client.send(new CreateRepositoryCommand({ registryId: OTHER, repositoryName: 'restricted/tools' }));
    await client.send(new PutImageCommand({ registryId: OTHER, repositoryName: 'restricted/tools', imageTag: '1.0', imageManifest: EMPTY_INDEX }));
  });

  after(async () => {
    await sdkClient(0).send(new DeleteRepositoryCommand({ registryId: OTHER, repositoryName: 'restricted/tools', force: true })).catch(() => undefined);
  });

  it('the window is in Restricted Mode', () => {
    assert.equal(vscode.workspace.isTrusted, false);
  });

  it("a hover on another account's image says it is not looked up, and no lookup reaches ECR", async () => {
    await resetRequestCounts();
    const document = await untitled('dockerfile', `FROM ${SHARED}:1.0\nFROM ${registryHost(0)}/web:latest\n`);
    const hover = await hoverText(document, rangeOf(document, 0, `${SHARED}:1.0`).start.translate(0, 3));
    assert.match(hover, /not looked up: account 222222222222 is not one of your registries, and this folder is not trusted/);
    // The user's own registry is still looked up.
    const own = await hoverText(document, rangeOf(document, 1, `${registryHost(0)}/web:latest`).start.translate(0, 3));
    assert.match(own, /Tag `latest` → `sha256:[0-9a-f]{64}`/);
    const counts = await requestCounts();
    assert.equal(counts.DescribeImages, 1, `only the own registry's image was described: ${JSON.stringify(counts)}`);
  });

  // Last: trust cannot be taken back within the window.
  it('granting trust refreshes the open document: the image is looked up, its diagnostic appears and the hover shows it', async function () {
    requireUi(this);
    const document = await untitled('dockerfile', `FROM ${SHARED}:1.0\n`);
    const position = rangeOf(document, 0, `${SHARED}:1.0`).start.translate(0, 3);
    assert.match(await hoverText(document, position), /not looked up/);
    const granted = new Promise<void>((resolve) => vscode.workspace.onDidGrantWorkspaceTrust(() => resolve()));
    // The user's way: the Workspace Trust editor's "Trust" button.
    await vscode.commands.executeCommand('workbench.trust.manage');
    const button = '.workspace-trust-editor .workspace-trust-buttons-row .monaco-button:text-is("Trust")';
    await waitForElements(button, (found) => found.some((b) => b.visible)).catch(async (error: Error) => {
      throw new Error(`${error.message}; buttons: ${JSON.stringify(await query('.workspace-trust-editor .monaco-button'))}`);
    });
    const before = vscode.languages.getDiagnostics(document.uri).filter((d) => d.source === 'ECR');
    assert.deepEqual(summary(before), [], 'nothing is said about an image that was not looked up');
    await click(button);
    await granted;
    assert.equal(vscode.workspace.isTrusted, true);
    // Without touching the document: granting trust refreshes what the open documents show.
    const after = await waitForDiagnostics(document.uri, (ds) => ds.length > 0);
    assert.deepEqual(summary(after), [[0, 'Information', 'restricted/tools:1.0 has not been scanned.']]);
    await eventually(async () => (await hoverText(document, position)).includes('Tag `1.0` → `sha256:'), 'the hover looked the image up after trust was granted');
  });
});
