// Replication in the real workbench against the sandbox's two registries (east replicates to west).
import * as assert from 'node:assert/strict';
import {
  CreateRepositoryCommand,
  DeleteRepositoryCommand,
  DescribeImageReplicationStatusCommand,
  DescribeRegistryCommand,
  DescribeRepositoriesCommand,
  GetAuthorizationTokenCommand,
  PutReplicationConfigurationCommand,
  type ReplicationRule,
} from '@aws-sdk/client-ecr';
import * as vscode from 'vscode';
import { RegistryPusher } from '../../sandbox/seed/pusher';
import { buildImage } from '../../sandbox/seed/seeder';
import { activateExtension, eventually } from '../helpers';
import { answering } from '../prompts';
import { requestCounts, resetRequestCounts, sdkClient, setFaults } from '../sandbox';
import { EAST, WEST, find, refreshAll, rows } from './tree';

const east = () => sdkClient(0);
const WEST_DEST = { region: 'eu-west-1', registryId: '222222222222' };

async function eastRules(): Promise<ReplicationRule[]> {
  return (await east().send(new DescribeRegistryCommand({}))).replicationConfiguration?.rules ?? [];
}

async function setEastRules(rules: ReplicationRule[]): Promise<void> {
  await east().send(new PutReplicationConfigurationCommand({ replicationConfiguration: { rules } }));
}

describe('Explorer replication', function () {
  this.timeout(60_000);
  let saved: ReplicationRule[] = [];
  before(async () => {
    await refreshAll();
    saved = await eastRules();
  });
  afterEach(async () => {
    await setFaults('reset');
    await setEastRules(saved);
  });

  it('adds a rule from the Replication row, shows it, and removes it', async () => {
    await setEastRules([]);
    const replication = await find(EAST, 'Registry Settings', 'Replication');
    assert.equal(replication.contextValue, 'replication');
    assert.deepEqual((await rows(replication.node)).map((r) => r.label), ['No replication rules']);

    await answering(['eu-west-1/222222222222', 'repl-a, repl-b'], () => vscode.commands.executeCommand('ecr.addReplicationRule', replication.node));
    assert.deepEqual(await eastRules(), [
      { destinations: [WEST_DEST], repositoryFilters: [{ filter: 'repl-a', filterType: 'PREFIX_MATCH' }, { filter: 'repl-b', filterType: 'PREFIX_MATCH' }] },
    ]);
    const [rule] = await rows((await find(EAST, 'Registry Settings', 'Replication')).node);
    assert.equal(rule.label, '→ eu-west-1 (222222222222)');
    assert.equal(rule.description, 'repositories starting with repl-a, repl-b');

    const asked = await answering([true], () => vscode.commands.executeCommand('ecr.removeReplicationRule', rule.node));
    assert.match(asked[0], /Remove the replication rule "→ eu-west-1 \(222222222222\)"/);
    assert.deepEqual(await eastRules(), []);
    assert.deepEqual((await rows((await find(EAST, 'Registry Settings', 'Replication')).node)).map((r) => r.label), ['No replication rules']);
  });

  it('refuses an eleventh rule before calling ECR', async () => {
    const ten = Array.from({ length: 10 }, (_, i): ReplicationRule => ({ destinations: [WEST_DEST], repositoryFilters: [{ filter: `team-${i}`, filterType: 'PREFIX_MATCH' }] }));
    await setEastRules(ten);
    await resetRequestCounts();
    const replication = await find(EAST, 'Registry Settings', 'Replication');
    await answering(['eu-west-1/222222222222', ''], () => vscode.commands.executeCommand('ecr.addReplicationRule', replication.node));
    assert.equal((await requestCounts()).PutReplicationConfiguration ?? 0, 0, 'no call made');
    assert.equal((await eastRules()).length, 10);
  });

  it('a push to a replicated repository appears in sandbox-west; the image tooltip shows COMPLETE', async () => {
    const name = `repl-push-${Date.now()}`;
    await setEastRules([{ destinations: [WEST_DEST], repositoryFilters: [{ filter: name, filterType: 'PREFIX_MATCH' }] }]);
    await east().send(new CreateRepositoryCommand({ repositoryName: name }));
    try {
      const data = (await east().send(new GetAuthorizationTokenCommand({}))).authorizationData?.[0];
      const pusher = new RegistryPusher(new URL(data?.proxyEndpoint ?? '').host, `Basic ${data?.authorizationToken ?? ''}`);
      const image = buildImage(name, 'v1', { os: 'linux', architecture: 'amd64' }, false);
      for (const blob of image.blobs) await pusher.pushBlob(name, blob);
      await pusher.pushManifest(name, 'v1', image.manifest);

      const { explorer } = (await activateExtension()).testing;
      let tooltip = '';
      let lastSdk: unknown;
      await eventually(async () => {
        await vscode.commands.executeCommand('ecr.refresh');
        const row = await find(EAST, name, /^v1\b/);
        lastSdk = await east().send(new DescribeImageReplicationStatusCommand({ repositoryName: name, imageId: { imageTag: 'v1' } })).catch((e: Error) => e.message);
        const item = await explorer.resolveTreeItem(explorer.getTreeItem(row.node) as vscode.TreeItem, row.node);
        tooltip = typeof item?.tooltip === 'string' ? item.tooltip : '';
        return /eu-west-1 \(222222222222\): COMPLETE/.test(tooltip);
      }, 'replication COMPLETE in the tooltip').catch((error: Error) => {
        throw new Error(`${error.message}; the tooltip:\n${tooltip}\nSDK: ${JSON.stringify(lastSdk)}`);
      });
      assert.match(tooltip, /Replication:/);
      await find(WEST, name, /^v1\b/);
    } finally {
      await east().send(new DeleteRepositoryCommand({ repositoryName: name, force: true }));
      await sdkClient(1).send(new DeleteRepositoryCommand({ repositoryName: name, force: true })).catch(() => undefined);
    }
    await assert.rejects(sdkClient(1).send(new DescribeRepositoriesCommand({ repositoryNames: [name] })), /RepositoryNotFound/);
  });

  it('shows the denied action when DescribeRegistry is refused', async () => {
    await setFaults({ denyActions: ['ecr:DescribeRegistry'] });
    const children = await rows((await find(EAST, 'Registry Settings', 'Replication')).node);
    assert.equal(children.length, 1);
    assert.match(children[0].label, /ecr:DescribeRegistry/);
  });
});
