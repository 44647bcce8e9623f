import * as assert from 'node:assert/strict';
import {
  CreateRepositoryCommand,
  DeleteRepositoryCommand,
  DescribeImagesCommand,
  DescribeRepositoriesCommand,
  GetLifecyclePolicyCommand,
  PutImageCommand,
  SetRepositoryPolicyCommand,
  type ImageIdentifier,
} from '@aws-sdk/client-ecr';
import * as vscode from 'vscode';
import { activateExtension, eventually } from '../helpers';
import { answering } from '../prompts';
import { sandboxInfo, sdkClient, setFaults } from '../sandbox';
import { assertNotificationShown, openedUrls, query, requireUi, uiAvailable, waitForElements } from '../ui';
import { EAST, find, refreshAll } from './tree';

const ecr = () => sdkClient(0);
const host = () => sandboxInfo().registries[0].host;

async function repository(name: string) {
  const out = await ecr().send(new DescribeRepositoriesCommand({ repositoryNames: [name] })).catch((e: Error) => e);
  return out instanceof Error ? undefined : out.repositories?.[0];
}

async function imageDigest(repositoryName: string, imageId: ImageIdentifier): Promise<string | undefined> {
  const out = await ecr().send(new DescribeImagesCommand({ repositoryName, imageIds: [imageId] })).catch((e: Error) => e);
  return out instanceof Error ? undefined : out.imageDetails?.[0]?.imageDigest;
}

async function waitFor<T>(get: () => T, done: (value: T) => boolean, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = get();
  while (!done(value) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 200));
    value = get();
  }
  return value;
}

describe('Explorer actions', () => {
  before(refreshAll);

  it('copies repository and image URIs', async () => {
    await vscode.commands.executeCommand('ecr.copyRepositoryUri', (await find(EAST, 'web')).node);
    assert.equal(await vscode.env.clipboard.readText(), `${host()}/web`);
    const image = await find(EAST, 'web', 'v1.1.0');
    await vscode.commands.executeCommand('ecr.copyImageUri', image.node);
    assert.equal(await vscode.env.clipboard.readText(), `${host()}/web:v1.1.0`);
    await vscode.commands.executeCommand('ecr.copyImageDigestUri', image.node);
    assert.equal(await vscode.env.clipboard.readText(), `${host()}/web@${await imageDigest('web', { imageTag: 'v1.1.0' })}`);
  });

  it('opens a repository and a registry in the AWS console', async function () {
    requireUi(this);
    const account = sandboxInfo().registries[0].accountId;
    const repositoryPage = await vscode.commands.executeCommand<string>('ecr.openInConsole', (await find(EAST, 'web')).node);
    assert.equal(repositoryPage, `https://console.aws.amazon.com/ecr/repositories/private/${account}/web?region=us-east-1`);
    const registryPage = await vscode.commands.executeCommand<string>('ecr.openInConsole', (await find(EAST)).node);
    assert.equal(registryPage, 'https://console.aws.amazon.com/ecr/private-registry/repositories?region=us-east-1');
    await eventually(async () => {
      const opened = await openedUrls();
      return opened.includes(repositoryPage) && opened.includes(registryPage);
    }, 'both console pages opened in the browser');
  });

  it('creates a repository from the prompts, checking the name first', async () => {
    const registry = (await find(EAST)).node;
    const asked = await answering(['it/prompted', 'Immutable tags', 'Scan on push', 'AES-256'], () =>
      vscode.commands.executeCommand('ecr.createRepository', registry),
    );
    assert.equal(asked.length, 4, asked.join('\n'));
    const created = await repository('it/prompted');
    assert.equal(created?.imageTagMutability, 'IMMUTABLE');
    assert.equal(created?.imageScanningConfiguration?.scanOnPush, true);
    assert.ok((await find(EAST, 'it/prompted')).description.includes('immutable'));

    // A name ECR would refuse never reaches the API.
    const result = await vscode.commands.executeCommand('ecr.createRepository', registry, { name: 'Bad_Name' });
    assert.equal(result, undefined);
    assert.equal(await repository('Bad_Name'), undefined);
  });

  it('deletes a repository only after its name is typed', async () => {
    const node = (await find(EAST, 'it/prompted')).node;
    assert.equal(await answering([undefined], () => vscode.commands.executeCommand('ecr.deleteRepository', node)).then(() => repository('it/prompted')).then(Boolean), true);
    const asked = await answering(['it/prompted'], () => vscode.commands.executeCommand('ecr.deleteRepository', node));
    assert.match(asked[0], /Type "it\/prompted" to confirm/);
    assert.equal(await repository('it/prompted'), undefined);
  });

  it('deletes a non-empty repository only with an explicit "force"', async () => {
    await ecr().send(new CreateRepositoryCommand({ repositoryName: 'it/full' }));
    // An empty image index references no layers, so PutImage needs nothing uploaded first.
    const index = JSON.stringify({ schemaVersion: 2, mediaType: 'application/vnd.oci.image.index.v1+json', manifests: [] });
    await ecr().send(new PutImageCommand({ repositoryName: 'it/full', imageTag: 'only', imageManifest: index }));
    await refreshAll();
    const node = (await find(EAST, 'it/full')).node;
    const declined = await answering(['it/full', false], () => vscode.commands.executeCommand('ecr.deleteRepository', node));
    assert.match(declined[1], /it\/full holds 1 image\. Delete the repository with all its images\?/);
    assert.ok(await repository('it/full'), 'declined: the repository stays');
    await answering(['it/full', true], () => vscode.commands.executeCommand('ecr.deleteRepository', node));
    assert.equal(await repository('it/full'), undefined);
  });

  it('adds and removes a tag without Docker', async () => {
    const digest = await imageDigest('web', { imageTag: 'v1.0.0' });
    await vscode.commands.executeCommand('ecr.addTag', (await find(EAST, 'web', 'v1.0.0')).node, 'it-added');
    assert.equal(await imageDigest('web', { imageTag: 'it-added' }), digest);
    const tagged = await find(EAST, 'web', /\bit-added\b/);
    const asked = await answering(['it-added', true], () => vscode.commands.executeCommand('ecr.deleteTag', tagged.node));
    assert.match(asked[1], /Remove tag it-added from web\?/);
    assert.equal(await imageDigest('web', { imageTag: 'it-added' }), undefined);
    assert.equal(await imageDigest('web', { imageTag: 'v1.0.0' }), digest);
  });

  it('deletes an image only when confirmed', async () => {
    const node = (await find(EAST, 'team-a/web.app_1', '<untagged>')).node;
    assert.equal(node.kind, 'image');
    const digest = node.kind === 'image' ? node.image.imageDigest : '';
    await answering([false], () => vscode.commands.executeCommand('ecr.deleteImage', node));
    assert.equal(await imageDigest('team-a/web.app_1', { imageDigest: digest }), digest, 'declined: the image stays');
    const asked = await answering([true], () => vscode.commands.executeCommand('ecr.deleteImage', node));
    assert.match(asked[0], /Delete image <untagged> from team-a\/web\.app_1\?/);
    assert.equal(await imageDigest('team-a/web.app_1', { imageDigest: digest }), undefined);
  });

  it('an image action that gets no image (a row VS Code let go) asks nothing, draws the view again and says to choose again', async () => {
    const api = await activateExtension();
    const redrawn = new Promise<void>((resolve) => {
      const listener = api.testing.explorer.onDidChangeTreeData((node) => {
        if (node !== undefined) return;
        listener.dispose();
        resolve();
      });
    });
    const asked = await answering([true], () => vscode.commands.executeCommand('ecr.deleteImage', undefined));
    assert.deepEqual(asked, []);
    await redrawn;
    await assertNotificationShown('choose the image again');
  });

  it('toggles tag immutability and scan on push', async () => {
    await vscode.commands.executeCommand('ecr.toggleTagImmutability', (await find(EAST, 'clean-app')).node);
    assert.equal((await repository('clean-app'))?.imageTagMutability, 'IMMUTABLE');
    assert.equal((await find(EAST, 'clean-app')).description, 'immutable');
    await vscode.commands.executeCommand('ecr.toggleTagImmutability', (await find(EAST, 'clean-app')).node);
    assert.equal((await repository('clean-app'))?.imageTagMutability, 'MUTABLE');
    await vscode.commands.executeCommand('ecr.toggleScanOnPush', (await find(EAST, 'clean-app')).node);
    assert.equal((await repository('clean-app'))?.imageScanningConfiguration?.scanOnPush, true);
    await vscode.commands.executeCommand('ecr.toggleScanOnPush', (await find(EAST, 'clean-app')).node);
    assert.equal((await repository('clean-app'))?.imageScanningConfiguration?.scanOnPush, false);
  });

  it('scans an image and shows the counts afterwards', async () => {
    const before = await find(EAST, 'web', 'v1.0.0');
    assert.doesNotMatch(before.tooltip, /Scan: COMPLETE/);
    const status = await vscode.commands.executeCommand('ecr.startScan', before.node);
    assert.equal(status, 'COMPLETE');
    const after = await find(EAST, 'web', 'v1.0.0');
    assert.match(after.tooltip, /Scan: COMPLETE/);
    assert.match(after.description, /C\d+/);
  });

  it('shows findings by severity with links, every ECR string escaped', async () => {
    const api = await activateExtension();
    const uri = await vscode.commands.executeCommand<string>('ecr.showFindings', (await find(EAST, 'web', 'latest, v1.2.0')).node);
    const markdown = api.testing.documents.contentOf(vscode.Uri.parse(uri)) ?? '';
    assert.match(markdown, /## CRITICAL \(\d+\)/);
    assert.match(markdown, /\[CVE\\-2023\\-0001\]\(https:\/\/security-tracker\.debian\.org\/tracker\/CVE-2023-0001\)/);
    assert.ok(markdown.includes('&lt;script&gt;'), 'HTML from ECR is shown as text');
    assert.ok(!markdown.includes('<script>'));
    assert.ok(!markdown.includes('](javascript:'), 'no javascript: links');
  });

  it('edits the lifecycle policy as JSON and saves it to ECR', async () => {
    const uri = await vscode.commands.executeCommand<string>('ecr.editLifecyclePolicy', (await find(EAST, 'clean-app')).node);
    const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(uri));
    assert.match(document.getText(), /"rulePriority": 1/, 'a repository without a policy starts from a template');
    const policy = { rules: [{ rulePriority: 1, description: 'it', selection: { tagStatus: 'any', countType: 'imageCountMoreThan', countNumber: 5 }, action: { type: 'expire' } }] };
    const editor = await vscode.window.showTextDocument(document);
    await editor.edit((e) => e.replace(new vscode.Range(0, 0, document.lineCount, 0), JSON.stringify(policy, null, 2)));
    assert.equal(await document.save(), true);
    const saved = await ecr().send(new GetLifecyclePolicyCommand({ repositoryName: 'clean-app' }));
    // The contributed JSON schema flags what ECR would refuse, before saving.
    await editor.edit((e) => e.replace(new vscode.Range(0, 0, document.lineCount, 0), JSON.stringify({ rules: [{ rulePriority: 'first', selection: {}, action: { type: 'keep' } }] }, null, 2)));
    const schemaProblems = await waitFor(() => vscode.languages.getDiagnostics(document.uri), (d) => d.length >= 3);
    assert.ok(schemaProblems.length >= 3, `schema diagnostics: ${schemaProblems.map((d) => d.message).join(' | ')}`);
    await editor.edit((e) => e.replace(new vscode.Range(0, 0, document.lineCount, 0), JSON.stringify(policy, null, 2)));
    assert.deepEqual(JSON.parse(saved.lifecyclePolicyText ?? '{}'), policy);

    // ECR refuses this one (no countUnit for sinceImagePushed): the save fails, ECR keeps the old policy.
    const invalid = { rules: [{ rulePriority: 1, selection: { tagStatus: 'any', countType: 'sinceImagePushed', countNumber: 5 }, action: { type: 'expire' } }] };
    await editor.edit((e) => e.replace(new vscode.Range(0, 0, document.lineCount, 0), JSON.stringify(invalid, null, 2)));
    assert.equal(await document.save(), false);
    const kept = await ecr().send(new GetLifecyclePolicyCommand({ repositoryName: 'clean-app' }));
    assert.deepEqual(JSON.parse(kept.lifecyclePolicyText ?? '{}'), policy);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('previews which images the lifecycle policy expires, by rule', async () => {
    const preview = await vscode.commands.executeCommand<{ previewResults: { imageTags?: string[]; appliedRulePriority?: number }[] }>(
      'ecr.previewLifecyclePolicy',
      (await find(EAST, 'lifecycle-demo')).node,
    );
    const byRule = (rule: number) => preview.previewResults.filter((r) => r.appliedRulePriority === rule).map((r) => r.imageTags?.join(',') ?? '').sort();
    assert.deepEqual(byRule(1), ['release-1.0', 'release-1.1']);
    assert.deepEqual(byRule(2), ['dev-a-build', 'dev-x-build']);
    assert.deepEqual(byRule(3), ['']);
  });

  it('shows the repository policy and a manifest', async () => {
    const policy = { Version: '2012-10-17', Statement: [{ Sid: 'it', Effect: 'Allow', Principal: '*', Action: ['ecr:BatchGetImage'] }] };
    await ecr().send(new SetRepositoryPolicyCommand({ repositoryName: 'scan-on-push', policyText: JSON.stringify(policy) }));
    const shown = await vscode.commands.executeCommand<string>('ecr.viewRepositoryPolicy', (await find(EAST, 'scan-on-push')).node);
    assert.deepEqual(JSON.parse(shown), policy);
    const manifest = await vscode.commands.executeCommand<string>('ecr.inspectManifest', (await find(EAST, 'multi-arch', 'latest')).node);
    assert.equal(JSON.parse(manifest).manifests.length, 2);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
});

/** A repository of its own with layer-free images (empty OCI indexes, told apart by an annotation). */
async function ownRepository(name: string, images: Record<string, string[]>): Promise<void> {
  await ecr().send(new CreateRepositoryCommand({ repositoryName: name }));
  for (const [id, tags] of Object.entries(images)) await putIndex(name, id, tags);
}

async function putIndex(repositoryName: string, id: string, tags: string[]): Promise<void> {
  const imageManifest = JSON.stringify({ schemaVersion: 2, mediaType: 'application/vnd.oci.image.index.v1+json', manifests: [], annotations: { id } });
  for (const imageTag of tags) await ecr().send(new PutImageCommand({ repositoryName, imageTag, imageManifest }));
}

async function removeRepository(name: string): Promise<void> {
  await ecr().send(new DeleteRepositoryCommand({ repositoryName: name, force: true })).catch(() => undefined);
}

describe('Explorer actions act on what the user saw', function () {
  this.timeout(60_000);
  const suffix = `${process.pid}`;

  it('Remove Tag refuses when the tag moved to another image since the list loaded', async () => {
    const name = `it/moved-tag-${suffix}`;
    try {
      await ownRepository(name, { a: ['a', 'moving'], b: ['b'] });
      const digestA = await imageDigest(name, { imageTag: 'a' });
      const digestB = await imageDigest(name, { imageTag: 'b' });
      await refreshAll();
      const shown = await find(EAST, name, /\bmoving\b/);
      await putIndex(name, 'b', ['moving']); // Someone moves the tag after the list loaded.
      const asked = await answering(['moving', true], () => vscode.commands.executeCommand('ecr.deleteTag', shown.node));
      assert.match(asked[1], /Remove tag moving from it\/moved-tag-/);
      assert.equal(await imageDigest(name, { imageTag: 'moving' }), digestB, 'the other image keeps the tag');
      assert.equal(await imageDigest(name, { imageTag: 'a' }), digestA);
      await assertNotificationShown('Tag moving was not removed');
    } finally {
      await removeRepository(name);
    }
  });

  it('a forced repository delete counts the images again before asking', async () => {
    const name = `it/recount-${suffix}`;
    try {
      await ownRepository(name, { a: ['a'] });
      await refreshAll();
      await find(EAST, name, /\ba\b/); // The listing (1 image) is loaded and cached.
      await putIndex(name, 'b', ['b']);
      await putIndex(name, 'c', ['c']);
      const node = (await find(EAST, name)).node;
      const declined = await answering([name, false], () => vscode.commands.executeCommand('ecr.deleteRepository', node));
      assert.match(declined[1], /holds 3 images\. Delete the repository with all its images\?/);
      assert.ok(await repository(name), 'declined: the repository stays');
    } finally {
      await removeRepository(name);
    }
  });

  it('Add Tag asks before moving a tag from another image', async () => {
    const name = `it/move-tag-${suffix}`;
    try {
      await ownRepository(name, { a: ['a', 'release'], b: ['b'] });
      const digestA = await imageDigest(name, { imageTag: 'a' });
      const digestB = await imageDigest(name, { imageTag: 'b' });
      await refreshAll();
      const target = (await find(EAST, name, /\bb\b/)).node;
      const declined = await answering([false], () => vscode.commands.executeCommand('ecr.addTag', target, 'release'));
      assert.match(declined[0], /Tag release is on another image in it\/move-tag-.* \(sha256:.*\)\. Move it to this image\? \[Move Tag\]/);
      assert.equal(await imageDigest(name, { imageTag: 'release' }), digestA, 'declined: the tag stays');
      await answering([true], () => vscode.commands.executeCommand('ecr.addTag', target, 'release'));
      assert.equal(await imageDigest(name, { imageTag: 'release' }), digestB);
      // A new tag needs no question.
      await answering([], () => vscode.commands.executeCommand('ecr.addTag', target, 'fresh'));
      assert.equal(await imageDigest(name, { imageTag: 'fresh' }), digestB);
    } finally {
      await removeRepository(name);
    }
  });

  it('saving a lifecycle policy that expires images shows them and asks; Cancel leaves ECR unchanged', async () => {
    const name = `it/lifecycle-ask-${suffix}`;
    try {
      await ownRepository(name, { one: ['one'] });
      await new Promise((r) => setTimeout(r, 1100)); // Push times in whole seconds: keep "newest" unambiguous.
      await putIndex(name, 'two', ['two']);
      await new Promise((r) => setTimeout(r, 1100));
      await putIndex(name, 'three', ['three']);
      await refreshAll();
      const uri = await vscode.commands.executeCommand<string>('ecr.editLifecyclePolicy', (await find(EAST, name)).node);
      const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(uri));
      const policy = { rules: [{ rulePriority: 1, selection: { tagStatus: 'any', countType: 'imageCountMoreThan', countNumber: 1 }, action: { type: 'expire' } }] };
      const editor = await vscode.window.showTextDocument(document);
      await editor.edit((e) => e.replace(new vscode.Range(0, 0, document.lineCount, 0), JSON.stringify(policy, null, 2)));

      let saved: boolean | undefined;
      const asked = await answering([false], async () => (saved = await document.save()));
      assert.equal(saved, false, 'Cancel fails the save');
      assert.equal(asked.length, 1, `asked first (notifications: ${uiAvailable ? JSON.stringify(await query('.notification-list-item')) : 'not seen'})`);
      assert.match(asked[0], /Saving applies the lifecycle policy of it\/lifecycle-ask-.* at once: 2 images would expire\. Save and apply it\? \[Save and Apply\]/);
      await assert.rejects(ecr().send(new GetLifecyclePolicyCommand({ repositoryName: name })), /LifecyclePolicyNotFound/);
      assert.ok(document.isDirty && document.getText().includes('imageCountMoreThan'), 'the text stays in the editor');
      await assertNotificationShown('Not saved: the lifecycle policy of');

      await answering([true], async () => (saved = await document.save()));
      assert.equal(saved, true);
      const stored = await ecr().send(new GetLifecyclePolicyCommand({ repositoryName: name }));
      assert.deepEqual(JSON.parse(stored.lifecyclePolicyText ?? '{}'), policy);
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    } finally {
      await removeRepository(name);
    }
  });
});

describe('Hostile registry text in a failed lifecycle save', function () {
  this.timeout(60_000);
  const name = `it/hostile-save-${process.pid}`;
  const hostile = 'denied: [Sign in again](command:workbench.action.terminal.sendSequence?%7B%22text%22%3A%22echo%20pwned%5Cn%22%7D)';

  after(async () => {
    await setFaults('reset');
    await vscode.commands.executeCommand('notifications.clearAll');
    await removeRepository(name);
  });

  it('VS Code\'s "Failed to save" notification shows ECR\'s words with no link, capped in length', async function () {
    requireUi(this);
    await ownRepository(name, {});
    await refreshAll();
    const uri = await vscode.commands.executeCommand<string>('ecr.editLifecyclePolicy', (await find(EAST, name)).node);
    const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(uri));
    const editor = await vscode.window.showTextDocument(document);
    const policy = { rules: [{ rulePriority: 1, selection: { tagStatus: 'any', countType: 'imageCountMoreThan', countNumber: 50 }, action: { type: 'expire' } }] };
    await editor.edit((e) => e.replace(new vscode.Range(0, 0, document.lineCount, 0), JSON.stringify(policy, null, 2)));
    await vscode.commands.executeCommand('notifications.clearAll');
    // ECR's refusal carries a command link, stretched to 5000 characters.
    await setFaults({ hostile: { errorMessage: hostile, longStrings: 5000 }, denyActions: ['ecr:PutLifecyclePolicy'] });
    try {
      assert.equal(await document.save(), false, 'the refused save fails');
    } finally {
      await setFaults('reset');
    }
    await vscode.commands.executeCommand('notifications.showList');
    try {
      const row = '.notifications-center .monaco-list-row:has-text("Sign in again")';
      const shown = await waitForElements(row, (rows) => rows.some((r) => r.visible));
      const text = shown.find((r) => r.visible)?.text ?? '';
      assert.ok(text.includes(`ECR refused the lifecycle policy of ${name}: denied: [Sign in again] (command:`), `row: ${text}`);
      assert.ok(text.length < 600, `the notification is capped, not ${text.length} characters`);
      assert.deepEqual(await query(`${row} .notification-list-item-message a`), [], 'the notification message must contain no link element');
    } finally {
      await vscode.commands.executeCommand('notifications.hideList');
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
  });
});
