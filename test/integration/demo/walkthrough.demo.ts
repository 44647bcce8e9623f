// The walkthrough a newcomer meets: contributed, each step's page shipped, and it opens.
import * as assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { activateExtension, EXTENSION_ID } from '../helpers';
import { emit } from '../output';
import { requireUi, screenshot, waitForElements } from '../ui';

interface Walkthrough {
  readonly id: string;
  readonly title: string;
  readonly steps: readonly { id: string; title: string; media: { markdown?: string }; completionEvents?: string[] }[];
}

function walkthrough(): { extensionPath: string; walkthrough: Walkthrough } {
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(extension);
  const contributed = (extension.packageJSON as { contributes: { walkthroughs?: Walkthrough[] } }).contributes.walkthroughs ?? [];
  const found = contributed.find((w) => w.id === 'ecr.gettingStarted');
  assert.ok(found, `no ecr.gettingStarted walkthrough in ${JSON.stringify(contributed.map((w) => w.id))}`);
  return { extensionPath: extension.extensionPath, walkthrough: found };
}

describe('Demo: the getting-started walkthrough', function () {
  this.timeout(60_000);

  before(() => activateExtension());

  it('leads through browse, push, hover and scan, each step with its page in media/ and an event that completes it', () => {
    const { extensionPath, walkthrough: w } = walkthrough();
    assert.deepEqual(w.steps.map((s) => s.id), ['browse', 'push', 'hover', 'scan']);
    for (const step of w.steps) {
      const page = step.media.markdown ?? '';
      assert.match(page, /^media\//, `${step.id}: its page must be under media/ (the only folder the VSIX ships)`);
      assert.ok(existsSync(join(extensionPath, page)), `${step.id}: ${page} is missing`);
      assert.ok(step.completionEvents?.length, `${step.id} has no completion event`);
    }
    assert.ok(w.steps[0].completionEvents?.includes('onView:ecr.explorer'));
    assert.ok(w.steps[1].completionEvents?.includes('onCommand:ecr.buildTagPush'));
    assert.ok(w.steps[3].completionEvents?.includes('onCommand:ecr.startScan'));
  });

  it('opens from "Welcome: Open Walkthrough…" and shows its steps', async function () {
    requireUi(this);
    const { walkthrough: w } = walkthrough();
    await vscode.commands.executeCommand('workbench.action.openWalkthrough', `${EXTENSION_ID}#${w.id}`, false);
    const titles = w.steps.map((s) => s.title);
    const shown = await waitForElements('.gettingStartedContainer', (els) => els.some((e) => e.visible && titles.every((t) => e.text.includes(t))), 20_000);
    assert.ok(shown.some((e) => e.visible && e.text.includes(w.title)), `the walkthrough page shows: ${shown.map((e) => e.text).join(' | ').slice(0, 500)}`);
    emit(`screenshot: ${await screenshot('walkthrough')}`);
  });
});
