import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { sandboxInfo } from '../sandbox';
import { connected, EAST, find, refreshAll, rows, WEST } from './tree';

describe('Explorer tree', () => {
  before(refreshAll);
  afterEach(async () => {
    await vscode.workspace.getConfiguration('ecr').update('pageSize', undefined, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('ecr.clearFilter');
  });

  it('lists one registry per AWS profile, with account and region', async () => {
    const registries = await rows();
    assert.deepEqual(registries.map((r) => r.label), [EAST, WEST]);
    const [east, west] = sandboxInfo().accounts;
    assert.equal(registries[0].description, `${east.accountId} · us-east-1`);
    assert.equal(registries[1].description, `${west.accountId} · eu-west-1`);
    assert.match(registries[0].tooltip, /Profile: sandbox-east/);
  });

  it('adds the registries of the ecr.registries setting, with their labels', async () => {
    const { endpoint, accounts } = sandboxInfo();
    const config = vscode.workspace.getConfiguration('ecr');
    await config.update('registries', [{ profile: 'sandbox-west', region: 'us-east-1', endpoint, label: 'West creds in us-east-1' }], vscode.ConfigurationTarget.Global);
    try {
      await connected();
      const registries = await rows();
      const added = registries.find((r) => r.label === 'West creds in us-east-1');
      assert.ok(added, `registries: ${registries.map((r) => r.label).join(' | ')}`);
      assert.equal(added.description, `${accounts[1].accountId} · us-east-1`);
      assert.match(added.tooltip, new RegExp(`Endpoint: ${endpoint}`));
      assert.ok(registries.some((r) => r.label === EAST) && registries.some((r) => r.label === WEST), 'the profiles stay');
    } finally {
      await config.update('registries', undefined, vscode.ConfigurationTarget.Global);
    }
    assert.deepEqual((await rows()).map((r) => r.label), [EAST, WEST]);
  });

  it('lists repositories sorted by name, with badges', async () => {
    const repositories = await rows((await find(EAST)).node);
    assert.deepEqual(
      repositories.map((r) => r.label),
      ['Registry Settings', 'clean-app', 'empty-repo', 'immutable-api', 'lifecycle-demo', 'multi-arch', 'scan-on-push', 'team-a/web.app_1', 'unsupported-os', 'web'],
    );
    assert.equal(repositories.find((r) => r.label === 'immutable-api')?.description, 'immutable');
    assert.equal(repositories.find((r) => r.label === 'scan-on-push')?.description, 'scan on push');
    const web = repositories.find((r) => r.label === 'web');
    assert.match(web?.tooltip ?? '', new RegExp(`URI: ${sandboxInfo().registries[0].host}/web`));
    assert.match(web?.tooltip ?? '', /ARN: arn:aws:ecr:us-east-1:111111111111:repository\/web/);
    const payments = await find(WEST, 'payments/api');
    assert.equal(payments.description, 'KMS');
  });

  it('lists images newest first with size, age and severity counts', async () => {
    const images = await rows((await find(EAST, 'web')).node);
    assert.deepEqual(images.map((r) => r.label), ['latest, v1.2.0', 'v1.1.0', '<untagged>', 'v1.0.0']);
    assert.match(images[0].description, /^\d+(\.\d)? (B|KB|MB) · 1 d ago · C\d+( H\d+)?/);
    assert.match(images[0].tooltip, /Digest: sha256:[0-9a-f]{64}/);
    assert.match(images[0].tooltip, /Scan: COMPLETE/);
    assert.equal(images[2].contextValue, 'image:untagged:single:active');
  });

  it('pages long lists behind "Show more"', async () => {
    await vscode.workspace.getConfiguration('ecr').update('pageSize', 3, vscode.ConfigurationTarget.Global);
    const east = (await find(EAST)).node;
    let repositories = await rows(east);
    assert.deepEqual(repositories.map((r) => r.label), ['Registry Settings', 'clean-app', 'empty-repo', 'immutable-api', 'Show more (6 more)']);
    await vscode.commands.executeCommand('ecr.showMore', repositories[4].node);
    repositories = await rows(east);
    assert.deepEqual(repositories.map((r) => r.label).slice(4), ['lifecycle-demo', 'multi-arch', 'scan-on-push', 'Show more (3 more)']);
    const images = await rows(repositories[4].node);
    assert.deepEqual(images.map((r) => r.label), ['latest', '<untagged>', 'stable', 'Show more (10 more)']);
  });

  it('expands a multi-platform index to its platforms', async () => {
    const index = await find(EAST, 'multi-arch', 'latest');
    assert.equal(index.contextValue, 'image:tagged:index:active');
    const platforms = await rows(index.node);
    assert.deepEqual(platforms.map((r) => r.label), ['linux/amd64', 'linux/arm64/v8']);
  });

  it('says so when a repository is empty', async () => {
    assert.deepEqual((await rows((await find(EAST, 'empty-repo')).node)).map((r) => r.label), ['No images']);
  });

  it('filters repositories by name, ignoring case', async () => {
    await vscode.commands.executeCommand('ecr.filterRepositories', 'WEB');
    assert.deepEqual((await rows((await find(EAST)).node)).map((r) => r.label), ['Registry Settings', 'team-a/web.app_1', 'web']);
    await vscode.commands.executeCommand('ecr.clearFilter');
    assert.equal((await rows((await find(EAST)).node)).length, 10);
  });
});
