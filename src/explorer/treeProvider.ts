import * as vscode from 'vscode';
import type { ExplorerModel, Listing } from './model';
import { errorNode, imageNode, messageNode, moreNode, platformNode, registryNode, replicationNode, repositoryNode, type ExplorerNode, type ImageNode, type RegistryNode, type RepositoryNode } from './nodes';
import { isImageIndex, treeItem } from './treeItems';
import { errorMessage } from '../core/errors';
import { replicationChildren, withReplicationStatus } from './replication';

/** Maps the explorer's data model to the tree; with no registries the welcome view shows. */
export class ExplorerTreeProvider implements vscode.TreeDataProvider<ExplorerNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<ExplorerNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subscription: { dispose(): void };
  /**
   * The node objects VS Code holds, by id. VS Code refreshes an element only when given the very
   * object it got from getChildren; a change announced with an equal node built elsewhere (a push,
   * a hover's "Reveal") is mapped to it here. A node VS Code never got is not on screen: nothing to redraw.
   */
  private readonly onScreen = new Map<string, ExplorerNode>();

  constructor(readonly model: ExplorerModel) {
    this.subscription = model.onDidChange((node) => {
      if (!node) {
        this.changed.fire(undefined);
        return;
      }
      const known = this.onScreen.get(node.id);
      if (!known) return;
      // VS Code redraws a refreshed row's children but keeps what it has of expanded grandchildren:
      // rows below it are redrawn too (e.g. a pushed repository's images after its registry refresh).
      const below = [...this.onScreen.values()].filter((n) => n.kind === 'repository' && n.id.startsWith(`${known.id}/`));
      this.changed.fire(known);
      for (const child of below) this.changed.fire(child);
    });
  }

  getTreeItem(node: ExplorerNode): vscode.TreeItem {
    return treeItem(node);
  }

  resolveTreeItem(item: vscode.TreeItem, node: ExplorerNode): Promise<vscode.TreeItem> | vscode.TreeItem {
    if (node.kind !== 'image') return item;
    // A row drawn while its registry was connecting holds no API: ask the connected one.
    const sourceId = node.parent.parent.registry.source.id;
    return this.model.registries().then((all) => withReplicationStatus(item, node, all.find((r) => r.source.id === sourceId)?.api));
  }

  getParent(node: ExplorerNode): ExplorerNode | undefined {
    return node.kind === 'registry' ? undefined : node.parent;
  }

  async getChildren(node?: ExplorerNode): Promise<ExplorerNode[]> {
    const children = await this.childrenOf(node);
    for (const child of children) this.onScreen.set(child.id, child);
    return children;
  }

  private async childrenOf(node?: ExplorerNode): Promise<ExplorerNode[]> {
    if (!node) {
      const registries = await this.model.registriesNow();
      // The welcome ("No ECR registries found") waits for discovery, not for an empty first draw.
      void vscode.commands.executeCommand('setContext', 'ecr.explorer.discovered', true);
      return registries.map(registryNode);
    }
    switch (node.kind) {
      case 'registry':
        return this.repositories(node);
      case 'repository':
        return this.images(node);
      case 'image':
        return isImageIndex(node) ? this.platforms(node) : [];
      case 'replication':
        return replicationChildren(node);
      default:
        return [];
    }
  }

  private async repositories(node: RegistryNode): Promise<ExplorerNode[]> {
    if (node.registry.problem) return [errorNode(node, node.registry.problem)];
    const listing = await this.model.repositories(node.registry);
    const empty = this.model.filter ? `No repositories match "${this.model.filter}"` : 'No repositories';
    const rows = this.page(node, listing, empty, (repository) => repositoryNode(node, repository));
    return listing.problem ? rows : [replicationNode(node), ...rows];
  }

  private async images(node: RepositoryNode): Promise<ExplorerNode[]> {
    const listing = await this.model.images(node.parent.registry, node.repository.repositoryName ?? '');
    return this.page(node, listing, 'No images', (image) => imageNode(node, image));
  }

  private async platforms(node: ImageNode): Promise<ExplorerNode[]> {
    const api = node.parent.parent.registry.api;
    if (!api) return [];
    try {
      const manifest = await api.getManifest(node.parent.repository.repositoryName ?? '', { imageDigest: node.image.imageDigest });
      const index = JSON.parse(manifest.manifest) as { manifests?: { digest: string; size?: number; platform?: { os?: string; architecture?: string; variant?: string } }[] };
      return (index.manifests ?? []).map((m) =>
        platformNode(node, m.digest, [m.platform?.os, m.platform?.architecture, m.platform?.variant].filter(Boolean).join('/') || 'unknown platform', m.size),
      );
    } catch (error) {
      return [errorNode(node, { kind: 'other', message: `Could not read the image index: ${errorMessage(error)}` })];
    }
  }

  private page<T>(parent: RegistryNode | RepositoryNode, listing: Listing<T>, emptyText: string, toNode: (item: T) => ExplorerNode): ExplorerNode[] {
    if (listing.problem) return [errorNode(parent, listing.problem)];
    if (listing.items.length === 0) return [messageNode(parent, emptyText)];
    const shown = this.model.shownCount(parent.id);
    const nodes = listing.items.slice(0, shown).map(toNode);
    const remaining = listing.items.length - shown;
    if (remaining > 0) nodes.push(moreNode(parent, shown, remaining));
    return nodes;
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
