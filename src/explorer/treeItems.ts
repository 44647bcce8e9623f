// Node -> TreeItem. contextValue carries the flags the menus in package.json match on.
import * as vscode from 'vscode';
import { INVALID_DATE, isoDate } from '../core/dates';
import { formatCounts } from '../core/findings';
import { isSha256Digest, shortDigest } from '../core/imageRef';
import { formatAge, formatBytes, imageLabel } from './format';
import { creationTemplateItem, pullThroughCacheRuleItem, registrySettingsItem, scanningConfigurationItem, settingsGroupItem } from './registrySettings';
import { replicationItem, replicationRuleItem } from './replication';
import { isArtifactRow, referrerItem } from './referrers';
import { artifactKind } from '../core/referrers';
import { mutabilityText } from '../core/registrySettings';
import type { ErrorNode, ExplorerNode, ImageNode, ProgressNode, RegistryNode, RepositoryNode } from './nodes';

export const INDEX_MEDIA_TYPES = new Set([
  'application/vnd.docker.distribution.manifest.list.v2+json',
  'application/vnd.oci.image.index.v1+json',
]);

export function isImageIndex(node: ImageNode): boolean {
  return INDEX_MEDIA_TYPES.has(node.image.imageManifestMediaType ?? '');
}

export function treeItem(node: ExplorerNode): vscode.TreeItem {
  switch (node.kind) {
    case 'registry':
      return registryItem(node);
    case 'repository':
      return repositoryItem(node);
    case 'image':
      return imageItem(node);
    case 'platform': {
      const item = new vscode.TreeItem(node.platform, vscode.TreeItemCollapsibleState.None);
      item.id = node.id;
      item.description = [shortDigest(node.digest), node.size !== undefined ? formatBytes(node.size) : ''].filter(Boolean).join(' · ');
      item.tooltip = `${node.platform}\n${node.digest}`;
      item.iconPath = new vscode.ThemeIcon('vm');
      item.contextValue = 'platform';
      return item;
    }
    case 'referrer':
      return referrerItem(node);
    case 'more': {
      const item = new vscode.TreeItem(`Show more (${node.remaining} more)`, vscode.TreeItemCollapsibleState.None);
      item.id = node.id;
      item.iconPath = new vscode.ThemeIcon('ellipsis');
      item.contextValue = 'more';
      item.command = { command: 'ecr.showMore', title: 'Show more', arguments: [node] };
      return item;
    }
    case 'progress':
      return progressItem(node);
    case 'error':
      return errorItem(node);
    case 'replication':
      return replicationItem(node);
    case 'replicationRule':
      return replicationRuleItem(node);
    case 'registrySettings':
      return registrySettingsItem(node);
    case 'settingsGroup':
      return settingsGroupItem(node);
    case 'pullThroughCacheRule':
      return pullThroughCacheRuleItem(node);
    case 'creationTemplate':
      return creationTemplateItem(node);
    case 'scanningConfiguration':
      return scanningConfigurationItem(node);
    case 'message': {
      const item = new vscode.TreeItem(node.text, vscode.TreeItemCollapsibleState.None);
      item.id = node.id;
      item.contextValue = 'message';
      return item;
    }
  }
}

function registryItem(node: RegistryNode): vscode.TreeItem {
  const { source, info, sharedWith = [] } = node.registry;
  const item = new vscode.TreeItem(source.label, vscode.TreeItemCollapsibleState.Collapsed);
  item.id = node.id;
  const alsoVia = sharedWith.length > 0 ? `+${sharedWith.length} profile${sharedWith.length === 1 ? '' : 's'}` : '';
  item.description = node.registry.connecting ? `${source.region} · connecting…` : [info?.accountId, source.region, alsoVia].filter(Boolean).join(' · ');
  item.tooltip = [
    source.label,
    `Account: ${info?.accountId ?? source.accountHint ?? 'unknown'}`,
    `Region: ${source.region}`,
    source.profile ? `Profile: ${source.profile}` : `Credentials: ${source.origin}`,
    sharedWith.length > 0 ? `Also reached by: ${sharedWith.map((s) => s.profile ?? s.label).join(', ')} (Switch Profile to use one of them)` : '',
    source.endpoint ? `Endpoint: ${source.endpoint}` : '',
    info ? `Registry: ${info.host}` : '',
  ]
    .filter(Boolean)
    .join('\n');
  item.iconPath = new vscode.ThemeIcon(node.registry.problem ? 'warning' : node.registry.connecting ? 'loading~spin' : 'database');
  item.contextValue = node.registry.problem ? 'registry:problem' : node.registry.connecting ? 'registry:connecting' : 'registry';
  if (sharedWith.length > 0) item.contextValue += ':shared';
  return item;
}

function repositoryItem(node: RepositoryNode): vscode.TreeItem {
  const r = node.repository;
  // The toggle's flag: tags are fixed unless an exclusion says otherwise (IMMUTABLE and IMMUTABLE_WITH_EXCLUSION).
  const immutable = r.imageTagMutability === 'IMMUTABLE' || r.imageTagMutability === 'IMMUTABLE_WITH_EXCLUSION';
  const mutability = mutabilityText(r.imageTagMutability, r.imageTagMutabilityExclusionFilters);
  const scanOnPush = r.imageScanningConfiguration?.scanOnPush === true;
  const kms = r.encryptionConfiguration?.encryptionType?.startsWith('KMS') === true;
  const item = new vscode.TreeItem(r.repositoryName ?? '?', vscode.TreeItemCollapsibleState.Collapsed);
  item.id = node.id;
  item.description = [mutability === 'mutable' ? '' : mutability, scanOnPush ? 'scan on push' : '', kms ? 'KMS' : ''].filter(Boolean).join(' · ');
  item.tooltip = [
    r.repositoryName,
    `URI: ${r.repositoryUri}`,
    `ARN: ${r.repositoryArn}`,
    r.createdAt ? `Created: ${isoDate(r.createdAt) ?? INVALID_DATE}` : '',
    `Encryption: ${r.encryptionConfiguration?.encryptionType ?? 'AES256'}${r.encryptionConfiguration?.kmsKey ? ` (${r.encryptionConfiguration.kmsKey})` : ''}`,
    `Tag mutability: ${r.imageTagMutability ?? 'MUTABLE'}${(r.imageTagMutabilityExclusionFilters ?? []).length > 0 ? ` (except ${(r.imageTagMutabilityExclusionFilters ?? []).map((f) => f.filter).join(', ')})` : ''}`,
    `Scan on push: ${scanOnPush ? 'on' : 'off'}`,
  ]
    .filter(Boolean)
    .join('\n');
  item.iconPath = new vscode.ThemeIcon('repo');
  item.contextValue = ['repository', immutable ? 'immutable' : 'mutable', scanOnPush ? 'scanOnPush' : 'noScanOnPush'].join(':');
  return item;
}

function imageItem(node: ImageNode): vscode.TreeItem {
  const image = node.image;
  const index = isImageIndex(node);
  // Images expand to their platforms and referrers; a referrer artifact listed as an image does not.
  const artifact = isArtifactRow(node);
  const item = new vscode.TreeItem(imageLabel(image.imageTags), artifact ? vscode.TreeItemCollapsibleState.None : vscode.TreeItemCollapsibleState.Collapsed);
  item.id = node.id;
  const counts = formatCounts(image.imageScanFindingsSummary?.findingSeverityCounts ?? {});
  const storage = storageStatus(image.imageStatus);
  item.description = [artifact ? artifactKind(image.artifactMediaType).label : '', storage === 'active' ? '' : storage, formatBytes(image.imageSizeInBytes), formatAge(image.imagePushedAt), counts].filter(Boolean).join(' · ');
  item.tooltip = [
    `Digest: ${isSha256Digest(image.imageDigest) ? image.imageDigest : 'invalid digest'}`,
    `Tags: ${image.imageTags?.join(', ') || 'none'}`,
    `Size: ${image.imageSizeInBytes?.toLocaleString('en-US') ?? '?'} bytes (${formatBytes(image.imageSizeInBytes)})`,
    image.imagePushedAt ? `Pushed: ${isoDate(image.imagePushedAt) ?? INVALID_DATE}` : '',
    `Last pulled: ${image.lastRecordedPullTime ? (isoDate(image.lastRecordedPullTime) ?? INVALID_DATE) : 'never'}`,
    `Media type: ${image.imageManifestMediaType ?? '?'}`,
    `Scan: ${image.imageScanStatus?.status ?? 'not scanned'}${counts ? ` (${counts})` : ''}`,
    storage === 'archived' ? 'Archived: cannot be pulled until restored' : storage === 'restoring' ? 'Restoring from the archive' : '',
  ]
    .filter(Boolean)
    .join('\n');
  item.iconPath = storage === 'active' ? scanIcon(node) : new vscode.ThemeIcon('archive');
  const tagged = (image.imageTags?.length ?? 0) > 0;
  item.contextValue = ['image', tagged ? 'tagged' : 'untagged', index ? 'index' : 'single', storage].join(':');
  return item;
}

/** ECR's imageStatus in the row's words; absent (older ECR, emulators) means active. */
function storageStatus(status: string | undefined): 'active' | 'archived' | 'restoring' {
  return status === 'ARCHIVED' ? 'archived' : status === 'ACTIVATING' ? 'restoring' : 'active';
}

function scanIcon(node: ImageNode): vscode.ThemeIcon {
  const status = node.image.imageScanStatus?.status;
  const counts = node.image.imageScanFindingsSummary?.findingSeverityCounts ?? {};
  if (status === 'IN_PROGRESS' || status === 'PENDING') return new vscode.ThemeIcon('sync~spin');
  if (status === 'FAILED' || status === 'UNSUPPORTED_IMAGE') return new vscode.ThemeIcon('circle-slash');
  if (status === 'COMPLETE' || status === 'ACTIVE') {
    if ((counts.CRITICAL ?? 0) > 0) return new vscode.ThemeIcon('error', new vscode.ThemeColor('errorForeground'));
    if ((counts.HIGH ?? 0) > 0) return new vscode.ThemeIcon('warning', new vscode.ThemeColor('editorWarning.foreground'));
    return new vscode.ThemeIcon('pass', new vscode.ThemeColor('testing.iconPassed'));
  }
  return new vscode.ThemeIcon('circle-outline');
}

function progressItem(node: ProgressNode): vscode.TreeItem {
  const what = node.parent.kind === 'registry' ? 'repositories' : 'images';
  const count = node.loaded.toLocaleString('en-US');
  const loading = node.state === 'loading';
  const item = new vscode.TreeItem(loading ? `Loading… ${count} ${what} so far` : `Partial list: ${count} ${what} loaded`, vscode.TreeItemCollapsibleState.None);
  item.id = node.id;
  item.iconPath = new vscode.ThemeIcon(loading ? 'loading~spin' : 'debug-pause');
  item.contextValue = `progress:${node.state}`;
  if (loading) {
    item.tooltip = `Shown newest first among the ${what} loaded so far; the order is final once all are in.`;
  } else {
    item.description = 'Continue loading';
    item.tooltip = `Loading was stopped: only the ${what} loaded so far are listed.`;
    item.command = { command: 'ecr.continueLoading', title: 'Continue Loading', arguments: [node] };
  }
  return item;
}

function errorItem(node: ErrorNode): vscode.TreeItem {
  const { problem } = node;
  const item = new vscode.TreeItem(problem.message, vscode.TreeItemCollapsibleState.None);
  item.id = node.id;
  item.tooltip = problem.deniedAction ? `${problem.message}\nDenied action: ${problem.deniedAction}` : problem.message;
  item.iconPath = new vscode.ThemeIcon('error', new vscode.ThemeColor('errorForeground'));
  item.contextValue = `error:${problem.kind}`;
  const action = problem.action;
  if (action?.kind === 'signIn') {
    item.description = action.label;
    item.command = { command: 'ecr.signIn', title: action.label, arguments: [action.command] };
  } else if (action?.kind === 'configure') {
    item.description = action.label;
    item.command = { command: 'ecr.configureRegistries', title: action.label };
  } else if (action?.kind === 'retry' || !action) {
    item.description = 'Retry';
    item.command = { command: 'ecr.refresh', title: 'Retry', arguments: [node.parent] };
  }
  return item;
}
