import type { CommandFactory } from '.';
import { withProgress } from '../ui/progress';
import { apiOf, imageArg, repositoryName } from './nodeArgs';
import { shortDigest } from '../core/imageRef';

/** ECR's answers when the tag no longer names the digest the user saw. */
const MOVED = new Set(['ImageTagDoesNotMatchDigest', 'ImageNotFound']);

/**
 * Removes one tag; the image stays while it has other tags. Sent with the digest the list showed,
 * so ECR refuses if the tag moved since: another image never loses it.
 */
export const deleteTag: CommandFactory = (ctx) => ({
  id: 'ecr.deleteTag',
  run: async (arg, givenTag?: unknown) => {
    const node = imageArg(ctx, arg);
    const tags = node?.image.imageTags ?? [];
    const digest = node?.image.imageDigest;
    if (!node || !digest || tags.length === 0) return false;
    const tag = typeof givenTag === 'string' ? givenTag : tags.length === 1 ? tags[0] : (await ctx.prompts.pick(tags.map((label) => ({ label })), { placeHolder: 'Tag to remove' }))?.label;
    if (!tag) return false;
    const repo = repositoryName(node);
    const last = tags.length === 1;
    const ok = await ctx.prompts.confirm(`Remove tag ${tag} from ${repo}?`, 'Remove Tag', last ? 'It is the image\'s only tag: the image is deleted with it.' : undefined);
    if (!ok) return false;
    try {
      await withProgress(`Removing tag ${repo}:${tag}`, async () => (await apiOf(ctx, node)).deleteImages(repo, [{ imageDigest: digest, imageTag: tag }]));
    } catch (error) {
      if (!tagMoved(error)) throw error;
      ctx.model.refresh(node.parent);
      throw new Error(
        `Tag ${tag} was not removed: in ${repo} it no longer points to the image you selected (${shortDigest(digest)}…). ` +
          'It moved since the list loaded; the list is refreshed, check the tag and try again.',
      );
    }
    ctx.log.info(`Removed tag ${repo}:${tag} (from ${digest})`);
    ctx.model.refresh(node.parent);
    return true;
  },
});

/** By name: the AWS side is bundled apart (loaded lazily), so `instanceof ImageFailuresError` would not hold. */
function tagMoved(error: unknown): boolean {
  if (!(error instanceof Error) || error.name !== 'ImageFailuresError') return false;
  const failures = (error as { failures?: readonly { failureCode?: string }[] }).failures ?? [];
  return failures.length > 0 && failures.every((f) => MOVED.has(f.failureCode ?? ''));
}
