import type { CommandFactory } from '.';
import { withProgress } from '../ui/progress';
import { apiOf, imageArg, repositoryName } from './nodeArgs';
import { checkTag, shortDigest } from '../core/imageRef';

/** Adds a tag to an image in ECR itself (PutImage with its manifest); no Docker needed. */
export const addTag: CommandFactory = (ctx) => ({
  id: 'ecr.addTag',
  run: async (arg, givenTag?: unknown) => {
    const node = imageArg(ctx, arg);
    if (!node?.image.imageDigest) return undefined;
    const tag =
      typeof givenTag === 'string'
        ? givenTag
        : await ctx.prompts.input({
            title: `Add a tag to ${repositoryName(node)}@${shortDigest(node.image.imageDigest)}`,
            validateInput: checkTag,
          });
    if (!tag) return undefined;
    const problem = checkTag(tag);
    if (problem) throw new Error(problem);
    const repo = repositoryName(node);
    const api = await apiOf(ctx, node);
    const digest = node.image.imageDigest;
    // PutImage moves a tag that exists elsewhere without a word: look first (EcrApi asks ECR, never a cache).
    const [current] = await api.describeImages(repo, [{ imageTag: tag }]);
    const holder = current?.image?.imageDigest;
    if (holder === digest) return `${node.parent.repository.repositoryUri}:${tag}`;
    if (holder) {
      const others = (current.image?.imageTags ?? []).filter((t) => t !== tag);
      const ok = await ctx.prompts.confirm(
        `Tag ${tag} is on another image in ${repo} (${shortDigest(holder)}…). Move it to this image?`,
        'Move Tag',
        others.length > 0 ? `That image keeps its other tags: ${others.join(', ')}.` : 'That image is left without tags.',
      );
      if (!ok) return undefined;
    }
    await withProgress(`Tagging ${repo}:${tag}`, () => api.addTag(repo, digest, tag));
    ctx.log.info(`Tagged ${repo}@${digest} as ${tag}${holder ? ` (moved from ${holder})` : ''}`);
    ctx.model.refresh(node.parent);
    return `${node.parent.repository.repositoryUri}:${tag}`;
  },
});
