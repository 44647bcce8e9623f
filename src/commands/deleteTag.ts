import type { CommandFactory } from '.';
import { withProgress } from '../ui/progress';
import { apiOf, imageArg, repositoryName } from './nodeArgs';

/** Removes one tag; the image stays while it has other tags. */
export const deleteTag: CommandFactory = (ctx) => ({
  id: 'ecr.deleteTag',
  run: async (arg, givenTag?: unknown) => {
    const node = imageArg(arg);
    const tags = node?.image.imageTags ?? [];
    if (!node || tags.length === 0) return false;
    const tag = typeof givenTag === 'string' ? givenTag : tags.length === 1 ? tags[0] : (await ctx.prompts.pick(tags.map((label) => ({ label })), { placeHolder: 'Tag to remove' }))?.label;
    if (!tag) return false;
    const repo = repositoryName(node);
    const last = tags.length === 1;
    const ok = await ctx.prompts.confirm(`Remove tag ${tag} from ${repo}?`, 'Remove Tag', last ? 'It is the image\'s only tag: the image is deleted with it.' : undefined);
    if (!ok) return false;
    await withProgress(`Removing tag ${repo}:${tag}`, () => apiOf(node).deleteImages(repo, [{ imageTag: tag }]));
    ctx.log.info(`Removed tag ${repo}:${tag}`);
    ctx.model.refresh(node.parent);
    return true;
  },
});
