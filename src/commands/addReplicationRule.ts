import type { CommandFactory } from '.';
import { askRule, replicationArg, replicationRules, saveRules } from './replicationArgs';

export const addReplicationRule: CommandFactory = (ctx) => ({
  id: 'ecr.addReplicationRule',
  run: async (arg) => {
    const node = await replicationArg(ctx, arg);
    if (!node) return undefined;
    const rule = await askRule(ctx, node);
    if (!rule) return undefined;
    const rules = [...(await replicationRules(node)), rule];
    await saveRules(ctx, node, rules);
    return rules.length;
  },
});
