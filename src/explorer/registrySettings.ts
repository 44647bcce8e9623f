// "Registry Settings" under a registry: one collapsed row (the tree is virtualized: rows above the
// repositories push them out of view) with pull-through cache rules, creation templates and the
// scanning configuration, each read when the user opens it.
import * as vscode from 'vscode';
import { sectionItem } from './sectionItem';
import type { EcrApi, RegistryScanningConfiguration } from '../aws/ecrApi';
import { errorMessage } from '../core/errors';
import { mutabilityText, scanningRuleText } from '../core/registrySettings';
import {
  creationTemplateNode,
  errorNode,
  messageNode,
  pullThroughCacheRuleNode,
  replicationNode,
  scanningConfigurationNode,
  settingsGroupNode,
  type CreationTemplateNode,
  type ExplorerNode,
  type PullThroughCacheRuleNode,
  type RegistrySettingsNode,
  type ScanningConfigurationNode,
  type SettingsGroupNode,
} from './nodes';

function apiOfSettings(node: RegistrySettingsNode): EcrApi {
  const api = node.parent.registry.api;
  if (!api) throw new Error('This registry could not be reached.');
  return api;
}

/** The two groups, then the scanning row (read now: its row shows the configuration). */
export async function registrySettingsChildren(node: RegistrySettingsNode): Promise<ExplorerNode[]> {
  const groups = [replicationNode(node), settingsGroupNode(node, 'pullThroughCache'), settingsGroupNode(node, 'creationTemplates')];
  try {
    return [...groups, scanningConfigurationNode(node, await apiOfSettings(node).scanningConfiguration())];
  } catch (error) {
    return [...groups, errorNode(node, { kind: 'other', message: `Could not read the scanning configuration: ${errorMessage(error)}` })];
  }
}

export async function settingsGroupChildren(node: SettingsGroupNode): Promise<ExplorerNode[]> {
  const api = () => apiOfSettings(node.parent);
  if (node.group === 'pullThroughCache') {
    try {
      const rules = (await api().pullThroughCacheRules()).sort((a, b) => (a.ecrRepositoryPrefix ?? '').localeCompare(b.ecrRepositoryPrefix ?? ''));
      return rules.length === 0 ? [messageNode(node, 'No pull-through cache rules')] : rules.map((rule) => pullThroughCacheRuleNode(node, rule));
    } catch (error) {
      return [errorNode(node, { kind: 'other', message: `Could not read the pull-through cache rules: ${errorMessage(error)}` })];
    }
  }
  try {
    const templates = (await api().creationTemplates()).sort((a, b) => (a.prefix ?? '').localeCompare(b.prefix ?? ''));
    return templates.length === 0 ? [messageNode(node, 'No creation templates')] : templates.map((template) => creationTemplateNode(node, template));
  } catch (error) {
    return [errorNode(node, { kind: 'other', message: `Could not read the creation templates: ${errorMessage(error)}` })];
  }
}

export function registrySettingsItem(node: RegistrySettingsNode): vscode.TreeItem {
  return sectionItem(node.id, 'Registry Settings', 'settings-gear', 'Replication, pull-through cache rules, repository creation templates and the scanning configuration of this registry.', 'registrySettings');
}

export function settingsGroupItem(node: SettingsGroupNode): vscode.TreeItem {
  return node.group === 'pullThroughCache'
    ? sectionItem(node.id, 'Pull-Through Cache Rules', 'cloud-download', 'Rules that cache images of an upstream registry in this one: pulling <prefix>/<image> fetches <upstream>/<image>.', 'pullThroughCacheRules')
    : sectionItem(node.id, 'Creation Templates', 'repo-clone', 'Settings ECR gives the repositories it creates for you (pull-through cache, replication, create on push), by name prefix.', 'creationTemplates');
}

export function pullThroughCacheRuleItem(node: PullThroughCacheRuleNode): vscode.TreeItem {
  const r = node.rule;
  const item = new vscode.TreeItem(`${r.ecrRepositoryPrefix ?? '?'} → ${r.upstreamRegistryUrl ?? '?'}`, vscode.TreeItemCollapsibleState.None);
  item.id = node.id;
  item.description = r.upstreamRegistry ?? '';
  item.tooltip = [
    `Prefix: ${r.ecrRepositoryPrefix ?? '?'}/`,
    `Upstream: ${r.upstreamRegistryUrl ?? '?'}${r.upstreamRegistry ? ` (${r.upstreamRegistry})` : ''}`,
    r.upstreamRepositoryPrefix ? `Upstream repository prefix: ${r.upstreamRepositoryPrefix}` : '',
    r.credentialArn ? `Credential: ${r.credentialArn}` : '',
    r.customRoleArn ? `Role: ${r.customRoleArn}` : '',
  ]
    .filter(Boolean)
    .join('\n');
  item.iconPath = new vscode.ThemeIcon('arrow-down');
  item.contextValue = 'pullThroughCacheRule';
  return item;
}

export function creationTemplateItem(node: CreationTemplateNode): vscode.TreeItem {
  const t = node.template;
  const item = new vscode.TreeItem(t.prefix ?? '?', vscode.TreeItemCollapsibleState.None);
  item.id = node.id;
  const mutability = mutabilityText(t.imageTagMutability, t.imageTagMutabilityExclusionFilters);
  item.description = [(t.appliedFor ?? []).map(appliedForText).join(', '), mutability].filter(Boolean).join(' · ');
  item.tooltip = [
    `Prefix: ${t.prefix === 'ROOT' ? 'ROOT (every repository without a template of its own)' : `${t.prefix ?? '?'}/`}`,
    t.description ? `Description: ${t.description}` : '',
    `Applied for: ${(t.appliedFor ?? []).map(appliedForText).join(', ') || 'nothing'}`,
    `Tag mutability: ${mutability}`,
    `Encryption: ${t.encryptionConfiguration?.encryptionType ?? 'AES256'}${t.encryptionConfiguration?.kmsKey ? ` (${t.encryptionConfiguration.kmsKey})` : ''}`,
    `Lifecycle policy: ${t.lifecyclePolicy ? 'yes' : 'none'}`,
    `Repository policy: ${t.repositoryPolicy ? 'yes' : 'none'}`,
    t.resourceTags && t.resourceTags.length > 0 ? `Tags: ${t.resourceTags.map((tag) => `${tag.Key}=${tag.Value}`).join(', ')}` : '',
  ]
    .filter(Boolean)
    .join('\n');
  item.iconPath = new vscode.ThemeIcon('file-code');
  item.contextValue = 'creationTemplate';
  return item;
}

export function appliedForText(value: string): string {
  return value === 'PULL_THROUGH_CACHE' ? 'pull-through cache' : value === 'CREATE_ON_PUSH' ? 'create on push' : value === 'REPLICATION' ? 'replication' : value;
}

export function scanningText(configuration: RegistryScanningConfiguration): { description: string; lines: string[] } {
  const type = configuration.scanType === 'ENHANCED' ? 'Enhanced' : 'Basic';
  const lines = (configuration.rules ?? []).map(scanningRuleText);
  return { description: [type, ...lines].join(' · '), lines };
}

export function scanningConfigurationItem(node: ScanningConfigurationNode): vscode.TreeItem {
  const { description, lines } = scanningText(node.configuration);
  const item = new vscode.TreeItem('Scanning', vscode.TreeItemCollapsibleState.None);
  item.id = node.id;
  item.description = description;
  item.tooltip = [
    `Scan type: ${node.configuration.scanType ?? 'BASIC'}${node.configuration.scanType === 'ENHANCED' ? ' (Amazon Inspector)' : ''}`,
    ...(lines.length > 0 ? ['Rules:', ...lines.map((line) => `  ${line}`)] : ['No registry rules: each repository\'s own scan-on-push setting applies.']),
  ].join('\n');
  item.iconPath = new vscode.ThemeIcon('shield');
  item.contextValue = 'scanningConfiguration';
  return item;
}
