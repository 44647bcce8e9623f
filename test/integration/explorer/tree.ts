// Reads the explorer as VS Code would: the provider's rows + getTreeItem. Not through getChildren,
// which is VS Code's own: the tests' objects would stand in for the ones VS Code holds.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ExplorerNode } from '../../../src/explorer/nodes';
import { activateExtension, eventually } from '../helpers';

export interface Row {
  readonly node: ExplorerNode;
  readonly label: string;
  readonly description: string;
  readonly tooltip: string;
  readonly contextValue: string;
}

export async function rows(parent?: ExplorerNode): Promise<Row[]> {
  const { explorer } = (await activateExtension()).testing;
  const nodes = await explorer.children(parent);
  return nodes.map((node) => {
    const item = explorer.getTreeItem(node) as vscode.TreeItem;
    const label = typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
    return {
      node,
      label,
      description: typeof item.description === 'string' ? item.description : '',
      tooltip: typeof item.tooltip === 'string' ? item.tooltip : (item.tooltip?.value ?? ''),
      contextValue: item.contextValue ?? '',
    };
  });
}

/** Follows labels from the root, e.g. find(EAST, 'web', /\blatest\b/); a RegExp matches any label it finds. */
export async function find(...labels: (string | RegExp)[]): Promise<Row> {
  let parent: ExplorerNode | undefined;
  let found: Row | undefined;
  for (const label of labels) {
    const children = await rows(parent);
    found = children.find((r) => (typeof label === 'string' ? r.label === label : label.test(r.label)));
    assert.ok(found, `no "${label}" among: ${children.map((r) => r.label).join(' | ')}`);
    parent = found.node;
  }
  assert.ok(found);
  return found;
}

export const EAST = 'sandbox-east (us-east-1)';
export const WEST = 'sandbox-west (eu-west-1)';

/** Forgets what the explorer loaded, and waits until every registry row has connected again. */
export async function refreshAll(): Promise<void> {
  await activateExtension();
  await vscode.commands.executeCommand('ecr.refresh');
  await connected();
}

/** Registry rows appear at once and connect on their own: waits until none is still connecting. */
export async function connected(): Promise<void> {
  await eventually(async () => (await rows()).every((r) => r.contextValue !== 'registry:connecting'), 'every registry connected', 60_000);
}
