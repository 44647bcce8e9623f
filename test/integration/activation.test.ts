import * as assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { activateExtension, packageJson } from './helpers';
import { emit } from './output';
import { requireUi, screenshot, waitForElements } from './ui';

describe('Activation', () => {
  it('activates and reports its activation time', async () => {
    const api = await activateExtension();
    assert.equal(typeof api.activationMs, 'number');
    assert.ok(api.activationMs > 0);
  });

  it('registers exactly the commands it contributes', async () => {
    await activateExtension();
    const contributed = packageJson().contributes.commands.map((c) => c.command).sort();
    // An id may be listed more than once; `ecr.explorer.*` are the view commands VS Code adds.
    const all = new Set(await vscode.commands.getCommands(true));
    const registered = [...all].filter((id) => id.startsWith('ecr.') && !id.startsWith('ecr.explorer.')).sort();
    assert.deepEqual(registered, contributed);
  });

  it('contributes the view container, the view and its welcome content', () => {
    const contributes = packageJson().contributes as unknown as {
      viewsContainers: { activitybar: { id: string; icon: string }[] };
      views: Record<string, { id: string }[]>;
      viewsWelcome: { view: string; contents: string }[];
    };
    assert.deepEqual(contributes.viewsContainers.activitybar.map((c) => c.id), ['ecr']);
    assert.deepEqual(contributes.views.ecr.map((v) => v.id), ['ecr.explorer']);
    assert.ok(contributes.viewsWelcome.some((w) => w.view === 'ecr.explorer' && w.contents.includes('command:ecr.configureRegistries')));
  });

  it('opens the view when its command runs', async () => {
    await vscode.commands.executeCommand('workbench.view.extension.ecr');
    // The view's focus command exists only if VS Code registered the contributed view.
    await vscode.commands.executeCommand('ecr.explorer.focus');
  });

  it('writes to the "ECR" log channel, which the Show Log command opens', async function () {
    requireUi(this);
    await activateExtension();
    await vscode.commands.executeCommand('ecr.showLog');
    const panel = await waitForElements('.part.panel .monaco-editor .view-lines', (els) => els.some((e) => /Activated in [\d.]+ ms/.test(e.text)));
    assert.ok(panel.some((e) => /Activated in [\d.]+ ms/.test(e.text)), `log lines seen: ${panel.map((e) => e.text).join(' | ')}`);
    await vscode.commands.executeCommand('workbench.action.closePanel');
  });

  it('shows the activity-bar icon and, without registries, the welcome view (screenshot)', async function () {
    requireUi(this);
    // No AWS profiles and no settings: the explorer is empty and VS Code shows the welcome view.
    const saved = { config: process.env.AWS_CONFIG_FILE, credentials: process.env.AWS_SHARED_CREDENTIALS_FILE };
    const empty = join(mkdtempSync(join(tmpdir(), 'ecr-empty-')), 'none');
    process.env.AWS_CONFIG_FILE = empty;
    process.env.AWS_SHARED_CREDENTIALS_FILE = empty;
    try {
      await vscode.commands.executeCommand('ecr.refresh');
      await vscode.commands.executeCommand('workbench.view.extension.ecr');
      const icons = await waitForElements('.activitybar .action-item a.action-label', (els) => els.some((e) => e.ariaLabel?.startsWith('Amazon ECR') ?? false));
      assert.ok(icons.some((e) => e.ariaLabel?.startsWith('Amazon ECR')), `activity bar: ${icons.map((e) => e.ariaLabel).join(', ')}`);
      const welcome = await waitForElements('.welcome-view-content', (els) => els.some((e) => e.visible && e.text.includes('No ECR registries found')));
      assert.ok(welcome.some((e) => e.visible && e.text.includes('Add a Registry')), `welcome: ${welcome.map((e) => e.text).join(' | ')}`);
      emit(`screenshot: ${await screenshot('activity-bar-and-welcome')}`);
    } finally {
      process.env.AWS_CONFIG_FILE = saved.config;
      process.env.AWS_SHARED_CREDENTIALS_FILE = saved.credentials;
      await vscode.commands.executeCommand('ecr.refresh');
    }
  });
});
