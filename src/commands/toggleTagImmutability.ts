import type { CommandFactory } from '.';
import { apiOf, repositoryArg } from './nodeArgs';

export const toggleTagImmutability: CommandFactory = (ctx) => ({
  id: 'ecr.toggleTagImmutability',
  run: async (arg) => {
    const node = await repositoryArg(ctx, arg);
    if (!node) return undefined;
    const next = node.repository.imageTagMutability === 'IMMUTABLE' ? 'MUTABLE' : 'IMMUTABLE';
    await (await apiOf(ctx, node)).setTagMutability(node.repository.repositoryName ?? '', next);
    ctx.log.info(`${node.repository.repositoryName}: tag mutability ${next}`);
    ctx.model.refresh(node.parent);
    return next;
  },
});
