// Storage and cleanup in the real workbench against the sandbox: the report's figures for
// repositories this file creates, a cleanup rule drafted and previewed before save, archive and
// restore with the API state after each, and a denied archive naming the denied action.
import * as assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import {
  CreateRepositoryCommand,
  DeleteRepositoryCommand,
  DescribeImagesCommand,
  GetAuthorizationTokenCommand,
  GetLifecyclePolicyCommand,
} from '@aws-sdk/client-ecr';
import * as vscode from 'vscode';
import { formatBytes } from '../../../src/explorer/format';
import { RegistryPusher } from '../../sandbox/seed/pusher';
import { imageConfig, imageManifest, layer } from '../../sandbox/seed/tarball';
import { activateExtension, eventually } from '../helpers';
import { answering } from '../prompts';
import { sandboxInfo, sdkClient, setFaults } from '../sandbox';
import { assertNotificationShown, frameTexts, screenshot, uiAvailable, waitForElements } from '../ui';
import { emit } from '../output';
import { EAST, find, refreshAll } from './tree';

const ecr = () => sdkClient(0);
const GB = 1024 ** 3;
const money = (bytes: number): string => {
  const amount = (bytes / GB) * 0.1;
  return amount >= 0.1 ? `$${amount.toFixed(2)}` : `$${amount.toPrecision(2)}`;
};

/** Pushes an image whose one layer holds `bytes` random bytes (so its size is known), tagged or not. */
async function pushImage(pusher: RegistryPusher, repository: string, bytes: number, tag?: string): Promise<string> {
  const data = layer([{ path: 'data.bin', content: randomBytes(bytes) }]);
  const config = imageConfig({ os: 'linux', architecture: 'amd64' }, [data], { id: randomBytes(4).toString('hex') });
  const manifest = imageManifest(config, [data]);
  await pusher.pushBlob(repository, data);
  await pusher.pushBlob(repository, config);
  await pusher.pushManifest(repository, tag ?? manifest.digest, manifest);
  return manifest.digest;
}

async function backdate(repositoryName: string, imageDigest: string, days: { pushedDaysAgo?: number; pulledDaysAgo?: number }): Promise<void> {
  const response = await fetch(`${sandboxInfo().endpoint}/__sandbox/backdate`, { method: 'POST', body: JSON.stringify({ repositoryName, imageDigest, ...days }) });
  assert.equal(response.status, 200, await response.text());
}

async function imageStatus(repositoryName: string, imageDigest: string): Promise<string | undefined> {
  const out = await ecr().send(new DescribeImagesCommand({ repositoryName, imageIds: [{ imageDigest }] }));
  return out.imageDetails?.[0]?.imageStatus;
}

describe('Storage and cleanup', function () {
  this.timeout(90_000);
  const suffix = `${process.pid}`;
  const big = `it/storage-big-${suffix}`;
  const small = `it/storage-small-${suffix}`;
  const sizes = { current: 0, old: 0, untagged: 0, small: 0 };
  const digests = { current: '', old: '', untagged: '' };

  before(async () => {
    await ecr().send(new CreateRepositoryCommand({ repositoryName: big }));
    await ecr().send(new CreateRepositoryCommand({ repositoryName: small }));
    const token = (await ecr().send(new GetAuthorizationTokenCommand({}))).authorizationData?.[0].authorizationToken ?? '';
    const pusher = new RegistryPusher(sandboxInfo().registries[0].host, `Basic ${token}`);
    digests.current = await pushImage(pusher, big, 3 * 1024 * 1024, 'current');
    digests.old = await pushImage(pusher, big, 2 * 1024 * 1024, 'old');
    digests.untagged = await pushImage(pusher, big, 1024 * 1024);
    await pushImage(pusher, small, 256 * 1024, 'only');
    await backdate(big, digests.old, { pushedDaysAgo: 120 }); // never pulled since: unused
    const details = async (repositoryName: string) => (await ecr().send(new DescribeImagesCommand({ repositoryName }))).imageDetails ?? [];
    for (const image of await details(big)) {
      const which = image.imageDigest === digests.current ? 'current' : image.imageDigest === digests.old ? 'old' : 'untagged';
      sizes[which] = image.imageSizeInBytes ?? 0;
    }
    sizes.small = (await details(small))[0]?.imageSizeInBytes ?? 0;
    assert.ok(sizes.current > sizes.old && sizes.old > sizes.untagged && sizes.untagged > sizes.small, JSON.stringify(sizes));
    await refreshAll();
  });

  after(async () => {
    await setFaults('reset');
    for (const repositoryName of [big, small]) await ecr().send(new DeleteRepositoryCommand({ repositoryName, force: true })).catch(() => undefined);
  });

  it('the report shows each repository\'s size, untagged, unused and cost, largest and most reclaimable first', async () => {
    const uri = await vscode.commands.executeCommand<string>('ecr.showStorageReport', (await find(EAST)).node);
    const { documents } = (await activateExtension()).testing;
    const markdown = documents.contentOf(vscode.Uri.parse(uri)) ?? '';
    const escaped = (name: string) => name.replace(/[-/]/g, (c) => (c === '-' ? '\\-' : '/'));
    const total = sizes.current + sizes.old + sizes.untagged;
    const bigRow = `| ${escaped(big)} | 3 | ${formatBytes(total)} | 1 (${formatBytes(sizes.untagged)}) | 1 (${formatBytes(sizes.old)}) | - | ${money(total)} |`;
    const largest = markdown.slice(markdown.indexOf('## Largest'), markdown.indexOf('## Most'));
    assert.ok(largest.includes(bigRow), `${bigRow}\nnot in:\n${largest}`);
    const smallRow = `| ${escaped(small)} | 1 | ${formatBytes(sizes.small)} | - | - | - | ${money(sizes.small)} |`;
    assert.ok(largest.includes(smallRow), `${smallRow}\nnot in:\n${largest}`);
    assert.ok(largest.indexOf(bigRow) < largest.indexOf(smallRow), 'largest first');
    const reclaimable = sizes.old + sizes.untagged;
    const reclaim = markdown.slice(markdown.indexOf('## Most'));
    assert.ok(reclaim.includes(`| ${escaped(big)} | 2 (${formatBytes(reclaimable)}) | ${money(reclaimable)} |`), reclaim);
    assert.ok(!reclaim.includes(escaped(small)), 'nothing to reclaim in the small repository');
    assert.match(markdown, /^# Storage and Cleanup: sandbox\\-east \\\(us\\-east\\-1\\\)/);
    if (uiAvailable) {
      // The rendered report as the person sees it (the README's screenshot).
      const tab = await waitForElements('.tab:has-text("Storage and Cleanup")', (t) => t.some((x) => x.visible), 10_000);
      assert.ok(tab.some((x) => x.visible), 'the report opens in a preview tab');
      let rendered = '';
      await eventually(async () => Boolean((rendered = (await frameTexts()).find((text) => text.includes('Largest')) ?? '')), 'the rendered report', 20_000);
      assert.ok(rendered?.includes(big) && rendered.includes(formatBytes(total)), `rendered: ${rendered}`);
      emit(`screenshot: ${await screenshot('storage-report')}`);
    }
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  it('a cleanup rule opens in the lifecycle policy draft and is previewed before anything is saved', async () => {
    const registry = (await find(EAST)).node;
    await vscode.commands.executeCommand('ecr.showStorageReport', registry);
    let result: { draft: string; preview: string } | undefined;
    const asked = await answering([big, 'Expire images not pulled for N days', '90'], async () => {
      result = await vscode.commands.executeCommand('ecr.createCleanupRule', registry);
    });
    assert.ok(asked[0].startsWith('pick: Repository (most reclaimable first) ('), asked[0]);
    assert.ok(asked[0].includes(big), 'the report\'s repositories are offered');
    assert.ok(result, asked.join('\n'));
    const draft = vscode.workspace.textDocuments.find((d) => d.uri.toString() === result?.draft);
    assert.ok(draft?.isDirty, 'the draft is left unsaved');
    const rules = (JSON.parse(draft.getText()) as { rules: unknown[] }).rules;
    assert.deepEqual(rules, [{
      rulePriority: 1,
      description: 'Expire images not pulled for 90 days',
      selection: { tagStatus: 'any', countType: 'sinceImagePulled', countUnit: 'days', countNumber: 90 },
      action: { type: 'expire' },
    }]);
    await assert.rejects(ecr().send(new GetLifecyclePolicyCommand({ repositoryName: big })), /LifecyclePolicyNotFound/, 'nothing saved to ECR');
    const { documents } = (await activateExtension()).testing;
    const preview = documents.contentOf(vscode.Uri.parse(result.preview)) ?? '';
    assert.ok(
      preview.includes(`**1** image would expire (${formatBytes(sizes.old)} freed) and **0** images would move to the archive (0 B): about **${money(sizes.old)} a month** less storage cost.`),
      preview,
    );
    assert.match(preview, /\| 1 \| old \| `sha256:[0-9a-f]{12}` \|/);
    await vscode.window.showTextDocument(draft);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('archiving asks first (90-day minimum); the row then shows archived, ECR says ARCHIVED, pull refuses; restore brings it back', async () => {
    const row = await find(EAST, big, 'current');
    const declined = await answering([false], () => vscode.commands.executeCommand('ecr.archiveImage', row.node));
    assert.match(declined[0], /^confirm: Archive image current of it\/storage-big-.*\? ECR bills an archived image for at least 90 days\. \[Archive\]$/);
    assert.equal(await imageStatus(big, digests.current), 'ACTIVE', 'declined: nothing changed');

    await answering([true], () => vscode.commands.executeCommand('ecr.archiveImage', row.node));
    assert.equal(await imageStatus(big, digests.current), 'ARCHIVED');
    const archived = await find(EAST, big, 'current');
    assert.match(archived.description, /^archived · /);
    assert.match(archived.contextValue, /:archived$/);
    assert.match(archived.tooltip, /Archived: cannot be pulled until restored/);

    const pulled = await vscode.commands.executeCommand<{ error?: { message: string } }>('ecr.pullImage', archived.node);
    assert.match(pulled?.error?.message ?? '', /current is archived: ECR cannot pull it until it is restored/);

    await vscode.commands.executeCommand('ecr.restoreImage', archived.node);
    assert.notEqual(await imageStatus(big, digests.current), 'ARCHIVED');
    await eventually(async () => (await imageStatus(big, digests.current)) === 'ACTIVE', 'the restore completes');
    await refreshAll();
    const restored = await find(EAST, big, 'current');
    assert.match(restored.contextValue, /:active$/);
    assert.ok(!restored.description.includes('archived'), restored.description);
  });

  it('a denied archive names the denied action and changes nothing', async () => {
    const row = await find(EAST, big, 'old');
    await setFaults({ denyActions: ['ecr:UpdateImageStorageClass'] });
    try {
      await answering([true], () => vscode.commands.executeCommand('ecr.archiveImage', row.node));
      assert.equal(await imageStatus(big, digests.old), 'ACTIVE');
      await assertNotificationShown('not authorized to perform: ecr:UpdateImageStorageClass');
    } finally {
      await setFaults('reset');
    }
  });
});
