// Two registries that reach the same account (a profile's registry, and the same one added in
// settings under another address): both rows list the account's repositories, the editor looks
// images up once, and a push shows in both rows without a refresh.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension } from '../helpers';
import { hoverText, waitForDiagnostics } from '../language/support';
import { answering } from '../prompts';
import { sandboxInfo } from '../sandbox';
import type { UiElement } from '../../launch/workbench';
import { requireUi, waitForElements } from '../ui';
import { connected, EAST, find, rows } from '../explorer/tree';
import { Journey } from './journey';

describe('Journey: two registries that reach the same account', function () {
  this.timeout(180_000);
  let journey: Journey;
  beforeEach(async () => (journey = await Journey.start()));
  afterEach(() => journey.end());

  it('lists the account under both, looks images up once, and shows a push under both', async function () {
    requireUi(this);
    const api = await activateExtension();
    const pushable = await journey.pushable('shared');
    const { name, uri } = pushable;
    const push = async (tag: string) => {
      const outcome = await pushable.push(tag);
      assert.match(outcome?.digest ?? '', /^sha256:/, JSON.stringify(outcome));
      return outcome!.digest!;
    };
    const v1 = await push('v1');

    // The same sandbox account, added in settings under another address of the same endpoint.
    const label = `Same account ${journey.id}`;
    const other = sandboxInfo().endpoint.replace('127.0.0.1', 'localhost');
    await journey.setting('registries', [{ region: 'us-east-1', profile: 'sandbox-east', endpoint: other, label }]);
    await vscode.commands.executeCommand('workbench.view.extension.ecr');
    await connected();
    const top = await rows();
    for (const row of [EAST, label]) assert.ok(top.some((r) => r.label === row && r.description.includes('111111111111')), `rows: ${top.map((r) => `${r.label} ${r.description}`).join(' | ')}`);

    // The editor finds the image (not "ambiguous", not two answers).
    const manifest = await journey.open('pod.yaml', `apiVersion: v1\nkind: Pod\nmetadata:\n  name: s\nspec:\n  containers:\n    - name: s\n      image: ${uri}:v1\n`);
    const hover = await hoverText(manifest, new vscode.Position(7, '      image: '.length + 2));
    assert.equal(hover.split('**ECR image**').length - 1, 1, hover);
    assert.ok(hover.includes(v1.slice(7, 19)), hover);

    // The account has many repositories; the person filters the view to theirs, so both registries'
    // rows fit on screen.
    await answering([name], () => vscode.commands.executeCommand('ecr.filterRepositories'));
    // Both rows, expanded to the repository, show v1; a push of v2 shows under both without a refresh.
    for (const registry of [EAST, label]) await api.testing.explorerView.reveal((await find(registry, name)).node, { expand: true });
    // Image rows (their accessible text lists the tags): the journey's id, in the repository's and
    // the second registry's labels, may contain "v1" too.
    const tagRows = (tag: string) => `.pane-body .monaco-list-row:has-text("${tag}")`;
    const shown = (tag: string) => (rows: UiElement[]) => rows.filter((x) => x.visible && new RegExp(`^Tags: (?:.*, )?${tag}(?:,|$)`, 'm').test(x.ariaLabel ?? ''));
    const both = async (tag: string) => shown(tag)(await waitForElements(tagRows(tag), (r) => shown(tag)(r).length === 2, 20_000));
    assert.equal((await both('v1')).length, 2, 'v1 under both registries');
    await push('v2');
    assert.equal((await both('v2')).length, 2, 'v2 under both registries, without a refresh');
    await waitForDiagnostics(manifest.uri, (d) => !d.some((x) => /not found|cannot be checked/.test(x.message)), 10_000);
  });
});
