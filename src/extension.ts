import * as vscode from 'vscode';
import { registerCommands } from './commands';
import { EcrContext } from './context';
import type { ExplorerNode } from './explorer/nodes';
import type { ExplorerTreeProvider } from './explorer/treeProvider';
import type { ReadOnlyDocuments } from './ui/documents';
import { Prompts, vscodePrompts } from './ui/prompts';

/** What the extension hands to other extensions and to its own tests. */
export interface EcrExtensionApi {
  /** Milliseconds spent in activate(), for the benchmark. */
  readonly activationMs: number;
  /** Seams for the integration tests: read the tree as VS Code does, answer questions. */
  readonly testing: {
    readonly explorer: ExplorerTreeProvider;
    readonly explorerView: vscode.TreeView<ExplorerNode>;
    readonly documents: ReadOnlyDocuments;
    /** Replaces the dialogs (undefined restores VS Code's own). */
    setPrompts(prompts: Prompts | undefined): void;
  };
}

export function activate(extension: vscode.ExtensionContext): EcrExtensionApi {
  const started = performance.now();
  const ctx = new EcrContext(extension);
  extension.subscriptions.push(ctx);
  registerCommands(ctx);
  const activationMs = performance.now() - started;
  ctx.log.info(`Activated in ${activationMs.toFixed(1)} ms (VS Code ${vscode.version})`);
  return {
    activationMs,
    testing: {
      explorer: ctx.explorer.provider,
      explorerView: ctx.explorer.view,
      documents: ctx.documents,
      setPrompts: (prompts) => (ctx.prompts = prompts ?? vscodePrompts),
    },
  };
}

export function deactivate(): void {
  // Everything is disposed through the extension context's subscriptions.
}
