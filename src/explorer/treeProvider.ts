import * as vscode from 'vscode';
import type { ListingSnapshot } from './listing';
import type { ExplorerModel } from './model';
import { errorNode, imageNode, messageNode, moreNode, platformNode, progressNode, registryNode, registrySettingsNode, repositoryNode, type ExplorerNode, type ImageNode, type RegistryNode, type RepositoryNode } from './nodes';
import { isImageIndex, treeItem } from './treeItems';
import { errorMessage } from '../core/errors';
import { OnScreenNodes } from './onScreen';
import { escapeMarkdown } from '../core/markdown';
import { policyTextAccessMarkdown } from '../policy/accessMarkdown';
import { replicationChildren, withReplicationStatus } from './replication';
import { isArtifactRow, referrerChildren, withSigningStatus } from './referrers';
import { loadAws } from '../lazy';
import { registrySettingsChildren, settingsGroupChildren } from './registrySettings';

/** Maps the explorer's data model to the tree; with no registries the welcome view shows. */
export class ExplorerTreeProvider implements vscode.TreeDataProvider<ExplorerNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<ExplorerNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subscription: { dispose(): void };
  /** What VS Code holds; a node VS Code never got is not on screen: nothing to redraw. */
  private readonly onScreen = new OnScreenNodes();

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
      const below = this.onScreen.repositoriesBelow(known.id);
      this.changed.fire(known);
      for (const child of below) this.changed.fire(child);
    });
  }

  getTreeItem(node: ExplorerNode): vscode.TreeItem {
    return treeItem(node);
  }

  /** Tooltips with what is read only when the user hovers a row: a repository's access, an image's replication and signatures. */
  resolveTreeItem(item: vscode.TreeItem, node: ExplorerNode): Promise<vscode.TreeItem> | vscode.TreeItem {
    if (node.kind === 'repository') return this.withAccess(item, node);
    if (node.kind !== 'image') return item;
    // A row drawn while its registry was connecting holds no API: ask the connected one.
    const sourceId = node.parent.parent.registry.source.id;
    return this.model.registries().then(async (all) => {
      const registry = all.find((r) => r.source.id === sourceId);
      const repository = node.parent.repository.repositoryName ?? '';
      const withReplication = await withReplicationStatus(item, node, registry?.api);
      return registry ? withSigningStatus(withReplication, node, (digest) => this.model.signing(registry, repository, digest)) : withReplication;
    });
  }

  /** A repository's tooltip adds who can access it, read from its policy when the user hovers it. */
  private async withAccess(item: vscode.TreeItem, node: RepositoryNode): Promise<vscode.TreeItem> {
    if (!node.parent.registry.api) return item;
    const plain = typeof item.tooltip === 'string' ? item.tooltip : '';
    let access: string;
    try {
      access = policyTextAccessMarkdown(await node.parent.registry.api.getRepositoryPolicy(node.repository.repositoryName ?? ''));
    } catch (error) {
      access = escapeMarkdown(`The repository policy could not be read: ${errorMessage(error)}`);
    }
    const markdown = new vscode.MarkdownString([plain.split('\n').map(escapeMarkdown).join('  \n'), '', '**Who can access**', '', access].join('\n'));
    markdown.supportHtml = false;
    item.tooltip = markdown;
    return item;
  }

  /** VS Code's own object for the parent when it holds one, so a reveal finds it without a redraw. */
  getParent(node: ExplorerNode): ExplorerNode | undefined {
    const parent = node.kind === 'registry' ? undefined : node.parent;
    return parent && (this.onScreen.get(parent.id) ?? parent);
  }

  /**
   * For VS Code only: what it gets here is what it holds. The extension's own lookups use
   * `children`, or their objects would stand in for VS Code's and its refreshes would miss the rows.
   */
  async getChildren(node?: ExplorerNode): Promise<ExplorerNode[]> {
    const children = await this.children(node);
    this.onScreen.drawn(node, children);
    return children;
  }

  /** The rows below `node` (the registries without one), for the extension's own lookups. */
  async children(node?: ExplorerNode): Promise<ExplorerNode[]> {
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
        return this.imageChildren(node);
      case 'replication':
        return replicationChildren(node);
      case 'registrySettings':
        return registrySettingsChildren(node);
      case 'settingsGroup':
        return settingsGroupChildren(node);
      default:
        return [];
    }
  }

  private async repositories(node: RegistryNode): Promise<ExplorerNode[]> {
    if (node.registry.problem) return [errorNode(node, node.registry.problem)];
    const listing = await this.model.repositoriesNow(node.registry);
    const empty = this.model.filter ? `No repositories match "${this.model.filter}"` : 'No repositories';
    const rows = this.page(node, listing, empty, (repository) => repositoryNode(node, repository));
    return listing.problem ? rows : [registrySettingsNode(node), ...rows];
  }

  private async images(node: RepositoryNode): Promise<ExplorerNode[]> {
    const listing = await this.model.imagesNow(node.parent.registry, node.repository.repositoryName ?? '');
    return this.page(node, listing, 'No images', (image) => imageNode(node, image));
  }

  /** An index's platforms, then the image's signatures, SBOMs and attestations. */
  private async imageChildren(node: ImageNode): Promise<ExplorerNode[]> {
    if (isArtifactRow(node)) return [];
    const sourceId = node.parent.parent.registry.source.id;
    const api = node.parent.parent.registry.api ?? (await this.model.registries()).find((r) => r.source.id === sourceId)?.api;
    if (!api) return [];
    const registry = node.parent.parent.registry;
    const [platforms, referrers] = await Promise.all([
      isImageIndex(node) ? this.platforms(node) : [],
      referrerChildren(node, api, async (error) => (await loadAws()).classifyAwsError(error, registry.source)),
    ]);
    // An index without referrers lists only its platforms.
    return platforms.length > 0 && referrers.every((r) => r.kind === 'message') ? platforms : [...platforms, ...referrers];
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

  /** One page of what is loaded, under a row saying the list is still loading, stopped, or failed. */
  private page<T>(parent: RegistryNode | RepositoryNode, listing: ListingSnapshot<T>, emptyText: string, toNode: (item: T) => ExplorerNode): ExplorerNode[] {
    if (listing.problem && listing.items.length === 0) return [errorNode(parent, listing.problem)];
    if (listing.state === 'complete' && listing.items.length === 0) return [messageNode(parent, emptyText)];
    const shown = this.model.shownCount(parent.id);
    const head = listing.problem ? errorNode(parent, listing.problem) : listing.state !== 'complete' ? progressNode(parent, listing.state, listing.loaded) : undefined;
    const nodes = [...(head ? [head] : []), ...listing.items.slice(0, shown).map(toNode)];
    const remaining = listing.items.length - shown;
    if (remaining > 0) nodes.push(moreNode(parent, shown, remaining));
    return nodes;
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
