// A large repository on a slow network: the person presses Refresh while its images are still
// loading; the view settles on the full, right listing (one page and "Show more"), not a stale
// or doubled one, and nothing is left loading.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, eventually } from '../helpers';
import { sandboxInfo, setFaults } from '../sandbox';
import { click, requireUi, waitForElements } from '../ui';
import { connected, EAST, find, rows } from '../explorer/tree';
import { Journey, ROWS } from './journey';

const COUNT = 2500;

describe('Journey: refresh while a large repository is loading', function () {
  this.timeout(180_000);
  let journey: Journey;
  beforeEach(async () => (journey = await Journey.start()));
  afterEach(() => journey.end());

  it('settles on one page of the repository and "Show more" with the right count', async function () {
    requireUi(this);
    const api = await activateExtension();
    const name = journey.repositoryName('large');
    const seeded = await fetch(`${sandboxInfo().endpoint}/__sandbox/bulk-seed`, { method: 'POST', body: JSON.stringify({ repositoryName: name, count: COUNT, tagPrefix: 'b' }) });
    assert.ok(seeded.ok, `bulk-seed: ${seeded.status} ${await seeded.text()}`);
    const pageSize = vscode.workspace.getConfiguration('ecr').get<number>('pageSize', 100);

    await vscode.commands.executeCommand('workbench.view.extension.ecr');
    await vscode.commands.executeCommand('ecr.refresh');
    await connected();
    // Every ECR call now takes a second: the repository's images take several calls to load.
    await setFaults({ latencyMs: 1_000 });
    void api.testing.explorerView.reveal((await find(EAST, name)).node, { expand: true });
    await click('.part.sidebar .action-label[aria-label="Refresh"]');

    // The view draws the repository's first images (the list is virtual: "Show more" is far below).
    const settled = (rows: { visible: boolean; text: string }[]) => rows.some((r) => r.visible && /^b\d+\d+ B/.test(r.text)) && !rows.some((r) => /connecting/i.test(r.text));
    const after = await waitForElements(ROWS, settled, 60_000);
    assert.ok(settled(after), `rows: ${after.map((r) => r.text).join(' | ')}`);
    // What the view holds under the repository once every page is in: one page, then "Show more" with the right count.
    const repository = (await find(EAST, name)).node;
    await eventually(async () => (await rows(repository))[0]?.node.kind !== 'progress', 'every page loaded', 30_000);
    const children = await rows(repository);
    assert.equal(children.length, pageSize + 1, `one page and "Show more": ${children.length} rows`);
    assert.equal(children.at(-1)?.label, `Show more (${COUNT - pageSize} more)`);
    assert.equal(new Set(children.map((c) => c.label)).size, children.length, 'no image twice');
  });
});
