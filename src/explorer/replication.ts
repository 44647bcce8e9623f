// The "Replication" node under a registry: its rules as rows, read with DescribeRegistry.
import * as vscode from 'vscode';
import { sectionItem } from './sectionItem';
import type { EcrApi, ReplicationRule } from '../aws/ecrApi';
import { errorMessage } from '../core/errors';
import { replicationStatusLines, ruleLabel, type ReplicationRuleSpec } from '../core/replication';
import { errorNode, messageNode, replicationRuleNode, type ExplorerNode, type ImageNode, type ReplicationNode, type ReplicationRuleNode } from './nodes';

/** The SDK's rule (every field optional) as the explorer's spec. */
export function ruleSpec(rule: ReplicationRule): ReplicationRuleSpec {
  const filters = (rule.repositoryFilters ?? []).map((f) => ({ filter: f.filter ?? '', filterType: 'PREFIX_MATCH' as const }));
  return {
    destinations: (rule.destinations ?? []).map((d) => ({ region: d.region ?? '', registryId: d.registryId ?? '' })),
    ...(filters.length > 0 ? { repositoryFilters: filters } : {}),
  };
}

/** The registry's rules now (no cache: a rule change shows at the next look). */
export async function replicationRules(node: ReplicationNode): Promise<ReplicationRuleSpec[]> {
  const api = node.parent.parent.registry.api;
  if (!api) throw new Error('This registry could not be reached.');
  return (await api.replicationRules()).map(ruleSpec);
}

export async function replicationChildren(node: ReplicationNode): Promise<ExplorerNode[]> {
  try {
    const rules = await replicationRules(node);
    if (rules.length === 0) return [messageNode(node, 'No replication rules')];
    return rules.map((rule, index) => replicationRuleNode(node, index, rule));
  } catch (error) {
    return [errorNode(node, { kind: 'other', message: `Could not read the replication configuration: ${errorMessage(error)}` })];
  }
}

export function replicationItem(node: ReplicationNode): vscode.TreeItem {
  return sectionItem(node.id, 'Replication', 'mirror', 'Replication rules of this registry: pushes to matching repositories are copied to each destination.', 'replication');
}

export function replicationRuleItem(node: ReplicationRuleNode): vscode.TreeItem {
  const { label, description } = ruleLabel(node.rule);
  const item = new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.None);
  item.id = node.id;
  item.description = description;
  item.tooltip = `Rule ${node.index + 1}: replicate ${description} to ${label.slice(2)}`;
  item.iconPath = new vscode.ThemeIcon('arrow-right');
  item.contextValue = 'replicationRule';
  return item;
}

/** Adds the image's replication status per destination to its tooltip (hover time: one call per image hovered). */
export async function withReplicationStatus(item: vscode.TreeItem, node: ImageNode, api: EcrApi | undefined): Promise<vscode.TreeItem> {
  if (!api || typeof item.tooltip !== 'string') return item;
  try {
    const statuses = await api.replicationStatus(node.parent.repository.repositoryName ?? '', { imageDigest: node.image.imageDigest });
    if (statuses.length > 0) item.tooltip = [item.tooltip, 'Replication:', ...replicationStatusLines(statuses).map((line) => `  ${line}`)].join('\n');
  } catch (error) {
    item.tooltip = `${item.tooltip}\nReplication status unavailable: ${errorMessage(error)}`;
  }
  return item;
}
