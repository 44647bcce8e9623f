import type { CommandFactory } from '.';
import { asNode } from './nodeArgs';
import { askRule, replicationRules, saveRules } from './replicationArgs';

export const editReplicationRule: CommandFactory = (ctx) => ({
  id: 'ecr.editReplicationRule',
  run: async (arg) => {
    const node = asNode(arg, 'replicationRule');
    if (!node) return undefined;
    const rule = await askRule(ctx, node.parent, node.rule);
    if (!rule) return undefined;
    const rules = await replicationRules(node.parent);
    rules[node.index] = rule;
    await saveRules(ctx, node.parent, rules);
    return rules.length;
  },
});
