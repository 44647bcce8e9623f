// Cleaning up a repository: a person deletes, from the ECR view's context menu, the image a
// Kubernetes manifest still runs; the manifest's diagnostic turns into "tag not found" on its own.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension } from '../helpers';
import { hoverText, waitForDiagnostics } from '../language/support';
import { answering } from '../prompts';
import { click, press, requireUi, waitForElements } from '../ui';
import { EAST, find } from '../explorer/tree';
import { Journey } from './journey';

const ROWS = '.pane-body .monaco-list-row';

describe('Journey: deleting the image a manifest runs', function () {
  this.timeout(180_000);
  let journey: Journey;
  beforeEach(async () => (journey = await Journey.start()));
  afterEach(() => journey.end());

  it('deletes the image from the view; the manifest says its tag is not found', async function () {
    requireUi(this);
    const api = await activateExtension();
    const { name, uri, push } = await journey.pushable('api');
    const tag = `gone-${journey.id}`;

    // The repository with one image, tagged with a name only this journey uses.
    const pushed = await push(tag);
    assert.match(pushed?.digest ?? '', /^sha256:/, JSON.stringify(pushed));

    // The manifest runs that image: only "not scanned", and the hover shows its digest.
    const manifest = await journey.open('deploy.yaml', `apiVersion: v1\nkind: Pod\nmetadata:\n  name: api\nspec:\n  containers:\n    - name: api\n      image: ${uri}:${tag}\n`);
    const atImage = new vscode.Position(7, '      image: '.length + 2);
    assert.ok((await hoverText(manifest, atImage)).includes(pushed.digest!.slice(7, 19)), 'the hover shows the digest');
    const before = await waitForDiagnostics(manifest.uri, (d) => d.some((x) => /not been scanned/.test(x.message)), 20_000);
    assert.ok(!before.some((d) => /not found/.test(d.message)), before.map((d) => d.message).join('\n'));

    // In the view, the image row under its repository.
    await journey.openView();
    await api.testing.explorerView.reveal((await find(EAST, name)).node, { expand: true });
    const row = `${ROWS}:has-text("${tag}")`;
    const shown = await waitForElements(row, (rows) => rows.some((r) => r.visible), 20_000);
    assert.ok(shown.some((r) => r.visible), `no visible row "${tag}"`);

    // Right-click it, "Delete Image...", confirm: the row goes.
    const asked = await answering([true], async () => {
      await click(row);
      await press('Shift+F10');
      await click('.monaco-menu .action-item:has-text("Delete Image...")');
      const after = await waitForElements(row, (rows) => rows.length === 0, 20_000);
      assert.equal(after.length, 0, 'the deleted image\'s row is gone');
    });
    assert.match(asked.join('\n'), /confirm: Delete image .*from .*\[Delete\]/, asked.join('\n'));

    // Without editing the manifest or refreshing: its image is now "not found", on hover too.
    const diagnostics = await waitForDiagnostics(manifest.uri, (d) => d.some((x) => /not found/.test(x.message)), 20_000);
    assert.match(diagnostics.map((d) => d.message).join('\n'), new RegExp(`Tag "${tag}" not found in repository "${name}"`));
    assert.match(await hoverText(manifest, atImage), /not found in the repository/);
  });
});
