import type { CommandFactory } from '.';
import { policyTextAccessMarkdown } from '../policy/accessMarkdown';
import { apiOf, repositoryArg } from './nodeArgs';
import { escapeMarkdown } from '../core/markdown';

/** Opens, in plain words, who may do what with the repository according to its policy. */
export const whoCanAccess: CommandFactory = (ctx) => ({
  id: 'ecr.whoCanAccess',
  run: async (arg) => {
    const node = await repositoryArg(ctx, arg);
    if (!node) return undefined;
    const name = node.repository.repositoryName ?? '';
    const policy = await (await apiOf(ctx, node)).getRepositoryPolicy(name);
    const markdown = [`# Who can access ${escapeMarkdown(name)}`, '', policyTextAccessMarkdown(policy)].join('\n');
    const uri = await ctx.documents.openMarkdown(`${name} who can access`, markdown);
    return uri.toString();
  },
});
