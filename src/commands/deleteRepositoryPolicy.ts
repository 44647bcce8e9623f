import type { CommandFactory } from '.';
import { apiOf, repositoryArg } from './nodeArgs';
import { notify } from '../ui/logger';

/** Removes the repository's policy after asking: access then follows the accounts' IAM policies only. */
export const deleteRepositoryPolicy: CommandFactory = (ctx) => ({
  id: 'ecr.deleteRepositoryPolicy',
  run: async (arg) => {
    const node = await repositoryArg(ctx, arg);
    if (!node) return false;
    const name = node.repository.repositoryName ?? '';
    const ok = await ctx.prompts.confirm(
      `Delete the repository policy of ${name}?`,
      'Delete Policy',
      'Other accounts and services it lets in lose access at once; your account\'s IAM policies still apply.',
    );
    if (!ok) return false;
    await (await apiOf(ctx, node)).deleteRepositoryPolicy(name);
    void notify(ctx.log, 'information', `Deleted the repository policy of ${name}.`);
    return true;
  },
});
