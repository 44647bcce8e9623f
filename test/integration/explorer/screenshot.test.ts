import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension } from '../helpers';
import { emit } from '../output';
import { requireUi, screenshot, waitForElements } from '../ui';
import { EAST, find, refreshAll } from './tree';

describe('Explorer on screen', () => {
  it('shows the expanded tree as a user sees it (screenshot, rows read back)', async function () {
    requireUi(this);
    await refreshAll();
    const { explorerView } = (await activateExtension()).testing;
    await vscode.commands.executeCommand('workbench.view.extension.ecr');
    const expected = [EAST, 'clean-app', 'immutable-api', 'web', 'latest, v1.2.0', 'v1.1.0', '<untagged>'];
    // Registries redraw as each connects; a reveal made during such a redraw can be dropped by VS Code: reveal again.
    let rows: Awaited<ReturnType<typeof waitForElements>> = [];
    for (let attempt = 0; attempt < 3 && !expected.every((label) => rows.some((e) => e.visible && e.text.includes(label))); attempt++) {
      await explorerView.reveal((await find(EAST, 'web')).node, { expand: true, select: true, focus: true });
      rows = await waitForElements('.pane-body .monaco-list-row', (els) => expected.every((label) => els.some((e) => e.visible && e.text.includes(label))), 5_000);
    }
    const visible = rows.filter((r) => r.visible).map((r) => r.text);
    for (const label of expected) assert.ok(visible.some((text) => text.includes(label)), `"${label}" is not on screen; rows: ${visible.join(' | ')}`);
    // Order on screen: the registry, its repositories by name, then web's images newest first.
    const at = (label: string) => visible.findIndex((text) => text.startsWith(label));
    assert.ok(at(EAST) < at('clean-app') && at('clean-app') < at('web') && at('web') < at('latest, v1.2.0') && at('latest, v1.2.0') < at('v1.1.0'));
    assert.ok(visible.some((text) => /latest, v1\.2\.0.*1 d ago.*C\d/.test(text)), 'the image row shows age and severity counts');
    emit(`screenshot: ${await screenshot('explorer-tree')}`);
  });
});
