// The production gate in the editor: a `.ecr-policy.yaml` of the test's own folder, its violations
// on image references (coded by rule, linked to the rule), the pin quick fixes, and the policy
// file's own diagnostics and key completions.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension } from '../helpers';
import { sandboxInfo } from '../sandbox';
import { codeActions, digestOf, hoverText, rangeOf, waitForDiagnostics } from './support';

const host = () => sandboxInfo().registries[0].host;
const codeOf = (d: vscode.Diagnostic) => (typeof d.code === 'object' ? d.code.value : d.code);

async function waitForPolicyProblems(uri: vscode.Uri, done: (d: vscode.Diagnostic[]) => boolean): Promise<vscode.Diagnostic[]> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const diagnostics = vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'ECR policy');
    if (done(diagnostics)) return diagnostics;
    if (Date.now() > deadline) assert.fail(`policy diagnostics not as expected: ${JSON.stringify(diagnostics.map((d) => [d.range.start.line, d.message]))}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('Production gate in the editor', () => {
  let folder: vscode.Uri;
  before(async () => {
    await activateExtension();
  });
  beforeEach(async () => {
    const root = vscode.workspace.workspaceFolders?.[0]?.uri;
    assert.ok(root, 'the integration workspace is open');
    folder = vscode.Uri.joinPath(root, `gate-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`);
    await vscode.workspace.fs.createDirectory(folder);
  });
  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.fs.delete(folder, { recursive: true, useTrash: false });
  });

  it('shows a pinnedByDigest violation on each reference, linked to the rule; "pin all" fixes the file in one edit', async () => {
    const policyUri = vscode.Uri.joinPath(folder, '.ecr-policy.yaml');
    await vscode.workspace.fs.writeFile(policyUri, Buffer.from('rules:\n  - files: ["**/Dockerfile"]\n    pinnedByDigest: true\n'));
    const latest = `${host()}/web:latest`;
    const v1 = `${host()}/web:v1.0.0`;
    const dockerfile = vscode.Uri.joinPath(folder, 'Dockerfile');
    await vscode.workspace.fs.writeFile(dockerfile, Buffer.from(`FROM ${latest} AS base\nFROM ${v1}\n`));
    const document = await vscode.workspace.openTextDocument(dockerfile);
    await vscode.window.showTextDocument(document, { preview: false });

    const pinRule = (ds: vscode.Diagnostic[]) => ds.filter((d) => codeOf(d) === 'pinnedByDigest');
    const violations = pinRule(await waitForDiagnostics(document.uri, (ds) => pinRule(ds).length === 2));
    assert.deepEqual(violations.map((d) => [d.range.start.line, d.severity, d.message]).sort(), [
      [0, vscode.DiagnosticSeverity.Error, `${latest} is not pinned by digest (policy rule pinnedByDigest)`],
      [1, vscode.DiagnosticSeverity.Error, `${v1} is not pinned by digest (policy rule pinnedByDigest)`],
    ]);
    const target = (violations[0].code as { target: vscode.Uri }).target;
    assert.equal(target.with({ fragment: '' }).toString(), policyUri.toString());
    assert.equal(target.fragment, 'L3,5', 'the link opens the policy at the pinnedByDigest key');

    const actions = await codeActions(document, rangeOf(document, 0, latest));
    assert.ok(actions.some((a) => a.title === `Pin ${latest} to its digest` && a.isPreferred), actions.map((a) => a.title).join(', '));
    const pinAll = actions.find((a) => a.title === 'Pin all 2 image references in this file to their digests');
    assert.ok(pinAll?.edit, actions.map((a) => a.title).join(', '));
    assert.ok(await vscode.workspace.applyEdit(pinAll.edit));
    assert.equal(document.getText(), `FROM ${latest}@${await digestOf('web', 'latest')} AS base\nFROM ${v1}@${await digestOf('web', 'v1.0.0')}\n`);
    await document.save();
    await waitForDiagnostics(document.uri, (ds) => pinRule(ds).length === 0);
  });

  it('takes a suppressed CVE out of the maxSeverity rule and counts it as suppressed in the hover', async () => {
    const policyUri = vscode.Uri.joinPath(folder, '.ecr-policy.yaml');
    await vscode.workspace.fs.writeFile(policyUri, Buffer.from('rules:\n  - maxSeverity: CRITICAL\n'));
    const image = `${host()}/web:latest`;
    const compose = vscode.Uri.joinPath(folder, 'compose.yaml');
    await vscode.workspace.fs.writeFile(compose, Buffer.from(`services:\n  web:\n    image: ${image}\n`));
    const document = await vscode.workspace.openTextDocument(compose);
    await vscode.window.showTextDocument(document, { preview: false });
    const severityRule = (ds: vscode.Diagnostic[]) => ds.filter((d) => codeOf(d) === 'maxSeverity');
    const [violation] = severityRule(await waitForDiagnostics(document.uri, (ds) => severityRule(ds).length === 1));
    assert.equal(violation.message, '1 finding at CRITICAL or above in web:latest (C1) (policy rule maxSeverity)');
    assert.doesNotMatch(await hoverText(document, rangeOf(document, 2, image).start), /suppressed/);

    await vscode.workspace.fs.writeFile(policyUri, Buffer.from('rules:\n  - maxSeverity: CRITICAL\nsuppressions:\n  - { cve: CVE-2023-0001, repository: web, reason: not reachable, expires: 2999-12-31 }\n'));
    await waitForDiagnostics(document.uri, (ds) => severityRule(ds).length === 0);
    const hover = await hoverText(document, rangeOf(document, 2, image).start);
    assert.match(hover, / · 1 suppressed by the policy\n/);
    assert.match(hover, /\| CRITICAL \(suppressed\) \|/);
  });

  it('reports a broken policy and an expired suppression in the policy file, and completes its keys', async () => {
    const policyUri = vscode.Uri.joinPath(folder, '.ecr-policy.yaml');
    await vscode.workspace.fs.writeFile(policyUri, Buffer.from('rules:\n  - pinnedByDigset: true\nsuppressions:\n  - { cve: CVE-2023-0001, reason: old, expires: 2020-01-01 }\n'));
    const document = await vscode.workspace.openTextDocument(policyUri);
    const editor = await vscode.window.showTextDocument(document, { preview: false });
    const broken = await waitForPolicyProblems(policyUri, (ds) => ds.length > 0);
    assert.deepEqual(broken.map((d) => [d.range.start.line, d.severity]), [[1, vscode.DiagnosticSeverity.Error], [1, vscode.DiagnosticSeverity.Error]]);
    assert.match(broken[0].message, /Unknown key "pinnedByDigset" here/);

    await editor.edit((b) => b.replace(new vscode.Range(1, 4, 1, 18), 'pinnedByDigest'));
    const expired = await waitForPolicyProblems(policyUri, (ds) => ds.length === 1 && ds[0].severity === vscode.DiagnosticSeverity.Warning);
    assert.equal(expired[0].range.start.line, 3);
    assert.equal(expired[0].message, 'The suppression of CVE-2023-0001 expired on 2020-01-01; it no longer applies.');

    await editor.edit((b) => b.insert(new vscode.Position(2, 0), '  - \n'));
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', policyUri, new vscode.Position(2, 4));
    const labels = list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    for (const key of ['files', 'pinnedByDigest', 'maxSeverity', 'scan', 'maxImageAgeDays', 'allowed', 'immutableTags']) assert.ok(labels.includes(key), `${key} in ${labels.join(', ')}`);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });
});
