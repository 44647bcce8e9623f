// The Docker Engine stops mid-session and starts again: the push in between says where no engine
// answered, and the next push works without reloading the window. The engine here is a relay to
// the machine's engine that the journey stops and starts (the machine's own dockerd is shared).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension } from '../helpers';
import { notificationsWith, requireUi, waitForElements } from '../ui';
import { EAST, find } from '../explorer/tree';
import { EngineRelay } from './engineRelay';
import { Journey, ROWS } from './journey';

describe('Journey: the Docker Engine stops, then starts again', function () {
  this.timeout(180_000);
  let journey: Journey;
  const relay = new EngineRelay();
  beforeEach(async () => (journey = await Journey.start()));
  afterEach(async () => {
    await relay.stop();
    await journey.end();
  });

  it('says no engine answered while it is down; the next push works without a reload', async function () {
    requireUi(this);
    const api = await activateExtension();
    const { name, push } = await journey.pushable('svc');

    // The person's engine is at its own socket; a first push works.
    await relay.start();
    await journey.setting('docker.host', `unix://${relay.path}`);
    const first = await push('before', 'first');
    assert.match(first?.digest ?? '', /^sha256:/, JSON.stringify(first));

    // The engine stops: the push fails and the notification says where no engine answered.
    await relay.stop();
    const down = await push('during', 'second');
    assert.equal(down?.error?.kind, 'docker-unavailable', JSON.stringify(down));
    const { shown, rows: notes } = await notificationsWith('No Docker Engine answered');
    assert.ok(shown, `notifications: ${notes.map((t) => t.text).join(' | ')}`);
    assert.ok(shown.text.includes(relay.path), shown.text);
    await vscode.commands.executeCommand('notifications.clearAll');

    // The engine starts again: the next push works in the same window, and the view shows it.
    await relay.start();
    const again = await push('after', 'third');
    assert.match(again?.digest ?? '', /^sha256:/, JSON.stringify(again));
    await journey.openView();
    await api.testing.explorerView.reveal((await find(EAST, name)).node, { expand: true });
    const rows = await waitForElements(ROWS, (r) => r.some((x) => x.visible && x.text.startsWith('after')), 20_000);
    assert.ok(rows.some((x) => x.visible && x.text.startsWith('after')), `rows: ${rows.map((r) => r.text).join(' | ')}`);
    assert.ok(!rows.some((x) => x.text.startsWith('during')), 'nothing was pushed while the engine was down');
  });
});
