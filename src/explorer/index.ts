import * as vscode from 'vscode';
import type { EcrContext } from '../context';
import { ExplorerTreeProvider } from './treeProvider';

export const EXPLORER_VIEW_ID = 'ecr.explorer';

/** Creates the explorer view; the provider is kept on the context for commands to refresh. */
export function setupExplorer(ctx: EcrContext): ExplorerTreeProvider {
  const provider = ctx.register(new ExplorerTreeProvider());
  ctx.register(vscode.window.createTreeView(EXPLORER_VIEW_ID, { treeDataProvider: provider, showCollapseAll: true }));
  return provider;
}
