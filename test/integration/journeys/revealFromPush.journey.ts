// After a push, the person clicks "Reveal in ECR Explorer" on the "Pushed" notification, then keeps
// working in the revealed repository: an image deleted from its context menu goes, and the next push
// shows, without a manual refresh (the notification's own lookup must not take the rows from VS Code).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension } from '../helpers';
import { answering } from '../prompts';
import { click, press, requireUi, waitForElements } from '../ui';
import { EAST, find } from '../explorer/tree';
import { Journey } from './journey';

const ROWS = '.pane-body .monaco-list-row';


describe('Journey: a repository revealed from the "Pushed" notification', function () {
  this.timeout(180_000);
  let journey: Journey;
  beforeEach(async () => (journey = await Journey.start()));
  afterEach(() => journey.end());

  it('keeps following changes: a deleted image goes, the next push shows', async function () {
    requireUi(this);
    const api = await activateExtension();
    const pushable = await journey.pushable('site');
    const { name } = pushable;
    const push = async (tag: string) => {
      const outcome = await pushable.push(tag);
      assert.match(outcome?.digest ?? '', /^sha256:/, JSON.stringify(outcome));
    };

    // The view is open on the registry, the repository in sight (its registry row expanded).
    await journey.openView();
    await api.testing.explorerView.reveal((await find(EAST, name)).node, { select: true });
    const listed = await waitForElements(ROWS, (r) => r.some((x) => x.visible && x.text.includes(name)), 20_000);
    assert.ok(listed.some((x) => x.visible && x.text.includes(name)), `rows: ${listed.map((x) => x.text).join(' | ')}`);

    // A push; the person clicks "Reveal in ECR Explorer" on its notification.
    await push('first');
    await vscode.commands.executeCommand('notifications.showList');
    const note = `.notifications-center .monaco-list-row:has-text("Pushed ${name.slice(name.lastIndexOf('/') + 1)}:first ")`;
    const shown = await waitForElements(note, (r) => r.some((x) => x.visible), 20_000);
    assert.ok(shown.some((x) => x.visible), 'a "Pushed" notification');
    await click(`${note} .monaco-button:has-text("Reveal in ECR Explorer")`);
    await vscode.commands.executeCommand('notifications.hideList');
    const first = `${ROWS}:has-text("first")`;
    const revealed = await waitForElements(first, (r) => r.some((x) => x.visible), 20_000);
    assert.ok(revealed.some((x) => x.visible), 'the revealed repository shows the pushed image');

    // Right-click the image, "Delete Image...", confirm: the row goes.
    await answering([true], async () => {
      await click(first);
      await press('Shift+F10');
      await click('.monaco-menu .action-item:has-text("Delete Image...")');
      const after = await waitForElements(first, (r) => r.length === 0, 20_000);
      assert.equal(after.length, 0, "the deleted image's row is gone");
    });

    // The next push shows in the revealed repository, without a refresh.
    await push('second');
    const second = await waitForElements(`${ROWS}:has-text("second")`, (r) => r.some((x) => x.visible), 20_000);
    assert.ok(second.some((x) => x.visible), 'the next push shows under the repository');
  });
});
