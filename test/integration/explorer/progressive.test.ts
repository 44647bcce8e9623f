// Large repositories at real latency: rows show as DescribeImages/DescribeRepositories pages arrive,
// newest (or by name) among those loaded, under a "Loading…" row with Cancel; then the final order.
import * as assert from 'node:assert/strict';
import { CreateRepositoryCommand, DeleteRepositoryCommand, DescribeImagesCommand, ECRClient } from '@aws-sdk/client-ecr';
import * as vscode from 'vscode';
import { activateExtension, eventually } from '../helpers';
import { requestCounts, resetRequestCounts, sandboxInfo, sdkClient, setFaults } from '../sandbox';
import { EAST, connected, find, rows, type Row } from './tree';
import type { ExplorerNode } from '../../../src/explorer/nodes';

const LATENCY_MS = 700;
const SHOWN = 10;

async function bulkSeed(repositoryName: string, count: number): Promise<void> {
  const response = await fetch(`${sandboxInfo().endpoint}/__sandbox/bulk-seed`, {
    method: 'POST',
    body: JSON.stringify({ repositoryName, count }),
    headers: { 'content-type': 'application/json' },
  });
  assert.ok(response.ok, `bulk seed: ${response.status} ${await response.text()}`);
}

/** The tags of the first DescribeImages page of 1,000, as the sandbox returns it (in no particular order). */
async function firstPageTags(repositoryName: string): Promise<string[]> {
  const out = await sdkClient(0).send(new DescribeImagesCommand({ repositoryName, maxResults: 1000 }));
  return (out.imageDetails ?? []).map((i) => i.imageTags?.[0] ?? '');
}

/** Bulk-seeded tags are `build-<i>`, pushed `i` seconds ago: newest first is by `i`. */
const newestFirst = (tags: string[]): string[] => [...tags].sort((a, b) => Number(a.slice(6)) - Number(b.slice(6)));
const builds = (from: number, count: number): string[] => Array.from({ length: count }, (_, i) => `build-${from + i}`);
const labels = (list: Row[]): string[] => list.map((r) => r.label);

/** A repository of `count` bulk-seeded images, owned by the calling test; refreshes the registry row so it lists it. */
async function seededRepository(prefix: string, count: number): Promise<string> {
  const name = `progressive/${prefix}-${Date.now().toString(36)}`;
  await bulkSeed(name, count);
  await vscode.commands.executeCommand('ecr.refresh', (await find(EAST)).node);
  await find(EAST, name);
  return name;
}

/**
 * Counts the redraws of the row with `id` the explorer announces. Through the model, not the tree
 * events: the tree passes on only rows VS Code holds, and these tests read rows as the extension does.
 */
async function redrawsOf(id: string): Promise<{ count(): number; dispose(): void }> {
  const { explorer } = (await activateExtension()).testing;
  let count = 0;
  const subscription = explorer.model.onDidChange((node) => {
    if (node?.id === id) count++;
  });
  return { count: () => count, dispose: () => subscription.dispose() };
}

/** Every row of a complete listing, following "Show more" to the end. */
async function allRows(parent: ExplorerNode): Promise<Row[]> {
  let list = await rows(parent);
  for (let more = list.at(-1); more?.node.kind === 'more'; more = list.at(-1)) {
    await vscode.commands.executeCommand('ecr.showMore', more.node);
    list = await rows(parent);
  }
  return list;
}

describe('Explorer: large lists at real latency', () => {
  const owned: string[] = [];
  before(async () => {
    await activateExtension();
    await connected();
  });
  beforeEach(async () => {
    await vscode.workspace.getConfiguration('ecr').update('pageSize', SHOWN, vscode.ConfigurationTarget.Global);
  });
  afterEach(async function () {
    this.timeout(180_000); // the sandbox removes a bulk-seeded repository file by file
    await setFaults('reset');
    await vscode.workspace.getConfiguration('ecr').update('pageSize', undefined, vscode.ConfigurationTarget.Global);
    for (const repositoryName of owned.splice(0)) await sdkClient(0).send(new DeleteRepositoryCommand({ repositoryName, force: true }));
    await vscode.commands.executeCommand('ecr.refresh', (await find(EAST)).node);
  });

  it('shows the newest of the images loaded so far while pages arrive, then the final order', async () => {
    const name = await seededRepository('order', 2100);
    owned.push(name);
    const expectedFirst = newestFirst(await firstPageTags(name)).slice(0, SHOWN);
    const repository = await find(EAST, name);
    const redraws = await redrawsOf(repository.node.id);
    try {
      await setFaults({ latencyMs: LATENCY_MS });
      await resetRequestCounts();
      const first = await rows(repository.node);
      assert.deepEqual(labels(first), ['Loading… 1,000 images so far', ...expectedFirst, 'Show more (990 more)']);
      assert.equal(first[0].contextValue, 'progress:loading');
      await eventually(async () => (await rows(repository.node))[0].label !== 'Loading… 1,000 images so far', 'the second page', 10_000);
      await eventually(async () => (await rows(repository.node))[0].node.kind !== 'progress', 'the last page', 10_000);
      assert.deepEqual(labels(await rows(repository.node)), [...builds(0, SHOWN), 'Show more (2090 more)']);
      assert.equal((await requestCounts()).DescribeImages, 3, 'one call per page of 1,000');
      // One redraw per page at most (the tree is not redrawn per row).
      assert.ok(redraws.count() >= 2 && redraws.count() <= 3, `redraws of the repository row: ${redraws.count()}`);
    } finally {
      redraws.dispose();
    }
  });

  it('Cancel stops paging and keeps what was loaded; Continue loads the rest, each image once', async () => {
    const name = await seededRepository('cancel', 2100);
    owned.push(name);
    const expectedFirst = newestFirst(await firstPageTags(name)).slice(0, SHOWN);
    const repository = await find(EAST, name);
    await setFaults({ latencyMs: LATENCY_MS });
    await resetRequestCounts();
    const [loading] = await rows(repository.node);
    assert.equal(loading.label, 'Loading… 1,000 images so far');
    await vscode.commands.executeCommand('ecr.cancelLoading', loading.node);
    const partial = await rows(repository.node);
    assert.deepEqual(labels(partial), ['Partial list: 1,000 images loaded', ...expectedFirst, 'Show more (990 more)']);
    assert.equal(partial[0].contextValue, 'progress:partial');
    // Nothing to await for "no more calls": give the cut-off call time to reach the sandbox and a next one time to follow.
    await new Promise((resolve) => setTimeout(resolve, 3 * LATENCY_MS));
    assert.ok((await requestCounts()).DescribeImages <= 2, `the page under way at most, then no more: ${JSON.stringify(await requestCounts())}`);
    assert.equal((await rows(repository.node))[0].label, 'Partial list: 1,000 images loaded');

    await vscode.commands.executeCommand('ecr.continueLoading', partial[0].node);
    await eventually(async () => (await rows(repository.node))[0].node.kind !== 'progress', 'the rest of the pages', 15_000);
    await setFaults('reset');
    await vscode.workspace.getConfiguration('ecr').update('pageSize', 1000, vscode.ConfigurationTarget.Global);
    const all = labels(await allRows(repository.node));
    assert.equal(all.length, 2100);
    assert.equal(new Set(all).size, 2100, 'no image twice');
    assert.deepEqual(all.slice(0, 3), builds(0, 3));
  });

  it('keeps the listing across collapse and expand, and "Show more" reuses it', async () => {
    const name = await seededRepository('keep', 1100);
    owned.push(name);
    const repository = await find(EAST, name);
    await resetRequestCounts();
    await rows(repository.node);
    await eventually(async () => (await rows(repository.node))[0].node.kind !== 'progress', 'every page', 10_000);
    assert.equal((await requestCounts()).DescribeImages, 2);

    // What VS Code does on collapse and expand: ask for the children again.
    const { explorerView } = (await activateExtension()).testing;
    await explorerView.reveal(repository.node, { expand: true });
    await vscode.commands.executeCommand('workbench.actions.treeView.ecr.explorer.collapseAll');
    await explorerView.reveal(repository.node, { expand: true });
    const again = await rows(repository.node);
    assert.deepEqual(labels(again), [...builds(0, SHOWN), 'Show more (1090 more)']);
    await vscode.commands.executeCommand('ecr.showMore', again.at(-1)?.node);
    assert.deepEqual(labels(await rows(repository.node)), [...builds(0, 2 * SHOWN), 'Show more (1080 more)']);
    assert.equal((await requestCounts()).DescribeImages, 2, 'no call again: the listing is kept');

    await vscode.commands.executeCommand('ecr.refresh', repository.node);
    await eventually(async () => (await rows(repository.node))[0]?.label === 'build-0', 'the refreshed listing', 10_000);
    assert.equal((await requestCounts()).DescribeImages, 4, 'a refresh reads it again');
  });

  it('Refresh in the middle of loading starts over: no stale rows, no image twice', async () => {
    const name = await seededRepository('refresh', 1500);
    owned.push(name);
    const repository = await find(EAST, name);
    await setFaults({ latencyMs: LATENCY_MS });
    const [loading] = await rows(repository.node);
    assert.equal(loading.label, 'Loading… 1,000 images so far');
    await vscode.commands.executeCommand('ecr.refresh', repository.node);
    // The old listing would be at 2,000 by the time the new one has its first page: it must not show.
    const restarted = await rows(repository.node);
    assert.equal(restarted[0].label, 'Loading… 1,000 images so far');
    await eventually(async () => (await rows(repository.node))[0].node.kind !== 'progress', 'every page', 15_000);
    await setFaults('reset');
    await vscode.workspace.getConfiguration('ecr').update('pageSize', 1000, vscode.ConfigurationTarget.Global);
    const all = labels(await allRows(repository.node));
    assert.deepEqual(all, builds(0, 1500));
  });

  it('lists the repositories of a registry with thousands as their pages arrive', async function () {
    this.timeout(240_000);
    const { endpoint, accounts } = sandboxInfo();
    const region = 'ap-south-1'; // a registry of its own in the sandbox: no other test sees these repositories
    const account = accounts[0];
    const ecr = new ECRClient({ region, endpoint, credentials: { accessKeyId: account.accessKeyId, secretAccessKey: account.secretAccessKey } });
    const names = Array.from({ length: 1200 }, (_, i) => `many/repo-${String(i).padStart(4, '0')}`);
    const config = vscode.workspace.getConfiguration('ecr');
    try {
      for (let i = 0; i < names.length; i += 50) {
        await Promise.all(names.slice(i, i + 50).map((repositoryName) => ecr.send(new CreateRepositoryCommand({ repositoryName }))));
      }
      await config.update('registries', [{ profile: 'sandbox-east', region, endpoint, label: 'many repositories' }], vscode.ConfigurationTarget.Global);
      await connected();
      const registry = await find('many repositories');
      await setFaults({ latencyMs: LATENCY_MS });
      await resetRequestCounts();
      // The registry's Registry Settings row comes first, then the repositories' own rows.
      const repositoryRows = async () => (await rows(registry.node)).filter((r) => r.node.kind !== 'registrySettings');
      const first = await repositoryRows();
      assert.equal(first[0].label, 'Loading… 1,000 repositories so far');
      const shown = labels(first.slice(1, 1 + SHOWN));
      assert.deepEqual(shown, [...shown].sort(), 'by name among those loaded');
      assert.equal(first.at(-1)?.label, 'Show more (990 more)');
      await eventually(async () => (await repositoryRows())[0].node.kind !== 'progress', 'the last page', 10_000);
      assert.deepEqual(labels(await repositoryRows()), [...names.slice(0, SHOWN), 'Show more (1190 more)']);
      assert.equal((await requestCounts()).DescribeRepositories, 2);
    } finally {
      await setFaults('reset');
      await config.update('registries', undefined, vscode.ConfigurationTarget.Global);
      for (let i = 0; i < names.length; i += 50) {
        await Promise.all(names.slice(i, i + 50).map((repositoryName) => ecr.send(new DeleteRepositoryCommand({ repositoryName })).catch(() => undefined)));
      }
      ecr.destroy();
    }
  });
});
