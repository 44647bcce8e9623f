import type { CommandFactory } from '.';
import { apiOf, repositoryArg } from './nodeArgs';

export const toggleTagImmutability: CommandFactory = (ctx) => ({
  id: 'ecr.toggleTagImmutability',
  run: async (arg) => {
    const node = await repositoryArg(ctx, arg);
    if (!node) return undefined;
    // Tags fixed by default (IMMUTABLE, IMMUTABLE_WITH_EXCLUSION) become mutable, the rest immutable; a plain mode drops the exclusions.
    const next = node.repository.imageTagMutability?.startsWith('IMMUTABLE') ? 'MUTABLE' : 'IMMUTABLE';
    await (await apiOf(ctx, node)).setTagMutability(node.repository.repositoryName ?? '', next);
    ctx.log.info(`${node.repository.repositoryName}: tag mutability ${next}`);
    ctx.model.refresh(node.parent);
    return next;
  },
});
