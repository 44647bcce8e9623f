// After a push: refresh the registry in the explorer and offer the next steps.
import * as vscode from 'vscode';
import type { EcrContext } from '../context';
import type { ExplorerNode, ImageNode, RegistryNode, RepositoryNode } from '../explorer/nodes';
import { hostOf, registryForHost, repositoryNameOf } from './registryAccess';
import { notify } from '../ui/logger';
import { shortDigest } from '../core/imageRef';

/** The repository's node under `registry` in the tree, loading the listing if needed. */
export async function findRepositoryNode(ctx: EcrContext, registry: RegistryNode, name: string): Promise<RepositoryNode | undefined> {
  const children = await ctx.explorer.provider.children(registry);
  return children.find((n): n is RepositoryNode => n.kind === 'repository' && n.repository.repositoryName === name);
}

async function findImageNode(ctx: EcrContext, repository: RepositoryNode, digest: string): Promise<ImageNode | undefined> {
  const children = await ctx.explorer.provider.children(repository);
  return children.find((n): n is ImageNode => n.kind === 'image' && n.image.imageDigest === digest);
}

/** Selects the repository in the ECR view (falls back to focusing the view). */
export async function revealRepository(ctx: EcrContext, registry: RegistryNode, name: string): Promise<ExplorerNode | undefined> {
  await vscode.commands.executeCommand('ecr.explorer.focus');
  const node = await findRepositoryNode(ctx, registry, name);
  if (node) await ctx.explorer.view.reveal(node, { select: true, focus: true, expand: true });
  return node;
}

/** Shows "Pushed …" with Copy URI / Reveal in ECR Explorer / Start Scan; does not wait for a click. */
export async function announcePush(ctx: EcrContext, imageUris: readonly string[], digest: string): Promise<void> {
  const name = repositoryNameOf(imageUris[0]);
  // Looked up again: a token retry may have replaced the registry objects.
  const registry = (await registryForHost(ctx, hostOf(imageUris[0]))).node;
  ctx.model.refresh(registry);
  const message = `Pushed ${imageUris.map((u) => u.slice(u.lastIndexOf('/') + 1)).join(', ')} (${shortDigest(digest)}…)`;
  void (async () => {
    const choice = await notify(ctx.log, 'information', message, 'Copy URI', 'Reveal in ECR Explorer', 'Start Scan');
    if (choice === 'Copy URI') {
      await vscode.env.clipboard.writeText(imageUris[0]);
    } else if (choice === 'Reveal in ECR Explorer') {
      await revealRepository(ctx, registry, name);
    } else if (choice === 'Start Scan') {
      const repository = await findRepositoryNode(ctx, registry, name);
      const image = repository && (await findImageNode(ctx, repository, digest));
      if (image) await vscode.commands.executeCommand('ecr.startScan', image);
      else void notify(ctx.log, 'warning', `${name}@${digest} is not in the ECR view yet; refresh it and scan from the image.`);
    }
  })();
}
