// The explorer's nodes: a typed union with parent links. Tree items are built from these in
// treeItems.ts; menus pick nodes by the contextValue set there.
import type { EcrApi, ImageDetail, PullThroughCacheRule, RegistryInfo, RegistryScanningConfiguration, Repository, RepositoryCreationTemplate } from '../aws/ecrApi';
import type { RegistrySource } from '../aws/discovery';
import type { EcrProblem } from '../aws/errors';
import type { ReplicationRuleSpec } from '../core/replication';

/** A registry as the explorer knows it: where it comes from and, once reached, its API and identity. */
export interface RegistryEntry {
  readonly source: RegistrySource;
  readonly api?: EcrApi;
  readonly info?: RegistryInfo;
  readonly problem?: EcrProblem;
  /** Shown before its connection settled (no account, host or API yet). */
  readonly connecting?: boolean;
  /** Other discovered profiles that reach the same account and region (shown as this one row). */
  readonly sharedWith?: readonly RegistrySource[];
}

export interface RegistryNode {
  readonly kind: 'registry';
  readonly id: string;
  readonly registry: RegistryEntry;
}

export interface RepositoryNode {
  readonly kind: 'repository';
  readonly id: string;
  readonly parent: RegistryNode;
  readonly repository: Repository;
}

export interface ImageNode {
  readonly kind: 'image';
  readonly id: string;
  readonly parent: RepositoryNode;
  readonly image: ImageDetail;
}

/** One platform of a multi-platform image index. */
export interface PlatformNode {
  readonly kind: 'platform';
  readonly id: string;
  readonly parent: ImageNode;
  readonly platform: string;
  readonly digest: string;
  readonly size?: number;
}

/** What a referrer row shows: a signature, SBOM or attestation of its parent image. */
export interface ReferrerRow {
  readonly digest: string;
  readonly mediaType?: string;
  readonly artifactType?: string;
  /** Bytes of the referrer's manifest, as the registry reports it. */
  readonly size?: number;
  readonly pushedAt?: Date;
  readonly annotations?: Readonly<Record<string, string>>;
}

/** A signature, SBOM or other attestation that refers to its parent image (OCI 1.1 `subject`). */
export interface ReferrerNode {
  readonly kind: 'referrer';
  readonly id: string;
  readonly parent: ImageNode;
  readonly referrer: ReferrerRow;
}

/** "Show more" at the end of a partly shown list. */
export interface MoreNode {
  readonly kind: 'more';
  readonly id: string;
  readonly parent: RegistryNode | RepositoryNode;
  readonly remaining: number;
}

/** Atop a list read page by page: still loading ("Loading… n images so far", Cancel) or stopped before its end (Continue). */
export interface ProgressNode {
  readonly kind: 'progress';
  readonly id: string;
  readonly parent: RegistryNode | RepositoryNode;
  readonly state: 'loading' | 'partial';
  readonly loaded: number;
}

/** A failure shown in place of the children it stopped, with a way out. */
export interface ErrorNode {
  readonly kind: 'error';
  readonly id: string;
  readonly parent?: ExplorerNode;
  readonly problem: EcrProblem;
  readonly registry?: RegistryEntry;
}

/** A plain message, e.g. "No images". */
export interface MessageNode {
  readonly kind: 'message';
  readonly id: string;
  readonly parent?: ExplorerNode;
  readonly text: string;
}

/** "Replication" under a registry: its replication rules. */
/** "Replication" under Registry Settings: the registry's replication rules. */
export interface ReplicationNode {
  readonly kind: 'replication';
  readonly id: string;
  readonly parent: RegistrySettingsNode;
}

/** One replication rule; `index` is its place in the registry's rule list (edits replace the whole list). */
export interface ReplicationRuleNode {
  readonly kind: 'replicationRule';
  readonly id: string;
  readonly parent: ReplicationNode;
  readonly index: number;
  readonly rule: ReplicationRuleSpec;
}

/** "Registry Settings" under a registry: one collapsed row holding the registry-level settings. */
export interface RegistrySettingsNode {
  readonly kind: 'registrySettings';
  readonly id: string;
  readonly parent: RegistryNode;
}

/** "Pull-Through Cache Rules" or "Creation Templates" under Registry Settings. */
export interface SettingsGroupNode {
  readonly kind: 'settingsGroup';
  readonly id: string;
  readonly parent: RegistrySettingsNode;
  readonly group: 'pullThroughCache' | 'creationTemplates';
}

export interface PullThroughCacheRuleNode {
  readonly kind: 'pullThroughCacheRule';
  readonly id: string;
  readonly parent: SettingsGroupNode;
  readonly rule: PullThroughCacheRule;
}

export interface CreationTemplateNode {
  readonly kind: 'creationTemplate';
  readonly id: string;
  readonly parent: SettingsGroupNode;
  readonly template: RepositoryCreationTemplate;
}

/** "Scanning": the registry scanning configuration (basic or enhanced, and its rules). */
export interface ScanningConfigurationNode {
  readonly kind: 'scanningConfiguration';
  readonly id: string;
  readonly parent: RegistrySettingsNode;
  readonly configuration: RegistryScanningConfiguration;
}

export type ExplorerNode =
  | RegistryNode
  | RepositoryNode
  | ImageNode
  | PlatformNode
  | ReferrerNode
  | MoreNode
  | ProgressNode
  | ErrorNode
  | MessageNode
  | ReplicationNode
  | ReplicationRuleNode
  | RegistrySettingsNode
  | SettingsGroupNode
  | PullThroughCacheRuleNode
  | CreationTemplateNode
  | ScanningConfigurationNode;

/** The image's URI by tag (first tag) or, with `byDigest` or without tags, by digest. */
export function imageUri(node: ImageNode, byDigest = false, tag?: string): string {
  const base = node.parent.repository.repositoryUri ?? '';
  const chosenTag = tag ?? node.image.imageTags?.[0];
  if (byDigest || !chosenTag) return `${base}@${node.image.imageDigest}`;
  return `${base}:${chosenTag}`;
}

// The one place that builds nodes and their ids: the tree, commands, pushes and hovers must agree
// on ids, or TreeView.reveal and refreshes miss the rows they mean.

export function registryNode(registry: RegistryEntry): RegistryNode {
  return { kind: 'registry', id: `r/${registry.source.id}`, registry };
}

/** `accountPath`: another account's repository read through this registry (not listed in the tree). */
export function repositoryNode(parent: RegistryNode, repository: Repository, accountPath?: string): RepositoryNode {
  const path = accountPath ? `${accountPath}/${repository.repositoryName}` : repository.repositoryName;
  return { kind: 'repository', id: `${parent.id}/${path}`, parent, repository };
}

export function imageNode(parent: RepositoryNode, image: ImageDetail): ImageNode {
  return { kind: 'image', id: `${parent.id}@${image.imageDigest}`, parent, image };
}

export function platformNode(parent: ImageNode, digest: string, platform: string, size?: number): PlatformNode {
  return { kind: 'platform', id: `${parent.id}/${digest}`, parent, digest, platform, size };
}

export function referrerNode(parent: ImageNode, referrer: ReferrerRow): ReferrerNode {
  return { kind: 'referrer', id: `${parent.id}/referrer/${referrer.digest}`, parent, referrer };
}

export function messageNode(parent: ExplorerNode, text: string): MessageNode {
  return { kind: 'message', id: `${parent.id}#empty`, parent, text };
}

export function moreNode(parent: RegistryNode | RepositoryNode, shown: number, remaining: number): MoreNode {
  return { kind: 'more', id: `${parent.id}#more${shown}`, parent, remaining };
}

export function progressNode(parent: RegistryNode | RepositoryNode, state: ProgressNode['state'], loaded: number): ProgressNode {
  return { kind: 'progress', id: `${parent.id}#${state}`, parent, state, loaded };
}

export function errorNode(parent: ExplorerNode, problem: EcrProblem): ErrorNode {
  return { kind: 'error', id: `${parent.id}#error`, parent, problem };
}

export function replicationNode(parent: RegistrySettingsNode): ReplicationNode {
  return { kind: 'replication', id: `${parent.id}/replication`, parent };
}

export function replicationRuleNode(parent: ReplicationNode, index: number, rule: ReplicationRuleSpec): ReplicationRuleNode {
  return { kind: 'replicationRule', id: `${parent.id}/${index}`, parent, index, rule };
}

export function registrySettingsNode(parent: RegistryNode): RegistrySettingsNode {
  return { kind: 'registrySettings', id: `${parent.id}#settings`, parent };
}

export function settingsGroupNode(parent: RegistrySettingsNode, group: SettingsGroupNode['group']): SettingsGroupNode {
  return { kind: 'settingsGroup', id: `${parent.id}/${group}`, parent, group };
}

export function pullThroughCacheRuleNode(parent: SettingsGroupNode, rule: PullThroughCacheRule): PullThroughCacheRuleNode {
  return { kind: 'pullThroughCacheRule', id: `${parent.id}/${rule.ecrRepositoryPrefix ?? ''}`, parent, rule };
}

export function creationTemplateNode(parent: SettingsGroupNode, template: RepositoryCreationTemplate): CreationTemplateNode {
  return { kind: 'creationTemplate', id: `${parent.id}/${template.prefix ?? ''}`, parent, template };
}

export function scanningConfigurationNode(parent: RegistrySettingsNode, configuration: RegistryScanningConfiguration): ScanningConfigurationNode {
  return { kind: 'scanningConfiguration', id: `${parent.id}/scanning`, parent, configuration };
}
