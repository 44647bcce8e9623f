import type { CommandFactory } from '.';
import { apiOf, registryArg } from './nodeArgs';
import { notify } from '../ui/logger';

/** Removes the registry's policy after asking (cross-account replication into it stops). */
export const deleteRegistryPolicy: CommandFactory = (ctx) => ({
  id: 'ecr.deleteRegistryPolicy',
  run: async (arg) => {
    const node = await registryArg(ctx, arg);
    if (!node) return false;
    const label = node.registry.source.label;
    const ok = await ctx.prompts.confirm(
      `Delete the registry policy of ${label}?`,
      'Delete Policy',
      'Accounts it lets replicate or create repositories here lose that permission at once.',
    );
    if (!ok) return false;
    await (await apiOf(ctx, node)).deleteRegistryPolicy();
    void notify(ctx.log, 'information', `Deleted the registry policy of ${label}.`);
    return true;
  },
});
