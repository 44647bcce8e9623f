// Commands from menus receive the clicked node; from the palette they receive nothing and ask.
import * as vscode from 'vscode';
import type { EcrContext } from '../context';
import { registryNode, repositoryNode, type ExplorerNode, type ImageNode, type RegistryEntry, type RegistryNode, type RepositoryNode } from '../explorer/nodes';
import { notify } from '../ui/logger';

type NodeOf<K extends ExplorerNode['kind']> = Extract<ExplorerNode, { kind: K }>;

export function asNode<K extends ExplorerNode['kind']>(value: unknown, kind: K): NodeOf<K> | undefined {
  return typeof value === 'object' && value !== null && (value as ExplorerNode).kind === kind ? (value as NodeOf<K>) : undefined;
}

/** The clicked registry node, or one the user picks among the reachable registries. */
export async function registryArg(ctx: EcrContext, value: unknown): Promise<RegistryNode | undefined> {
  const node = asNode(value, 'registry');
  if (node) return node;
  const registries = (await ctx.model.registries()).filter((r) => r.api && !r.problem);
  if (registries.length === 0) {
    void vscode.window.showWarningMessage('No reachable ECR registry. Check the ECR view for problems, or add a registry in settings.');
    return undefined;
  }
  const nodes = registries.map(registryNode);
  if (nodes.length === 1) return nodes[0];
  const picked = await ctx.prompts.pick(
    nodes.map((n) => ({ label: n.registry.source.label, description: [n.registry.info?.accountId, n.registry.source.region].join(' · '), node: n })),
    { placeHolder: 'Registry' },
  );
  return picked?.node;
}

/** The clicked registry row, or one the user picks among the rows the view shows (that `accept`s). */
export async function registryRowArg(ctx: EcrContext, value: unknown, placeHolder: string, accept: (entry: RegistryEntry) => boolean = () => true): Promise<RegistryEntry | undefined> {
  const node = asNode(value, 'registry');
  if (node) return node.registry;
  const rows = (await ctx.model.registriesNow()).filter(accept);
  if (rows.length <= 1) return rows[0];
  const picked = await ctx.prompts.pick(rows.map((entry) => ({ label: entry.source.label, description: entry.source.region, entry })), { placeHolder });
  return picked?.entry;
}

/** The clicked repository node, or one the user picks. */
export async function repositoryArg(ctx: EcrContext, value: unknown): Promise<RepositoryNode | undefined> {
  const node = asNode(value, 'repository');
  if (node) return node;
  const registry = await registryArg(ctx, value);
  if (!registry) return undefined;
  const listing = await ctx.model.repositories(registry.registry);
  if (listing.problem) {
    void notify(ctx.log, 'error', listing.problem.message);
    return undefined;
  }
  const picked = await ctx.prompts.pick(
    listing.items.map((repository) => ({ label: repository.repositoryName ?? '?', description: repository.repositoryUri, repository })),
    { placeHolder: 'Repository', matchOnDescription: true },
  );
  return picked && repositoryNode(registry, picked.repository);
}

/**
 * Image commands run from image nodes only (the palette hides them). Without one, the row was
 * one VS Code still drew after its extension host let it go (a redraw landing while a row
 * expands): the view is drawn again so the rows act again, and the person is told to choose anew.
 */
export function imageArg(ctx: EcrContext, value: unknown): ImageNode | undefined {
  const node = asNode(value, 'image');
  if (!node) {
    ctx.model.redraw();
    void vscode.window.showInformationMessage('The ECR view was out of date and has been drawn again: choose the image again. (Image commands run from an image in the ECR view.)');
  }
  return node;
}

/** The node's registry API once connected: a row drawn while its registry was connecting holds none. */
export async function apiOf(ctx: EcrContext, node: RegistryNode | RepositoryNode | ImageNode) {
  const shown = node.kind === 'registry' ? node : node.kind === 'repository' ? node.parent : node.parent.parent;
  const registry = await ctx.model.connected(shown.registry);
  if (!registry.api) throw new Error(`${registry.source.label} could not be reached.`);
  return registry.api;
}

/** The repository's account when it is not the registry's own (another account's, read through this registry). */
export function otherAccountOf(node: RepositoryNode | ImageNode): string | undefined {
  const repository = node.kind === 'repository' ? node : node.parent;
  const registryId = repository.repository.registryId;
  return registryId && registryId !== repository.parent.registry.info?.accountId ? registryId : undefined;
}

export function repositoryName(node: RepositoryNode | ImageNode): string {
  return (node.kind === 'repository' ? node.repository : node.parent.repository).repositoryName ?? '';
}
