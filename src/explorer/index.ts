import * as vscode from 'vscode';
import type { EcrContext } from '../context';
import { onConfigChange, readPromotionStages } from '../ui/config';
import { ExplorerTreeProvider } from './treeProvider';
import type { ExplorerNode } from './nodes';

export const EXPLORER_VIEW_ID = 'ecr.explorer';

export interface Explorer {
  readonly provider: ExplorerTreeProvider;
  readonly view: vscode.TreeView<ExplorerNode>;
}

/** Creates the explorer view over the context's model. */
export function setupExplorer(ctx: EcrContext): Explorer {
  const provider = ctx.register(new ExplorerTreeProvider(ctx.model));
  const view = ctx.register(vscode.window.createTreeView(EXPLORER_VIEW_ID, { treeDataProvider: provider, showCollapseAll: true }));
  const describeFilter = () => {
    view.description = ctx.model.filter ? `filter: ${ctx.model.filter}` : undefined;
    void vscode.commands.executeCommand('setContext', 'ecr.filterActive', Boolean(ctx.model.filter));
  };
  ctx.register(ctx.model.onDidChange(describeFilter));
  // "Promote to Next Stage" is offered on image rows once stages are set.
  const describeStages = () => void vscode.commands.executeCommand('setContext', 'ecr.promotionStages', readPromotionStages().stages.length > 0);
  describeStages();
  ctx.register(onConfigChange(['promotion.stages'], describeStages));
  return { provider, view };
}
