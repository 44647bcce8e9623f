import type { CommandFactory } from '.';
import { asNode } from './nodeArgs';
import { settingsApi } from './registrySettingsArgs';

export const deletePullThroughCacheRule: CommandFactory = (ctx) => ({
  id: 'ecr.deletePullThroughCacheRule',
  run: async (arg) => {
    const node = asNode(arg, 'pullThroughCacheRule');
    if (!node) return undefined;
    const prefix = node.rule.ecrRepositoryPrefix ?? '';
    const confirmed = await ctx.prompts.confirm(
      `Delete the pull-through cache rule "${prefix}" → ${node.rule.upstreamRegistryUrl ?? '?'}?`,
      'Delete',
      'Images already cached stay in their repositories; new pulls through this prefix stop fetching from the upstream.',
    );
    if (!confirmed) return undefined;
    await (await settingsApi(ctx, node.parent.parent)).deletePullThroughCacheRule(prefix);
    ctx.log.info(`Deleted pull-through cache rule ${prefix}`);
    ctx.model.refresh(node.parent);
    return prefix;
  },
});
