import * as vscode from 'vscode';

/** A collapsed row that groups a registry's settings ("Replication", "Registry Settings", ...). */
export function sectionItem(id: string, label: string, icon: string, tooltip: string, contextValue: string): vscode.TreeItem {
  const item = new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.Collapsed);
  item.id = id;
  item.iconPath = new vscode.ThemeIcon(icon);
  item.tooltip = tooltip;
  item.contextValue = contextValue;
  return item;
}
