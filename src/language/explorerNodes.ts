// Explorer nodes for an image named by a hover or quick fix, with the same ids the tree uses
// (src/explorer/treeProvider.ts), so explorer commands and TreeView.reveal accept them.
import type { EcrContext } from '../context';
import type { ImageNode, RegistryNode, RepositoryNode } from '../explorer/nodes';
import type { ImageTarget } from './links';

export async function imageNodeFor(ctx: EcrContext, target: ImageTarget): Promise<ImageNode> {
  const entry = (await ctx.model.registries()).find((e) => e.source.id === target.registryId);
  if (!entry) throw new Error('The registry of this image is not configured any more.');
  const registry: RegistryNode = { kind: 'registry', id: `r/${entry.source.id}`, registry: entry };
  const otherAccount = target.registryAccountId;
  if (otherAccount) {
    // Another account's repository is not in the tree: a node of its own carrying that account's
    // registryId, which the explorer commands pass on to ECR.
    const host = entry.info?.host.replace(/^\d{12}\./, `${otherAccount}.`);
    const repository: RepositoryNode = {
      kind: 'repository',
      id: `${registry.id}/${otherAccount}/${target.repository}`,
      parent: registry,
      repository: { repositoryName: target.repository, registryId: otherAccount, repositoryUri: host && `${host}/${target.repository}` },
    };
    const image = { imageDigest: target.digest, imageTags: target.tag ? [target.tag] : [], registryId: otherAccount, repositoryName: target.repository };
    return { kind: 'image', id: `${repository.id}@${target.digest}`, parent: repository, image };
  }
  const listing = await ctx.model.repositories(entry);
  const known = listing.items?.find((r) => r.repositoryName === target.repository);
  const repositoryUri = entry.info ? `${entry.info.host}/${target.repository}` : undefined;
  const repository: RepositoryNode = {
    kind: 'repository',
    id: `${registry.id}/${target.repository}`,
    parent: registry,
    repository: known ?? { repositoryName: target.repository, repositoryUri },
  };
  const images = await ctx.model.images(entry, target.repository);
  const image = images.items?.find((i) => i.imageDigest === target.digest) ?? { imageDigest: target.digest, imageTags: target.tag ? [target.tag] : [] };
  return { kind: 'image', id: `${repository.id}@${target.digest}`, parent: repository, image };
}
