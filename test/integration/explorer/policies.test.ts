// Repository and registry policies in the real workbench against the sandbox: what the user opens,
// edits and saves, what ECR then holds (read back with the SDK), and the failure paths.
import * as assert from 'node:assert/strict';
import {
  CreateRepositoryCommand,
  DeleteRegistryPolicyCommand,
  DeleteRepositoryCommand,
  GetRegistryPolicyCommand,
  GetRepositoryPolicyCommand,
  SetRepositoryPolicyCommand,
} from '@aws-sdk/client-ecr';
import * as vscode from 'vscode';
import { isDeepStrictEqual } from 'node:util';
import { activateExtension, eventually } from '../helpers';
import { answering } from '../prompts';
import { requestCounts, resetRequestCounts, sdkClient, setFaults } from '../sandbox';
import { assertNotificationShown } from '../ui';
import { EAST, find, refreshAll } from './tree';

const ecr = () => sdkClient(0);
const policy = (...statements: object[]) => ({ Version: '2012-10-17', Statement: statements });
const crossAccountPull = policy({ Sid: 'Pull', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::222222222222:root' }, Action: ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'] });

async function storedPolicy(repositoryName: string): Promise<unknown> {
  const out = await ecr().send(new GetRepositoryPolicyCommand({ repositoryName })).catch((e: Error) => e);
  return out instanceof Error ? out.name : JSON.parse(out.policyText ?? '{}');
}

async function storedRegistryPolicy(): Promise<unknown> {
  const out = await ecr().send(new GetRegistryPolicyCommand({})).catch((e: Error) => e);
  return out instanceof Error ? out.name : JSON.parse(out.policyText ?? '{}');
}

/** Opens the policy editor through the command, replaces its text, saves; returns whether the save went through. */
async function editAndSave(command: string, node: unknown, text: string): Promise<{ saved: boolean; document: vscode.TextDocument }> {
  const uri = await vscode.commands.executeCommand<string>(command, node);
  assert.ok(uri, `${command} opened nothing`);
  const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(uri));
  const editor = await vscode.window.showTextDocument(document);
  await editor.edit((e) => e.replace(new vscode.Range(0, 0, document.lineCount, 0), text));
  return { saved: await document.save(), document };
}

async function closeEditor(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
}

describe('Access policies', function () {
  this.timeout(60_000);
  const suffix = `${process.pid}`;
  const owned: string[] = [];

  async function ownRepository(label: string): Promise<{ name: string; node: unknown }> {
    const name = `it/policy-${label}-${suffix}`;
    await ecr().send(new CreateRepositoryCommand({ repositoryName: name }));
    owned.push(name);
    await refreshAll();
    return { name, node: (await find(EAST, name)).node };
  }

  afterEach(async () => {
    await setFaults('reset');
    for (const name of owned.splice(0)) await ecr().send(new DeleteRepositoryCommand({ repositoryName: name, force: true })).catch(() => undefined);
  });

  it('opens the repository policy, saves an edit to ECR; the tooltip and Who Can Access name principals and conditions', async () => {
    const { name, node } = await ownRepository('edit');
    await ecr().send(new SetRepositoryPolicyCommand({ repositoryName: name, policyText: JSON.stringify(crossAccountPull) }));
    const uri = await vscode.commands.executeCommand<string>('ecr.editRepositoryPolicy', node);
    const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(uri));
    assert.deepEqual(JSON.parse(document.getText()), crossAccountPull, 'the editor shows the policy ECR holds');

    const orgPull = policy({ Sid: 'Org', Effect: 'Allow', Principal: '*', Action: 'ecr:Batch*', Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-abc1234567' } } });
    const { saved } = await editAndSave('ecr.editRepositoryPolicy', node, JSON.stringify(orgPull, null, 2));
    assert.equal(saved, true);
    assert.deepEqual(await storedPolicy(name), orgPull);
    await closeEditor();

    const { explorer, documents } = (await activateExtension()).testing;
    const row = await find(EAST, name);
    const item = await explorer.resolveTreeItem(explorer.getTreeItem(row.node) as vscode.TreeItem, row.node);
    const tooltip = item.tooltip instanceof vscode.MarkdownString ? item.tooltip.value : String(item.tooltip);
    assert.match(tooltip, /\*\*Who can access\*\*/);
    // Policy text is escaped: `Everyone \(\*\)`, `ecr\:BatchGetImage`.
    assert.ok(tooltip.includes('| Everyone \\(\\*\\) | ecr\\:BatchCheckLayerAvailability, ecr\\:BatchDeleteImage, ecr\\:BatchGetImage'), tooltip);
    assert.ok(tooltip.includes('StringEquals aws\\:PrincipalOrgID \\= o\\-abc1234567'), tooltip);

    const page = await vscode.commands.executeCommand<string>('ecr.whoCanAccess', row.node);
    const markdown = documents.contentOf(vscode.Uri.parse(page)) ?? '';
    assert.match(markdown, /^# Who can access it\/policy\\-edit\\-\d+/);
    assert.match(markdown, /\| Principal \| Allowed \| Denied \| Conditions \|/);
    assert.ok(markdown.includes("StringEquals aws\\:PrincipalOrgID \\= o\\-abc1234567"), markdown);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  it('refuses an invalid policy before calling ECR, with the reason', async () => {
    const { name, node } = await ownRepository('invalid');
    for (const [text, reason] of [
      ['{ "Statement": [', 'is not valid JSON'],
      [JSON.stringify(policy({ Effect: 'Allow', Action: 'ecr:BatchGetImage' })), 'has no "Principal"'],
      [JSON.stringify(policy({ Principal: '*', Action: 'ecr:BatchGetImage' })), 'has no "Effect"'],
      [JSON.stringify(policy({ Effect: 'Allow', Principal: '*', Action: 'ecr:PullEverything' })), '"ecr:PullEverything" is not an ECR action'],
    ]) {
      await resetRequestCounts();
      const { saved, document } = await editAndSave('ecr.editRepositoryPolicy', node, text);
      assert.equal(saved, false, `saved: ${text}`);
      assert.ok(document.isDirty, 'the text stays in the editor');
      assert.equal((await requestCounts()).SetRepositoryPolicy ?? 0, 0, 'ECR was not called');
      await assertNotificationShown(reason);
      await closeEditor();
    }
    assert.equal(await storedPolicy(name), 'RepositoryPolicyNotFoundException');
  });

  it('the JSON schema offers ECR actions and flags a statement without Effect', async () => {
    const { node } = await ownRepository('schema');
    const { document } = await editAndSave('ecr.editRepositoryPolicy', node, '{ "Statement": [ { "Principal": "*", "Action": "ecr:" } ] }');
    const diagnostics = await waitForDiagnostics(document.uri);
    assert.ok(diagnostics.some((d) => /Effect/.test(d.message)), diagnostics.map((d) => d.message).join(' | '));
    const at = document.positionAt(document.getText().indexOf('ecr:"') + 4);
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, at);
    const labels = list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    assert.ok(labels.some((l) => l.includes('ecr:BatchGetImage')), labels.slice(0, 20).join(', '));
    await closeEditor();
  });

  it('Delete Repository Policy asks first; declined keeps it, confirmed removes it', async () => {
    const { name, node } = await ownRepository('delete');
    await ecr().send(new SetRepositoryPolicyCommand({ repositoryName: name, policyText: JSON.stringify(crossAccountPull) }));
    const declined = await answering([false], () => vscode.commands.executeCommand('ecr.deleteRepositoryPolicy', node));
    assert.match(declined[0] ?? '', /^confirm: Delete the repository policy of it\/policy-delete-\d+\? \[Delete Policy\]/);
    assert.deepEqual(await storedPolicy(name), crossAccountPull);
    await answering([true], () => vscode.commands.executeCommand('ecr.deleteRepositoryPolicy', node));
    assert.equal(await storedPolicy(name), 'RepositoryPolicyNotFoundException');
  });

  it('templates fill in the account and region and ask only what is missing', async () => {
    const { name, node } = await ownRepository('template');
    const asked = await answering(['Cross-account pull', '222222222222'], () => vscode.commands.executeCommand('ecr.addPolicyTemplate', node));
    assert.equal(asked.length, 2, asked.join('\n'));
    assert.match(asked[1] ?? '', /AWS account id/);
    const lambda = await answering(['AWS Lambda service pull'], () => vscode.commands.executeCommand('ecr.addPolicyTemplate', node));
    assert.equal(lambda.length, 1, 'nothing to ask: account and region are the registry\'s');
    const document = vscode.window.activeTextEditor?.document;
    assert.ok(document?.isDirty, 'the draft waits in the editor for the user to save');
    assert.equal(await document.save(), true);
    const stored = (await storedPolicy(name)) as { Statement: { Sid: string; Principal: unknown; Condition?: unknown }[] };
    assert.deepEqual(stored.Statement.map((s) => s.Sid), ['CrossAccountPull222222222222', 'LambdaECRImageRetrievalPolicy']);
    assert.deepEqual(stored.Statement[0]?.Principal, { AWS: 'arn:aws:iam::222222222222:root' });
    assert.deepEqual(stored.Statement[1]?.Condition, { StringLike: { 'aws:sourceArn': 'arn:aws:lambda:us-east-1:111111111111:function:*' } });
    await closeEditor();
  });

  it('edits and deletes the registry policy from the registry node', async () => {
    const registry = (await find(EAST)).node;
    const replication = policy({ Sid: 'Replicate', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::222222222222:root' }, Action: ['ecr:CreateRepository', 'ecr:ReplicateImage'] });
    try {
      const { document } = await editAndSave('ecr.editRegistryPolicy', registry, JSON.stringify(replication, null, 2));
      await eventually(async () => isDeepStrictEqual(await storedRegistryPolicy(), replication), `registry policy saved (dirty: ${document.isDirty})`);
      await closeEditor();
      const declined = await answering([false], () => vscode.commands.executeCommand('ecr.deleteRegistryPolicy', registry));
      assert.match(declined[0] ?? '', /Delete the registry policy of sandbox-east/);
      assert.deepEqual(await storedRegistryPolicy(), replication);
      await answering([true], () => vscode.commands.executeCommand('ecr.deleteRegistryPolicy', registry));
      await eventually(async () => (await storedRegistryPolicy()) === 'RegistryPolicyNotFoundException', 'registry policy deleted');
    } finally {
      await ecr().send(new DeleteRegistryPolicyCommand({})).catch(() => undefined);
    }
  });

  it('AccessDenied on each policy call shows the denied action', async () => {
    const { name, node } = await ownRepository('denied');
    const registry = (await find(EAST)).node;
    await ecr().send(new SetRepositoryPolicyCommand({ repositoryName: name, policyText: JSON.stringify(crossAccountPull) }));

    await setFaults({ denyActions: ['ecr:GetRepositoryPolicy', 'ecr:GetRegistryPolicy'] });
    await vscode.commands.executeCommand('ecr.editRepositoryPolicy', node);
    await assertNotificationShown('not authorized to perform: ecr:GetRepositoryPolicy');
    await vscode.commands.executeCommand('ecr.editRegistryPolicy', registry);
    await assertNotificationShown('not authorized to perform: ecr:GetRegistryPolicy');
    await setFaults('reset');

    await setFaults({ denyActions: ['ecr:SetRepositoryPolicy', 'ecr:PutRegistryPolicy', 'ecr:DeleteRepositoryPolicy', 'ecr:DeleteRegistryPolicy'] });
    const repoSave = await editAndSave('ecr.editRepositoryPolicy', node, JSON.stringify(policy({ Effect: 'Allow', Principal: '*', Action: 'ecr:ListImages' })));
    assert.equal(repoSave.saved, false);
    await assertNotificationShown('not authorized to perform: ecr:SetRepositoryPolicy');
    await closeEditor();
    const registrySave = await editAndSave('ecr.editRegistryPolicy', registry, JSON.stringify(crossAccountPull));
    assert.equal(registrySave.saved, false);
    await assertNotificationShown('not authorized to perform: ecr:PutRegistryPolicy');
    await closeEditor();
    await answering([true], () => vscode.commands.executeCommand('ecr.deleteRepositoryPolicy', node));
    await assertNotificationShown('not authorized to perform: ecr:DeleteRepositoryPolicy');
    await answering([true], () => vscode.commands.executeCommand('ecr.deleteRegistryPolicy', registry));
    await assertNotificationShown('not authorized to perform: ecr:DeleteRegistryPolicy');
    await setFaults('reset');
    assert.deepEqual(await storedPolicy(name), crossAccountPull, 'nothing changed in ECR');
    assert.equal(await storedRegistryPolicy(), 'RegistryPolicyNotFoundException');
  });
});

async function waitForDiagnostics(uri: vscode.Uri): Promise<readonly vscode.Diagnostic[]> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const found = vscode.languages.getDiagnostics(uri);
    if (found.length > 0 || Date.now() > deadline) return found;
    await new Promise((r) => setTimeout(r, 200));
  }
}
