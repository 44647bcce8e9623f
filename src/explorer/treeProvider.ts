import * as vscode from 'vscode';
import type { ExplorerModel, Listing } from './model';
import type { ErrorNode, ExplorerNode, ImageNode, PlatformNode, RegistryNode, RepositoryNode } from './nodes';
import { isImageIndex, treeItem } from './treeItems';

/** Maps the explorer's data model to the tree; with no registries the welcome view shows. */
export class ExplorerTreeProvider implements vscode.TreeDataProvider<ExplorerNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<ExplorerNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subscription: { dispose(): void };

  constructor(readonly model: ExplorerModel) {
    this.subscription = model.onDidChange((node) => this.changed.fire(node));
  }

  getTreeItem(node: ExplorerNode): vscode.TreeItem {
    return treeItem(node);
  }

  getParent(node: ExplorerNode): ExplorerNode | undefined {
    return node.kind === 'registry' ? undefined : node.parent;
  }

  async getChildren(node?: ExplorerNode): Promise<ExplorerNode[]> {
    if (!node) {
      const registries = await this.model.registries();
      return registries.map((registry): RegistryNode => ({ kind: 'registry', id: `r/${registry.source.id}`, registry }));
    }
    switch (node.kind) {
      case 'registry':
        return this.repositories(node);
      case 'repository':
        return this.images(node);
      case 'image':
        return isImageIndex(node) ? this.platforms(node) : [];
      default:
        return [];
    }
  }

  private async repositories(node: RegistryNode): Promise<ExplorerNode[]> {
    if (node.registry.problem) return [this.error(node, node.registry.problem)];
    const listing = await this.model.repositories(node.registry);
    return this.page(node, listing, this.model.filter ? `No repositories match "${this.model.filter}"` : 'No repositories', (repository): RepositoryNode => ({
      kind: 'repository',
      id: `${node.id}/${repository.repositoryName}`,
      parent: node,
      repository,
    }));
  }

  private async images(node: RepositoryNode): Promise<ExplorerNode[]> {
    const listing = await this.model.images(node.parent.registry, node.repository.repositoryName ?? '');
    return this.page(node, listing, 'No images', (image): ImageNode => ({ kind: 'image', id: `${node.id}@${image.imageDigest}`, parent: node, image }));
  }

  private async platforms(node: ImageNode): Promise<ExplorerNode[]> {
    const api = node.parent.parent.registry.api;
    if (!api) return [];
    try {
      const manifest = await api.getManifest(node.parent.repository.repositoryName ?? '', { imageDigest: node.image.imageDigest });
      const index = JSON.parse(manifest.manifest) as { manifests?: { digest: string; size?: number; platform?: { os?: string; architecture?: string; variant?: string } }[] };
      return (index.manifests ?? []).map((m): PlatformNode => ({
        kind: 'platform',
        id: `${node.id}/${m.digest}`,
        parent: node,
        digest: m.digest,
        size: m.size,
        platform: [m.platform?.os, m.platform?.architecture, m.platform?.variant].filter(Boolean).join('/') || 'unknown platform',
      }));
    } catch (error) {
      return [this.error(node, { kind: 'other', message: `Could not read the image index: ${error instanceof Error ? error.message : String(error)}` })];
    }
  }

  private page<T>(parent: RegistryNode | RepositoryNode, listing: Listing<T>, emptyText: string, toNode: (item: T) => ExplorerNode): ExplorerNode[] {
    if (listing.problem) return [this.error(parent, listing.problem)];
    if (listing.items.length === 0) return [{ kind: 'message', id: `${parent.id}#empty`, parent, text: emptyText }];
    const shown = this.model.shownCount(parent.id);
    const nodes = listing.items.slice(0, shown).map(toNode);
    const remaining = listing.items.length - shown;
    if (remaining > 0) nodes.push({ kind: 'more', id: `${parent.id}#more${shown}`, parent, remaining });
    return nodes;
  }

  private error(parent: ExplorerNode, problem: ErrorNode['problem']): ErrorNode {
    return { kind: 'error', id: `${parent.id}#error`, parent, problem };
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
