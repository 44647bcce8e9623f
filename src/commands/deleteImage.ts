import type { CommandFactory } from '.';
import { imageLabel } from '../explorer/format';
import { withProgress } from '../ui/progress';
import { apiOf, imageArg, repositoryName } from './nodeArgs';

/** Deletes the image (by digest, so all its tags go with it) after asking. */
export const deleteImage: CommandFactory = (ctx) => ({
  id: 'ecr.deleteImage',
  run: async (arg) => {
    const node = imageArg(ctx, arg);
    if (!node) return false;
    const repo = repositoryName(node);
    const label = imageLabel(node.image.imageTags);
    const ok = await ctx.prompts.confirm(`Delete image ${label} from ${repo}?`, 'Delete', `${node.image.imageDigest}\nEvery tag of this image is removed with it. This cannot be undone.`);
    if (!ok) return false;
    await withProgress(`Deleting ${repo} ${label}`, async () => (await apiOf(ctx, node)).deleteImages(repo, [{ imageDigest: node.image.imageDigest }]));
    ctx.log.info(`Deleted ${repo}@${node.image.imageDigest}`);
    ctx.model.refresh(node.parent);
    return true;
  },
});
