// Copy Image To... and Promote in the real workbench, between the sandbox's two registries
// (sandbox-east 111111111111/us-east-1, sandbox-west 222222222222/eu-west-1); the copy is pulled
// by the extension through the real Docker Engine and run.
import * as assert from 'node:assert/strict';
import { DeleteRepositoryCommand, DescribeImageScanFindingsCommand, DescribeImagesCommand, ListImageReferrersCommand, StartImageScanCommand, type ECRClient } from '@aws-sdk/client-ecr';
import * as vscode from 'vscode';
import type { CopyOutcome } from '../../../src/commands/copyImage';
import type { PullOutcome } from '../../../src/commands/pullImage';
import type { ProgressReport } from '../../../src/push/forwardProgress';
import { docker } from '../../sandbox/seed/dockerImage';
import { pushReferrer } from '../../sandbox/seed/referrers';
import { createRepository, pushTestImage } from '../../support/testImages';
import { activateExtension, eventually } from '../helpers';
import { answering } from '../prompts';
import { requestCounts, resetRequestCounts, sandboxInfo, sdkClient, setFaults } from '../sandbox';
import { assertNotificationShown, press, uiAvailable, waitForElements } from '../ui';
import { EAST, WEST, find, refreshAll } from './tree';

const east = () => sdkClient(0);
const west = () => sdkClient(1);
const hostOf = (accountId: string) => sandboxInfo().registries.find((r) => r.accountId === accountId)?.host ?? '';

function succeeded(outcome: CopyOutcome | undefined): Extract<CopyOutcome, { result: unknown }> {
  assert.ok(outcome && 'result' in outcome, `the copy failed: ${JSON.stringify(outcome)}`);
  return outcome;
}

function failed(outcome: CopyOutcome | undefined): { kind: string; message: string } {
  assert.ok(outcome && 'error' in outcome, `expected a failure, got ${JSON.stringify(outcome)}`);
  return outcome.error;
}

async function tagDigest(client: ECRClient, repositoryName: string, imageTag: string): Promise<string | undefined> {
  const out = await client.send(new DescribeImagesCommand({ repositoryName, imageIds: [{ imageTag }] })).catch(() => undefined);
  return out?.imageDetails?.[0]?.imageDigest;
}

describe('Copy and promote images', function () {
  this.timeout(180_000);
  const owned: [() => ECRClient, string][] = [];
  let n = 0;
  const unique = (what: string, client: () => ECRClient): string => {
    const name = `copy-${what}-${Date.now()}-${n++}`;
    owned.push([client, name]);
    return name;
  };
  before(refreshAll);
  afterEach(() => setFaults('reset'));
  after(async () => {
    await vscode.workspace.getConfiguration('ecr').update('promotion.stages', undefined, vscode.ConfigurationTarget.Global);
    for (const [client, name] of owned) await client().send(new DeleteRepositoryCommand({ repositoryName: name, force: true })).catch(() => undefined);
  });

  it('Copy Image To... copies a multi-platform image with its signature from sandbox-east to a new repository in sandbox-west; the engine pulls and runs the copy', async () => {
    const name = unique('multi', east);
    owned.push([west, name]);
    await createRepository(east(), name);
    const image = await pushTestImage(east(), name, 'v1', { platforms: ['linux/amd64', 'linux/arm64'] });
    const signature = await pushReferrer(east(), { repositoryName: name, subjectDigest: image.digest, kind: 'notation' });
    await vscode.commands.executeCommand('ecr.refresh');
    const row = await find(EAST, name, /^v1\b/);

    let outcome: CopyOutcome | undefined;
    const asked = await answering([WEST, `$(add) ${name}`, 'v1, stable'], async () => {
      outcome = await vscode.commands.executeCommand<CopyOutcome>('ecr.copyImage', row.node);
    });
    assert.match(asked[0], /^pick: Copy .*:v1 to: registry \(.*sandbox-west/);
    assert.match(asked[1], new RegExp(`^pick: Copy .* to: repository in ${WEST.replace(/[()]/g, '\\$&')} \\(\\$\\(add\\) ${name}`));
    const { result, message } = succeeded(outcome);
    assert.deepEqual(result.platforms, ['linux/amd64', 'linux/arm64']);
    assert.equal(result.blobsUploaded, image.blobs.length + 2, 'the image blobs, the signature and its empty config');
    assert.equal(await tagDigest(west(), name, 'v1'), image.digest);
    assert.equal(await tagDigest(west(), name, 'stable'), image.digest);
    assert.match(message, new RegExp(`^Copied ${name}:v1 to ${name}:v1, stable in ${WEST.replace(/[()]/g, '\\$&')} \\(${image.blobs.length + 2} blobs sent \\(.* MB\\), 2 platforms, 1 referrer \\(signature\\)\\)$`));
    const referrers = await west().send(new ListImageReferrersCommand({ repositoryName: name, subjectId: { imageDigest: image.digest } }));
    assert.deepEqual(referrers.referrers?.map((r) => [r.digest, r.artifactType]), [[signature.digest, 'application/vnd.cncf.notary.signature']], 'the signature came along');
    await assertNotificationShown(`Copied ${name}:v1 to ${name}:v1, stable`);
    await eventually(async () => Boolean(await find(WEST, name, /\bstable\b/).catch(() => undefined)), 'the copy in the sandbox-west tree');

    const uri = `${hostOf('222222222222')}/${name}:stable`;
    const pulled = await vscode.commands.executeCommand<PullOutcome>('ecr.pullImage', { imageUri: uri });
    assert.ok(pulled && 'imageId' in pulled, `pull failed: ${JSON.stringify(pulled)}`);
    try {
      assert.equal(pulled.digest, image.digest);
      const run = await docker(['run', '--rm', pulled.imageId, '/bin/busybox', 'cat', '/etc/copy-marker']);
      assert.equal(run.code, 0, run.stderr);
      assert.equal(run.stdout.trim(), image.marker, 'the copied layers hold the source bytes');
    } finally {
      await docker(['rmi', '-f', uri]);
    }
  });

  it('Cancel stops a copy; the copy run again sends only the blobs that had not arrived', async () => {
    const name = unique('resume', east);
    owned.push([west, name]);
    await createRepository(east(), name);
    await createRepository(west(), name);
    const image = await pushTestImage(east(), name, 'big', { platforms: ['linux/amd64', 'linux/arm64'], randomBytes: 3 * 1024 * 1024 });
    const destination = { registry: hostOf('222222222222'), repository: name, tags: ['big'] };
    const imageUri = `${hostOf('111111111111')}/${name}:big`;
    await setFaults({ latencyMs: 150 }); // every registry request waits: the cancel lands mid-copy
    const cancel = new vscode.CancellationTokenSource();
    const reports: ProgressReport[] = [];
    const cancelled = await vscode.commands.executeCommand<CopyOutcome>('ecr.copyImage', {
      imageUri,
      destination,
      cancellation: cancel.token,
      onProgress: (report: ProgressReport) => {
        reports.push(report);
        if (/^[1-9]\d* of \d+ blobs/.test(report.message)) cancel.cancel();
      },
    });
    await setFaults('reset');
    assert.equal(failed(cancelled).kind, 'cancelled');
    assert.ok(reports.some((r) => /^\d+ of \d+ blobs, .* MB of .* MB to send$/.test(r.message)), JSON.stringify(reports));
    assert.equal(await tagDigest(west(), name, 'big'), undefined, 'no tag after a cancel');

    await resetRequestCounts();
    const resumed = succeeded(await vscode.commands.executeCommand<CopyOutcome>('ecr.copyImage', { imageUri, destination }));
    const counts = await requestCounts();
    assert.ok(resumed.result.blobsSkipped >= 1, `skipped ${resumed.result.blobsSkipped}`);
    assert.equal(resumed.result.blobsSkipped + resumed.result.blobsUploaded, image.blobs.length);
    assert.equal(counts['v2 ecr:CompleteLayerUpload'] ?? 0, resumed.result.blobsUploaded, 'only the missing blobs were uploaded');
    assert.equal(await tagDigest(west(), name, 'big'), image.digest);
  });

  it('an immutable destination tag is refused before any byte moves; a denied upload names the action; a missing repository is offered for creation', async () => {
    const name = unique('imm', east);
    owned.push([west, name]);
    await createRepository(east(), name);
    await createRepository(west(), name, 'IMMUTABLE');
    await pushTestImage(west(), name, 'v1');
    await pushTestImage(east(), name, 'v1');
    const imageUri = `${hostOf('111111111111')}/${name}:v1`;
    await resetRequestCounts();
    const refused = failed(await vscode.commands.executeCommand<CopyOutcome>('ecr.copyImage', { imageUri, destination: { registry: hostOf('222222222222'), repository: name, tags: ['v1'] } }));
    assert.equal(refused.kind, 'immutable-tag');
    assert.match(refused.message, new RegExp(`Tag v1 already exists in "${name}" on another image, and its tags are immutable\\. Nothing was copied\\.`));
    await assertNotificationShown('Nothing was copied');
    const counts = await requestCounts();
    assert.equal(counts['v2 ecr:InitiateLayerUpload'] ?? 0, 0);
    assert.equal(counts['v2 ecr:PutImage'] ?? 0, 0);

    await setFaults({ denyActions: ['ecr:CompleteLayerUpload'] });
    const other = `${name}-open`;
    owned.push([west, other]);
    await createRepository(west(), other);
    const denied = failed(await vscode.commands.executeCommand<CopyOutcome>('ecr.copyImage', { imageUri, destination: { registry: hostOf('222222222222'), repository: other, tags: ['v1'] } }));
    assert.equal(denied.kind, 'auth');
    assert.match(denied.message, /^Access denied \(ecr:CompleteLayerUpload\) while uploading sha256:[0-9a-f]{64}: .*not authorized to perform: ecr:CompleteLayerUpload/);
    await assertNotificationShown('Access denied (ecr:CompleteLayerUpload)');
    await setFaults('reset');

    const missing = `${name}-new`;
    owned.push([west, missing]);
    let outcome: CopyOutcome | undefined;
    const asked = await answering([false], async () => {
      outcome = await vscode.commands.executeCommand<CopyOutcome>('ecr.copyImage', { imageUri, destination: { registry: hostOf('222222222222'), repository: missing, tags: ['v1'] } });
    });
    assert.match(asked[0], new RegExp(`^confirm: The repository "${missing}" does not exist in ${WEST.replace(/[()]/g, '\\$&')}\\. Create it and copy\\? \\[Create Repository\\]`));
    assert.equal(failed(outcome).kind, 'repository-not-found');
    await answering([true], async () => {
      outcome = await vscode.commands.executeCommand<CopyOutcome>('ecr.copyImage', { imageUri, destination: { registry: hostOf('222222222222'), repository: missing, tags: ['v1'] } });
    });
    assert.equal(await tagDigest(west(), missing, 'v1'), succeeded(outcome).digest);
  });

  it('Promote refuses an image the gate fails, with the reasons; an image that passes is copied to the next stage with its tags', async () => {
    const dev = unique('dev', east);
    const staging = unique('staging', west);
    await createRepository(east(), dev);
    await createRepository(west(), staging);
    const root = vscode.workspace.workspaceFolders?.[0]?.uri;
    assert.ok(root);
    const folderName = `promote-${Date.now()}`;
    const folder = vscode.Uri.joinPath(root, folderName);
    await vscode.workspace.fs.createDirectory(folder);
    try {
      await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(folder, '.ecr-policy.yaml'), Buffer.from('rules:\n  - files: ["**"]\n    scan: {}\n'));
      await vscode.workspace.getConfiguration('ecr').update(
        'promotion.stages',
        [
          { name: 'dev', repository: `${hostOf('111111111111')}/${dev}` },
          { name: 'staging', registry: '222222222222/eu-west-1', repository: staging, policyPath: `${folderName}/deploy.yaml` },
        ],
        vscode.ConfigurationTarget.Global,
      );
      const unscanned = await pushTestImage(east(), dev, 'v1');
      const scanned = await pushTestImage(east(), dev, 'v2');
      await east().send(new StartImageScanCommand({ repositoryName: dev, imageId: { imageDigest: scanned.digest } }));
      await eventually(async () => {
        const out = await east().send(new DescribeImageScanFindingsCommand({ repositoryName: dev, imageId: { imageDigest: scanned.digest } })).catch(() => undefined);
        return out?.imageScanStatus?.status === 'COMPLETE';
      }, 'the scan of v2 complete');
      await vscode.commands.executeCommand('ecr.refresh');

      if (uiAvailable) {
        // What a user sees: the image row's context menu offers both (Shift+F10 on the selected row).
        const { explorerView } = (await activateExtension()).testing;
        await explorerView.reveal((await find(EAST, dev, /^v2\b/)).node, { select: true, focus: true });
        await press('Shift+F10');
        try {
          const items = await waitForElements('.monaco-menu .action-label', (e) => e.some((i) => i.text === 'Promote to Next Stage'));
          const labels = items.map((i) => i.text);
          assert.ok(labels.includes('Copy Image To...') && labels.includes('Promote to Next Stage'), `menu: ${JSON.stringify(labels)}`);
        } finally {
          await press('Escape');
        }
      }

      await resetRequestCounts();
      const refused = failed(await vscode.commands.executeCommand<CopyOutcome>('ecr.promoteImage', (await find(EAST, dev, /^v1\b/)).node));
      assert.match(refused.message, new RegExp(`^${dev}:v1 cannot be promoted to staging: ${dev}:?.* has not been scanned \\(policy rule scan\\)\\.$`));
      await assertNotificationShown(`${dev}:v1 cannot be promoted to staging`);
      assert.equal((await requestCounts())['BatchCheckLayerAvailability'] ?? 0, 0, 'nothing copied');
      assert.equal(await tagDigest(west(), staging, 'v1'), undefined);

      let outcome: CopyOutcome | undefined;
      const asked = await answering([true], async () => {
        outcome = await vscode.commands.executeCommand<CopyOutcome>('ecr.promoteImage', (await find(EAST, dev, /^v2\b/)).node);
      });
      assert.match(asked[0], /^confirm: Promote .*:v2 to staging\? \[Promote\]$/);
      const { message } = succeeded(outcome);
      assert.match(message, /^Promoted \(dev → staging\) /);
      assert.equal(await tagDigest(west(), staging, 'v2'), scanned.digest);
      assert.notEqual(unscanned.digest, scanned.digest);
    } finally {
      await vscode.workspace.fs.delete(folder, { recursive: true, useTrash: false });
    }
  });
});
