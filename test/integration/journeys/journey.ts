// What every journey starts from: files, repositories and settings of its own, removed afterwards,
// and a window as a person finds it (ECR view closed and collapsed, no filter, no notification,
// nothing loaded yet), so any subset of journeys runs alone (ECR_TEST_GREP) or in any order.
import * as assert from 'node:assert/strict';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { DeleteRepositoryCommand } from '@aws-sdk/client-ecr';
import * as vscode from 'vscode';
import { connect } from '../../../src/docker/connection';
import { activateExtension } from '../helpers';
import { answering } from '../prompts';
import { EAST } from '../explorer/tree';
import { waitForElements } from '../ui';
import { registryHost, removeLocalImages } from '../push/support';
import { sdkClient, setFaults } from '../sandbox';

/** What "Build, Tag and Push" returns to its caller. */
export interface PushOutcome {
  readonly digest?: string;
  readonly error?: { kind: string; message: string };
}

/** The ECR view's rows, as the page draws them. */
export const ROWS = '.pane-body .monaco-list-row';

/** A repository of the journey's own and a Dockerfile to push to it. */
export interface Pushable {
  readonly name: string;
  readonly uri: string;
  readonly dockerfile: string;
  /** What the Create Repository prompts asked. */
  readonly asked: readonly string[];
  /** Runs "Build, Tag and Push" of an image whose content differs per `note` (the tag by default). */
  push(tag: string, note?: string): Promise<PushOutcome>;
}

/** VS Code keeps a view's expanded rows by id, across refreshes; a journey starts with them collapsed. */
const COLLAPSE_VIEW = 'workbench.actions.treeView.ecr.explorer.collapseAll';

/** What an earlier journey may have left in the window: faults, a filter, open rows, notifications, loaded data. */
async function resetWindow(): Promise<void> {
  await activateExtension();
  await setFaults('reset');
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  await vscode.commands.executeCommand('notifications.clearAll');
  await vscode.commands.executeCommand('ecr.clearFilter');
  await Promise.resolve(vscode.commands.executeCommand(COLLAPSE_VIEW)).catch(() => undefined); // Not yet shown: nothing open.
  await vscode.commands.executeCommand('workbench.action.closeSidebar');
  await vscode.commands.executeCommand('ecr.refresh');
}

export class Journey {
  /** A journey in a window reset to how a person finds it; use in beforeEach. */
  static async start(): Promise<Journey> {
    await resetWindow();
    return new Journey();
  }

  private readonly cleanups: (() => Promise<unknown>)[] = [];
  /** A folder of the journey's own inside the workspace. */
  readonly folder: string;

  private constructor(readonly id = `j${Date.now().toString(36)}`) {
    const workspace = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
    assert.ok(workspace, 'the fixtures workspace is open');
    this.folder = join(workspace, `journey-${id}`);
    mkdirSync(this.folder, { recursive: true });
    this.cleanups.push(async () => rmSync(this.folder, { recursive: true, force: true }));
  }

  /** A repository name of the journey's own; deleted (with local images of it) at the end. */
  repositoryName(name: string, account = 0): string {
    const full = `${this.id}/${name}`;
    this.cleanups.push(
      () => sdkClient(account).send(new DeleteRepositoryCommand({ repositoryName: full, force: true })),
      async () => removeLocalImages((await connect()).docker, `${registryHost(account)}/${full}:`),
    );
    return full;
  }

  /** A repository created through the Create Repository prompts, and a folder with a Dockerfile for it. */
  async pushable(folder: string): Promise<Pushable> {
    const name = this.repositoryName(folder);
    const uri = `${registryHost(0)}/${name}`;
    const asked = await answering([EAST], () => vscode.commands.executeCommand('ecr.createRepository', undefined, { name }));
    const dockerfile = await this.write(`${folder}/Dockerfile`, `FROM scratch\nCOPY owner.txt /owner.txt\n`);
    const push = async (tag: string, note = tag): Promise<PushOutcome> => {
      await this.write(`${folder}/owner.txt`, `${this.id} ${note}`);
      return (await vscode.commands.executeCommand<PushOutcome | undefined>('ecr.buildTagPush', { dockerfile, repositoryUri: uri, tags: [tag] })) ?? {};
    };
    return { name, uri, dockerfile, asked, push };
  }

  /** Writes a file into the journey's folder; returns its path. */
  async write(name: string, text: string): Promise<string> {
    const path = join(this.folder, name);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
    return path;
  }

  /** Writes a file into the journey's folder and opens it in an editor, as a person does. */
  async open(name: string, text: string): Promise<vscode.TextDocument> {
    const path = await this.write(name, text);
    const document = await vscode.workspace.openTextDocument(path);
    await vscode.window.showTextDocument(document, { preview: false });
    return document;
  }

  /**
   * Opens the ECR view and waits until the registry's row is drawn, as a person looks before acting:
   * a reveal made while VS Code still draws the view's first rows can be dropped by VS Code.
   */
  async openView(registry = EAST): Promise<void> {
    await vscode.commands.executeCommand('workbench.view.extension.ecr');
    const drawn = await waitForElements(ROWS, (rows) => rows.some((r) => r.visible && r.text.startsWith(registry)), 20_000);
    assert.ok(drawn.some((r) => r.visible && r.text.startsWith(registry)), `rows: ${drawn.map((r) => r.text).join(' | ')}`);
  }

  /** Sets a user setting for the journey; the old value comes back at the end. */
  async setting(section: string, value: unknown): Promise<void> {
    const config = vscode.workspace.getConfiguration('ecr');
    const old = config.inspect(section)?.globalValue;
    this.cleanups.push(() => Promise.resolve(vscode.workspace.getConfiguration('ecr').update(section, old, vscode.ConfigurationTarget.Global)));
    await config.update(section, value, vscode.ConfigurationTarget.Global);
  }

  /** Removes what the journey made, puts its settings back, and leaves the window reset. */
  async end(): Promise<void> {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await setFaults('reset');
    for (const cleanup of this.cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
    await resetWindow();
  }
}
