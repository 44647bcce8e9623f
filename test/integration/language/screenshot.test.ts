import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { emit } from '../output';
import { query, requireUi, screenshot, waitForElements } from '../ui';
import { openFixture, waitForDiagnostics } from './support';

describe('Language features on screen', () => {
  it('shows the squiggles and the hover of an ECR image as a user sees them (screenshot)', async function () {
    requireUi(this);
    const document = await openFixture('Dockerfile');
    const editor = await vscode.window.showTextDocument(document);
    await waitForDiagnostics(document.uri, (d) => d.some((x) => x.source === 'ECR' && x.severity === vscode.DiagnosticSeverity.Warning));
    const line = document.lineAt(1);
    const at = new vscode.Position(1, line.text.indexOf('/web:latest') + 2);
    editor.selection = new vscode.Selection(at, at);
    await vscode.commands.executeCommand('editor.action.showHover');
    const hovers = await waitForElements('.monaco-hover', (els) => els.some((e) => e.visible && e.text.includes('sha256:')));
    const text = hovers.filter((e) => e.visible).map((e) => e.text).join('\n');
    assert.match(text, /sha256:[0-9a-f]{12}/, `hover: ${text}`);
    assert.match(text, /CRITICAL/);
    // Markup from ECR shows as text; nothing of it became an element of the page.
    assert.equal((await query('.monaco-hover script')).length, 0);
    assert.ok((await query('.squiggly-warning')).some((e) => e.visible), 'a warning squiggle is on screen');
    emit(`screenshot: ${await screenshot('hover-and-diagnostics')}`);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
});
