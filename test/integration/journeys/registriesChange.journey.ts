// The person edits `ecr.registries` while the view is still connecting on a slow network: the
// view follows the new list (the old entry goes, the new one connects), nothing stays "connecting".
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { sandboxInfo, setFaults } from '../sandbox';
import { requireUi, waitForElements } from '../ui';
import { Journey, ROWS } from './journey';

describe('Journey: ecr.registries changed while the view is loading', function () {
  this.timeout(180_000);
  let journey: Journey;
  beforeEach(async () => (journey = await Journey.start()));
  afterEach(() => journey.end());

  it('drops the old entry, connects the new one, and leaves nothing connecting', async function () {
    requireUi(this);
    const { endpoint } = sandboxInfo();
    const first = `First ${journey.id}`;
    const second = `Second ${journey.id}`;
    await setFaults({ latencyMs: 2_000 });
    await journey.setting('registries', [{ region: 'ap-northeast-1', profile: 'sandbox-east', endpoint, label: first }]);
    await vscode.commands.executeCommand('workbench.view.extension.ecr');
    const connecting = await waitForElements(ROWS, (rows) => rows.some((r) => r.visible && r.text.includes(first) && /connecting/.test(r.text)), 10_000);
    assert.ok(connecting.some((r) => r.text.includes(first) && /connecting/.test(r.text)), `rows: ${connecting.map((r) => r.text).join(' | ')}`);

    // Still connecting: the person replaces the entry in settings.
    await journey.setting('registries', [{ region: 'ap-northeast-2', profile: 'sandbox-east', endpoint, label: second }]);
    const settled = (rows: { visible: boolean; text: string }[]) =>
      rows.some((r) => r.visible && r.text.includes(second) && r.text.includes('111111111111')) && !rows.some((r) => /connecting/.test(r.text));
    const after = await waitForElements(ROWS, settled, 40_000);
    assert.ok(settled(after), `rows: ${after.map((r) => r.text).join(' | ')}`);
    assert.ok(!after.some((r) => r.text.includes(first)), `the replaced entry is gone: ${after.map((r) => r.text).join(' | ')}`);
  });
});
