import type { CommandFactory } from '.';
import { withProgress } from '../ui/progress';
import type { EcrApi } from '../aws/ecrApi';
import { apiOf, repositoryArg } from './nodeArgs';

/** Deletes a repository after the user types its name; a non-empty one needs "force" too. */
export const deleteRepository: CommandFactory = (ctx) => ({
  id: 'ecr.deleteRepository',
  run: async (arg) => {
    const node = await repositoryArg(ctx, arg);
    if (!node) return false;
    const name = node.repository.repositoryName ?? '';
    const typed = await ctx.prompts.input({
      title: `Delete repository ${name}`,
      prompt: `This deletes the repository and cannot be undone. Type "${name}" to confirm.`,
      validateInput: (value) => (value === name ? undefined : `Type "${name}" exactly`),
    });
    if (typed !== name) return false;
    const api = await apiOf(ctx, node);
    // Counted now, not taken from the listing: images pushed since it loaded would go too.
    const count = await withProgress(`Counting the images in ${name}`, () => countImages(api, name));
    let force = false;
    if (count > 0) {
      const ok = await ctx.prompts.confirm(`${name} holds ${count} image${count === 1 ? '' : 's'}. Delete the repository with all its images?`, 'Delete with all images');
      if (!ok) return false;
      force = true;
    }
    await withProgress(`Deleting repository ${name}`, () => api.deleteRepository(name, force));
    ctx.log.info(`Deleted repository ${node.repository.repositoryUri}${force ? ` with ${count} image(s)` : ''}`);
    ctx.model.refresh(node.parent);
    return true;
  },
});

async function countImages(api: EcrApi, repository: string): Promise<number> {
  let count = 0;
  let nextToken: string | undefined;
  do {
    const page = await api.listImages(repository, { nextToken, maxResults: 1000, imageStatus: 'ANY' }); // archived ones go too
    count += page.items.length;
    nextToken = page.nextToken;
  } while (nextToken);
  return count;
}
