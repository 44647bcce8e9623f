import type { CommandFactory } from '.';
import { withProgress } from '../ui/progress';
import { apiOf, imageArg, repositoryName } from './nodeArgs';

const TAG = /^[\w][\w.-]{0,127}$/;

/** Adds a tag to an image in ECR itself (PutImage with its manifest); no Docker needed. */
export const addTag: CommandFactory = (ctx) => ({
  id: 'ecr.addTag',
  run: async (arg, givenTag?: unknown) => {
    const node = imageArg(arg);
    if (!node?.image.imageDigest) return undefined;
    const tag =
      typeof givenTag === 'string'
        ? givenTag
        : await ctx.prompts.input({
            title: `Add a tag to ${repositoryName(node)}@${node.image.imageDigest.slice(0, 19)}`,
            validateInput: (value) => (TAG.test(value) ? undefined : 'Up to 128 letters, digits, _ . -; not starting with . or -'),
          });
    if (!tag) return undefined;
    if (!TAG.test(tag)) throw new Error(`"${tag}" is not a valid tag: up to 128 letters, digits, _ . -; not starting with . or -`);
    const repo = repositoryName(node);
    await withProgress(`Tagging ${repo}:${tag}`, () => apiOf(node).addTag(repo, node.image.imageDigest ?? '', tag));
    ctx.log.info(`Tagged ${repo}@${node.image.imageDigest} as ${tag}`);
    ctx.model.refresh(node.parent);
    return `${node.parent.repository.repositoryUri}:${tag}`;
  },
});
