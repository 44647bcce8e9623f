// Explorer nodes for an image named by a hover or quick fix, built like the tree's (explorer/nodes.ts),
// so explorer commands and TreeView.reveal accept them.
import type { EcrContext } from '../context';
import { imageNode, registryNode, repositoryNode, type ImageNode } from '../explorer/nodes';
import type { ImageTarget } from './links';

export async function imageNodeFor(ctx: EcrContext, target: ImageTarget): Promise<ImageNode> {
  const entry = (await ctx.model.registries()).find((e) => e.source.id === target.registryId);
  if (!entry) throw new Error('The registry of this image is not configured any more.');
  const registry = registryNode(entry);
  const otherAccount = target.registryAccountId;
  if (otherAccount) {
    // Another account's repository is not in the tree: a node of its own carrying that account's
    // registryId, which the explorer commands pass on to ECR.
    const host = entry.info?.host.replace(/^\d{12}\./, `${otherAccount}.`);
    const repository = repositoryNode(registry, { repositoryName: target.repository, registryId: otherAccount, repositoryUri: host && `${host}/${target.repository}` }, otherAccount);
    return imageNode(repository, { imageDigest: target.digest, imageTags: target.tag ? [target.tag] : [], registryId: otherAccount, repositoryName: target.repository });
  }
  const listing = await ctx.model.repositories(entry);
  const known = listing.items?.find((r) => r.repositoryName === target.repository);
  const repositoryUri = entry.info ? `${entry.info.host}/${target.repository}` : undefined;
  const repository = repositoryNode(registry, known ?? { repositoryName: target.repository, repositoryUri });
  const images = await ctx.model.images(entry, target.repository);
  return imageNode(repository, images.items?.find((i) => i.imageDigest === target.digest) ?? { imageDigest: target.digest, imageTags: target.tag ? [target.tag] : [] });
}
