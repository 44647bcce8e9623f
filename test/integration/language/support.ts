// Helpers for the language feature tests: fixture documents, waiting for diagnostics, hovers.
import * as assert from 'node:assert/strict';
import { DescribeImagesCommand } from '@aws-sdk/client-ecr';
import * as vscode from 'vscode';
import { sdkClient } from '../sandbox';

export function fixtureUri(path: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the integration workspace is open');
  return vscode.Uri.joinPath(folder.uri, 'images', path);
}

export async function openFixture(path: string): Promise<vscode.TextDocument> {
  const document = await vscode.workspace.openTextDocument(fixtureUri(path));
  await vscode.window.showTextDocument(document, { preview: false });
  return document;
}

/** ECR diagnostics of `uri` once `done` accepts them (they are computed asynchronously). */
export async function waitForDiagnostics(uri: vscode.Uri, done: (d: vscode.Diagnostic[]) => boolean, timeoutMs = 15_000): Promise<vscode.Diagnostic[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const diagnostics = vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'ECR');
    if (done(diagnostics)) return diagnostics;
    if (Date.now() > deadline) assert.fail(`diagnostics of ${uri.path} not as expected after ${timeoutMs} ms: ${JSON.stringify(summary(diagnostics))}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** [line, severity name, message] of each diagnostic, sorted by line. */
export function summary(diagnostics: readonly vscode.Diagnostic[]): [number, string, string][] {
  return [...diagnostics]
    .sort((a, b) => a.range.start.line - b.range.start.line)
    .map((d) => [d.range.start.line, vscode.DiagnosticSeverity[d.severity], d.message]);
}

/** The range of `image` on `line` of the document. */
export function rangeOf(document: vscode.TextDocument, line: number, image: string): vscode.Range {
  const character = document.lineAt(line).text.indexOf(image);
  assert.ok(character >= 0, `"${image}" on line ${line}: ${document.lineAt(line).text}`);
  return new vscode.Range(line, character, line, character + image.length);
}

/** Our hover's markdown at a position ("" when there is none). */
export async function hoverText(document: vscode.TextDocument, position: vscode.Position): Promise<string> {
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, position);
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : c.value))
    .filter((text) => text.includes('**ECR image**'))
    .join('\n');
}

/**
 * Quick fixes at `range`. The built-in JSON language server's own request can come back
 * "Canceled" while it is still starting; that is not ours, so ask again.
 */
export async function codeActions(document: vscode.TextDocument, range: vscode.Range): Promise<vscode.CodeAction[]> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, range, vscode.CodeActionKind.QuickFix.value);
    } catch (error) {
      if (attempt >= 5 || !(error instanceof Error) || error.message !== 'Canceled') throw error;
      await new Promise((r) => setTimeout(r, 300));
    }
  }
}

export async function digestOf(repositoryName: string, imageTag: string, account = 0): Promise<string> {
  const out = await sdkClient(account).send(new DescribeImagesCommand({ repositoryName, imageIds: [{ imageTag }] }));
  const digest = out.imageDetails?.[0]?.imageDigest;
  assert.ok(digest, `${repositoryName}:${imageTag} exists in the sandbox`);
  return digest;
}

export async function untitled(language: string, content: string): Promise<vscode.TextDocument> {
  const document = await vscode.workspace.openTextDocument({ language, content });
  await vscode.window.showTextDocument(document, { preview: false });
  return document;
}
