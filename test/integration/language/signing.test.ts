// Signatures in the editor: the hover over an image reference says whether it is signed, and the
// policy's `signed` rule puts a diagnostic on an unsigned image reference, not on a signed one.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension } from '../helpers';
import { attach, deleteRepository, repositoryWithImages, uniqueRepository } from '../referrers';
import { sandboxInfo } from '../sandbox';
import { hoverText, rangeOf, summary, waitForDiagnostics } from './support';

const codeOf = (d: vscode.Diagnostic) => (typeof d.code === 'object' ? d.code.value : d.code);

describe('Signatures in the editor', function () {
  this.timeout(90_000);
  let folder: vscode.Uri;
  let repository = '';
  before(async () => {
    await activateExtension();
  });
  beforeEach(async () => {
    const root = vscode.workspace.workspaceFolders?.[0]?.uri;
    assert.ok(root, 'the integration workspace is open');
    folder = vscode.Uri.joinPath(root, `signed-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`);
    await vscode.workspace.fs.createDirectory(folder);
    repository = uniqueRepository('it/gate-signed');
  });
  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.fs.delete(folder, { recursive: true, useTrash: false });
    await deleteRepository(repository);
  });

  it('flags an unsigned image reference under `signed: true`, not a signed one, and the hover says which is signed', async () => {
    const digests = await repositoryWithImages(repository, ['signed', 'unsigned']);
    await attach(repository, digests.signed, 'notation');
    await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(folder, '.ecr-policy.yaml'), Buffer.from('rules:\n  - signed: true\n'));
    const host = sandboxInfo().registries[0].host;
    const signed = `${host}/${repository}:signed`;
    const unsigned = `${host}/${repository}:unsigned`;
    const dockerfile = vscode.Uri.joinPath(folder, 'Dockerfile');
    await vscode.workspace.fs.writeFile(dockerfile, Buffer.from(`FROM ${signed} AS base\nFROM ${unsigned}\n`));
    const document = await vscode.workspace.openTextDocument(dockerfile);
    await vscode.window.showTextDocument(document, { preview: false });

    const signedRule = (ds: vscode.Diagnostic[]) => ds.filter((d) => codeOf(d) === 'signed');
    const violations = signedRule(await waitForDiagnostics(document.uri, (ds) => signedRule(ds).length > 0));
    assert.deepEqual(summary(violations), [[1, 'Error', `${repository}:unsigned is not signed (policy rule signed)`]]);

    const signedHover = await hoverText(document, rangeOf(document, 0, signed).start);
    assert.match(signedHover, /\nSigned\\: Signature \\\(Notation\\\)\n/);
    const unsignedHover = await hoverText(document, rangeOf(document, 1, unsigned).start);
    assert.match(unsignedHover, /\nNot signed\n/);

    // Signing the image clears the violation once the lookups are asked again.
    await attach(repository, digests.unsigned, 'cosign');
    await vscode.commands.executeCommand('ecr.refresh');
    await waitForDiagnostics(document.uri, (ds) => signedRule(ds).length === 0);
  });
});
