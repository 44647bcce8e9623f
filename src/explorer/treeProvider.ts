import * as vscode from 'vscode';

export type ExplorerNode = never;

/** Maps the explorer's data model to tree items. With no registries the welcome view shows. */
export class ExplorerTreeProvider implements vscode.TreeDataProvider<ExplorerNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<ExplorerNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;

  refresh(): void {
    this.changed.fire(undefined);
  }

  getTreeItem(node: ExplorerNode): vscode.TreeItem {
    return node;
  }

  getChildren(): ExplorerNode[] {
    return [];
  }

  dispose(): void {
    this.changed.dispose();
  }
}
