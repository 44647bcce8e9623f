// Registries from settings, looked up by the editor before the ECR view was ever opened, on a slow
// network: the view draws every registry at once, says which are still connecting, and never
// shows "No ECR registries found" while they do.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { waitForDiagnostics } from '../language/support';
import { registryHost } from '../push/support';
import { sandboxInfo, setFaults } from '../sandbox';
import { query, requireUi, waitForElements } from '../ui';
import { Journey, ROWS } from './journey';

const WELCOME = '.welcome-view-content';

describe('Journey: registries from settings on a slow network, looked up before the view opens', function () {
  this.timeout(180_000);
  let journey: Journey;
  beforeEach(async () => (journey = await Journey.start()));
  afterEach(() => journey.end());

  it('lists the registries at once, marks them connecting, then fills in their accounts', async function () {
    // A region of its own: a registry row no earlier journey expanded (VS Code keeps expansion by id).
    requireUi(this);
    const label = `Sandbox from settings ${journey.id}`;
    await journey.setting('registries', [{ region: 'ap-south-1', profile: 'sandbox-east', endpoint: sandboxInfo().endpoint, label }]);
    await vscode.commands.executeCommand('workbench.action.closeSidebar');

    // The editor looks an image up first (through the registries, before the view was opened).
    const manifest = await journey.open('pod.yaml', `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: c\n      image: ${registryHost(0)}/${journey.id}/none:v1\n`);
    await waitForDiagnostics(manifest.uri, (d) => d.some((x) => /does not exist/.test(x.message)), 30_000);

    // Every ECR call now takes 2 s; a refresh starts the registries' connections again.
    // A view whose rows are all collapsed (VS Code redraws an expanded row only with its children).
    await vscode.commands.executeCommand('workbench.view.extension.ecr');
    await vscode.commands.executeCommand('workbench.actions.treeView.ecr.explorer.collapseAll');
    await setFaults({ latencyMs: 2_000 });
    await vscode.commands.executeCommand('ecr.refresh');
    // The row comes at once and says it is connecting (each connection takes two 2 s calls).
    const connecting = (r: { visible: boolean; text: string }) => r.visible && r.text.includes(label) && /connecting/.test(r.text);
    const first = await waitForElements(ROWS, (rows) => rows.some(connecting), 10_000);
    assert.ok(first.some(connecting), `rows: ${first.map((r) => r.text).join(' | ')}`);
    assert.ok(!(await query(WELCOME)).some((w) => w.visible && w.text.includes('No ECR registries found')), 'the welcome shows while loading');

    // Every registry connects in its own time (on a busy machine, the others after this one).
    const done = (rows: { visible: boolean; text: string }[]) =>
      rows.some((r) => r.visible && r.text.includes(label) && r.text.includes('111111111111')) && !rows.some((r) => /connecting/.test(r.text));
    const settled = await waitForElements(ROWS, done, 30_000);
    assert.ok(done(settled), `rows: ${settled.map((r) => r.text).join(' | ')}`);
  });
});
