// Long registry lists stay readable: profiles that reach one account and region are one row
// (switchable), and regions or profiles the user does not use can be hidden and shown again.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { CreateRepositoryCommand, DeleteRepositoryCommand } from '@aws-sdk/client-ecr';
import { waitForDiagnostics } from '../language/support';
import { eventually } from '../helpers';
import { answering } from '../prompts';
import { addProfileLikeEast, sandboxInfo, sdkClient, setFaults } from '../sandbox';
import { connected, EAST, find, rows, WEST } from './tree';

describe('Explorer registry rows: one row per account and region, hidden regions and profiles', () => {
  const config = () => vscode.workspace.getConfiguration('ecr');
  before(() => setFaults('reset'));
  afterEach(async () => {
    await config().update('explorer.hiddenRegions', undefined, vscode.ConfigurationTarget.Global);
    await config().update('explorer.hiddenProfiles', undefined, vscode.ConfigurationTarget.Global);
  });

  it('shows a second profile of the same account as "+1 profile" on one row, and switches the row to it', async () => {
    const id = Date.now().toString(36);
    const profile = `east-ci-${id}`;
    const repositoryName = `rows/${id}`;
    const restore = addProfileLikeEast(profile);
    await sdkClient(0).send(new CreateRepositoryCommand({ repositoryName }));
    try {
      await vscode.commands.executeCommand('ecr.refresh');
      // The new profile connects like any other, then joins sandbox-east's row.
      let seen = '';
      await eventually(async () => {
        const now = await rows();
        seen = now.map((r) => `${r.label} [${r.description}] ${r.tooltip.split('\n').slice(-1)[0]}`).join(' | ');
        return now.length === 2;
      }, 'the new profile joins a row', 40_000).catch((e: Error) => assert.fail(`${e.message}: ${seen}`));
      await connected();
      const top = await rows();
      assert.deepEqual(top.map((r) => [r.label, r.description]), [
        [EAST, '111111111111 · us-east-1 · +1 profile'],
        [WEST, `${sandboxInfo().accounts[1].accountId} · eu-west-1`],
      ]);
      assert.match(top[0].tooltip, new RegExp(`Also reached by: ${profile} \\(Switch Profile`));
      assert.equal(top[0].contextValue, 'registry:shared');

      const asked = await answering([profile], () => vscode.commands.executeCommand('ecr.switchRegistryProfile', top[0].node));
      assert.deepEqual(asked, [`pick: Profile to reach 111111111111 (us-east-1) with (sandbox-east, ${profile})`]);
      const switched = `${profile} (us-east-1)`;
      assert.deepEqual((await rows()).map((r) => [r.label, r.description]).slice(0, 1), [[switched, '111111111111 · us-east-1 · +1 profile']]);
      await find(switched, repositoryName);

      await vscode.commands.executeCommand('ecr.hideRegistryProfile', (await rows())[0].node);
      assert.deepEqual(config().get('explorer.hiddenProfiles'), [profile]);
      assert.deepEqual((await rows()).map((r) => [r.label, r.description]).slice(0, 1), [[EAST, '111111111111 · us-east-1']]);
    } finally {
      restore();
      await sdkClient(0).send(new DeleteRepositoryCommand({ repositoryName, force: true }));
      await vscode.commands.executeCommand('ecr.refresh');
    }
  });

  it('hides a region from its row and shows it again from "Show Hidden Regions and Profiles"', async () => {
    await connected();
    const west = (await rows()).find((r) => r.label === WEST);
    assert.ok(west);
    assert.equal(await vscode.commands.executeCommand('ecr.hideRegistryRegion', west.node), 'eu-west-1');
    assert.deepEqual(config().get('explorer.hiddenRegions'), ['eu-west-1']);
    assert.deepEqual((await rows()).map((r) => r.label), [EAST], 'hidden without a new discovery');

    const asked = await answering(['eu-west-1'], () => vscode.commands.executeCommand('ecr.showHiddenRegistries'));
    assert.deepEqual(asked, ['pick: Show again in the ECR view (eu-west-1)']);
    assert.deepEqual(config().get('explorer.hiddenRegions'), []);
    assert.deepEqual((await rows()).map((r) => r.label), [EAST, WEST]);
  });

  it('still checks image references of a hidden region in files', async () => {
    await config().update('explorer.hiddenRegions', ['eu-west-1'], vscode.ConfigurationTarget.Global);
    const { registries } = sandboxInfo();
    const document = await vscode.workspace.openTextDocument({ language: 'dockerfile', content: `FROM ${registries[1].host}/no-such-repo-${Date.now()}:1\n` });
    await vscode.window.showTextDocument(document);
    try {
      const [diagnostic] = await waitForDiagnostics(document.uri, (ds) => ds.length > 0);
      assert.match(diagnostic.message, /^Repository "no-such-repo-\d+" does not exist in /);
    } finally {
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
  });
});
