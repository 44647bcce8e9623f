import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { openFixture, waitForDiagnostics } from './support';

const ours = (uri: vscode.Uri) => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'ECR');

describe('Language features follow the editors', () => {
  it('removes the diagnostics when the file closes and brings them back when it opens again', async () => {
    const document = await openFixture('Dockerfile');
    await vscode.window.showTextDocument(document);
    await waitForDiagnostics(document.uri, (d) => d.some((x) => x.source === 'ECR'));
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const deadline = Date.now() + 5000;
    while (ours(document.uri).length > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    assert.equal(ours(document.uri).length, 0, 'diagnostics stay after the file was closed');
    await vscode.window.showTextDocument(await openFixture('Dockerfile'));
    const again = await waitForDiagnostics(document.uri, (d) => d.some((x) => x.source === 'ECR'));
    assert.ok(again.some((d) => d.source === 'ECR'));
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
});
