import type { CommandFactory } from '.';
import { apiOf, repositoryArg } from './nodeArgs';
import { notify } from '../ui/logger';

export const viewRepositoryPolicy: CommandFactory = (ctx) => ({
  id: 'ecr.viewRepositoryPolicy',
  run: async (arg) => {
    const node = await repositoryArg(ctx, arg);
    if (!node) return undefined;
    const name = node.repository.repositoryName ?? '';
    const policy = await (await apiOf(ctx, node)).getRepositoryPolicy(name);
    if (policy === undefined) {
      void notify(ctx.log, 'information', `${name} has no repository policy: access follows the account's IAM policies.`);
      return undefined;
    }
    const text = JSON.stringify(JSON.parse(policy), null, 2);
    await ctx.documents.open(`${name} repository policy.json`, text, 'json');
    return text;
  },
});
